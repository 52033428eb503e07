import { powInt } from './mathfn';
import { fields, type Params, zerosLike } from './params';
import { runSequenceSlices, type Sequence } from './sequence';
import { finish, type Slices } from './slices';
import type { NetworkWorkspace } from './network';

/**
 * Optimisers with PyTorch's update rules (torch.optim.SGD with momentum, dampening 0,
 * no Nesterov; torch.optim.Adam), and gradient clipping by global norm
 * (torch.nn.utils.clip_grad_norm_). Training runs the fast path.
 */
export type OptimizerKind = 'sgd' | 'momentum' | 'adam';
export const OPTIMIZERS: readonly OptimizerKind[] = ['sgd', 'momentum', 'adam'];

export interface TrainConfig {
  optimizer: OptimizerKind;
  lr: number;
  /** SGD momentum (used by 'momentum'); PyTorch's buf = μ·buf + g */
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** max global gradient norm; 0 = no clipping */
  clip: number;
}

export const DEFAULT_TRAIN: TrainConfig = { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1 };

export interface StepReport {
  /** mean loss over the batch, before the update */
  loss: number;
  /** global gradient norm before clipping */
  gradNorm: number;
  clipped: boolean;
  /** false when the loss or a gradient was NaN or ±∞; then no update happened */
  finite: boolean;
}

/**
 * The factor clip_grad_norm_ multiplies every gradient by: max/(‖g‖ + 1e-6) when that is < 1,
 * else 1 (no clipping). 1 as well when clipping is off (max ≤ 0) or the norm is not finite.
 */
export function clipFactor(norm: number, maxNorm: number): number {
  if (!(maxNorm > 0) || !Number.isFinite(norm)) return 1;
  const coef = maxNorm / (norm + 1e-6);
  return coef < 1 ? coef : 1;
}

/** clip_grad_norm_: scales g by clipFactor(‖g‖, max). Returns [norm before, clipped]. */
export function clipGradNorm(grads: Params, maxNorm: number): [number, boolean] {
  let s = 0;
  for (const g of fields(grads)) for (let k = 0; k < g.length; k++) s += g[k] * g[k];
  const norm = Math.sqrt(s);
  const coef = clipFactor(norm, maxNorm);
  if (coef < 1) {
    for (const g of fields(grads)) for (let k = 0; k < g.length; k++) g[k] *= coef;
    return [norm, true];
  }
  return [norm, false];
}

export class Trainer {
  readonly params: Params;
  config: TrainConfig;
  /** completed optimizer steps */
  stepCount = 0;
  private readonly grads: Params;
  private readonly sum: Params;
  private readonly m: Params;
  private readonly v: Params;
  private net: NetworkWorkspace | null = null;

  constructor(params: Params, config: TrainConfig) {
    this.params = params;
    this.config = { ...config };
    this.grads = zerosLike(params);
    this.sum = zerosLike(params);
    this.m = zerosLike(params);
    this.v = zerosLike(params);
  }

  /** Clears momentum / Adam moments (after the weights are replaced). */
  resetState(): void {
    this.stepCount = 0;
    for (const a of [...fields(this.m), ...fields(this.v)]) a.fill(0);
  }

  /** The gradient of the mean loss over the batch (kept for inspection), without updating. */
  gradient(batch: readonly Sequence[]): { loss: number; grads: Params } {
    return finish(this.gradientSlices(batch));
  }

  /** gradient in pieces (slices.ts); the weights do not change, so stopping between pieces loses nothing. */
  *gradientSlices(batch: readonly Sequence[]): Slices<{ loss: number; grads: Params }> {
    const sum = this.sum;
    for (const a of fields(sum)) a.fill(0);
    let loss = 0;
    for (const seq of batch) {
      const run = yield* runSequenceSlices(this.params, seq, { net: this.net, grads: this.grads });
      this.net = run.net;
      loss += run.loss;
      const src = fields(this.grads);
      const dst = fields(sum);
      for (let f = 0; f < dst.length; f++) {
        const a = dst[f];
        const b = src[f];
        for (let k = 0; k < a.length; k++) a[k] += b[k];
      }
    }
    const inv = 1 / batch.length;
    for (const a of fields(sum)) for (let k = 0; k < a.length; k++) a[k] *= inv;
    return { loss: loss * inv, grads: sum };
  }

  /** One optimisation step on a batch of sequences (mean loss over the batch). */
  step(batch: readonly Sequence[]): StepReport {
    return this.update(this.gradient(batch));
  }

  /** The update from a batch's gradient (gradientSlices' result): clipping, then the optimiser's step. */
  update({ loss, grads }: { loss: number; grads: Params }): StepReport {
    const [gradNorm, clipped] = clipGradNorm(grads, this.config.clip);
    const finite = Number.isFinite(loss) && Number.isFinite(gradNorm);
    if (!finite) return { loss, gradNorm, clipped: false, finite };
    this.apply(grads);
    return { loss, gradNorm, clipped, finite };
  }

  private apply(grads: Params): void {
    const c = this.config;
    this.stepCount++;
    const ps = fields(this.params);
    const gs = fields(grads);
    const ms = fields(this.m);
    const vs = fields(this.v);
    if (c.optimizer === 'sgd') {
      for (let f = 0; f < ps.length; f++) {
        const p = ps[f];
        const g = gs[f];
        for (let k = 0; k < p.length; k++) p[k] -= c.lr * g[k];
      }
    } else if (c.optimizer === 'momentum') {
      const first = this.stepCount === 1;
      for (let f = 0; f < ps.length; f++) {
        const p = ps[f];
        const g = gs[f];
        const buf = ms[f];
        for (let k = 0; k < p.length; k++) {
          buf[k] = first ? g[k] : c.momentum * buf[k] + g[k];
          p[k] -= c.lr * buf[k];
        }
      }
    } else {
      const bc1 = 1 - powInt(c.beta1, this.stepCount);
      const bc2 = 1 - powInt(c.beta2, this.stepCount);
      const stepSize = c.lr / bc1;
      const sqrtBc2 = Math.sqrt(bc2);
      for (let f = 0; f < ps.length; f++) {
        const p = ps[f];
        const g = gs[f];
        const m = ms[f];
        const v = vs[f];
        for (let k = 0; k < p.length; k++) {
          m[k] = m[k] * c.beta1 + (1 - c.beta1) * g[k];
          v[k] = v[k] * c.beta2 + (1 - c.beta2) * g[k] * g[k];
          p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) / sqrtBc2 + c.eps);
        }
      }
    }
  }
}

/** Optimiser settings plus the batch size (sequences per iteration): what a training run is given. */
export interface TrainSettings extends TrainConfig {
  batch: number;
}

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = { ...DEFAULT_TRAIN, batch: 8 };

/** The bounds of every training setting: the worker refuses, the fields and stored settings check, from this one table. */
export const TRAIN_LIMITS = {
  lr: { min: 0, max: 10 },
  clip: { min: 0, max: 1e6 },
  batch: { min: 1, max: 256 },
  momentum: { min: 0, max: 1 },
  beta1: { min: 0, max: 1 },
  beta2: { min: 0, max: 1 },
  eps: { min: 0, max: 1 },
} as const satisfies Record<Exclude<keyof TrainSettings, 'optimizer'>, { min: number; max: number }>;

/** The first setting that is not valid, or null: a known optimiser, every number finite and within TRAIN_LIMITS, a whole batch. */
export function trainSettingsProblem(s: Record<string, unknown>): keyof TrainSettings | null {
  if (!(OPTIMIZERS as readonly unknown[]).includes(s.optimizer)) return 'optimizer';
  for (const [key, { min, max }] of Object.entries(TRAIN_LIMITS) as [keyof typeof TRAIN_LIMITS, { min: number; max: number }][]) {
    const v = s[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) return key;
  }
  if (!Number.isInteger(s.batch)) return 'batch';
  return null;
}
