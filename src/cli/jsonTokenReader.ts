import { InputError } from '../engine/errors';
import type { InputLimits } from './inputLimits';
import { decodeJsonText } from './jsonText';
import type { JsonSink } from './jsonSink';

const HEX_BYTE = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX_BYTE[c.charCodeAt(0)] = 1;
const ESCAPE_BYTE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPE_BYTE[c.charCodeAt(0)] = 1;

export const LITERALS: Record<number, { text: string; value: boolean | null }> = {
  0x74: { text: 'true', value: true },
  0x66: { text: 'false', value: false },
  0x6e: { text: 'null', value: null },
};

export const NOT_JSON = 'the request is not valid JSON';

// what the reader expects next
export const VALUE = 0; // a value (at the top, after ':' or after ',' in a list)
export const VALUE_OR_CLOSE = 1; // after '['
export const KEY_OR_CLOSE = 2; // after '{'
export const KEY = 3; // after ',' in an object
export const COLON = 4;
export const AFTER_VALUE = 5; // ',' or the container's close
export const DONE = 6; // the top value has ended: only whitespace may follow
export const IN_TEXT = 7; // inside a string (a key or a value)
export const IN_NUMBER = 8; // a number cut by the end of a chunk
export const IN_LITERAL = 9; // true / false / null cut by the end of a chunk

/**
 * The streaming reader's state below the structure of lists and objects: where it is (line
 * and column, for messages), the string, literal or number being read, and the bytes of one
 * cut by a chunk's end. JsonStreamReader (jsonReader.ts) adds the structure and the hot loops;
 * this part is read once per token, not once per byte of a row of numbers.
 */
export abstract class JsonTokenReader {
  protected state = VALUE;
  protected depth = 0;
  /** ≥ 0 while skipping: the depth of the object whose value, or of the list whose rest, is being skipped */
  protected skipDepth = -1;
  protected skipRest = false;

  /** absolute offset of the current chunk's first byte */
  protected offset = 0;
  protected line = 1;
  protected lineStart = 0;
  /** UTF-8 continuation bytes since lineStart: a column counts characters, not bytes */
  protected continuations = 0;

  // the string being read
  protected textIsKey = false;
  private textKept = false;
  private textEscape = 0; // 0 none, 1 after '\\', 5…2 hex digits to come
  protected textStart = 0; // absolute offset of its opening quote
  private readonly textBytes: Buffer;
  private textLength = 0;
  private textWhole = true;

  /** absolute offset of the token being read, for the position of a sink's refusal */
  protected tokenAt = 0;

  /** a number or literal cut by a chunk's end */
  protected readonly carry: Buffer;
  protected carryLength = 0;
  protected carryStart = 0;

  constructor(
    protected readonly sink: JsonSink,
    protected readonly limits: InputLimits,
  ) {
    this.textBytes = Buffer.alloc(limits.maxTextBytes);
    this.carry = Buffer.alloc(limits.maxNumberChars + 1);
  }

  /** A value has ended (at the current depth); `keepSiblings` is what the sink said. */
  protected abstract valueDone(keepSiblings: boolean, i: number): void;

  /** "line 3, column 14" for an absolute byte offset on the current line */
  protected where(at: number): string {
    const column = Math.max(1, at - this.lineStart - this.continuations + 1);
    return `line ${this.line}, column ${column}`;
  }

  /** `hint`, when given, follows the position: "…at line 1, column 4; write it as …" */
  protected syntax(message: string, at: number, hint = ''): never {
    throw new InputError(`${NOT_JSON}: ${message} at ${this.where(at)}${hint ? '; ' + hint : ''}`);
  }

  protected unexpected(buf: Buffer, i: number, expected: string): never {
    const c = buf[i];
    const shown = c < 0x80 ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).toUpperCase()} (not ASCII, outside a text)`;
    if (this.state === DONE) this.syntax(`unexpected ${shown} after the end of the request`, this.offset + i);
    this.syntax(`unexpected ${shown}, expected ${expected},`, this.offset + i);
  }

  // --- true, false, null ---

  protected beginLiteral(buf: Buffer, i: number): number {
    const n = Math.min(buf.length, i + 5);
    const m = n - i;
    buf.copy(this.carry, 0, i, n);
    this.carryLength = m;
    this.carryStart = this.offset + i;
    return this.literalProgress(i + m);
  }

  protected continueLiteral(buf: Buffer, i: number): number {
    const want = LITERALS[this.carry[0]].text.length;
    const m = Math.min(buf.length - i, want - this.carryLength);
    buf.copy(this.carry, this.carryLength, i, i + m);
    this.carryLength += m;
    return this.literalProgress(i + m);
  }

  /** Checks the literal's bytes so far; `next` is where the chunk goes on after them. */
  private literalProgress(next: number): number {
    const { text, value } = LITERALS[this.carry[0]];
    const have = Math.min(this.carryLength, text.length);
    for (let k = 1; k < have; k++) {
      if (this.carry[k] !== text.charCodeAt(k)) this.syntax(`unexpected '${this.carry.toString('latin1', 0, k + 1)}', expected a value,`, this.carryStart);
    }
    if (have < text.length) {
      this.state = IN_LITERAL;
      return next;
    }
    this.state = VALUE;
    const kept = this.skipDepth < 0;
    this.valueDone(kept ? this.sink.literal(value) : true, this.carryStart - this.offset);
    // the bytes read past the literal (it is shorter than 5) belong to what follows
    return next - (this.carryLength - text.length);
  }

  // --- strings ---

  protected beginText(i: number, isKey: boolean): number {
    this.textIsKey = isKey;
    this.textKept = this.skipDepth < 0;
    this.textEscape = 0;
    this.textStart = this.offset + i;
    this.textLength = 0;
    this.textWhole = true;
    this.state = IN_TEXT;
    return i + 1;
  }

  /** Reads string bytes from i; returns where it stopped (after the closing quote, or the chunk's end). */
  protected readText(buf: Buffer, i: number): number {
    const n = buf.length;
    const start = i;
    let escape = this.textEscape;
    for (; i < n; i++) {
      const c = buf[i];
      if (escape === 0) {
        if (c === 0x22) {
          this.keepTextBytes(buf, start, i);
          this.textEscape = 0;
          this.finishText(i);
          return i + 1;
        }
        if (c === 0x5c) escape = 1;
        else if (c < 0x20) this.syntax('a control character inside a text', this.offset + i, `write it as the escape \\u${c.toString(16).padStart(4, '0')}`);
        else if ((c & 0xc0) === 0x80) this.continuations++;
      } else if (escape === 1) {
        if (ESCAPE_BYTE[c] !== 1) this.syntax(`'\\${c < 0x80 ? String.fromCharCode(c) : '…'}' is not an escape JSON has`, this.offset + i - 1);
        escape = c === 0x75 ? 5 : 0;
      } else {
        if (HEX_BYTE[c] !== 1) this.syntax(`a \\u escape needs 4 hexadecimal digits`, this.offset + i);
        escape = escape === 2 ? 0 : escape - 1;
      }
    }
    this.textEscape = escape;
    this.keepTextBytes(buf, start, n);
    return n;
  }

  private keepTextBytes(buf: Buffer, start: number, end: number): void {
    if (!this.textKept || end <= start) return;
    const room = this.textBytes.length - this.textLength;
    if (end - start > room) this.textWhole = false;
    const m = Math.min(room, end - start);
    buf.copy(this.textBytes, this.textLength, start, start + m);
    this.textLength += m;
  }

  private finishText(i: number): void {
    this.state = this.textIsKey ? COLON : VALUE;
    if (!this.textKept) {
      if (!this.textIsKey) this.valueDone(true, i);
      return;
    }
    const text = decodeJsonText(this.textBytes, this.textLength, !this.textWhole);
    if (this.textIsKey) {
      if (!this.sink.key(text, this.textWhole)) {
        this.skipDepth = this.depth;
        this.skipRest = false;
      }
      return;
    }
    this.valueDone(this.sink.text(text, this.textWhole), i);
  }
}
