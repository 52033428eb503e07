/**
 * Why a gradient shrinks or grows going back through time, step by step, in numbers.
 *
 * Going back one step multiplies the gradient by the one-step Jacobian. For the RNN that is
 * ∂h_t/∂h_{t−1} = diag(1 − h_t²) · W_hh: a shrink (tanh′ ≤ 1, per unit) times a gain (W_hh,
 * whose size is ‖W_hh‖₂ and whose long-run growth rate is ρ(W_hh)). Their product over steps,
 * ∂h_{T−1}/∂h_t, decides how much the last state still feels step t. Along the LSTM's cell state
 * the step is a Hadamard product with f (∂c_t/∂c_{t−1} = diag(f_t) with h_{t−1} held), and along
 * the GRU's direct path a Hadamard product with z; those products need no matrix at all.
 *
 * Everything here reads a stored forward pass given explicitly (the arrays a Workspace holds,
 * and W_hh), not the parameter objects, so it does not depend on how a layer's weights are kept.
 * Truncation plays no part: these are derivatives of the forward function itself.
 */

import { eigenvalues } from './eigen';
import { exp, hypot, log, powInt } from './mathfn';
import type { CellType } from './params';
import { createRng } from './rng';
import { orthogonal } from './init';
import { exactNormWork, exactRelativeError, spectralNormEstimate, spectralNormExact } from './spectralNorm';
import { gemmNT, transpose } from './tensor';

/** One layer's stored forward pass: sizes, W_hh, and the Workspace rows (same layout). */
export interface StoredPass {
  cell: CellType;
  /** H */
  hidden: number;
  /** T */
  steps: number;
  /** weight_hh: (G·H) × H row-major, gate blocks in PyTorch order (lstm i f g o, gru r z n) */
  wHh: Float64Array;
  /** (T + 1) × H; row 0 = h0, row t + 1 = h_t */
  hs: Float64Array;
  /** (T + 1) × H, lstm only (row 0 = c0) */
  cs: Float64Array;
  /** post-activation gates, T × G·H (lstm, gru) */
  act: Float64Array;
  /** tanh(c_t), T × H (lstm) */
  tc: Float64Array;
  /** W_hh h_{t−1} + b_hh, T × G·H (the gru's reset gate multiplies its n block) */
  gh: Float64Array;
}

const GATES: Record<CellType, number> = { rnn: 1, lstm: 4, gru: 3 };
const BLOCK_NAMES: Record<CellType, readonly string[]> = { rnn: ['h'], lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] };
const LOG10E = 0.4342944819032518;
const LOG10_2 = 0.3010299956639812;

/**
 * A norm per step t = 0 … T − 1. `value` is the norm itself (it can underflow to 0 or overflow to
 * ∞ where the true value lies outside the doubles); `log10` is its base-10 logarithm, finite
 * wherever the norm is positive; `relError` bounds |value − true| / true (NaN: not known).
 */
export interface NormSeries {
  value: Float64Array;
  log10: Float64Array;
  relError: Float64Array;
  /**
   * 'exact': bidiagonalisation and bisection, relError = n·ε. 'estimate': power iteration, relError
   * its a-posteriori bound (the view should show only the digits that bound allows).
   * 'unavailable': the carried Jacobian was not exact (over the work budget), value NaN.
   */
  method: 'exact' | 'estimate' | 'unavailable';
}

/** ‖W_hh block‖₂ and ρ(block) for one gate block: the most one step can multiply by, and the long-run rate. */
export interface BlockGain {
  gate: string;
  norm: number;
  /** relative error bound of `norm` */
  normRelError: number;
  radius: number;
}

/** The pointwise factor one step back multiplies in on the path that matters. */
export interface StepFactor {
  /** rnn: tanh′ = 1 − h_t²; lstm: the forget gate f_t; gru: the update gate z_t */
  label: 'tanh_prime' | 'forget' | 'update';
  /** T × H, row t = the factor of step t per unit */
  perUnit: Float64Array;
  /** per step: max over units (for the rnn this is ‖diag(1 − h_t²)‖₂), mean, min */
  max: Float64Array;
  mean: Float64Array;
  min: Float64Array;
}

/** A product of diagonal factors back from T − 1: per unit, and its norm (the largest unit). */
export interface DiagonalPath {
  /** T × H: row t = ∏_{s=t+1}^{T−1} factor_s per unit (row T − 1 is all ones); may underflow to 0 */
  perUnit: Float64Array;
  /** per t: log10 of each unit's product (finite where the factors are positive), T × H */
  perUnitLog10: Float64Array;
  /** per t: the norm of that diagonal matrix, max_j, and its log10 */
  norm: Float64Array;
  normLog10: Float64Array;
}

export interface StepMechanism {
  cell: CellType;
  hidden: number;
  steps: number;
  /** per gate block of W_hh (rnn: one block named 'h') */
  gain: BlockGain[];
  factor: StepFactor;
  /** ‖∂h_t/∂h_{t−1}‖₂ at each step t (lstm: with c_{t−1} held): the shrink and the gain together */
  step: NormSeries;
  /** the h path: ‖∂h_{T−1}/∂h_t‖₂ and ‖·‖_F (lstm: with c_t held; state = (h_t, c_t) as the input of steps t + 1 … T − 1) */
  hPath: { spectral: NormSeries; frobenius: Float64Array; frobeniusLog10: Float64Array; frobeniusExact: boolean };
  /**
   * The average factor per step on the h path back to t: ‖∂h_{T−1}/∂h_t‖^(1/(T−1−t)) (‖·‖₂ when
   * available, else ‖·‖_F); NaN at t = T − 1. One step's norm ‖∂h_t/∂h_{t−1}‖₂ only bounds what a
   * step can do; this is what the steps did on average, the rate a straight line on a log scale has.
   */
  ratePerStep: Float64Array;
  /**
   * lstm: the cell path. `full`: ‖∂c_{T−1}/∂c_t‖ over all paths (through h and the gates too),
   * with h_t held; `highway`: the c → c edges alone, diag(∏_{s=t+1}^{T−1} f_s).
   */
  cellPath: { full: NormSeries; fullFrobenius: Float64Array; highway: DiagonalPath } | null;
  /** gru: the direct path h_{t−1} → h_t alone, diag(∏_{s=t+1}^{T−1} z_s) */
  zPath: DiagonalPath | null;
  /** rows carried back for the Jacobians: H (exact) or fewer seeded directions (over budget) */
  probes: number;
  /** multiply-adds spent, and the budget they were held to */
  work: number;
  budget: number;
}

/** Default work budget in multiply-adds (≈ 0.2–0.5 s in a browser worker on a laptop). */
export const MECHANISM_WORK = 2e8;

/** Power iterations an estimated norm may take at least, and at most, per matrix. */
const MIN_ITERATIONS = 3;
const MAX_ITERATIONS = 300;

/**
 * The per-step mechanism of a stored forward pass. Exact where the work fits `maxWork`
 * multiply-adds; beyond it, estimates that carry their error bound (see NormSeries), their
 * iterations shared out of what is left of the budget. `gains` reuses ‖block‖₂ and ρ computed
 * elsewhere (recurrentSpectrum computes the same), which saves G eigenvalue problems.
 */
export function stepMechanism(pass: StoredPass, maxWork = MECHANISM_WORK, gains?: BlockGain[]): StepMechanism {
  const { cell, hidden: H, steps: T } = pass;
  const G = GATES[cell];
  const GH = G * H;
  const gain = gains ?? blockGains(pass);
  const factor = stepFactor(pass);
  let work = T * GH * H; // the one-step Jacobians

  // Rows carried back: one per output unit of h_{T−1} (and of c_{T−1} for the lstm). When all H
  // do not fit, fewer directions, on at most half of the budget, so the step norms keep the rest.
  const groups = cell === 'lstm' ? 2 : 1;
  const rowCost = T * groups * GH * H;
  const P = H * rowCost <= maxWork - work ? H : Math.min(H, Math.max(8, Math.floor((0.5 * (maxWork - work)) / rowCost)));
  work += P * rowCost;
  // Exact norms, series by series in order of importance, while the budget lasts.
  const normCost = T * exactNormWork(H, H);
  const plan = { hPath: false, cPath: false, step: false };
  const order = P < H ? (['step'] as const) : cell === 'lstm' ? (['hPath', 'step', 'cPath'] as const) : (['hPath', 'step'] as const);
  let estimated = 0;
  for (const key of order) {
    if (normCost <= maxWork - work) {
      plan[key] = true;
      work += normCost;
    } else estimated++;
  }
  // The rest of the budget, shared by the estimated series: 2·H² multiply-adds per iteration.
  const iterations = estimated === 0 ? 0 : Math.min(MAX_ITERATIONS, Math.max(MIN_ITERATIONS, Math.floor((maxWork - work) / (estimated * T * 2 * H * H))));

  const step = stepNorms(pass, plan.step, iterations);
  const carried = carryJacobians(pass, P, plan.hPath, plan.cPath, iterations);
  work += (step.iterations + carried.iterations) * 2 * H * H;
  return {
    cell,
    hidden: H,
    steps: T,
    gain,
    factor,
    step: step.series,
    hPath: carried.hPath,
    ratePerStep: ratePerStep(carried.hPath.spectral.method === 'unavailable' ? carried.hPath.frobeniusLog10 : carried.hPath.spectral.log10),
    cellPath: cell === 'lstm' ? { full: carried.cFull!, fullFrobenius: carried.cFrobenius!, highway: diagonalPath(pass, H) } : null,
    zPath: cell === 'gru' ? diagonalPath(pass, H) : null,
    probes: P,
    work,
    budget: maxWork,
  };
}

/** 10^(log10[t] / (T − 1 − t)) for every t < T − 1 (NaN at the last step and where log10 is not finite). */
export function ratePerStep(log10: Float64Array): Float64Array {
  const T = log10.length;
  const out = new Float64Array(T).fill(NaN);
  for (let t = 0; t < T - 1; t++) if (Number.isFinite(log10[t])) out[t] = exp((log10[t] * Math.LN10) / (T - 1 - t));
  return out;
}

/** Every buffer of a mechanism, to transfer it from the worker without copying. */
export function mechanismBuffers(m: StepMechanism): ArrayBuffer[] {
  const series = (s: NormSeries) => [s.value, s.log10, s.relError];
  const diag = (d: DiagonalPath) => [d.perUnit, d.perUnitLog10, d.norm, d.normLog10];
  const arrays: Float64Array[] = [
    m.factor.perUnit,
    m.factor.max,
    m.factor.mean,
    m.factor.min,
    ...series(m.step),
    ...series(m.hPath.spectral),
    m.hPath.frobenius,
    m.hPath.frobeniusLog10,
    m.ratePerStep,
    ...(m.cellPath ? [...series(m.cellPath.full), m.cellPath.fullFrobenius, ...diag(m.cellPath.highway)] : []),
    ...(m.zPath ? diag(m.zPath) : []),
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** ‖block‖₂ (exact) and ρ(block) of every gate block of W_hh. */
export function blockGains(pass: StoredPass): BlockGain[] {
  const H = pass.hidden;
  return BLOCK_NAMES[pass.cell].map((gate, g) => {
    const block = pass.wHh.subarray(g * H * H, (g + 1) * H * H);
    let radius = 0;
    for (const e of eigenvalues(block, H) ?? []) radius = Math.max(radius, hypot(e.re, e.im));
    return { gate, norm: spectralNormExact(block, H, H), normRelError: exactRelativeError(H), radius };
  });
}

/** rnn 1 − h_t², lstm f_t, gru z_t for every step and unit, with per-step max, mean and min. */
export function stepFactor(pass: StoredPass): StepFactor {
  const { cell, hidden: H, steps: T } = pass;
  const GH = GATES[cell] * H;
  const perUnit = new Float64Array(T * H);
  const max = new Float64Array(T);
  const mean = new Float64Array(T);
  const min = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < H; j++) {
      let v: number;
      if (cell === 'rnn') {
        const h = pass.hs[(t + 1) * H + j];
        v = 1 - h * h; // tanh′(a_t) = 1 − tanh²(a_t) = 1 − h_t²
      } else v = pass.act[t * GH + H + j]; // block 1 is f (lstm) or z (gru)
      perUnit[t * H + j] = v;
      s += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    max[t] = hi;
    mean[t] = s / H;
    min[t] = lo;
  }
  return { label: cell === 'rnn' ? 'tanh_prime' : cell === 'lstm' ? 'forget' : 'update', perUnit, max, mean, min };
}

/**
 * The running product of a diagonal factor from T − 1 back to t + 1: per unit ∏_{s=t+1}^{T−1} f_s
 * (lstm; the highway ∂c_{T−1}/∂c_t along c alone) or z_s (gru; the direct path ∂h_{T−1}/∂h_t along
 * h_s = … + z_s ⊙ h_{s−1} alone), summed in logs as well so that long products keep their exponent.
 */
export function diagonalPath(pass: StoredPass, H = pass.hidden): DiagonalPath {
  const T = pass.steps;
  const GH = GATES[pass.cell] * H;
  const perUnit = new Float64Array(T * H);
  const perUnitLog10 = new Float64Array(T * H);
  const norm = new Float64Array(T);
  const normLog10 = new Float64Array(T);
  for (let j = 0; j < H; j++) {
    perUnit[(T - 1) * H + j] = 1;
    perUnitLog10[(T - 1) * H + j] = 0;
  }
  for (let t = T - 2; t >= 0; t--) {
    for (let j = 0; j < H; j++) {
      const f = pass.act[(t + 1) * GH + H + j];
      perUnit[t * H + j] = perUnit[(t + 1) * H + j] * f;
      perUnitLog10[t * H + j] = perUnitLog10[(t + 1) * H + j] + log(f) * LOG10E;
    }
  }
  for (let t = 0; t < T; t++) {
    let best = -Infinity;
    let m = 0;
    for (let j = 0; j < H; j++) {
      if (perUnitLog10[t * H + j] > best) best = perUnitLog10[t * H + j];
      if (perUnit[t * H + j] > m) m = perUnit[t * H + j];
    }
    norm[t] = m;
    normLog10[t] = best;
  }
  return { perUnit, perUnitLog10, norm, normLog10 };
}

/**
 * The one-step Jacobian ∂h_t/∂h_{t−1} (H × H, row i = unit i of h_t) into `out`; for the lstm
 * with c_{t−1} held:
 *   rnn   diag(1 − h_t²) W
 *   lstm  diag(o ⊙ (1 − tanh² c_t)) ∂c_t/∂h_{t−1} + diag(tanh c_t ⊙ o ⊙ (1 − o)) W_o,
 *         ∂c_t/∂h_{t−1} = diag(g ⊙ i(1 − i)) W_i + diag(c_{t−1} ⊙ f(1 − f)) W_f + diag(i ⊙ (1 − g²)) W_g
 *   gru   diag(z) + diag((1 − z) ⊙ (1 − n²)) (diag(r) W_n + diag(ghn ⊙ r(1 − r)) W_r) + diag((h_{t−1} − n) ⊙ z(1 − z)) W_z,
 *         ghn = W_hn h_{t−1} + b_hn
 */
export function oneStepJacobian(pass: StoredPass, t: number, out: Float64Array): Float64Array {
  const { cell, hidden: H, wHh: W } = pass;
  const GH = GATES[cell] * H;
  const HH = H * H;
  const a = t * GH;
  for (let i = 0; i < H; i++) {
    const row = i * H;
    if (cell === 'rnn') {
      const h = pass.hs[(t + 1) * H + i];
      const s = 1 - h * h;
      for (let j = 0; j < H; j++) out[row + j] = s * W[row + j];
    } else if (cell === 'lstm') {
      const ig = pass.act[a + i];
      const f = pass.act[a + H + i];
      const g = pass.act[a + 2 * H + i];
      const o = pass.act[a + 3 * H + i];
      const tc = pass.tc[t * H + i];
      const cp = pass.cs[t * H + i];
      const toC = o * (1 - tc * tc); // ∂h_t/∂c_t
      const si = toC * g * ig * (1 - ig);
      const sf = toC * cp * f * (1 - f);
      const sg = toC * ig * (1 - g * g);
      const so = tc * o * (1 - o);
      for (let j = 0; j < H; j++) out[row + j] = si * W[row + j] + sf * W[HH + row + j] + sg * W[2 * HH + row + j] + so * W[3 * HH + row + j];
    } else {
      const r = pass.act[a + i];
      const z = pass.act[a + H + i];
      const n = pass.act[a + 2 * H + i];
      const ghn = pass.gh[a + 2 * H + i];
      const hp = pass.hs[t * H + i];
      const dn = (1 - z) * (1 - n * n); // ∂h_t/∂(pre-activation of n)
      const sr = dn * ghn * r * (1 - r);
      const sn = dn * r;
      const sz = (hp - n) * z * (1 - z);
      for (let j = 0; j < H; j++) out[row + j] = sr * W[row + j] + sz * W[HH + row + j] + sn * W[2 * HH + row + j];
      out[row + i] += z;
    }
  }
  return out;
}

/** ‖∂h_t/∂h_{t−1}‖₂ for every t: exact, or at most `iterations` power iterations warm-started from the step after. */
function stepNorms(pass: StoredPass, exact: boolean, iterations: number): { series: NormSeries; iterations: number } {
  const { hidden: H, steps: T } = pass;
  const out = newSeries(T, exact ? 'exact' : 'estimate');
  const D = new Float64Array(H * H);
  let warm: Float64Array | null = null;
  let spent = 0;
  for (let t = T - 1; t >= 0; t--) {
    oneStepJacobian(pass, t, D);
    if (exact) setExact(out, t, spectralNormExact(D, H, H), 0, H);
    else {
      const est = spectralNormEstimate(D, H, H, warm, 1e-12, iterations);
      warm = est.vector;
      spent += est.iterations;
      setEstimate(out, t, est.value, est.bound, 0);
    }
  }
  return { series: out, iterations: spent };
}

/**
 * Carries rows of ∂h_{T−1}/∂(h_t, c_t) (and for the lstm of ∂c_{T−1}/∂(h_t, c_t)) from t = T − 1
 * down to 0, reading off the norms at every t. With P = H the rows are the identity at T − 1 and
 * the Jacobians are exact; with P < H they are P seeded orthonormal directions, which estimate
 * ‖J‖_F as ‖UJ‖_F·√(H/P) and give no spectral norm. Each group of rows is rescaled by powers of
 * two as it goes (exactly), so that long products neither underflow nor overflow.
 */
function carryJacobians(pass: StoredPass, P: number, exactH: boolean, exactC: boolean, iterations: number) {
  const { cell, hidden: H, steps: T } = pass;
  const GH = GATES[cell] * H;
  const lstm = cell === 'lstm';
  const groups = lstm ? 2 : 1;
  const R = groups * P;
  const wT = transpose(pass.wHh, GH, H); // H × GH, so that gemmNT(da, wT) = da · W_hh
  let dh = new Float64Array(R * H);
  let dc = new Float64Array(lstm ? R * H : 0);
  let dhNext = new Float64Array(R * H);
  const da = new Float64Array(R * GH);
  const start = P === H ? null : orthogonal(H, createRng(20240917)).subarray(0, P * H);
  for (let r = 0; r < P; r++) {
    for (let j = 0; j < H; j++) {
      const v = start ? start[r * H + j] : r === j ? 1 : 0;
      dh[r * H + j] = v; // rows of ∂h_{T−1}/∂h_{T−1} = I
      if (lstm) dc[(P + r) * H + j] = v; // rows of ∂c_{T−1}/∂c_{T−1} = I
    }
  }
  const exponent = new Int32Array(groups); // group g's rows are 2^exponent[g] times the stored ones
  const hPath = { spectral: newSeries(T, P < H ? 'unavailable' : exactH ? 'exact' : 'estimate'), frobenius: new Float64Array(T), frobeniusLog10: new Float64Array(T), frobeniusExact: P === H };
  const cFull = lstm ? newSeries(T, P < H ? 'unavailable' : exactC ? 'exact' : 'estimate') : null;
  const cFrobenius = lstm ? new Float64Array(T) : null;
  const scale = Math.sqrt(H / P);
  const block = new Float64Array(P * H);
  const warm: (Float64Array | null)[] = [null, null];
  let spent = 0;
  for (let t = T - 1; t >= 0; t--) {
    // h path: ∂h_{T−1}/∂h_t = the dh part of group 0; cell path: the dc part of group 1.
    for (let g = 0; g < groups; g++) {
      const src = g === 0 ? dh : dc;
      block.set(src.subarray(g * P * H, (g + 1) * P * H));
      const series = g === 0 ? hPath.spectral : cFull!;
      const fro = Math.sqrt(sumSquares(block)) * scale;
      const froLog10 = fro > 0 ? log(fro) * LOG10E + exponent[g] * LOG10_2 : -Infinity;
      const froValue = fro * pow2(exponent[g]);
      if (g === 0) {
        hPath.frobenius[t] = froValue;
        hPath.frobeniusLog10[t] = froLog10;
      } else cFrobenius![t] = froValue;
      if (P < H) continue;
      if (series.method === 'exact') setExact(series, t, spectralNormExact(block, H, H), exponent[g], H);
      else {
        const est = spectralNormEstimate(block, H, H, warm[g], 1e-12, iterations);
        warm[g] = est.vector;
        spent += est.iterations;
        setEstimate(series, t, est.value, est.bound, exponent[g]);
      }
    }
    if (t === 0) break;
    localBackward(pass, t, R, dh, dc, da);
    gemmNT(dhNext, 0, H, da, 0, GH, R, wT, 0, GH, H, GH, null);
    if (cell === 'gru') {
      // the direct path: h_t = … + z_t ⊙ h_{t−1}
      const zOff = t * GH + H;
      for (let r = 0; r < R; r++) for (let j = 0; j < H; j++) dhNext[r * H + j] += dh[r * H + j] * pass.act[zOff + j];
    }
    [dh, dhNext] = [dhNext, dh];
    for (let g = 0; g < groups; g++) rescale(g, P, H, dh, dc, exponent);
  }
  return { hPath, cFull, cFrobenius, iterations: spent };
}

/**
 * For each of the R rows: from (∂X/∂h_t, ∂X/∂c_t), the derivatives with respect to the state
 * entering steps t + 1 … T − 1, to ∂X/∂(recurrent pre-activations of step t) in `da` (R × GH), and
 * ∂X/∂c_{t−1} in place in `dc`. The cells' own backward, without the output head:
 *   rnn   da = dh ⊙ (1 − h_t²)
 *   lstm  dcTot = dc + dh ⊙ o ⊙ (1 − tanh² c_t)   (c_t also reaches X through h_t = o ⊙ tanh c_t)
 *         da_i = dcTot ⊙ g ⊙ i(1 − i), da_f = dcTot ⊙ c_{t−1} ⊙ f(1 − f), da_g = dcTot ⊙ i ⊙ (1 − g²),
 *         da_o = dh ⊙ tanh c_t ⊙ o(1 − o), and ∂X/∂c_{t−1} = dcTot ⊙ f
 *   gru   dan = dh ⊙ (1 − z) ⊙ (1 − n²); da_r = dan ⊙ ghn ⊙ r(1 − r); da_z = dh ⊙ (h_{t−1} − n) ⊙ z(1 − z);
 *         da_n (recurrent side) = dan ⊙ r
 */
function localBackward(pass: StoredPass, t: number, R: number, dh: Float64Array, dc: Float64Array, da: Float64Array): void {
  const { cell, hidden: H } = pass;
  const GH = GATES[cell] * H;
  const a = t * GH;
  const act = pass.act;
  for (let r = 0; r < R; r++) {
    const row = r * H;
    const out = r * GH;
    for (let j = 0; j < H; j++) {
      const d = dh[row + j];
      if (cell === 'rnn') {
        const h = pass.hs[(t + 1) * H + j];
        da[out + j] = d * (1 - h * h);
      } else if (cell === 'lstm') {
        const i = act[a + j];
        const f = act[a + H + j];
        const g = act[a + 2 * H + j];
        const o = act[a + 3 * H + j];
        const tc = pass.tc[t * H + j];
        const dct = dc[row + j] + d * o * (1 - tc * tc);
        da[out + j] = dct * g * i * (1 - i);
        da[out + H + j] = dct * pass.cs[t * H + j] * f * (1 - f);
        da[out + 2 * H + j] = dct * i * (1 - g * g);
        da[out + 3 * H + j] = d * tc * o * (1 - o);
        dc[row + j] = dct * f;
      } else {
        const rr = act[a + j];
        const z = act[a + H + j];
        const n = act[a + 2 * H + j];
        const dan = d * (1 - z) * (1 - n * n);
        da[out + j] = dan * pass.gh[a + 2 * H + j] * rr * (1 - rr);
        da[out + H + j] = d * (pass.hs[t * H + j] - n) * z * (1 - z);
        da[out + 2 * H + j] = dan * rr;
      }
    }
  }
}

/** Rescales group g's rows (dh and dc parts together) by a power of two when their size leaves [2^-400, 2^400]. */
function rescale(g: number, P: number, H: number, dh: Float64Array, dc: Float64Array, exponent: Int32Array): void {
  const from = g * P * H;
  const to = from + P * H;
  let m = 0;
  for (let k = from; k < to; k++) m = Math.max(m, Math.abs(dh[k]));
  for (let k = from; k < Math.min(to, dc.length); k++) m = Math.max(m, Math.abs(dc[k]));
  if (m === 0 || !Number.isFinite(m) || (m > TWO_M400 && m < TWO_400)) return;
  // the exponent of m, by halving / doubling in steps of 2^100 then 2 (all exact)
  let e = 0;
  let x = m;
  while (x >= TWO_100) (x /= TWO_100), (e += 100);
  while (x < 1 / TWO_100) (x *= TWO_100), (e -= 100);
  while (x >= 2) (x /= 2), e++;
  while (x < 1) (x *= 2), e--;
  const f = pow2(-e);
  for (let k = from; k < to; k++) dh[k] *= f;
  for (let k = from; k < Math.min(to, dc.length); k++) dc[k] *= f;
  exponent[g] += e;
}

const TWO_100 = powInt(2, 100);
const TWO_400 = powInt(2, 400);
const TWO_M400 = 1 / TWO_400;

/** 2^e exactly (0 or ∞ beyond the doubles). */
function pow2(e: number): number {
  if (e > 1023) return Infinity;
  if (e < -1074) return 0;
  if (e >= -1022) return e >= 0 ? powInt(2, e) : 1 / powInt(2, -e);
  return (1 / powInt(2, 1022)) / powInt(2, -e - 1022);
}

function newSeries(T: number, method: NormSeries['method']): NormSeries {
  const s: NormSeries = { value: new Float64Array(T), log10: new Float64Array(T), relError: new Float64Array(T), method };
  if (method === 'unavailable') {
    s.value.fill(NaN);
    s.log10.fill(NaN);
    s.relError.fill(NaN);
  }
  return s;
}

function setExact(s: NormSeries, t: number, norm: number, exponent: number, n: number): void {
  s.value[t] = norm * pow2(exponent);
  s.log10[t] = norm > 0 ? log(norm) * LOG10E + exponent * LOG10_2 : -Infinity;
  s.relError[t] = exactRelativeError(n);
}

function setEstimate(s: NormSeries, t: number, value: number, bound: number, exponent: number): void {
  s.value[t] = value * pow2(exponent);
  s.log10[t] = value > 0 ? log(value) * LOG10E + exponent * LOG10_2 : -Infinity;
  s.relError[t] = value > 0 ? bound / value : bound === 0 ? 0 : Infinity;
}

function sumSquares(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return s;
}
