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
    if (total > maxBytes) throw tooLarge(null, maxBytes);
    consume(chunk);
  }
  return total;
}

/** The refusal of an input over the byte limit: `size` when it is known (a file), null for a stream cut off at the limit. */
export function tooLarge(size: number | null, maxBytes: number): InputError {
  const what = size === null ? 'the request is over' : `the request is ${groupDigits(size)} bytes, over`;
  const stop = size === null ? '; stopped reading there' : '';
  return new InputError(
    `${what} the limit of ${groupDigits(maxBytes)} bytes (the largest request within the engine limits, its numbers written in full)${stop}`,
  );
}
