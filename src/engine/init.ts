import { GATE_COUNT, layerInputSize, type Params, type Shape, zerosLike } from './params';
import { pulse } from './pulse';
import type { Rng } from './rng';

/**
 * Weight initialisation, of every layer and direction alike.
 * - pytorch: PyTorch's defaults. Every recurrent weight and bias ~ U(−1/√H, 1/√H) (nn.RNN/LSTM/GRU
 *   reset_parameters), and the nn.Linear head's weight and bias ~ U(−1/√(D·H), 1/√(D·H))
 *   (kaiming_uniform with a = √5 reduces to that bound; D·H = H for one direction).
 * - xavier: each gate block of W_ih and W_hh ~ U(±√(6 / (fan_in + fan_out))), biases 0; fan_in of
 *   W_ih is the layer's input width (I for layer 0, D·H above).
 * - orthogonal: like xavier, but each H × H gate block of W_hh is a random orthogonal matrix.
 * `hhScale` multiplies every W_hh afterwards (to push the spectrum below or above 1);
 * `forgetBias` (lstm) is added to every layer's forget-gate biases' sum via bias_ih.
 * `updateBias` (gru) is added the same way to the update gate z, the gate that keeps the old state
 * (h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}): a large value starts the GRU with its shortcut open, as a
 * large forget bias does for the LSTM. PyTorch has no such option; it is bias_ih_l{l}[H:2H] += b.
 */
export type InitScheme = 'pytorch' | 'xavier' | 'orthogonal';
export const INIT_SCHEMES: readonly InitScheme[] = ['pytorch', 'xavier', 'orthogonal'];

export interface InitOptions {
  scheme: InitScheme;
  hhScale?: number;
  forgetBias?: number;
  updateBias?: number;
}

export function initParams(shape: Shape, rng: Rng, opts: InitOptions): Params {
  const p = zerosLike(shape);
  const H = shape.hiddenSize;
  const G = GATE_COUNT[shape.cell];
  const k = 1 / Math.sqrt(H);
  const fill = (a: Float64Array, bound: number) => {
    for (let n = 0; n < a.length; n++) a[n] = rng.uniform(-bound, bound);
  };
  // Every (layer, direction) in state_dict order, as PyTorch's reset_parameters visits them.
  p.layers.forEach((lp, i) => {
    const W = layerInputSize(shape, Math.floor(i / p.directions));
    if (opts.scheme === 'pytorch') {
      fill(lp.wIh, k);
      fill(lp.wHh, k);
      fill(lp.bIh, k);
      fill(lp.bHh, k);
    } else {
      // fan_in of W_ih is the layer's input width: I for layer 0, D·H above
      fill(lp.wIh, Math.sqrt(6 / (W + H)));
      if (opts.scheme === 'xavier') fill(lp.wHh, Math.sqrt(6 / (H + H)));
      else for (let g = 0; g < G; g++) lp.wHh.set(orthogonal(H, rng), g * H * H);
    }
  });
  // nn.Linear(D·H, O): kaiming_uniform(a = √5) and the bias both reduce to U(±1/√fan_in)
  const kHead = 1 / Math.sqrt(p.directions * H);
  fill(p.headW, kHead);
  fill(p.headB, kHead);
  const scale = opts.hhScale ?? 1;
  for (const lp of p.layers) {
    if (scale !== 1) for (let n = 0; n < lp.wHh.length; n++) lp.wHh[n] *= scale;
    if (shape.cell === 'lstm' && opts.forgetBias) for (let j = 0; j < H; j++) lp.bIh[H + j] += opts.forgetBias;
    if (shape.cell === 'gru' && opts.updateBias) for (let j = 0; j < H; j++) lp.bIh[H + j] += opts.updateBias;
  }
  return p;
}

/**
 * A random n × n orthogonal matrix (row-major): Gram–Schmidt, done twice for accuracy, on the
 * columns of a Gaussian matrix. That equals QR with R's diagonal made positive, as torch.nn.init.orthogonal_ does.
 */
export function orthogonal(n: number, rng: Rng): Float64Array {
  const q = new Float64Array(n * n);
  for (let k = 0; k < q.length; k++) q[k] = rng.normal();
  for (let c = 0; c < n; c++) {
    pulse(); // O(n·c) per column: n³ in all, ~0.15 s at n = 256
    for (let pass = 0; pass < 2; pass++) {
      for (let prev = 0; prev < c; prev++) {
        let d = 0;
        for (let r = 0; r < n; r++) d += q[r * n + c] * q[r * n + prev];
        for (let r = 0; r < n; r++) q[r * n + c] -= d * q[r * n + prev];
      }
    }
    let s = 0;
    for (let r = 0; r < n; r++) s += q[r * n + c] * q[r * n + c];
    const inv = 1 / Math.sqrt(s);
    for (let r = 0; r < n; r++) q[r * n + c] *= inv;
  }
  return q;
}

/** What an initialisation may be asked for (the app's fields and links, and the worker, check these). */
export const INIT_LIMITS = {
  /** the factor on W_hh */
  hhScale: { min: 0.05, max: 8 },
  /** the numbers added to the LSTM forget-gate and the GRU update-gate biases */
  gateBias: { min: -10, max: 10 },
} as const;

/**
 * Everything that makes a model's first weights, as plain data (a link, a preset, a request to the
 * worker): the cell and hidden size, the seed, and the initialisation's options.
 */
export interface ModelChoice {
  cell: Shape['cell'];
  hidden: number;
  seed: number;
  init: InitScheme;
  /** multiplies W_hh after initialisation */
  hhScale: number;
  /** added to the LSTM forget-gate bias (1 keeps the cell state's gradient path open at the start) */
  forgetBias: number;
  /** added to the GRU update-gate (z) bias: the GRU's counterpart of the forget bias */
  updateBias: number;
  /** L, stacked layers (1 when absent) */
  layers?: number;
  /** two directions (false when absent) */
  bidirectional?: boolean;
}

/** The shape a model choice makes for data of these sizes. */
export function shapeOfChoice(m: ModelChoice, inputSize: number, outputSize: number): Shape {
  return { cell: m.cell, inputSize, hiddenSize: m.hidden, outputSize, numLayers: m.layers ?? 1, directions: m.bidirectional ? 2 : 1 };
}
