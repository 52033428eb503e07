/**
 * Reading one timestep of the snapshot by name: which flat array holds a quantity and where
 * its row starts (the layouts documented in worker/protocol.ts). Pure; only indexing, no
 * arithmetic on values: every number the cell panel shows comes out of here as stored.
 */
import { type CellType, GATE_COUNT, GATE_NAMES, type SessionSnapshot } from '../../state/model';

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

export function stepReader(s: SessionSnapshot, t: number): StepReader {
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

/** What the cut rule says about step t: t starts a block (nothing goes further back), t + 1 does (nothing arrives). */
export function truncationAt(s: SessionSnapshot, t: number): { cutHere: boolean; cutNext: boolean; last: boolean } {
  const k = s.truncation;
  const last = t === s.steps - 1;
  return { cutHere: k > 0 && t % k === 0, cutNext: !last && k > 0 && (t + 1) % k === 0, last };
}
