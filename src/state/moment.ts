/**
 * The one reader of a moment: views ask it for "h of unit j at t", "the gates at t", "does a
 * truncation cut stop the gradient here", and never compute an offset into the snapshot's flat
 * arrays (the layouts documented in worker/protocol.ts) or re-derive the truncation rule (the
 * engine's carriesFrom is the rule). Pure; only indexing, no arithmetic on values: every number a
 * view shows comes out of here as the worker stored it.
 *
 * A reader is for one layer in one direction (today every model has one of each); the views reach
 * it through readMoment(snapshot, where), so stacked and two-way models only change this file.
 */
import { GATE_COUNT, GATE_NAMES, type CellType } from '../engine/params';
import { carriesFrom } from '../engine/sequence';
import type { SessionSnapshot } from '../worker/protocol';

/** Per-unit quantities of one step (each a row of H numbers). */
export type RowName =
  | `${'gi' | 'gh' | 'pre' | 'act' | 'dgi' | 'dgh'}.${string}`
  | 'h'
  | 'hPrev'
  | 'c'
  | 'cPrev'
  | 'tc'
  | 'keep'
  | 'write'
  | 'notZ'
  | 'dh'
  | 'dhHead'
  | 'dhNext'
  | 'dc'
  | 'dcNext'
  | 'dcLocal'
  | 'dhPrev'
  | 'dcPrev'
  | 'dhPrevDirect'
  | 'dhPrevRec';

/** Per-step quantities that are not per unit (the output line). */
export type ScalarName = 'y' | 'target' | 'loss' | 'prob';

export interface StepReader {
  cell: CellType;
  t: number;
  /** T, H, I, O */
  steps: number;
  hidden: number;
  inputs: number;
  outputs: number;
  /** the H numbers of a quantity at this step, or null when this cell has none */
  row(name: RowName): Float64Array | null;
  /** one unit's number, or null when this cell has none */
  value(name: RowName, j: number): number | null;
  /** a per-step number (y and target only when O = 1; prob only for cross-entropy) */
  scalar(name: ScalarName): number | null;
  /** x_t when the input has one value, else null */
  x(): number | null;
  /** the slot of a gate in the stacked gate rows (rnn: 'a' is slot 0) */
  slot(gate: string): number;
}

/** Gate names of a cell, with the rnn's single pre-activation called 'a'. */
export function gateNames(cell: CellType): readonly string[] {
  return cell === 'rnn' ? ['a'] : GATE_NAMES[cell];
}

function stepReader(s: SessionSnapshot, t: number): StepReader {
  const cell = s.model.cell;
  const H = s.model.hiddenSize;
  const I = s.model.inputSize;
  const O = s.model.outputSize;
  const GH = GATE_COUNT[cell] * H;
  const names = gateNames(cell);
  const slot = (gate: string) => names.indexOf(gate);

  /** row r (r counts rows of H) of a flat array; null when the array is empty or too short */
  const rowAt = (a: Float64Array, r: number): Float64Array | null => (a.length >= (r + 1) * H ? a.subarray(r * H, (r + 1) * H) : null);

  const gateRow = (field: string, gate: string): Float64Array | null => {
    const g = slot(gate);
    if (g < 0) return null;
    let a: Float64Array;
    switch (field) {
      case 'gi':
        a = s.gi;
        break;
      case 'gh':
        a = s.gh;
        break;
      case 'pre':
        a = s.pre;
        break;
      case 'act':
        a = s.act;
        break;
      case 'dgi':
        a = s.dgi;
        break;
      case 'dgh':
        // dgh is sent only where it differs from dgi (gru)
        a = s.dgh.length ? s.dgh : s.dgi;
        break;
      default:
        return null;
    }
    const from = t * GH + g * H;
    return a.length >= from + H ? a.subarray(from, from + H) : null;
  };

  const row = (name: RowName): Float64Array | null => {
    const dot = name.indexOf('.');
    if (dot > 0) return gateRow(name.slice(0, dot), name.slice(dot + 1));
    switch (name) {
      case 'h':
        return rowAt(s.hs, t + 1);
      case 'hPrev':
        return rowAt(s.hs, t);
      case 'c':
        return rowAt(s.cs, t + 1);
      case 'cPrev':
        return rowAt(s.cs, t);
      case 'tc':
        return rowAt(s.tc, t);
      case 'keep':
        return rowAt(s.keep, t);
      case 'write':
        return rowAt(s.write, t);
      case 'notZ':
        return rowAt(s.notZ, t);
      case 'dh':
        return rowAt(s.dhs, t);
      case 'dhHead':
        return rowAt(s.dhHead, t);
      case 'dhNext':
        return rowAt(s.dhNext, t);
      case 'dc':
        return rowAt(s.dcs, t);
      case 'dcNext':
        return rowAt(s.dcNext, t);
      case 'dcLocal':
        return rowAt(s.dcLocal, t);
      case 'dhPrev':
        return rowAt(s.dhPrev, t);
      case 'dcPrev':
        return rowAt(s.dcPrev, t);
      case 'dhPrevDirect':
        return rowAt(s.dhPrevDirect, t);
      case 'dhPrevRec':
        return rowAt(s.dhPrevRec, t);
      default:
        return null;
    }
  };

  return {
    cell,
    t,
    steps: s.steps,
    hidden: H,
    inputs: I,
    outputs: O,
    row,
    value(name, j) {
      const r = row(name);
      return r && j >= 0 && j < r.length ? r[j] : null;
    },
    scalar(name) {
      switch (name) {
        case 'y':
          return O === 1 ? s.ys[t] : null;
        case 'target':
          return s.loss === 'mse' && O === 1 ? s.targets[t] : null;
        case 'loss':
          return s.lossTerms[t];
        case 'prob':
          return s.loss === 'cross_entropy' && s.probs.length ? s.probs[t * O + s.targets[t]] : null;
      }
    },
    x() {
      return I === 1 ? s.xs[t] : null;
    },
    slot,
  };
}

/** What the truncation rule says about step t. */
export interface CutInfo {
  /** t starts a truncation block (t = 0 included): the gradient it sends back to t − 1 stops here */
  cutHere: boolean;
  /** t + 1 starts a block: nothing arrives at t from t + 1 */
  cutNext: boolean;
  /** t is the last step: nothing arrives from t + 1 either */
  last: boolean;
}

/** Which layer and direction a reader is for. */
export interface Where {
  layer?: number;
  direction?: number;
}

/** A session's numbers for one layer and direction, by step and unit. */
export interface Moment {
  cell: CellType;
  steps: number;
  hidden: number;
  inputs: number;
  outputs: number;
  /** the truncation block length k (0: full backpropagation through time) */
  truncation: number;
  loss: 'mse' | 'cross_entropy';
  /** everything of step t, by name */
  step(t: number): StepReader;
  /** one unit's number of a per-unit quantity at step t */
  value(name: RowName, t: number, j: number): number | null;
  /** x_t and y_t as rows (I and O numbers) */
  inputRow(t: number): Float64Array;
  outputRow(t: number): Float64Array;
  /** x_t[i], dL/dx_t[i] */
  input(t: number, i: number): number;
  inputGrad(t: number, i: number): number;
  /** y_t[o], dL/dy_t[o] */
  output(t: number, o: number): number;
  outputGrad(t: number, o: number): number;
  /** the mse target of output o at t (null for cross-entropy) */
  target(t: number, o: number): number | null;
  /** the class the cross-entropy target names at t (null for mse) */
  targetClass(t: number): number | null;
  /** softmax(y_t)[o] for cross-entropy (null for mse) */
  prob(t: number, o: number): number | null;
  /** ℓ_t */
  lossTerm(t: number): number;
  /** the output the model rates highest at t (the class it predicts; the first on a tie) */
  predictedClass(t: number): number;
  /** the truncation rule at step t */
  cut(t: number): CutInfo;
  /** whether step t + 1's gradient reaches step t */
  receivesFromNext(t: number): boolean;
  /** the steps after 0 where a truncation block starts (a cut lies just before each) */
  readonly cuts: readonly number[];
}

const readers = new WeakMap<SessionSnapshot, Moment>();

/** The reader of a snapshot (one per snapshot: views may call this on every render). */
export function readMoment(s: SessionSnapshot, where: Where = {}): Moment {
  if ((where.layer ?? 0) !== 0 || (where.direction ?? 0) !== 0) throw new RangeError('this model has one layer in one direction');
  const known = readers.get(s);
  if (known) return known;
  const { inputSize: I, hiddenSize: H, outputSize: O } = s.model;
  const T = s.steps;
  const k = s.truncation;
  const ce = s.loss === 'cross_entropy';
  const cuts: number[] = [];
  if (k > 0) for (let t = k; t < T; t += k) cuts.push(t);
  const m: Moment = {
    cell: s.model.cell,
    steps: T,
    hidden: H,
    inputs: I,
    outputs: O,
    truncation: k,
    loss: s.loss,
    step: (t) => stepReader(s, t),
    value(name, t, j) {
      return stepReader(s, t).value(name, j);
    },
    inputRow: (t) => s.xs.subarray(t * I, (t + 1) * I),
    outputRow: (t) => s.ys.subarray(t * O, (t + 1) * O),
    input: (t, i) => s.xs[t * I + i],
    inputGrad: (t, i) => s.dxs[t * I + i],
    output: (t, o) => s.ys[t * O + o],
    outputGrad: (t, o) => s.dys[t * O + o],
    target: (t, o) => (ce ? null : s.targets[t * O + o]),
    targetClass: (t) => (ce ? s.targets[t] : null),
    prob: (t, o) => (ce && s.probs.length ? s.probs[t * O + o] : null),
    lossTerm: (t) => s.lossTerms[t],
    predictedClass(t) {
      let best = 0;
      for (let o = 1; o < O; o++) if (s.ys[t * O + o] > s.ys[t * O + best]) best = o;
      return best;
    },
    cut(t) {
      const last = t === T - 1;
      return { cutHere: k > 0 && (t === 0 || !carriesFrom(t - 1, T, k)), cutNext: !last && !carriesFrom(t, T, k), last };
    },
    receivesFromNext: (t) => carriesFrom(t, T, k),
    cuts,
  };
  readers.set(s, m);
  return m;
}
