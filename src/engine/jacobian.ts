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

import { diagonalPath, type DiagonalPath, stepFactor, type StepFactor } from './diagonalPath';
import { eigenvalues } from './eigen';
import { hypot, exp } from './mathfn';
import { carryJacobians, stepNorms } from './jacobianNorms';
import type { NormSeries } from './normSeries';
import { GATE_COUNT, type CellType } from './params';
import { exactNormWork, exactRelativeError, spectralNormExact } from './spectralNorm';
import type { StoredPass } from './storedPass';

// what the analysis is made of, where its users have always imported it from
export type { StoredPass } from './storedPass';
export type { NormSeries } from './normSeries';
export { diagonalPath, stepFactor, type DiagonalPath, type StepFactor } from './diagonalPath';
export { oneStepJacobian } from './oneStepJacobian';

const BLOCK_NAMES: Record<CellType, readonly string[]> = { rnn: ['h'], lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] };

/** ‖W_hh block‖₂ and ρ(block) for one gate block: the most one step can multiply by, and the long-run rate. */
export interface BlockGain {
  gate: string;
  norm: number;
  /** relative error bound of `norm` */
  normRelError: number;
  radius: number;
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
  const G = GATE_COUNT[cell];
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
