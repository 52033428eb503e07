import { InputError } from './errors';
import { explainBackward } from './explainBackward';
import { explainForward } from './explainForward';
import type { NetworkWorkspace } from './network';
import { processingRow } from './network';
import type { ParamField, Params } from './params';
import type { Workspace } from './workspace';

/**
 * "How this number is made": any number of a finished pass, split into the terms that produced it,
 * read from the network's workspace (nothing is re-run). Each explanation names its equation (a
 * Form, whose text lives in src/content), gives its operands and, for a sum, its addends, and
 * recomposes the value from them with the kernels' own arithmetic, so a reader can check that the
 * terms shown make the number shown. Operands that are themselves made of terms carry a ref to open.
 */

/** Where a quantity of one recurrence sits: layer, direction, and the timestep t in time order. */
export interface Where {
  layer: number;
  direction: number;
  t: number;
}

/** One member per kind (so Extract<QuantityRef, { kind: 'dy' }> names exactly one). */
type Each<K extends string, Fields> = K extends unknown ? { kind: K } & Fields : never;

export type QuantityRef =
  /** h_t, c_t; dL/dh_t, dL/dc_t; the part of dL/dh_t from above; what step t sends back to the state before it */
  | Each<'h' | 'c' | 'dh' | 'dc' | 'dhAbove' | 'dhSent', { unit: number } & Where>
  /** a gate (post-activation), its input and recurrent pre-activation parts, and dL/d(pre-activation) on the input and recurrent side */
  | Each<'gate' | 'gi' | 'gh' | 'dgi' | 'dgh', { gate: number; unit: number } & Where>
  /** ‖dL/dh_t‖ of one recurrence */
  | Each<'norm', Where>
  /** y_t, dL/dy_t */
  | Each<'y' | 'dy', { t: number; unit: number }>
  /** ℓ_t */
  | Each<'loss', { t: number }>
  /**
   * one entry of dL/dθ (layer and direction ignored for the head): over the whole sequence, or as
   * the backward walk has summed it so far, over [from, to): rows in the recurrence's processing
   * order for its own arrays, timesteps for the head's
   */
  | Each<'wgrad', { field: ParamField; layer: number; direction: number; index: number; from?: number; to?: number }>;

/** The equations an explanation can follow; their text (both languages) is content. */
export type Form =
  | 'sum.gi'
  | 'sum.gh'
  | 'gate.sigmoid'
  | 'gate.tanh'
  | 'gru.n'
  | 'rnn.h'
  | 'lstm.c'
  | 'lstm.h'
  | 'gru.h'
  | 'sum.y'
  | 'loss.mse'
  | 'loss.ce'
  | 'dy.mse'
  | 'dy.ce'
  | 'dh'
  | 'dh.cut'
  | 'sum.dhAbove.head'
  | 'sum.dhAbove.layer'
  | 'sum.dhSent'
  | 'sum.dhSent.gru'
  | 'dc'
  | 'dc.cut'
  | 'dpre.rnn'
  | 'dpre.lstm.i'
  | 'dpre.lstm.f'
  | 'dpre.lstm.g'
  | 'dpre.lstm.o'
  | 'dpre.gru.r'
  | 'dpre.gru.z'
  | 'dpre.gru.n'
  | 'dpreH.gru.n'
  | 'sum.wgrad'
  | 'norm';

/** What an operand is, for the content to name it (with its indices and step). */
export type SymbolId =
  | 'x' | 'h' | 'hPrev' | 'h0' | 'c' | 'cPrev' | 'c0' | 'tanhC' | 'gate' | 'gi' | 'gh' | 'wIh' | 'wHh' | 'bIh' | 'bHh'
  | 'headW' | 'headB' | 'y' | 'target' | 'prob' | 'ymax' | 'divisor' | 'dy' | 'dh' | 'dc' | 'dhAbove' | 'dhSent' | 'dcNext'
  | 'gateNext' | 'dgi' | 'dgh' | 'dxAbove' | 'wIhAbove';

export interface Operand {
  sym: SymbolId;
  /** unit, gate or matrix indices, as the symbol needs them */
  idx: number[];
  /** the timestep it belongs to (time order), when it has one */
  t?: number;
  value: number;
  /** how to open it, or null for a leaf (data, a weight, an initial state) */
  ref: QuantityRef | null;
}

/**
 * One addend of a sum: the product of its parts (a single part: the part itself); for a loss or a
 * norm, (y − target)², e^{y − m} or a square of its one part.
 */
export interface Addend {
  op: 'product' | 'squaredError' | 'expShifted' | 'square';
  parts: Operand[];
  value: number;
  /** the timestep it belongs to, for a sum over time */
  t?: number;
}

export interface Explanation {
  ref: QuantityRef;
  form: Form;
  /** the value as the pass stored it */
  value: number;
  /** the named operands of the form, in the form's order */
  operands: Operand[];
  /** the addends of a sum (empty for other forms) */
  addends: Addend[];
  /** the sum of the addends, in their order, grouped as the pass groups them (0 when there are none) */
  total: number;
  /** the value made again from the operands / addends shown, with the kernels' arithmetic */
  composed: number;
  /** why a term is absent: the step is the last of its walk, or a truncation cut stops what the next step sends */
  note: 'last' | 'cut' | null;
}

/** Everything an explanation reads: the network's workspace after a forward and backward pass. */
export interface PassView {
  params: Params;
  net: NetworkWorkspace;
  truncation: number;
  /** dL/dθ of the whole sequence */
  grads: Params;
}

/** A recurrence's workspace and the row of timestep t in it. */
export interface Located {
  ws: Workspace;
  row: number;
  H: number;
  GH: number;
}

export function locate(pass: PassView, w: Where): Located {
  const { net } = pass;
  const D = net.directions;
  if (!Number.isInteger(w.layer) || w.layer < 0 || w.layer >= net.numLayers) throw new InputError(`layer ${w.layer} is outside 0 … ${net.numLayers - 1}`);
  if (!Number.isInteger(w.direction) || w.direction < 0 || w.direction >= D) throw new InputError(`direction ${w.direction} is outside 0 … ${D - 1}`);
  checkIndex('t', w.t, net.steps);
  const ws = net.layers[w.layer * D + w.direction];
  return { ws, row: processingRow(net.steps, w.direction, w.t), H: ws.shape.hiddenSize, GH: ws.gateRows };
}

export function checkIndex(name: string, i: number, n: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new InputError(`${name} ${i} is outside 0 … ${n - 1}`);
}

/** The time of the state a step reads (h_{t-1} forward, h_{t+1} in reverse), or null at the first step of the walk. */
export function previousTime(w: Where, steps: number): number | null {
  const prev = w.direction === 1 ? w.t + 1 : w.t - 1;
  return prev < 0 || prev >= steps ? null : prev;
}

/** The time of the step that sends its gradient back to this one (t + 1 forward, t − 1 in reverse), or null at the end. */
export function nextTime(w: Where, steps: number): number | null {
  const next = w.direction === 1 ? w.t - 1 : w.t + 1;
  return next < 0 || next >= steps ? null : next;
}

export function sumOf(addends: Addend[]): number {
  let s = 0;
  for (const a of addends) s += a.value;
  return s;
}

export function explainQuantity(pass: PassView, ref: QuantityRef): Explanation {
  return explainForward(pass, ref) ?? explainBackward(pass, ref);
}
