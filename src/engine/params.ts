/**
 * Parameters of one recurrent layer plus its linear output head, laid out
 * exactly like PyTorch's nn.RNN / nn.LSTM / nn.GRU (num_layers = 1) and nn.Linear.
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

export interface Shape {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
}

/**
 * A full set of parameters (or of their gradients: same shapes).
 * All matrices are row-major; G is GATE_COUNT[cell], H hiddenSize, I inputSize, O outputSize.
 */
export interface Params extends Shape {
  /** weight_ih_l0: (G·H) × I */
  wIh: Float64Array;
  /** weight_hh_l0: (G·H) × H */
  wHh: Float64Array;
  /** bias_ih_l0: G·H */
  bIh: Float64Array;
  /** bias_hh_l0: G·H */
  bHh: Float64Array;
  /** head.weight: O × H */
  headW: Float64Array;
  /** head.bias: O */
  headB: Float64Array;
}

export type ParamField = 'wIh' | 'wHh' | 'bIh' | 'bHh' | 'headW' | 'headB';

/** PyTorch state_dict key of each field, in state_dict order. */
export const PARAM_KEYS: readonly { field: ParamField; key: string }[] = [
  { field: 'wIh', key: 'weight_ih_l0' },
  { field: 'wHh', key: 'weight_hh_l0' },
  { field: 'bIh', key: 'bias_ih_l0' },
  { field: 'bHh', key: 'bias_hh_l0' },
  { field: 'headW', key: 'head.weight' },
  { field: 'headB', key: 'head.bias' },
];

/** [rows, cols] of a field; vectors have cols = 0. */
export function fieldShape(shape: Shape, field: ParamField): [number, number] {
  const gh = GATE_COUNT[shape.cell] * shape.hiddenSize;
  switch (field) {
    case 'wIh':
      return [gh, shape.inputSize];
    case 'wHh':
      return [gh, shape.hiddenSize];
    case 'bIh':
    case 'bHh':
      return [gh, 0];
    case 'headW':
      return [shape.outputSize, shape.hiddenSize];
    case 'headB':
      return [shape.outputSize, 0];
  }
}

export function fieldLength(shape: Shape, field: ParamField): number {
  const [r, c] = fieldShape(shape, field);
  return c === 0 ? r : r * c;
}

export function zerosLike(shape: Shape): Params {
  const p = { cell: shape.cell, inputSize: shape.inputSize, hiddenSize: shape.hiddenSize, outputSize: shape.outputSize } as Params;
  for (const { field } of PARAM_KEYS) p[field] = new Float64Array(fieldLength(shape, field));
  return p;
}

export function cloneParams(p: Params): Params {
  const q = { cell: p.cell, inputSize: p.inputSize, hiddenSize: p.hiddenSize, outputSize: p.outputSize } as Params;
  for (const { field } of PARAM_KEYS) q[field] = p[field].slice();
  return q;
}

export function copyParamsInto(dst: Params, src: Params): void {
  for (const { field } of PARAM_KEYS) dst[field].set(src[field]);
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.cell === b.cell && a.inputSize === b.inputSize && a.hiddenSize === b.hiddenSize && a.outputSize === b.outputSize;
}

export function paramCount(shape: Shape): number {
  let n = 0;
  for (const { field } of PARAM_KEYS) n += fieldLength(shape, field);
  return n;
}

/** Visits every parameter array (weights and their gradients share this order). */
export function fields(p: Params): Float64Array[] {
  return [p.wIh, p.wHh, p.bIh, p.bHh, p.headW, p.headB];
}
