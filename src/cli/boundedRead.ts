import { InputError } from '../engine/errors';
import { groupDigits } from './printable';

/**
 * Feeds chunks to `consume` until the source ends, and refuses (InputError) as soon as the
 * bytes read pass `maxBytes`: the chunk that passes it is not consumed, and nothing more is
 * asked of the source (leaving the loop ends a stream). Returns the bytes read.
 */
export async function readBounded(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  consume: (chunk: Uint8Array) => void,
): Promise<number> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(`more than ${groupDigits(maxBytes)} bytes`, maxBytes);
    consume(chunk);
  }
  return total;
}

/** The refusal of an input over the byte limit; `size` says how large it is, as far as known. */
export function tooLarge(size: string, maxBytes: number): InputError {
  return new InputError(
    `the request is ${size}, over the limit of ${groupDigits(maxBytes)} bytes (the largest request within the engine limits, its numbers written in full)`,
  );
}
