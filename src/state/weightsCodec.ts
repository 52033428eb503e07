/**
 * Weights as text for a link or a session file: every float64 array byte for byte (so a restored
 * loss equals the original bit for bit), deflate-raw compressed, base64url (safe in a URL hash).
 *
 * Bytes before compression, little-endian:
 *   'UW' 1 (format) · u32 checksum of what follows it · u32 array count · u32 length of each array · the float64 values
 * The checksum (FNV-1a) catches a payload that was edited and still inflates: a tampered link is
 * refused whole, never half-loaded.
 */

const MAGIC = [0x55, 0x57, 1] as const;
const HEADER = MAGIC.length + 4;
/** more arrays than any network the UI allows (4 per layer and direction, and the head's two) */
const MAX_ARRAYS = 4 * 16 * 2 + 2;
/** a bound on what a payload may inflate to, so a crafted link cannot exhaust memory */
const MAX_BYTES = 64 * 1024 * 1024;

export class WeightsPayloadError extends Error {}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Bytes through a (de)compression stream, refused past `limit` bytes out (also for lessonCodec.ts). */
export async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  const reader = out.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new WeightsPayloadError('the weights are larger than any network Unroll shows');
    }
    parts.push(value);
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return joined;
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new WeightsPayloadError('the weights contain characters a link never has');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  let bin: string;
  try {
    bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw new WeightsPayloadError('the weights are cut short');
  }
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The arrays (state_dict order) as link text. */
export async function encodeWeights(arrays: readonly Float64Array[]): Promise<string> {
  const count = arrays.length;
  const values = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(HEADER + 4 + 4 * count + 8 * values);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  let at = HEADER;
  view.setUint32(at, count, true);
  at += 4;
  for (const a of arrays) {
    view.setUint32(at, a.length, true);
    at += 4;
  }
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, at += 8) view.setFloat64(at, a[i], true);
  }
  view.setUint32(MAGIC.length, fnv1a(bytes.subarray(HEADER)), true);
  return toBase64Url(await through(bytes, new CompressionStream('deflate-raw'), Infinity));
}

/** Link text back to the arrays; throws WeightsPayloadError, saying why, for anything else. */
export async function decodeWeights(text: string): Promise<Float64Array[]> {
  const packed = fromBase64Url(text);
  let bytes: Uint8Array;
  try {
    bytes = await through(packed, new DecompressionStream('deflate-raw'), MAX_BYTES);
  } catch (e) {
    if (e instanceof WeightsPayloadError) throw e;
    throw new WeightsPayloadError('the weights are damaged (they do not decompress)');
  }
  if (bytes.length < HEADER + 4 || MAGIC.some((b, i) => bytes[i] !== b)) throw new WeightsPayloadError('the weights are not in a format Unroll writes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(MAGIC.length, true) !== fnv1a(bytes.subarray(HEADER))) throw new WeightsPayloadError('the weights were changed after they were written (the checksum differs)');
  let at = HEADER;
  const count = view.getUint32(at, true);
  at += 4;
  if (count < 6 || count > MAX_ARRAYS || (count - 2) % 4 !== 0) throw new WeightsPayloadError(`the weights hold ${count} arrays, not 4 per layer and direction and 2 for the head`);
  if (bytes.length < at + 4 * count) throw new WeightsPayloadError('the weights are cut short');
  const lengths: number[] = [];
  for (let k = 0; k < count; k++, at += 4) lengths.push(view.getUint32(at, true));
  const values = lengths.reduce((n, l) => n + l, 0);
  if (bytes.length !== at + 8 * values) throw new WeightsPayloadError('the weights are cut short or too long for their own sizes');
  const arrays = lengths.map((n) => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++, at += 8) a[i] = view.getFloat64(at, true);
    return a;
  });
  if (arrays.some((a) => a.some((v) => !Number.isFinite(v)))) throw new WeightsPayloadError('the weights hold a value that is not a finite number');
  return arrays;
}
