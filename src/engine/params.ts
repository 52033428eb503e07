/**
 * Parameters of a recurrent network plus its linear output head, laid out exactly like
 * PyTorch's nn.RNN / nn.LSTM / nn.GRU (num_layers = L, bidirectional = D == 2) and nn.Linear.
 */

export type CellType = 'rnn' | 'lstm' | 'gru';

export const CELL_TYPES: readonly CellType[] = ['rnn', 'lstm', 'gru'];

/** How many H-row blocks the stacked gate matrices have (PyTorch's gate order below). */
export const GATE_COUNT: Record<CellType, number> = { rnn: 1, lstm: 4, gru: 3 };

/** Gate names in PyTorch's stacking order: LSTM (i, f, g, o), GRU (r, z, n); the RNN has none. */
export const GATE_NAMES: Record<CellType, readonly string[]> = {
  rnn: [],
  lstm: ['i', 'f', 'g', 'o'],
  gru: ['r', 'z', 'n'],
};

/** D: one direction, or two (a bidirectional network: forward d = 0, reverse d = 1). */
export type Directions = 1 | 2;

/**
 * The sizes of a network. numLayers (L) and directions (D) default to 1, so a shape written
 * for the one-layer, one-direction engine still means what it meant.
 */
export interface Shape {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  /** L, the number of stacked layers (default 1) */
  numLayers?: number;
  /** D, 2 for a bidirectional network (default 1) */
  directions?: Directions;
}

/** L of a shape (1 when absent). */
export function layerCount(s: Shape): number {
  return s.numLayers ?? 1;
}

/** D of a shape (1 when absent). */
export function directionCount(s: Shape): Directions {
  return s.directions ?? 1;
}

/** L·D, the number of (layer, direction) recurrences; index l·D + d (PyTorch's h_0 row order). */
export function recurrenceCount(s: Shape): number {
  return layerCount(s) * directionCount(s);
}

/** How many numbers layer l reads at each step: I for layer 0, D·H (the layer below, both directions) above. */
export function layerInputSize(s: Shape, layer: number): number {
  return layer === 0 ? s.inputSize : directionCount(s) * s.hiddenSize;
}

/** The sizes one (layer, direction) recurrence sees, as a one-layer shape; outputSize is O when it alone feeds the head, else 0. */
export function recurrenceShape(s: Shape, layer: number): Shape {
  const alone = recurrenceCount(s) === 1;
  return { cell: s.cell, inputSize: layerInputSize(s, layer), hiddenSize: s.hiddenSize, outputSize: alone ? s.outputSize : 0 };
}

/**
 * The four arrays of one layer in one direction. Row-major; G is GATE_COUNT[cell], H hiddenSize,
 * W the layer's input width (layerInputSize).
 */
export interface LayerParams {
  /** weight_ih_l{l}[_reverse]: (G·H) × W */
  wIh: Float64Array;
  /** weight_hh_l{l}[_reverse]: (G·H) × H */
  wHh: Float64Array;
  /** bias_ih_l{l}[_reverse]: G·H */
  bIh: Float64Array;
  /** bias_hh_l{l}[_reverse]: G·H */
  bHh: Float64Array;
}

export type LayerField = keyof LayerParams;

export const LAYER_FIELDS: readonly LayerField[] = ['wIh', 'wHh', 'bIh', 'bHh'];

/**
 * A full set of parameters (or of their gradients: same shapes).
 * wIh, wHh, bIh and bHh are layer 0's forward arrays, the very same Float64Array objects as
 * layers[0]: for a one-layer, one-direction network they are all of its recurrent weights, and
 * the one-layer passes read and write them there (so one-layer code written before the layers
 * existed, even `{ ...p, bHh: other }`, works as it did). A network of more layers or
 * directions is read through `layers` only: write into the arrays, never replace them.
 */
export interface Params extends Shape, LayerParams {
  numLayers: number;
  directions: Directions;
  /** every (layer, direction): index l·D + d */
  layers: LayerParams[];
  /** head.weight: O × (D·H), reading [forward half, reverse half] of the last layer's output */
  headW: Float64Array;
  /** head.bias: O */
  headB: Float64Array;
}

export type ParamField = LayerField | 'headW' | 'headB';

/** PyTorch state_dict key of each field of a one-layer, one-direction network, in state_dict order. */
export const PARAM_KEYS: readonly { field: ParamField; key: string }[] = [
  { field: 'wIh', key: 'weight_ih_l0' },
  { field: 'wHh', key: 'weight_hh_l0' },
  { field: 'bIh', key: 'bias_ih_l0' },
  { field: 'bHh', key: 'bias_hh_l0' },
  { field: 'headW', key: 'head.weight' },
  { field: 'headB', key: 'head.bias' },
];

const LAYER_KEY_STEM: Record<LayerField, string> = { wIh: 'weight_ih', wHh: 'weight_hh', bIh: 'bias_ih', bHh: 'bias_hh' };

/** The state_dict key of a layer array: weight_ih_l1, bias_hh_l0_reverse, … */
export function layerKey(field: LayerField, layer: number, direction: number): string {
  return `${LAYER_KEY_STEM[field]}_l${layer}${direction === 1 ? '_reverse' : ''}`;
}

/** One parameter array of a network: its state_dict key and where it lives. */
export interface ParamEntry {
  key: string;
  field: ParamField;
  /** for layer fields: the layer l and direction d (index l·D + d in Params.layers); −1 for the head */
  layer: number;
  direction: number;
  /** [rows, cols]; vectors have cols = 0 */
  shape: [number, number];
}

/** Every parameter array of a network in PyTorch state_dict order (l0, l0_reverse, l1, …, head.weight, head.bias). */
export function paramEntries(s: Shape): ParamEntry[] {
  const out: ParamEntry[] = [];
  const D = directionCount(s);
  for (let l = 0; l < layerCount(s); l++) {
    for (let d = 0; d < D; d++) {
      for (const field of LAYER_FIELDS) out.push({ key: layerKey(field, l, d), field, layer: l, direction: d, shape: fieldShape(s, field, l) });
    }
  }
  out.push({ key: 'head.weight', field: 'headW', layer: -1, direction: 0, shape: fieldShape(s, 'headW') });
  out.push({ key: 'head.bias', field: 'headB', layer: -1, direction: 0, shape: fieldShape(s, 'headB') });
  return out;
}

/** The array an entry names. */
export function paramArray(p: Params, e: ParamEntry): Float64Array {
  if (e.field === 'headW' || e.field === 'headB') return p[e.field];
  return p.layers[e.layer * p.directions + e.direction][e.field];
}

/** [rows, cols] of a field (of layer `layer` for the recurrent ones); vectors have cols = 0. */
export function fieldShape(shape: Shape, field: ParamField, layer = 0): [number, number] {
  const H = shape.hiddenSize;
  const gh = GATE_COUNT[shape.cell] * H;
  switch (field) {
    case 'wIh':
      return [gh, layerInputSize(shape, layer)];
    case 'wHh':
      return [gh, H];
    case 'bIh':
    case 'bHh':
      return [gh, 0];
    case 'headW':
      return [shape.outputSize, directionCount(shape) * H];
    case 'headB':
      return [shape.outputSize, 0];
  }
}

export function fieldLength(shape: Shape, field: ParamField, layer = 0): number {
  const [r, c] = fieldShape(shape, field, layer);
  return c === 0 ? r : r * c;
}

/** A Params object around these arrays, with the layer-0 aliases set. */
export function assembleParams(shape: Shape, layers: LayerParams[], headW: Float64Array, headB: Float64Array): Params {
  const first = layers[0];
  return {
    cell: shape.cell,
    inputSize: shape.inputSize,
    hiddenSize: shape.hiddenSize,
    outputSize: shape.outputSize,
    numLayers: layerCount(shape),
    directions: directionCount(shape),
    layers,
    wIh: first.wIh,
    wHh: first.wHh,
    bIh: first.bIh,
    bHh: first.bHh,
    headW,
    headB,
  };
}

/**
 * One recurrence (layer l, direction d) of a network as a headless one-layer network (outputSize 0,
 * empty head), its four arrays shared with p: what one-layer code such as analysis.ts reads, with
 * the recurrence's own workspace (net.layers[l·D + d]).
 */
export function recurrenceParams(p: Params, layer: number, direction: number): Params {
  const shape = { ...recurrenceShape(p, layer), outputSize: 0 };
  return assembleParams(shape, [p.layers[layer * p.directions + direction]], new Float64Array(0), new Float64Array(0));
}

export function zerosLike(shape: Shape): Params {
  const layers: LayerParams[] = [];
  for (let l = 0; l < layerCount(shape); l++) {
    for (let d = 0; d < directionCount(shape); d++) {
      layers.push({
        wIh: new Float64Array(fieldLength(shape, 'wIh', l)),
        wHh: new Float64Array(fieldLength(shape, 'wHh', l)),
        bIh: new Float64Array(fieldLength(shape, 'bIh', l)),
        bHh: new Float64Array(fieldLength(shape, 'bHh', l)),
      });
    }
  }
  return assembleParams(shape, layers, new Float64Array(fieldLength(shape, 'headW')), new Float64Array(fieldLength(shape, 'headB')));
}

export function cloneParams(p: Params): Params {
  const layers = p.layers.map((lp) => ({ wIh: lp.wIh.slice(), wHh: lp.wHh.slice(), bIh: lp.bIh.slice(), bHh: lp.bHh.slice() }));
  return assembleParams(p, layers, p.headW.slice(), p.headB.slice());
}

export function copyParamsInto(dst: Params, src: Params): void {
  const d = fields(dst);
  fields(src).forEach((a, f) => d[f].set(a));
}

export function sameShape(a: Shape, b: Shape): boolean {
  return (
    a.cell === b.cell &&
    a.inputSize === b.inputSize &&
    a.hiddenSize === b.hiddenSize &&
    a.outputSize === b.outputSize &&
    layerCount(a) === layerCount(b) &&
    directionCount(a) === directionCount(b)
  );
}

export function paramCount(shape: Shape): number {
  let n = 0;
  for (const e of paramEntries(shape)) n += e.shape[1] === 0 ? e.shape[0] : e.shape[0] * e.shape[1];
  return n;
}

/** The arrays of a network without its sizes: what travels between the worker and the page. */
export type ParamSet = Pick<Params, 'layers' | 'headW' | 'headB'>;

/** Every parameter array once, in state_dict order (weights and their gradients share this order). */
export function fields(p: ParamSet): Float64Array[] {
  const out: Float64Array[] = [];
  for (const lp of p.layers) out.push(lp.wIh, lp.wHh, lp.bIh, lp.bHh);
  out.push(p.headW, p.headB);
  return out;
}

/** The inverse of fields: a ParamSet around 4 · L · D + 2 arrays in state_dict order (shared, not copied). */
export function paramSetOf(list: Float64Array[]): ParamSet {
  if (list.length < 6 || (list.length - 2) % 4 !== 0) throw new RangeError(`expected 4 arrays per layer and direction and 2 for the head, got ${list.length}`);
  const layers: LayerParams[] = [];
  for (let k = 0; k + 2 < list.length; k += 4) layers.push({ wIh: list[k], wHh: list[k + 1], bIh: list[k + 2], bHh: list[k + 3] });
  return { layers, headW: list[list.length - 2], headB: list[list.length - 1] };
}
