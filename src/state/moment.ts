/**
 * The one reader of a moment: views ask it for "h of unit j at t", "the gates at t", "does a
 * truncation cut stop the gradient here", and never compute an offset into the snapshot's flat
 * arrays (the layouts documented in worker/protocol.ts) or re-derive the truncation rule (the
 * engine's carriesFrom is the rule). Pure; only indexing, no arithmetic on values: every number a
 * view shows comes out of here as the worker stored it.
 *
 * A reader is for one recurrence: one layer in one direction (readMoment(snapshot, where)). The
 * snapshot stores each recurrence's rows in its processing order (the reverse direction runs from
 * t = T − 1 down); this file alone maps a timestep to its row, so the views ask by t only. "Next"
 * and "previous" are in the recurrence's own walk: step t reads h from t − 1 going forward and
 * from t + 1 in reverse, and its gradient arrives from there.
 */
import { GATE_COUNT, GATE_NAMES, type CellType } from '../engine/params';
import { carriesFrom } from '../engine/sequence';
import type { RecurrenceSnapshot, SessionSnapshot } from '../worker/protocol';

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
  /** T, H, O and the width of this recurrence's input (I for layer 0, D·H above) */
  steps: number;
  hidden: number;
  inputs: number;
  outputs: number;
  /** which recurrence, and of how many */
  layer: number;
  direction: number;
  layers: number;
  directions: number;
  /** the timestep this one reads its state from (t − 1, or t + 1 in reverse), null at the start of the walk */
  prevT: number | null;
  /** the timestep whose gradient reaches this one along the walk (t + 1, or t − 1 in reverse), null at its end */
  nextT: number | null;
  /** the H numbers of a quantity at this step, or null when this cell has none */
  row(name: RowName): Float64Array | null;
  /** one unit's number, or null when this cell has none */
  value(name: RowName, j: number): number | null;
  /** a per-step number (y and target only when O = 1; prob only for cross-entropy) */
  scalar(name: ScalarName): number | null;
  /** this recurrence's input at t when it has one value, else null */
  x(): number | null;
  /** this recurrence's input at t (I numbers for layer 0, the layer below's D·H outputs above) and dL/d(it) */
  input(): Float64Array;
  inputGrad(): Float64Array;
  /** the slot of a gate in the stacked gate rows (rnn: 'a' is slot 0) */
  slot(gate: string): number;
}

/** Gate names of a cell, with the rnn's single pre-activation called 'a'. */
export function gateNames(cell: CellType): readonly string[] {
  return cell === 'rnn' ? ['a'] : GATE_NAMES[cell];
}

function stepReader(s: SessionSnapshot, rec: RecurrenceSnapshot, t: number): StepReader {
  const cell = s.model.cell;
  const H = s.model.hiddenSize;
  const O = s.model.outputSize;
  const T = s.steps;
  const W = T > 0 ? rec.xs.length / T : 0;
  const GH = GATE_COUNT[cell] * H;
  const reverse = rec.direction === 1;
  /** the row of timestep t in the recurrence's own order */
  const r = reverse ? T - 1 - t : t;
  const timeOf = (row: number) => (reverse ? T - 1 - row : row);
  const names = gateNames(cell);
  const slot = (gate: string) => names.indexOf(gate);

  /** row r (r counts rows of H) of a flat array; null when the array is empty or too short */
  const rowAt = (a: Float64Array, k: number): Float64Array | null => (a.length >= (k + 1) * H ? a.subarray(k * H, (k + 1) * H) : null);

  const gateRow = (field: string, gate: string): Float64Array | null => {
    const g = slot(gate);
    if (g < 0) return null;
    let a: Float64Array;
    switch (field) {
      case 'gi':
        a = rec.gi;
        break;
      case 'gh':
        a = rec.gh;
        break;
      case 'pre':
        a = rec.pre;
        break;
      case 'act':
        a = rec.act;
        break;
      case 'dgi':
        a = rec.dgi;
        break;
      case 'dgh':
        // dgh is sent only where it differs from dgi (gru)
        a = rec.dgh.length ? rec.dgh : rec.dgi;
        break;
      default:
        return null;
    }
    const from = r * GH + g * H;
    return a.length >= from + H ? a.subarray(from, from + H) : null;
  };

  const row = (name: RowName): Float64Array | null => {
    const dot = name.indexOf('.');
    if (dot > 0) return gateRow(name.slice(0, dot), name.slice(dot + 1));
    switch (name) {
      case 'h':
        return rowAt(rec.hs, r + 1);
      case 'hPrev':
        return rowAt(rec.hs, r);
      case 'c':
        return rowAt(rec.cs, r + 1);
      case 'cPrev':
        return rowAt(rec.cs, r);
      case 'tc':
        return rowAt(rec.tc, r);
      case 'keep':
        return rowAt(rec.keep, r);
      case 'write':
        return rowAt(rec.write, r);
      case 'notZ':
        return rowAt(rec.notZ, r);
      case 'dh':
        return rowAt(rec.dhs, r);
      case 'dhHead':
        return rowAt(rec.dhHead, r);
      case 'dhNext':
        return rowAt(rec.dhNext, r);
      case 'dc':
        return rowAt(rec.dcs, r);
      case 'dcNext':
        return rowAt(rec.dcNext, r);
      case 'dcLocal':
        return rowAt(rec.dcLocal, r);
      case 'dhPrev':
        return rowAt(rec.dhPrev, r);
      case 'dcPrev':
        return rowAt(rec.dcPrev, r);
      case 'dhPrevDirect':
        return rowAt(rec.dhPrevDirect, r);
      case 'dhPrevRec':
        return rowAt(rec.dhPrevRec, r);
      default:
        return null;
    }
  };

  return {
    cell,
    t,
    steps: T,
    hidden: H,
    inputs: W,
    outputs: O,
    layer: rec.layer,
    direction: rec.direction,
    layers: s.model.numLayers,
    directions: s.model.directions,
    prevT: r > 0 ? timeOf(r - 1) : null,
    nextT: r < T - 1 ? timeOf(r + 1) : null,
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
      return W === 1 ? rec.xs[r] : null;
    },
    input: () => rec.xs.subarray(r * W, (r + 1) * W),
    inputGrad: () => rec.dxs.subarray(r * W, (r + 1) * W),
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
  /** I and O of the network */
  inputs: number;
  outputs: number;
  /** which recurrence, and of how many */
  layer: number;
  direction: number;
  layers: number;
  directions: number;
  /** its input's width: I for layer 0, D·H (the layer below, both directions) above */
  inputWidth: number;
  /** this layer's h goes to the head (the last layer), else up to the next layer */
  feedsHead: boolean;
  /** the truncation block length k (0: full backpropagation through time) */
  truncation: number;
  loss: 'mse' | 'cross_entropy';
  /** everything of step t, by name */
  step(t: number): StepReader;
  /** one unit's number of a per-unit quantity at step t */
  value(name: RowName, t: number, j: number): number | null;
  /** x_t and y_t of the network as rows (I and O numbers) */
  inputRow(t: number): Float64Array;
  outputRow(t: number): Float64Array;
  /** the network's x_t[i], dL/dx_t[i] (both directions' parts summed) */
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
  /** ‖dL/dh_t‖ and ‖dL/dc_t‖ (lstm; else empty) of every step, in time order */
  dhNorms: Float64Array;
  dcNorms: Float64Array;
  /** the truncation rule at step t (in this recurrence's walk) */
  cut(t: number): CutInfo;
  /** whether the next step's gradient (t + 1, or t − 1 in reverse) reaches step t */
  receivesFromNext(t: number): boolean;
  /** the steps after 0 where a truncation block starts (a cut lies just before each) */
  readonly cuts: readonly number[];
}

const readers = new WeakMap<SessionSnapshot, Map<number, Moment>>();

/** The recurrence (layer, direction) of a snapshot; a RangeError names what the model does not have. */
export function recurrenceOf(s: SessionSnapshot, where: Where = {}): RecurrenceSnapshot {
  const layer = where.layer ?? 0;
  const direction = where.direction ?? 0;
  const { numLayers: L, directions: D } = s.model;
  if (!Number.isInteger(layer) || layer < 0 || layer >= L) throw new RangeError(`layer ${layer} is outside 0 … ${L - 1}`);
  if (direction !== 0 && !(direction === 1 && D === 2)) throw new RangeError(`direction ${direction} is not one of this model's`);
  return s.layers[layer * D + direction];
}

/** The reader of one recurrence of a snapshot (one per snapshot and recurrence: views may call this on every render). */
export function readMoment(s: SessionSnapshot, where: Where = {}): Moment {
  const rec = recurrenceOf(s, where);
  const index = rec.layer * s.model.directions + rec.direction;
  let known = readers.get(s);
  if (!known) readers.set(s, (known = new Map()));
  const cached = known.get(index);
  if (cached) return cached;
  const { inputSize: I, hiddenSize: H, outputSize: O } = s.model;
  const T = s.steps;
  const k = s.truncation;
  const ce = s.loss === 'cross_entropy';
  const reverse = rec.direction === 1;
  const rowOf = (t: number) => (reverse ? T - 1 - t : t);
  const cuts: number[] = [];
  if (k > 0) for (let t = k; t < T; t += k) cuts.push(t);
  /** a per-step series in time order (the reverse direction's rows run backwards) */
  const inTime = (a: Float64Array) => (reverse ? a.slice().reverse() : a);
  const m: Moment = {
    cell: s.model.cell,
    steps: T,
    hidden: H,
    inputs: I,
    outputs: O,
    layer: rec.layer,
    direction: rec.direction,
    layers: s.model.numLayers,
    directions: s.model.directions,
    inputWidth: T > 0 ? rec.xs.length / T : I,
    feedsHead: rec.layer === s.model.numLayers - 1,
    truncation: k,
    loss: s.loss,
    step: (t) => stepReader(s, rec, t),
    value(name, t, j) {
      return stepReader(s, rec, t).value(name, j);
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
      // truncation exists for one direction only, so the walk and time agree wherever k > 0
      const r = rowOf(t);
      const last = r === T - 1;
      return { cutHere: k > 0 && (r === 0 || !carriesFrom(r - 1, T, k)), cutNext: !last && !carriesFrom(r, T, k), last };
    },
    receivesFromNext: (t) => carriesFrom(rowOf(t), T, k),
    dhNorms: inTime(rec.dhNorm),
    dcNorms: inTime(rec.dcNorm),
    cuts,
  };
  known.set(index, m);
  return m;
}

/** The mean ‖dL/dh_t‖ of a layer over its steps and directions, as the engine averaged it. */
export function layerMeanDhNorm(s: SessionSnapshot, layer: number): number {
  recurrenceOf(s, { layer });
  return s.layerDhNormMeans[layer];
}

/** Every recurrence of a snapshot, in index order l·D + d. */
export function allRecurrences(s: SessionSnapshot): Where[] {
  return s.layers.map((r) => ({ layer: r.layer, direction: r.direction }));
}
