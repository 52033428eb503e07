import { ENGINE_LIMITS, type Limits } from '../engine/limits';

/**
 * How much of a request the trace CLI reads and keeps, all derived from the engine limits so
 * that every request those limits accept fits, and nothing much larger is ever held in memory.
 * This is the one place these numbers are stated.
 */
export interface InputLimits {
  /** bytes read from the file or stdin; a longer input is refused before it is parsed */
  maxBytes: number;
  /** numbers kept (under the keys a request defines) */
  maxNumbers: number;
  /** entries in one list */
  maxListLength: number;
  /** lists and objects kept */
  maxContainers: number;
  /** keys kept, including the names of unknown keys (whose values are skipped, not kept) */
  maxKeys: number;
  /** UTF-8 bytes of one kept key or text (longer unknown keys are shortened, not refused) */
  maxTextBytes: number;
  /** UTF-8 bytes of all kept keys and texts together */
  maxTextBytesTotal: number;
  /** nesting depth of lists and objects (a request nests 5 deep) */
  maxDepth: number;
  /** characters of one number (the longest float64 written shortest is 24) */
  maxNumberChars: number;
}

/**
 * The most numbers a request within these limits can hold. Every number of a request also
 * lives in the working memory workspaceEntries counts, the weights twice (values and
 * gradients) and each step's inputs and targets at least twice (x and dx, y and dy), except
 * head.weight, which it counts once: so numbers ≤ entries / 2 + O·H / 2. At the engine limits
 * that is 35,651,584; the largest request that fits (rnn, H = 1, I = 4096, O = 1, 8173 steps)
 * holds 33,488,884.
 */
export function maxRequestNumbers(limits: Limits): number {
  return Math.floor(limits.maxWorkspaceEntries / 2 + (limits.maxOutput * limits.maxHidden) / 2);
}

/**
 * Bytes allowed per number: 24 characters for the longest float64 written shortest
 * (-2.2250738585072014e-308), 2 for Python's ", " separator and 6 for a line break and
 * indentation, as json.dump(indent=2) writes a row.
 */
export const BYTES_PER_NUMBER = 32;

/** Room for everything that is not a number: keys, brackets, the cell and loss names. */
const STRUCTURE_BYTES = 16 * 1024 * 1024;

export function inputLimitsFor(limits: Limits): InputLimits {
  const maxNumbers = maxRequestNumbers(limits);
  return {
    maxBytes: maxNumbers * BYTES_PER_NUMBER + STRUCTURE_BYTES,
    maxNumbers,
    // the longest list a request has: the steps, or a row of a weight matrix or of the inputs
    maxListLength: Math.max(limits.maxSteps, limits.maxInput, limits.maxOutput, 4 * limits.maxHidden),
    // a row per step for the inputs and one for the targets, and as many again for the
    // weight rows (at most 4·H + 4·H + O of them), the objects and headroom
    maxContainers: 4 * limits.maxSteps,
    maxKeys: 100_000,
    maxTextBytes: 4096,
    maxTextBytesTotal: 16 * 1024 * 1024,
    maxDepth: 1000,
    maxNumberChars: 4096,
  };
}

/** The CLI's limits, from the engine's: 1,157,627,904 bytes (≈ 1.16 GB) of JSON, 35,651,584 numbers. */
export const CLI_INPUT_LIMITS: InputLimits = inputLimitsFor(ENGINE_LIMITS);
