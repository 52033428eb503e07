/**
 * Reading an imported weights file: a bare state_dict, {cell, state_dict}, or an exported trace
 * with its request. Everything is checked before anything changes: the shape against the data,
 * the size limits, and that the weights' pass does not overflow (checked as the trace CLI checks
 * it: 1e308 is a float64, its products are not).
 */
import { InputError } from '../engine/errors';
import { jsonRead } from '../engine/jsonRead';
import { checkLimits, UI_LIMITS } from '../engine/limits';
import { largestWeight, overflowError, runOverflow } from '../engine/overflow';
import type { Params } from '../engine/params';
import { StepSession } from '../engine/session';
import { keyPrefixes, type KeyPrefixes, readStateDict } from '../engine/stateDict';
import type { TaskData } from '../engine/tasks';
import { isObject } from './hostChecks';

export interface ReadImport {
  params: Params;
  /** the module prefixes of the file's keys, written back on export */
  prefixes: KeyPrefixes;
  /** the weights' session on the task's example (computed for the overflow check, kept) */
  session: StepSession;
}

export function readImport(json: string, data: TaskData): ReadImport {
  let raw: unknown;
  try {
    // in pieces, with signs of life: one JSON.parse of a big file is silent long enough to look hung
    raw = jsonRead(json);
  } catch (e) {
    throw new InputError(`the file is not valid JSON (${(e as Error).message})`);
  }
  let cell: unknown;
  if (isObject(raw) && isObject(raw.request)) raw = raw.request;
  if (isObject(raw) && isObject(raw.state_dict)) {
    cell = raw.cell;
    raw = raw.state_dict;
  }
  const params = readStateDict(raw, cell === 'rnn' || cell === 'lstm' || cell === 'gru' ? cell : undefined, UI_LIMITS);
  const prefixes = keyPrefixes(raw);
  if (params.inputSize !== data.inputSize || params.outputSize !== data.outputSize) {
    throw new InputError(
      `these weights read ${params.inputSize} input(s) and write ${params.outputSize} output(s); the current input needs ${data.inputSize} and ${data.outputSize} (weight_ih_l0 is [G·H, I], head.weight is [O, H])`,
      params.inputSize !== data.inputSize ? 'weight_ih_l0' : 'head.weight',
    );
  }
  const over = checkLimits(params, data.example.steps, UI_LIMITS);
  if (over) throw new InputError(over);
  if (params.directions === 2 && data.example.truncation > 0) {
    throw new InputError(
      `these weights are bidirectional ('weight_ih_l0_reverse'); a bidirectional network has no truncated form here: set truncation to 0 first (it is ${data.example.truncation})`,
      'weight_ih_l0_reverse',
    );
  }
  const session = new StepSession(params, data.example);
  const overflowed = runOverflow(session);
  if (overflowed) {
    const big = largestWeight(params);
    throw new InputError(`${overflowError(overflowed).message} (the largest weight is ${big.value} in ${big.key})`, big.key);
  }
  return { params, prefixes, session };
}
