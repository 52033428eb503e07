/**
 * A hand-tuned plain-JS implementation of the engine's computation, so that `npm run bench` can
 * time it side by side with the engine: tuned plain-JS Float64Array loops (4-accumulator dots, no
 * allocation per step, weight gradients formed once after the time loop). Self-contained on
 * purpose (it imports nothing from src/engine but types), so engine changes cannot speed it up or
 * slow it down.
 *
 * Adapted from the engine's first version (commit 1c65d4d): every matrix–vector product is one
 * 4-accumulator dot product per output row; the backward product with W_hhᵀ reads a transpose made
 * once per run; the weight gradients are formed after the time loop as length-T dots over
 * time-contiguous rows. The pointwise gate code sits in its own functions, apart from the product
 * loops (V8 compiled a product loop ~2× slower when Math.exp / Math.tanh shared its function).
 * Tuned within that description: every dot reads two row views (Float64Array subarrays made once,
 * not per step) from index 0 with `| 0` index arithmetic, ~15–20% faster in V8 than offsets into
 * the whole array. Computes the same numbers as the engine (mse, full BPTT, h0 = c0 = 0), up to
 * summation order.
 */
import { GATE_COUNT, type CellType, type Params, zerosLike } from '../engine/params';

export interface Baseline {
  cell: CellType;
  H: number;
  I: number;
  O: number;
  T: number;
  G: number;
  /** per step: W_ih x_t + b_ih, W_hh h_{t-1} + b_hh, the gates after their nonlinearity, T × GH */
  gi: Float64Array;
  gh: Float64Array;
  act: Float64Array;
  /** h_t and c_t, (T + 1) × H, row 0 = 0 */
  hs: Float64Array;
  cs: Float64Array;
  /** tanh(c_t), T × H */
  tc: Float64Array;
  ys: Float64Array;
  dys: Float64Array;
  /** dL/dh_t of the current step, and what step t sends back to step t − 1 (h and, lstm, c), H each */
  dh: Float64Array;
  dhNext: Float64Array;
  dcNext: Float64Array;
  /** dL/d(gi_t), dL/d(gh_t), T × GH (the same buffer except for the gru) */
  dgi: Float64Array;
  dgh: Float64Array;
  /** transposes: W_hhᵀ (H × GH), head.weightᵀ (H × O) */
  wHhT: Float64Array;
  headWT: Float64Array;
  /** time-contiguous scratch for the weight gradients */
  tA: Float64Array;
  tB: Float64Array;
  grads: Params;
  /** row views (made once; a dot reads two of them from index 0) */
  rows: {
    hs: Float64Array[];
    ys: Float64Array[];
    dys: Float64Array[];
    dgh: Float64Array[];
    wHhT: Float64Array[];
    headWT: Float64Array[];
    tA: Float64Array[];
    tB: Float64Array[];
    /** of the parameters and inputs last seen (remade only when those objects change) */
    params: Params | null;
    wIh: Float64Array[];
    wHh: Float64Array[];
    headW: Float64Array[];
    xsSrc: Float64Array | null;
    xs: Float64Array[];
  };
}

/** n row views of length `len` into a, the r-th starting at r·len. */
function rowViews(a: Float64Array, n: number, len: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let r = 0; r < n; r++) out.push(a.subarray(r * len, (r + 1) * len));
  return out;
}

export function createBaseline(p: Params, T: number): Baseline {
  const { cell, hiddenSize: H, inputSize: I, outputSize: O } = p;
  const G = GATE_COUNT[cell];
  const GH = G * H;
  const z = (n: number) => new Float64Array(n);
  const dgi = z(T * GH);
  const dgh = cell === 'gru' ? z(T * GH) : dgi;
  const hs = z((T + 1) * H);
  const ys = z(T * O);
  const dys = z(T * O);
  const wHhT = z(GH * H);
  const headWT = z(O * H);
  const tA = z(Math.max(GH, O) * T);
  const tB = z(Math.max(H, I) * T);
  return {
    cell,
    H,
    I,
    O,
    T,
    G,
    gi: z(T * GH),
    gh: z(T * GH),
    act: z(T * GH),
    hs,
    cs: z((T + 1) * H),
    tc: z(T * H),
    ys,
    dys,
    dh: z(H),
    dhNext: z(H),
    dcNext: z(H),
    dgi,
    dgh,
    wHhT,
    headWT,
    tA,
    tB,
    grads: zerosLike({ cell, inputSize: I, hiddenSize: H, outputSize: O }),
    rows: {
      hs: rowViews(hs, T + 1, H),
      ys: rowViews(ys, T, O),
      dys: rowViews(dys, T, O),
      dgh: rowViews(dgh, T, GH),
      wHhT: rowViews(wHhT, H, GH),
      headWT: rowViews(headWT, H, O),
      tA: rowViews(tA, Math.max(GH, O), T),
      tB: rowViews(tB, Math.max(H, I), T),
      params: null,
      wIh: [],
      wHh: [],
      headW: [],
      xsSrc: null,
      xs: [],
    },
  };
}

/** Forward, full backward and every parameter gradient (into b.grads) for mse targets; returns the loss. */
export function baselineRun(b: Baseline, p: Params, xs: Float64Array, targets: Float64Array): number {
  const { H, I, O, T } = b;
  const GH = b.G * H;
  const rows = b.rows;
  if (rows.params !== p) {
    rows.params = p;
    rows.wIh = rowViews(p.wIh, GH, I);
    rows.wHh = rowViews(p.wHh, GH, H);
    rows.headW = rowViews(p.headW, O, H);
  }
  if (rows.xsSrc !== xs) {
    rows.xsSrc = xs;
    rows.xs = rowViews(xs, T, I);
  }
  transposeInto(b.wHhT, p.wHh, GH, H);
  transposeInto(b.headWT, p.headW, O, H);
  b.hs.fill(0, 0, H);
  b.cs.fill(0, 0, H);
  let loss = 0;
  for (let t = 0; t < T; t++) {
    affine(b.gi, t * GH, rows.wIh, p.bIh, GH, I, rows.xs[t]);
    affine(b.gh, t * GH, rows.wHh, p.bHh, GH, H, rows.hs[t]);
    if (b.cell === 'lstm') lstmGates(b, t);
    else if (b.cell === 'gru') gruGates(b, t);
    else rnnGates(b, t);
    affine(b.ys, t * O, rows.headW, p.headB, O, H, rows.hs[t + 1]);
    loss += mse(b.ys, b.dys, targets, t * O, O, T);
  }
  for (let t = T - 1; t >= 0; t--) {
    const carry = t < T - 1;
    matTVec(b.dh, rows.headWT, O, H, rows.dys[t]);
    if (b.cell === 'lstm') lstmGatesBackward(b, t, carry);
    else if (b.cell === 'gru') gruGatesBackward(b, t, carry);
    else rnnGatesBackward(b, t, carry);
    matTVec(b.dhNext, rows.wHhT, GH, H, rows.dgh[t]);
    if (b.cell === 'gru') gruDirect(b, t);
  }
  weightGradients(b);
  return loss / T;
}

/** Σ_k a[k] · b[k] for k < n with four independent accumulators. */
function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  const n4 = (n - 3) | 0;
  for (; k < n4; k = (k + 4) | 0) {
    s0 += a[k] * b[k];
    s1 += a[(k + 1) | 0] * b[(k + 1) | 0];
    s2 += a[(k + 2) | 0] * b[(k + 2) | 0];
    s3 += a[(k + 3) | 0] * b[(k + 3) | 0];
  }
  for (; k < n; k = (k + 1) | 0) s0 += a[k] * b[k];
  return s0 + s1 + (s2 + s3);
}

/** out[outOff + r] = bias[r] + W[r, :] · v for r < nRows (wRows: the rows of W, each `cols` long). */
function affine(out: Float64Array, outOff: number, wRows: Float64Array[], bias: Float64Array, nRows: number, cols: number, v: Float64Array): void {
  for (let r = 0; r < nRows; r++) out[outOff + r] = bias[r] + dot(wRows[r], v, cols);
}

/** out[c] = Σ_r W[r, c] · v[r] for c < cols, from the rows of Wᵀ (each `rows` long): one dot per entry. */
function matTVec(out: Float64Array, wTRows: Float64Array[], rows: number, cols: number, v: Float64Array): void {
  for (let c = 0; c < cols; c++) out[c] = dot(wTRows[c], v, rows);
}

function transposeInto(out: Float64Array, a: Float64Array, rows: number, cols: number, aOff = 0): void {
  for (let r = 0; r < rows; r++) {
    const base = aOff + r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[base + c];
  }
}

/** ℓ_t = mean_j (y − target)², and dL/dy_t = 2 (y − target) / (O·T). */
function mse(ys: Float64Array, dys: Float64Array, targets: Float64Array, off: number, O: number, T: number): number {
  const scale = 2 / (O * T);
  let s = 0;
  for (let j = 0; j < O; j++) {
    const d = ys[off + j] - targets[off + j];
    s += d * d;
    dys[off + j] = scale * d;
  }
  return s / O;
}

function rnnGates(b: Baseline, t: number): void {
  const H = b.H;
  const off = t * H;
  const { gi, gh, hs } = b;
  for (let j = 0; j < H; j++) hs[off + H + j] = Math.tanh(gi[off + j] + gh[off + j]);
}

function lstmGates(b: Baseline, t: number): void {
  const H = b.H;
  const a = t * 4 * H;
  const off = t * H;
  const { gi, gh, act, cs, hs, tc: tcs } = b;
  for (let j = 0; j < H; j++) {
    const ii = a + j;
    const fi = ii + H;
    const gIdx = fi + H;
    const oi = gIdx + H;
    const i = 1 / (1 + Math.exp(-(gi[ii] + gh[ii])));
    const f = 1 / (1 + Math.exp(-(gi[fi] + gh[fi])));
    const g = Math.tanh(gi[gIdx] + gh[gIdx]);
    const o = 1 / (1 + Math.exp(-(gi[oi] + gh[oi])));
    act[ii] = i;
    act[fi] = f;
    act[gIdx] = g;
    act[oi] = o;
    const c = f * cs[off + j] + i * g;
    cs[off + H + j] = c;
    const tc = Math.tanh(c);
    tcs[off + j] = tc;
    hs[off + H + j] = o * tc;
  }
}

function gruGates(b: Baseline, t: number): void {
  const H = b.H;
  const a = t * 3 * H;
  const off = t * H;
  const { gi, gh, act, hs } = b;
  for (let j = 0; j < H; j++) {
    const ri = a + j;
    const zi = ri + H;
    const ni = zi + H;
    const r = 1 / (1 + Math.exp(-(gi[ri] + gh[ri])));
    const z = 1 / (1 + Math.exp(-(gi[zi] + gh[zi])));
    const n = Math.tanh(gi[ni] + r * gh[ni]);
    act[ri] = r;
    act[zi] = z;
    act[ni] = n;
    hs[off + H + j] = (hs[off + j] - n) * z + n;
  }
}

/** dL/dh_t = (head part, already in b.dh) + what step t + 1 sent back; then through tanh'. */
function rnnGatesBackward(b: Baseline, t: number, carry: boolean): void {
  const H = b.H;
  const off = t * H;
  const { dh, dhNext, hs, dgi } = b;
  for (let j = 0; j < H; j++) {
    const d = carry ? dh[j] + dhNext[j] : dh[j];
    const h = hs[off + H + j];
    dgi[off + j] = d * (1 - h * h);
  }
}

function lstmGatesBackward(b: Baseline, t: number, carry: boolean): void {
  const H = b.H;
  const a = t * 4 * H;
  const off = t * H;
  const { dh, dhNext, dcNext, act, cs, tc: tcs, dgi } = b;
  for (let j = 0; j < H; j++) {
    const ii = a + j;
    const fi = ii + H;
    const gIdx = fi + H;
    const oi = gIdx + H;
    const i = act[ii];
    const f = act[fi];
    const g = act[gIdx];
    const o = act[oi];
    const tc = tcs[off + j];
    const d = carry ? dh[j] + dhNext[j] : dh[j];
    const dc = carry ? d * o * (1 - tc * tc) + dcNext[j] : d * o * (1 - tc * tc);
    dgi[ii] = dc * g * i * (1 - i);
    dgi[fi] = dc * cs[off + j] * f * (1 - f);
    dgi[gIdx] = dc * i * (1 - g * g);
    dgi[oi] = d * tc * o * (1 - o);
    dcNext[j] = dc * f;
  }
}

function gruGatesBackward(b: Baseline, t: number, carry: boolean): void {
  const H = b.H;
  const a = t * 3 * H;
  const off = t * H;
  const { dh, dhNext, act, hs, gh, dgi, dgh } = b;
  for (let j = 0; j < H; j++) {
    const ri = a + j;
    const zi = ri + H;
    const ni = zi + H;
    const r = act[ri];
    const z = act[zi];
    const n = act[ni];
    const d = carry ? dh[j] + dhNext[j] : dh[j];
    dh[j] = d;
    const dan = d * (1 - z) * (1 - n * n);
    const dar = dan * gh[ni] * r * (1 - r);
    const daz = d * (hs[off + j] - n) * z * (1 - z);
    dgi[ri] = dar;
    dgh[ri] = dar;
    dgi[zi] = daz;
    dgh[zi] = daz;
    dgi[ni] = dan;
    dgh[ni] = dan * r;
  }
}

/** The gru's direct path h_t = … + z ⊙ h_{t-1}: dL/dh_{t-1} += dL/dh_t ⊙ z. */
function gruDirect(b: Baseline, t: number): void {
  const H = b.H;
  const zOff = t * 3 * H + H;
  const { dh, dhNext, act } = b;
  for (let j = 0; j < H; j++) dhNext[j] += dh[j] * act[zOff + j];
}

/**
 * dW_ih = Σ_t dgi_tᵀ x_t,  dW_hh = Σ_t dgh_tᵀ h_{t-1},  dhead.W = Σ_t dy_tᵀ h_t,  biases Σ_t,
 * each entry one length-T dot after transposing to time-contiguous rows.
 */
function weightGradients(b: Baseline): void {
  const { H, I, O, T, tA, tB, grads, rows } = b;
  const GH = b.G * H;
  transposeInto(tA, b.dgi, T, GH);
  transposeInto(tB, rows.xsSrc!, T, I);
  productRows(grads.wIh, rows.tA, rows.tB, GH, I, T);
  rowSums(grads.bIh, tA, GH, T);
  if (b.dgh !== b.dgi) transposeInto(tA, b.dgh, T, GH);
  transposeInto(tB, b.hs, T, H);
  productRows(grads.wHh, rows.tA, rows.tB, GH, H, T);
  rowSums(grads.bHh, tA, GH, T);
  transposeInto(tA, b.dys, T, O);
  transposeInto(tB, b.hs, T, H, H);
  productRows(grads.headW, rows.tA, rows.tB, O, H, T);
  rowSums(grads.headB, tA, O, T);
}

/** out[r, c] = Σ_t a[r, t] · b[c, t], one dot of two row views per entry */
function productRows(out: Float64Array, aRows: Float64Array[], bRows: Float64Array[], rows: number, cols: number, T: number): void {
  for (let r = 0; r < rows; r++) {
    const a = aRows[r];
    const oOff = r * cols;
    for (let c = 0; c < cols; c++) out[oOff + c] = dot(a, bRows[c], T);
  }
}

function rowSums(out: Float64Array, a: Float64Array, rows: number, T: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const off = r * T;
    for (let t = 0; t < T; t++) s += a[off + t];
    out[r] = s;
  }
}
