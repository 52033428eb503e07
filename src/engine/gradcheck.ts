import { bindNetwork, forwardNetwork, networkLoss, prepareNetwork } from './network';
import { paramArray, paramEntries, type Params } from './params';
import type { Rng } from './rng';
import { type FrozenStates, runSequence, type Sequence } from './sequence';

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
  const net = base.net;
  // every layer's states entering each block, held at the unperturbed run's
  const frozen: FrozenStates[] | undefined =
    seq.truncation > 0 ? net.layers.map((ws) => ({ truncation: seq.truncation, hs: ws.hs.slice(), cs: ws.cs.slice() })) : undefined;
  const lossAt = (): number => {
    prepareNetwork(net, params);
    bindNetwork(net, seq);
    forwardNetwork(params, net, frozen);
    return networkLoss(net);
  };

  const entries = paramEntries(params);
  const targets: { key: string; arr: Float64Array; grad: Float64Array; index: number }[] = [];
  let total = 0;
  for (const e of entries) {
    const arr = paramArray(params, e);
    const grad = paramArray(analytic, e);
    total += arr.length;
    for (let i = 0; i < arr.length; i++) targets.push({ key: e.key, arr, grad, index: i });
  }
  let chosen = targets;
  if (opts.maxParams !== undefined && opts.maxParams < targets.length) {
    const rng = opts.rng;
    if (!rng) throw new Error('gradientCheck: sampling needs an rng');
    // one of each tensor first, then a seeded sample of the rest
    const firsts = entries.map(({ key }) => targets.findIndex((x) => x.key === key));
    const picked = new Set<number>(firsts);
    while (picked.size < opts.maxParams) picked.add(rng.int(targets.length));
    chosen = [...picked].sort((a, b) => a - b).map((i) => targets[i]);
  }

  let gmax = 0;
  for (const e of entries) for (const g of paramArray(analytic, e)) gmax = Math.max(gmax, Math.abs(g));
  const floor = Math.max(1e-12, 1e-6 * gmax);
  let worst: GradCheckEntry | null = null;
  let worstAbs = 0;
  for (const { key, arr, grad, index } of chosen) {
    const orig = arr[index];
    const h = step * Math.max(1, Math.abs(orig));
    const at = (d: number) => {
      arr[index] = orig + d;
      return lossAt();
    };
    const numeric =
      stencil === 'central' ? (at(h) - at(-h)) / (2 * h) : (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
    arr[index] = orig;
    const a = grad[index];
    const relError = relativeError(a, numeric, floor);
    worstAbs = Math.max(worstAbs, Math.abs(a - numeric));
    if (!worst || relError > worst.relError || Number.isNaN(relError)) worst = { key, index, analytic: a, numeric, relError };
  }
  prepareNetwork(net, params);
  return { worstRelError: worst ? worst.relError : 0, worst, worstAbsError: worstAbs, checked: chosen.length, total, step };
}
