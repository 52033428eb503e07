import { describe, expect, it } from 'vitest';
import { decodeWeights, encodeWeights, fromBase64Url, toBase64Url, WeightsPayloadError } from './weightsCodec';
import { createRng } from '../engine/rng';

/** Bits of every value, so -0, NaN payloads and the last ulp all count. */
const bits = (arrays: Float64Array[]) => arrays.map((a) => Array.from(new BigUint64Array(a.slice().buffer), String));

function lstmLike(seed: number): Float64Array[] {
  const rng = createRng(seed);
  const sizes = [4 * 8 * 3, 4 * 8 * 8, 32, 32, 2 * 8, 2];
  return sizes.map((n) => Float64Array.from({ length: n }, () => (rng.next() - 0.5) * 2 ** (rng.next() * 40 - 20)));
}

describe('weights in a link', () => {
  it('round-trips every float64 bit for bit, extremes included', async () => {
    const arrays = lstmLike(7);
    arrays[0].set([0, -0, 5e-324, -1.7976931348623157e308, Math.PI, 1 / 3]);
    const text = await encodeWeights(arrays);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(bits(await decodeWeights(text))).toEqual(bits(arrays));
  });

  it('a two-layer, two-way network (18 arrays) comes back in the same order', async () => {
    const arrays = Array.from({ length: 18 }, (_, k) => Float64Array.from({ length: k + 1 }, (_, i) => k * 100 + i + 0.125));
    const back = await decodeWeights(await encodeWeights(arrays));
    expect(back.map((a) => a.length)).toEqual(arrays.map((a) => a.length));
    expect(bits(back)).toEqual(bits(arrays));
  });

  it('base64url has no characters a URL escapes, and reads back', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 255);
    const text = toBase64Url(bytes);
    expect(text).not.toMatch(/[+/=%]/);
    expect(Array.from(fromBase64Url(text))).toEqual(Array.from(bytes));
  });

  it('refuses a payload with one character changed, cut short, or not base64url', async () => {
    const text = await encodeWeights(lstmLike(3));
    const mid = Math.floor(text.length / 2);
    const flipped = text.slice(0, mid) + (text[mid] === 'A' ? 'B' : 'A') + text.slice(mid + 1);
    await expect(decodeWeights(flipped)).rejects.toBeInstanceOf(WeightsPayloadError);
    await expect(decodeWeights(text.slice(0, mid))).rejects.toBeInstanceOf(WeightsPayloadError);
    await expect(decodeWeights(text + '%20')).rejects.toBeInstanceOf(WeightsPayloadError);
    await expect(decodeWeights('')).rejects.toBeInstanceOf(WeightsPayloadError);
  });

  it('refuses a well-compressed payload whose values were edited (the checksum differs)', async () => {
    // Re-compress the same bytes with one value changed: it inflates fine, the checksum catches it.
    const text = await encodeWeights(lstmLike(5));
    const raw = await new Response(new Blob([fromBase64Url(text) as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer();
    const bytes = new Uint8Array(raw);
    bytes[bytes.length - 1] ^= 1;
    const edited = new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    await expect(decodeWeights(toBase64Url(edited))).rejects.toThrow(/checksum/);
  });

  it('refuses non-finite values and a wrong number of arrays', async () => {
    const bad = lstmLike(1);
    bad[5][0] = NaN;
    await expect(decodeWeights(await encodeWeights(bad))).rejects.toThrow(/finite/);
    await expect(decodeWeights(await encodeWeights(lstmLike(1).slice(0, 5)))).rejects.toThrow(/arrays/);
  });
});
