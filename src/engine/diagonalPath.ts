/**
 * What one step back multiplies in pointwise on the path that matters (tanh′, the forget gate, the
 * update gate), and its running product back from T − 1: the paths that need no matrix at all.
 */

import { log } from './mathfn';
import { LOG10E } from './normSeries';
import { GATE_COUNT } from './params';
import type { StoredPass } from './storedPass';

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
  /**
   * The median over every unit and every step a path back crosses (steps 1 … T − 1; step 0 reads
   * h0 and is never multiplied by): the typical unit's factor. A mean would hide saturation, as a
   * few units near 0 lift it while most sit at ±1.
   */
  median: number;
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

/** rnn 1 − h_t², lstm f_t, gru z_t for every step and unit, with per-step max, mean and min. */
export function stepFactor(pass: StoredPass): StepFactor {
  const { cell, hidden: H, steps: T } = pass;
  const GH = GATE_COUNT[cell] * H;
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
  const crossed = perUnit.slice(H).sort();
  const median = crossed.length === 0 ? NaN : crossed[crossed.length >> 1];
  return { label: cell === 'rnn' ? 'tanh_prime' : cell === 'lstm' ? 'forget' : 'update', perUnit, max, mean, min, median };
}

/**
 * The running product of a diagonal factor from T − 1 back to t + 1: per unit ∏_{s=t+1}^{T−1} f_s
 * (lstm; the highway ∂c_{T−1}/∂c_t along c alone) or z_s (gru; the direct path ∂h_{T−1}/∂h_t along
 * h_s = … + z_s ⊙ h_{s−1} alone), summed in logs as well so that long products keep their exponent.
 */
export function diagonalPath(pass: StoredPass, H = pass.hidden): DiagonalPath {
  const T = pass.steps;
  const GH = GATE_COUNT[pass.cell] * H;
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
