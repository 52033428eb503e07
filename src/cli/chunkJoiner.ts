/**
 * Gathers small chunks (a pipe gives 64 KiB at a time) into pieces of at least `size` bytes
 * before they are read, so that most rows of numbers arrive whole in one piece: the reader
 * hands such a row to JSON.parse, 2 to 3 times faster than reading it number by number.
 */
export class ChunkJoiner {
  private parts: Uint8Array[] = [];
  private bytes = 0;

  constructor(
    private readonly size: number,
    private readonly push: (piece: Uint8Array) => void,
  ) {}

  add(chunk: Uint8Array): void {
    if (this.bytes === 0 && chunk.length >= this.size) {
      this.push(chunk);
      return;
    }
    this.parts.push(chunk);
    this.bytes += chunk.length;
    if (this.bytes >= this.size) this.flush();
  }

  /** Pushes what is gathered (at the end of the input). */
  flush(): void {
    if (this.bytes === 0) return;
    const piece = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.bytes);
    this.parts = [];
    this.bytes = 0;
    this.push(piece);
  }
}
