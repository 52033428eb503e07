import { PARAM_KEYS, type Params, fieldLength } from './params';
import type { Rng } from './rng';
import { bindSequence, forwardAll, type FrozenStates, sequenceLoss, runSequence, type Sequence } from './sequence';
import { prepareWeights } from './workspace';

/**
 * Central finite differences in float64 against the engine's analytic gradient.
 * For truncated BPTT the loss is differentiated with the state entering every block held
 * at its unperturbed value, which is exactly what truncation means.
 */

export interface GradCheckOptions {
  /** check at most this many parameters (a seeded sample, every tensor represented); all when absent */
  maxParams?: number;
  rng?: Rng;
  /** relative step: h = step · max(1, |θ|) */
  step?: number;
  /**
   * 'five-point' (default): (−L(θ+2h) + 8L(θ+h) − 8L(θ−h) + L(θ−2h)) / 12h, error O(h⁴), so a
   * larger h keeps rounding small; 'central': (L(θ+h) − L(θ−h)) / 2h, error O(h²).
   */
  stencil?: 'five-point' | 'central';
}

export interface GradCheckEntry {
  key: string;
  index: number;
  analytic: number;
  numeric: number;
  relError: number;
}

export interface GradCheckResult {
  /** max over checked parameters of |a − n| / max(|a|, |n|, floor), floor = 1e-6 · max|∇L| (≥ 1e-12) */
  worstRelError: number;
  worst: GradCheckEntry | null;
  /** max |a − n| */
  worstAbsError: number;
  checked: number;
  total: number;
  step: number;
}

/**
 * |a − n| / max(|a|, |n|, floor): relative where the gradient is not tiny, absolute (÷ floor)
 * where it is. The gradient check uses a floor of 1e-6 of the largest gradient, so an entry a
 * million times smaller than the rest is judged by what matters, its absolute error.
 */
export function relativeError(a: number, n: number, floor = 1e-8): number {
  return Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), floor);
}

export function gradientCheck(params: Params, seq: Sequence, opts: GradCheckOptions = {}): GradCheckResult {
  const stencil = opts.stencil ?? 'five-point';
  const step = opts.step ?? (stencil === 'five-point' ? 1e-3 : 1e-5);
  const base = runSequence(params, seq);
  const analytic = base.grads;
  const ws = base.ws;
  const frozen: FrozenStates | undefined =
    seq.truncation > 0 ? { truncation: seq.truncation, hs: ws.hs.slice(), cs: ws.cs.slice() } : undefined;
  const lossAt = (): number => {
    prepareWeights(ws, params);
    bindSequence(ws, seq);
    forwardAll(params, ws, frozen);
    return sequenceLoss(ws);
  };

  const targets: { key: string; field: (typeof PARAM_KEYS)[number]['field']; index: number }[] = [];
  let total = 0;
  for (const { field, key } of PARAM_KEYS) {
    const n = fieldLength(params, field);
    total += n;
    for (let i = 0; i < n; i++) targets.push({ key, field, index: i });
  }
  let chosen = targets;
  if (opts.maxParams !== undefined && opts.maxParams < targets.length) {
    const rng = opts.rng;
    if (!rng) throw new Error('gradientCheck: sampling needs an rng');
    // one of each tensor first, then a seeded sample of the rest
    const firsts = PARAM_KEYS.map(({ key }) => targets.findIndex((x) => x.key === key));
    const picked = new Set<number>(firsts);
    while (picked.size < opts.maxParams) picked.add(rng.int(targets.length));
    chosen = [...picked].sort((a, b) => a - b).map((i) => targets[i]);
  }

  let gmax = 0;
  for (const { field } of PARAM_KEYS) for (const g of analytic[field]) gmax = Math.max(gmax, Math.abs(g));
  const floor = Math.max(1e-12, 1e-6 * gmax);
  let worst: GradCheckEntry | null = null;
  let worstAbs = 0;
  for (const { key, field, index } of chosen) {
    const arr = params[field];
    const orig = arr[index];
    const h = step * Math.max(1, Math.abs(orig));
    const at = (d: number) => {
      arr[index] = orig + d;
      return lossAt();
    };
    const numeric =
      stencil === 'central' ? (at(h) - at(-h)) / (2 * h) : (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
    arr[index] = orig;
    const a = analytic[field][index];
    const relError = relativeError(a, numeric, floor);
    worstAbs = Math.max(worstAbs, Math.abs(a - numeric));
    if (!worst || relError > worst.relError || Number.isNaN(relError)) worst = { key, index, analytic: a, numeric, relError };
  }
  prepareWeights(ws, params);
  return { worstRelError: worst ? worst.relError : 0, worst, worstAbsError: worstAbs, checked: chosen.length, total, step };
}
