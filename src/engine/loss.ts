/**
 * Losses with PyTorch's mean reduction over the sequence:
 *   L = (1/T) Σ_t ℓ_t,
 *   mse:           ℓ_t = mean_j (y_tj − target_tj)²      (nn.MSELoss over all T·O entries)
 *   cross_entropy: ℓ_t = −log softmax(y_t)[target_t]     (nn.CrossEntropyLoss over T rows)
 * or, with loss steps "last" (a many-to-one model), L = ℓ_{T−1} alone.
 */

import { exp, log } from './mathfn';

export type LossKind = 'mse' | 'cross_entropy';

export const LOSS_KINDS: readonly LossKind[] = ['mse', 'cross_entropy'];

/** Which steps the loss counts: every step (the mean over t) or only the last one (many-to-one). */
export type LossSteps = 'all' | 'last';
export const LOSS_STEPS: readonly LossSteps[] = ['all', 'last'];

/** Whether ℓ_t is part of L. */
export function countsInLoss(t: number, steps: number, lossSteps: LossSteps): boolean {
  return lossSteps === 'all' || t === steps - 1;
}

/** Targets for a sequence of T steps: T × O numbers (mse) or T class indices (cross_entropy). */
export type Targets =
  | { kind: 'mse'; values: Float64Array }
  | { kind: 'cross_entropy'; classes: Int32Array };

/**
 * ℓ_t for the output y (at yOff, length O) and writes dL/dy_t = dℓ_t/dy_t / divisor into dy at dyOff:
 * divisor T for the mean over all steps, 1 when L is the last step's term alone, 0 for a step
 * the loss does not count (its dL/dy_t is 0; ℓ_t is still returned, for display).
 */
export function lossTerm(
  targets: Targets,
  t: number,
  divisor: number,
  y: Float64Array,
  yOff: number,
  outputSize: number,
  dy: Float64Array,
  dyOff: number,
): number {
  if (targets.kind === 'mse') {
    const tv = targets.values;
    const tOff = t * outputSize;
    const scale = divisor === 0 ? 0 : 2 / (outputSize * divisor);
    let s = 0;
    for (let j = 0; j < outputSize; j++) {
      const d = y[yOff + j] - tv[tOff + j];
      s += d * d;
      dy[dyOff + j] = scale * d;
    }
    return s / outputSize;
  }
  const cls = targets.classes[t];
  let m = -Infinity;
  for (let j = 0; j < outputSize; j++) if (y[yOff + j] > m) m = y[yOff + j];
  let sum = 0;
  for (let j = 0; j < outputSize; j++) sum += exp(y[yOff + j] - m);
  const inv = 1 / sum;
  for (let j = 0; j < outputSize; j++) {
    const p = exp(y[yOff + j] - m) * inv;
    dy[dyOff + j] = divisor === 0 ? 0 : (j === cls ? p - 1 : p) / divisor;
  }
  // −log softmax_c = log Σ exp(y − m) − (y_c − m); exactly 0 when O = 1.
  return log(sum) - (y[yOff + cls] - m);
}

/** Softmax of y (length O at yOff) into out, for sampling and display. */
export function softmaxInto(out: Float64Array, y: Float64Array, yOff: number, n: number, temperature = 1): Float64Array {
  let m = -Infinity;
  for (let j = 0; j < n; j++) m = Math.max(m, y[yOff + j] / temperature);
  let s = 0;
  for (let j = 0; j < n; j++) {
    out[j] = exp(y[yOff + j] / temperature - m);
    s += out[j];
  }
  for (let j = 0; j < n; j++) out[j] /= s;
  return out;
}
