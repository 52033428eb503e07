/**
 * A deliberately plain reference implementation of the recurrent cells, the head, the
 * losses and (truncated) backpropagation through time, written for the tests only.
 *
 * It shares nothing with the engine's kernels but the Params layout: nested number[]
 * matrices, one allocating function per step that reads like the equations, and a
 * backward pass written from PyTorch's documented equations (torch.nn.RNN / LSTM / GRU,
 * nn.Linear, nn.MSELoss / nn.CrossEntropyLoss with mean reduction) by the chain rule,
 * in the style of karpathy's recurrentjs. Speed does not matter here; readability does.
 */
import type { CellType, Params } from '../params';

export type Vec = number[];
export type Mat = number[][];

// ---------- small vector helpers (all allocate) ----------

export const zeros = (n: number): Vec => new Array<number>(n).fill(0);
export const zeroMat = (rows: number, cols: number): Mat => Array.from({ length: rows }, () => zeros(cols));
const add = (a: Vec, b: Vec): Vec => a.map((v, k) => v + b[k]);
const mul = (a: Vec, b: Vec): Vec => a.map((v, k) => v * b[k]);
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const dsigmoidFromValue = (s: number): number => s * (1 - s);
const dtanhFromValue = (t: number): number => 1 - t * t;

/** W x (W rows × cols, x cols) */
export function matVec(W: Mat, x: Vec): Vec {
  return W.map((row) => {
    let s = 0;
    for (let k = 0; k < row.length; k++) s += row[k] * x[k];
    return s;
  });
}

/** Wᵀ v (W rows × cols, v rows) */
export function matTVec(W: Mat, v: Vec): Vec {
  const out = zeros(W[0]?.length ?? 0);
  for (let r = 0; r < W.length; r++) for (let c = 0; c < W[r].length; c++) out[c] += W[r][c] * v[r];
  return out;
}

/** M += u vᵀ (the gradient of a weight matrix from one step) */
function addOuter(M: Mat, u: Vec, v: Vec): void {
  for (let r = 0; r < u.length; r++) for (let c = 0; c < v.length; c++) M[r][c] += u[r] * v[c];
}

function addInto(a: Vec, b: Vec): void {
  for (let k = 0; k < a.length; k++) a[k] += b[k];
}

// ---------- parameters as nested matrices ----------

export interface NaiveParams {
  cell: CellType;
  I: number;
  H: number;
  O: number;
  /** weight_ih_l0, (G·H) × I, gate blocks stacked in PyTorch order */
  Wih: Mat;
  Whh: Mat;
  bih: Vec;
  bhh: Vec;
  /** head.weight, O × H */
  Wy: Mat;
  by: Vec;
}

const GATES: Record<CellType, number> = { rnn: 1, lstm: 4, gru: 3 };

function unflatten(a: Float64Array, rows: number, cols: number): Mat {
  const out: Mat = [];
  for (let r = 0; r < rows; r++) out.push(Array.from(a.subarray(r * cols, (r + 1) * cols)));
  return out;
}

export function toNaive(p: Params): NaiveParams {
  const G = GATES[p.cell];
  const H = p.hiddenSize;
  return {
    cell: p.cell,
    I: p.inputSize,
    H,
    O: p.outputSize,
    Wih: unflatten(p.wIh, G * H, p.inputSize),
    Whh: unflatten(p.wHh, G * H, H),
    bih: Array.from(p.bIh),
    bhh: Array.from(p.bHh),
    Wy: unflatten(p.headW, p.outputSize, H),
    by: Array.from(p.headB),
  };
}

/** Rows [g·H, (g+1)·H) of a stacked gate matrix: the block of gate number g. */
const block = (M: Mat, g: number, H: number): Mat => M.slice(g * H, (g + 1) * H);
const blockV = (v: Vec, g: number, H: number): Vec => v.slice(g * H, (g + 1) * H);

/** W_i? x + b_i? for gate g (input side) */
const inPart = (P: NaiveParams, g: number, x: Vec): Vec => add(matVec(block(P.Wih, g, P.H), x), blockV(P.bih, g, P.H));
/** W_h? h + b_h? for gate g (recurrent side) */
const hidPart = (P: NaiveParams, g: number, h: Vec): Vec => add(matVec(block(P.Whh, g, P.H), h), blockV(P.bhh, g, P.H));

// ---------- one step forward, per cell ----------

export interface RnnStep {
  h: Vec;
}

/** h = tanh(W_ih x + b_ih + W_hh h_prev + b_hh) */
export function rnnStep(P: NaiveParams, x: Vec, hPrev: Vec): RnnStep {
  const a = add(inPart(P, 0, x), hidPart(P, 0, hPrev));
  return { h: a.map(Math.tanh) };
}

export interface LstmStep {
  i: Vec;
  f: Vec;
  g: Vec;
  o: Vec;
  c: Vec;
  h: Vec;
}

/**
 * i = σ(W_ii x + b_ii + W_hi h + b_hi), f = σ(…), g = tanh(…), o = σ(…)
 * c = f ⊙ c_prev + i ⊙ g,  h = o ⊙ tanh(c)
 */
export function lstmStep(P: NaiveParams, x: Vec, hPrev: Vec, cPrev: Vec): LstmStep {
  const pre = (gate: number) => add(inPart(P, gate, x), hidPart(P, gate, hPrev));
  const i = pre(0).map(sigmoid);
  const f = pre(1).map(sigmoid);
  const g = pre(2).map(Math.tanh);
  const o = pre(3).map(sigmoid);
  const c = add(mul(f, cPrev), mul(i, g));
  const h = mul(o, c.map(Math.tanh));
  return { i, f, g, o, c, h };
}

export interface GruStep {
  r: Vec;
  z: Vec;
  n: Vec;
  h: Vec;
  /** W_hn h_prev + b_hn, needed by the backward pass */
  hn: Vec;
}

/**
 * r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h
 */
export function gruStep(P: NaiveParams, x: Vec, hPrev: Vec): GruStep {
  const r = add(inPart(P, 0, x), hidPart(P, 0, hPrev)).map(sigmoid);
  const z = add(inPart(P, 1, x), hidPart(P, 1, hPrev)).map(sigmoid);
  const hn = hidPart(P, 2, hPrev);
  const n = add(inPart(P, 2, x), mul(r, hn)).map(Math.tanh);
  const h = n.map((nj, j) => (1 - z[j]) * nj + z[j] * hPrev[j]);
  return { r, z, n, h, hn };
}

// ---------- head and losses ----------

export const headStep = (P: NaiveParams, h: Vec): Vec => add(matVec(P.Wy, h), P.by);

export type NaiveTargets = { kind: 'mse'; values: Mat } | { kind: 'cross_entropy'; classes: number[] };

/** ℓ_t and dℓ_t/dy_t for one step */
export function stepLoss(y: Vec, targets: NaiveTargets, t: number): { loss: number; dy: Vec } {
  if (targets.kind === 'mse') {
    const target = targets.values[t];
    const O = y.length;
    let loss = 0;
    for (let j = 0; j < O; j++) loss += (y[j] - target[j]) ** 2;
    return { loss: loss / O, dy: y.map((v, j) => (2 * (v - target[j])) / O) };
  }
  const cls = targets.classes[t];
  const m = Math.max(...y);
  const e = y.map((v) => Math.exp(v - m));
  const s = e.reduce((u, v) => u + v, 0);
  const p = e.map((v) => v / s);
  return { loss: Math.log(s) + m - y[cls], dy: p.map((v, j) => (j === cls ? v - 1 : v)) };
}

// ---------- a whole sequence ----------

export interface NaiveSequence {
  inputs: Mat;
  targets: NaiveTargets;
  h0?: Vec;
  c0?: Vec;
  truncation: number;
  /** 'last': L = ℓ_{T−1} alone (many-to-one); default: the mean over every step */
  lossSteps?: 'all' | 'last';
}

export interface NaiveStepRecord {
  x: Vec;
  hPrev: Vec;
  cPrev: Vec;
  /** post-activation gates by name: lstm i f g o, gru r z n, rnn none */
  gates: Record<string, Vec>;
  /** gru only: W_hn h_prev + b_hn */
  hn: Vec;
  c: Vec;
  h: Vec;
  y: Vec;
  loss: number;
}

export interface NaiveGrads {
  Wih: Mat;
  Whh: Mat;
  bih: Vec;
  bhh: Vec;
  Wy: Mat;
  by: Vec;
}

export interface NaiveResult {
  loss: number;
  steps: NaiveStepRecord[];
  /** dL/dh_t and dL/dc_t (total within the truncation block) */
  dh: Vec[];
  dc: Vec[];
  /** dL/dx_t */
  dx: Vec[];
  grads: NaiveGrads;
}

export function naiveForward(P: NaiveParams, seq: NaiveSequence): { loss: number; steps: NaiveStepRecord[] } {
  const T = seq.inputs.length;
  let h = seq.h0 ? seq.h0.slice() : zeros(P.H);
  let c = P.cell === 'lstm' && seq.c0 ? seq.c0.slice() : zeros(P.H);
  const steps: NaiveStepRecord[] = [];
  let total = 0;
  for (let t = 0; t < T; t++) {
    const x = seq.inputs[t];
    const rec: NaiveStepRecord = { x, hPrev: h, cPrev: c, gates: {}, hn: [], c: [], h: [], y: [], loss: 0 };
    if (P.cell === 'rnn') {
      rec.h = rnnStep(P, x, h).h;
    } else if (P.cell === 'lstm') {
      const s = lstmStep(P, x, h, c);
      rec.gates = { i: s.i, f: s.f, g: s.g, o: s.o };
      rec.c = s.c;
      rec.h = s.h;
    } else {
      const s = gruStep(P, x, h);
      rec.gates = { r: s.r, z: s.z, n: s.n };
      rec.hn = s.hn;
      rec.h = s.h;
    }
    rec.y = headStep(P, rec.h);
    rec.loss = stepLoss(rec.y, seq.targets, t).loss;
    total += rec.loss;
    steps.push(rec);
    h = rec.h;
    if (P.cell === 'lstm') c = rec.c;
  }
  return { loss: seq.lossSteps === 'last' ? steps[T - 1].loss : total / T, steps };
}

/** Gradients of one step's pre-activations, and what flows on to h_{t-1}, c_{t-1}. */
interface StepBackward {
  /** dL/d(input-side pre-activation), stacked like W_ih's rows */
  daIn: Vec;
  /** dL/d(recurrent-side pre-activation), stacked like W_hh's rows */
  daHid: Vec;
  dhPrev: Vec;
  dcPrev: Vec;
  /** dL/dc_t, total (lstm) */
  dc: Vec;
}

/** rnn: h = tanh(a) ⇒ da = dh ⊙ (1 − h²); both sides of a get da; dh_prev = W_hhᵀ da */
function rnnBack(P: NaiveParams, rec: NaiveStepRecord, dh: Vec): StepBackward {
  const da = dh.map((d, j) => d * dtanhFromValue(rec.h[j]));
  return { daIn: da, daHid: da, dhPrev: matTVec(P.Whh, da), dcPrev: [], dc: [] };
}

/**
 * lstm, by the chain rule on c = f c_prev + i g and h = o tanh(c):
 *   dc  = dh ⊙ o ⊙ tanh'(c) + (what reached c from step t+1)
 *   do = dh ⊙ tanh(c),  di = dc ⊙ g,  dg = dc ⊙ i,  df = dc ⊙ c_prev,  dc_prev = dc ⊙ f
 *   then through σ' and tanh' to the pre-activations; dh_prev = W_hhᵀ da.
 */
function lstmBack(P: NaiveParams, rec: NaiveStepRecord, dh: Vec, dcFromNext: Vec): StepBackward {
  const { i, f, g, o } = rec.gates;
  const tanhC = rec.c.map(Math.tanh);
  const dc = dh.map((d, j) => d * o[j] * dtanhFromValue(tanhC[j]) + dcFromNext[j]);
  const dO = dh.map((d, j) => d * tanhC[j]);
  const dI = dc.map((d, j) => d * g[j]);
  const dG = dc.map((d, j) => d * i[j]);
  const dF = dc.map((d, j) => d * rec.cPrev[j]);
  const daI = dI.map((d, j) => d * dsigmoidFromValue(i[j]));
  const daF = dF.map((d, j) => d * dsigmoidFromValue(f[j]));
  const daG = dG.map((d, j) => d * dtanhFromValue(g[j]));
  const daO = dO.map((d, j) => d * dsigmoidFromValue(o[j]));
  const da = [...daI, ...daF, ...daG, ...daO];
  return { daIn: da, daHid: da, dhPrev: matTVec(P.Whh, da), dcPrev: mul(dc, f), dc };
}

/**
 * gru, by the chain rule on h = (1 − z) n + z h_prev and n = tanh(a_in + r ⊙ hn):
 *   dn = dh ⊙ (1 − z),  dz = dh ⊙ (h_prev − n),  da_n = dn ⊙ tanh'(n)
 *   input side of n gets da_n; hn gets da_n ⊙ r; dr = da_n ⊙ hn
 *   dh_prev = dh ⊙ z + W_hrᵀ da_r + W_hzᵀ da_z + W_hnᵀ (da_n ⊙ r)
 */
function gruBack(P: NaiveParams, rec: NaiveStepRecord, dh: Vec): StepBackward {
  const { r, z, n } = rec.gates;
  const dn = dh.map((d, j) => d * (1 - z[j]));
  const dz = dh.map((d, j) => d * (rec.hPrev[j] - n[j]));
  const daN = dn.map((d, j) => d * dtanhFromValue(n[j]));
  const dHn = daN.map((d, j) => d * r[j]);
  const dR = daN.map((d, j) => d * rec.hn[j]);
  const daR = dR.map((d, j) => d * dsigmoidFromValue(r[j]));
  const daZ = dz.map((d, j) => d * dsigmoidFromValue(z[j]));
  const daIn = [...daR, ...daZ, ...daN];
  const daHid = [...daR, ...daZ, ...dHn];
  const dhPrev = add(mul(dh, z), matTVec(P.Whh, daHid));
  return { daIn, daHid, dhPrev, dcPrev: [], dc: [] };
}

/** Forward, then backward through time; truncation k cuts the gradient at every block start (0, k, 2k, …). */
export function naiveRun(P: NaiveParams, seq: NaiveSequence): NaiveResult {
  const T = seq.inputs.length;
  const { loss, steps } = naiveForward(P, seq);
  const G = GATES[P.cell];
  const grads: NaiveGrads = {
    Wih: zeroMat(G * P.H, P.I),
    Whh: zeroMat(G * P.H, P.H),
    bih: zeros(G * P.H),
    bhh: zeros(G * P.H),
    Wy: zeroMat(P.O, P.H),
    by: zeros(P.O),
  };
  const dhOut: Vec[] = new Array(T);
  const dcOut: Vec[] = new Array(T);
  const dxOut: Vec[] = new Array(T);
  // what step t+1 sent back to h_t and c_t
  let fromNextH = zeros(P.H);
  let fromNextC = zeros(P.H);
  for (let t = T - 1; t >= 0; t--) {
    const rec = steps[t];
    // L = (1/T) Σ ℓ_t, so dL/dy_t = (1/T) dℓ_t/dy_t; or L = ℓ_{T−1}: only the last step's y gets a gradient
    const last = seq.lossSteps === 'last';
    const dy = stepLoss(rec.y, seq.targets, t).dy.map((v) => (last ? (t === T - 1 ? v : 0) : v / T));
    addOuter(grads.Wy, dy, rec.h);
    addInto(grads.by, dy);
    // Does the gradient of step t+1 reach h_t? Not past the end, not into a new block.
    const k = seq.truncation;
    const crosses = t + 1 < T && !(k > 0 && (t + 1) % k === 0);
    const dh = add(matTVec(P.Wy, dy), crosses ? fromNextH : zeros(P.H));
    const dcNext = crosses ? fromNextC : zeros(P.H);
    const b = P.cell === 'rnn' ? rnnBack(P, rec, dh) : P.cell === 'lstm' ? lstmBack(P, rec, dh, dcNext) : gruBack(P, rec, dh);
    addOuter(grads.Wih, b.daIn, rec.x);
    addOuter(grads.Whh, b.daHid, rec.hPrev);
    addInto(grads.bih, b.daIn);
    addInto(grads.bhh, b.daHid);
    dhOut[t] = dh;
    dcOut[t] = b.dc;
    dxOut[t] = matTVec(P.Wih, b.daIn);
    fromNextH = b.dhPrev;
    fromNextC = b.dcPrev;
  }
  return { loss, steps, dh: dhOut, dc: dcOut, dx: dxOut, grads };
}

// ---------- stacked and bidirectional networks ----------

/**
 * A network of L layers × D directions (PyTorch num_layers, bidirectional), as plain nested
 * matrices. layers[l·D + d] holds one direction of one layer in the NaiveParams form above
 * (its I is the layer's input width: the network's I for layer 0, D·H above); Wy is O × (D·H).
 */
export interface NaiveNetwork {
  cell: CellType;
  I: number;
  H: number;
  O: number;
  L: number;
  D: number;
  layers: NaiveParams[];
  Wy: Mat;
  by: Vec;
}

export function toNaiveNetwork(p: Params): NaiveNetwork {
  const G = GATES[p.cell];
  const H = p.hiddenSize;
  const D = p.directions;
  const Wy = unflatten(p.headW, p.outputSize, D * H);
  const by = Array.from(p.headB);
  const layers = p.layers.map((lp, i) => {
    const width = i < D ? p.inputSize : D * H;
    return {
      cell: p.cell,
      I: width,
      H,
      O: p.outputSize,
      Wih: unflatten(lp.wIh, G * H, width),
      Whh: unflatten(lp.wHh, G * H, H),
      bih: Array.from(lp.bIh),
      bhh: Array.from(lp.bHh),
      Wy,
      by,
    };
  });
  return { cell: p.cell, I: p.inputSize, H, O: p.outputSize, L: p.numLayers, D, layers, Wy, by };
}

/** h0 / c0 of a network: one H-vector per (layer, direction), index l·D + d. */
export interface NaiveNetworkSequence {
  inputs: Mat;
  targets: NaiveTargets;
  h0?: Vec[];
  c0?: Vec[];
  /** D = 1 only */
  truncation: number;
  lossSteps?: 'all' | 'last';
}

export interface NaiveNetworkForward {
  loss: number;
  /** recs[l·D + d][t]: the step of that layer and direction that read x_t (time order for both directions) */
  recs: NaiveStepRecord[][];
  /** the output of each layer, T rows of D·H: [forward h_t, reverse h_t] */
  outputs: Mat[];
  /** y_t and ℓ_t */
  ys: Vec[];
  losses: number[];
}

function cellStep(P: NaiveParams, x: Vec, hPrev: Vec, cPrev: Vec): NaiveStepRecord {
  const rec: NaiveStepRecord = { x, hPrev, cPrev, gates: {}, hn: [], c: [], h: [], y: [], loss: 0 };
  if (P.cell === 'rnn') rec.h = rnnStep(P, x, hPrev).h;
  else if (P.cell === 'lstm') {
    const s = lstmStep(P, x, hPrev, cPrev);
    rec.gates = { i: s.i, f: s.f, g: s.g, o: s.o };
    rec.c = s.c;
    rec.h = s.h;
  } else {
    const s = gruStep(P, x, hPrev);
    rec.gates = { r: s.r, z: s.z, n: s.n };
    rec.hn = s.hn;
    rec.h = s.h;
  }
  return rec;
}

/** Timesteps in the order a direction reads them: 0 … T − 1 forward, T − 1 … 0 in reverse. */
const readingOrder = (T: number, d: number): number[] => Array.from({ length: T }, (_, s) => (d === 0 ? s : T - 1 - s));

export function naiveNetworkForward(N: NaiveNetwork, seq: NaiveNetworkSequence): NaiveNetworkForward {
  const T = seq.inputs.length;
  let input: Mat = seq.inputs;
  const recs: NaiveStepRecord[][] = [];
  const outputs: Mat[] = [];
  for (let l = 0; l < N.L; l++) {
    for (let d = 0; d < N.D; d++) {
      const P = N.layers[l * N.D + d];
      let h = seq.h0 ? seq.h0[l * N.D + d].slice() : zeros(N.H);
      let c = N.cell === 'lstm' && seq.c0 ? seq.c0[l * N.D + d].slice() : zeros(N.H);
      const row: NaiveStepRecord[] = new Array(T);
      for (const t of readingOrder(T, d)) {
        const rec = cellStep(P, input[t], h, c);
        row[t] = rec;
        h = rec.h;
        if (N.cell === 'lstm') c = rec.c;
      }
      recs.push(row);
    }
    // PyTorch concatenates the directions: [forward h_t, reverse h_t]
    const out: Mat = [];
    for (let t = 0; t < T; t++) {
      let v: Vec = [];
      for (let d = 0; d < N.D; d++) v = v.concat(recs[l * N.D + d][t].h);
      out.push(v);
    }
    outputs.push(out);
    input = out;
  }
  const ys: Vec[] = [];
  const losses: number[] = [];
  for (let t = 0; t < T; t++) {
    const y = add(matVec(N.Wy, input[t]), N.by);
    ys.push(y);
    losses.push(stepLoss(y, seq.targets, t).loss);
  }
  const loss = seq.lossSteps === 'last' ? losses[T - 1] : losses.reduce((a, b) => a + b, 0) / T;
  return { loss, recs, outputs, ys, losses };
}

export interface NaiveNetworkResult extends NaiveNetworkForward {
  /** dh[l·D + d][t], dc[…][t]: total dL/dh and dL/dc of that layer and direction at timestep t */
  dh: Vec[][];
  dc: Vec[][];
  /** dL/dx_t of the network's input */
  dx: Vec[];
  /** gradients of each (layer, direction) and of the head */
  grads: { layers: Omit<NaiveGrads, 'Wy' | 'by'>[]; Wy: Mat; by: Vec };
}

/**
 * Forward, then backward from the head down, by the chain rule: the last layer's dL/d(output_t)
 * is Wyᵀ dy_t; each direction walks back against its reading order; a layer's dL/d(input_t),
 * the sum over its directions of W_ihᵀ da, is the layer below's dL/d(output_t), whose halves go
 * to the forward and reverse directions. Truncation (one direction) cuts every layer at 0, k, 2k, ….
 */
export function naiveNetworkRun(N: NaiveNetwork, seq: NaiveNetworkSequence): NaiveNetworkResult {
  const T = seq.inputs.length;
  const fwd = naiveNetworkForward(N, seq);
  const G = GATES[N.cell];
  const grads = {
    layers: N.layers.map((P) => ({ Wih: zeroMat(G * N.H, P.I), Whh: zeroMat(G * N.H, N.H), bih: zeros(G * N.H), bhh: zeros(G * N.H) })),
    Wy: zeroMat(N.O, N.D * N.H),
    by: zeros(N.O),
  };
  const last = seq.lossSteps === 'last';
  let dOut: Vec[] = [];
  for (let t = 0; t < T; t++) {
    const dy = stepLoss(fwd.ys[t], seq.targets, t).dy.map((v) => (last ? (t === T - 1 ? v : 0) : v / T));
    addOuter(grads.Wy, dy, fwd.outputs[N.L - 1][t]);
    addInto(grads.by, dy);
    dOut.push(matTVec(N.Wy, dy));
  }
  const dh: Vec[][] = N.layers.map(() => new Array<Vec>(T));
  const dc: Vec[][] = N.layers.map(() => new Array<Vec>(T));
  const k = seq.truncation;
  for (let l = N.L - 1; l >= 0; l--) {
    const width = N.layers[l * N.D].I;
    const dIn: Vec[] = Array.from({ length: T }, () => zeros(width));
    for (let d = 0; d < N.D; d++) {
      const i = l * N.D + d;
      const P = N.layers[i];
      const g = grads.layers[i];
      let fromNextH = zeros(N.H);
      let fromNextC = zeros(N.H);
      const order = readingOrder(T, d);
      for (let s = T - 1; s >= 0; s--) {
        const t = order[s];
        const rec = fwd.recs[i][t];
        // does the next step this direction took (s + 1 in its reading order) reach this one?
        const crosses = s + 1 < T && !(k > 0 && (s + 1) % k === 0);
        const above = dOut[t].slice(d * N.H, (d + 1) * N.H);
        const dhT = add(above, crosses ? fromNextH : zeros(N.H));
        const dcNext = crosses ? fromNextC : zeros(N.H);
        const b = N.cell === 'rnn' ? rnnBack(P, rec, dhT) : N.cell === 'lstm' ? lstmBack(P, rec, dhT, dcNext) : gruBack(P, rec, dhT);
        addOuter(g.Wih, b.daIn, rec.x);
        addOuter(g.Whh, b.daHid, rec.hPrev);
        addInto(g.bih, b.daIn);
        addInto(g.bhh, b.daHid);
        addInto(dIn[t], matTVec(P.Wih, b.daIn));
        dh[i][t] = dhT;
        dc[i][t] = b.dc;
        fromNextH = b.dhPrev;
        fromNextC = b.dcPrev;
      }
    }
    dOut = dIn;
  }
  return { ...fwd, dh, dc, dx: dOut, grads };
}
