/** Shared builders for the engine's unit tests: seeded random parameters and sequences. */
import { InputError } from '../errors';
import type { LossKind } from '../loss';
import { type CellType, type Directions, fields, GATE_COUNT, type ParamField, type Params, zerosLike } from '../params';
import type { Rng } from '../rng';
import type { Sequence } from '../sequence';
import type { NaiveGrads, NaiveNetworkSequence, NaiveSequence } from './naive';

export interface ShapeSpec {
  cell: CellType;
  I: number;
  H: number;
  O: number;
  /** layers (default 1) */
  L?: number;
  /** directions (default 1) */
  D?: Directions;
}

/** Every entry ~ U(−scale, scale), drawn in state_dict order. */
export function randomParams(rng: Rng, { cell, I, H, O, L, D }: ShapeSpec, scale = 0.6): Params {
  const p = zerosLike({ cell, inputSize: I, hiddenSize: H, outputSize: O, numLayers: L ?? 1, directions: D ?? 1 });
  for (const a of fields(p)) {
    for (let k = 0; k < a.length; k++) a[k] = rng.uniform(-scale, scale);
  }
  return p;
}

export interface SequenceSpec {
  T: number;
  I: number;
  H: number;
  O: number;
  loss: LossKind;
  truncation?: number;
  withH0?: boolean;
  withC0?: boolean;
  inputScale?: number;
  /** rows of h0 and c0, L·D (default 1: one H-vector) */
  stateRows?: number;
}

export function randomSequence(rng: Rng, s: SequenceSpec): Sequence {
  const scale = s.inputScale ?? 1;
  const inputs = new Float64Array(s.T * s.I);
  for (let k = 0; k < inputs.length; k++) inputs[k] = rng.uniform(-scale, scale);
  const seq: Sequence = {
    steps: s.T,
    inputs,
    targets:
      s.loss === 'mse'
        ? { kind: 'mse', values: Float64Array.from({ length: s.T * s.O }, () => rng.uniform(-1, 1)) }
        : { kind: 'cross_entropy', classes: Int32Array.from({ length: s.T }, () => rng.int(s.O)) },
    truncation: s.truncation ?? 0,
  };
  const rows = s.stateRows ?? 1;
  if (s.withH0) seq.h0 = Float64Array.from({ length: rows * s.H }, () => rng.uniform(-0.9, 0.9));
  if (s.withC0) seq.c0 = Float64Array.from({ length: rows * s.H }, () => rng.uniform(-1.5, 1.5));
  return seq;
}

/** The same sequence for the naive network (h0 and c0 as one H-vector per layer and direction). */
export function toNaiveNetworkSequence(seq: Sequence, I: number, H: number, O: number): NaiveNetworkSequence {
  const one = toNaiveSequence(seq, I, O);
  const split = (a: Float64Array) => Array.from({ length: a.length / H }, (_, r) => Array.from(a.subarray(r * H, (r + 1) * H)));
  return {
    inputs: one.inputs,
    targets: one.targets,
    h0: seq.h0 ? split(seq.h0) : undefined,
    c0: seq.c0 ? split(seq.c0) : undefined,
    truncation: seq.truncation,
    lossSteps: seq.lossSteps,
  };
}

/** The same sequence for the naive implementation. */
export function toNaiveSequence(seq: Sequence, I: number, O: number): NaiveSequence {
  const rows = (a: Float64Array, cols: number) =>
    Array.from({ length: seq.steps }, (_, t) => Array.from(a.subarray(t * cols, (t + 1) * cols)));
  return {
    inputs: rows(seq.inputs, I),
    targets:
      seq.targets.kind === 'mse'
        ? { kind: 'mse', values: rows(seq.targets.values, O) }
        : { kind: 'cross_entropy', classes: Array.from(seq.targets.classes) },
    h0: seq.h0 ? Array.from(seq.h0) : undefined,
    c0: seq.c0 ? Array.from(seq.c0) : undefined,
    truncation: seq.truncation,
    lossSteps: seq.lossSteps,
  };
}

/** The rows [from, to) of a sequence as a sequence of its own (targets included), with a given initial state. */
export function subSequence(seq: Sequence, I: number, O: number, from: number, to: number, h0?: Float64Array, c0?: Float64Array): Sequence {
  const sub: Sequence = {
    steps: to - from,
    inputs: seq.inputs.slice(from * I, to * I),
    targets:
      seq.targets.kind === 'mse'
        ? { kind: 'mse', values: seq.targets.values.slice(from * O, to * O) }
        : { kind: 'cross_entropy', classes: seq.targets.classes.slice(from, to) },
    truncation: 0,
  };
  if (h0) sub.h0 = h0;
  if (c0) sub.c0 = c0;
  return sub;
}

/** Flattened naive gradient matrices in the engine's Params field order. */
export function naiveGradFields(g: NaiveGrads): Record<ParamField, number[]> {
  return {
    wIh: g.Wih.flat(),
    wHh: g.Whh.flat(),
    bIh: g.bih,
    bHh: g.bhh,
    headW: g.Wy.flat(),
    headB: g.by,
  };
}

/** Largest |a − b| / max(1, |b|) over two equally long lists (NaN counts as infinitely bad). */
export function worstScaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    const e = Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(b[k]));
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
  }
  return worst;
}

/** True when two arrays hold the same float64 bit patterns (so −0 ≠ +0 and NaN = NaN). */
export function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return false;
  return true;
}

export const gateRows = (p: { cell: CellType; hiddenSize: number }): number => GATE_COUNT[p.cell] * p.hiddenSize;

/** Runs f, which must throw an InputError; returns it (the tests then read its message). */
export function refusal(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`expected an InputError, got ${String(e)}`);
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
