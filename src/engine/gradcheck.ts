import { PARAM_KEYS, type Params, fieldLength } from './params';
import type { Rng } from './rng';
import { bindSequence, forwardAll, type FrozenStates, meanLoss, runSequence, type Sequence } from './sequence';
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
}

export interface GradCheckEntry {
  key: string;
  index: number;
  analytic: number;
  numeric: number;
  relError: number;
}

export interface GradCheckResult {
  /** max over checked parameters of |a − n| / max(|a|, |n|, 1e-8) */
  worstRelError: number;
  worst: GradCheckEntry | null;
  /** max |a − n| */
  worstAbsError: number;
  checked: number;
  total: number;
  step: number;
}

/** |a − n| / max(|a|, |n|, 1e-8): relative where the gradient is not tiny, absolute (×1e8) where it is. */
export function relativeError(a: number, n: number): number {
  return Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-8);
}

export function gradientCheck(params: Params, seq: Sequence, opts: GradCheckOptions = {}): GradCheckResult {
  const step = opts.step ?? 1e-5;
  const base = runSequence(params, seq);
  const analytic = base.grads;
  const ws = base.ws;
  const frozen: FrozenStates | undefined =
    seq.truncation > 0 ? { truncation: seq.truncation, hs: ws.hs.slice(), cs: ws.cs.slice() } : undefined;
  const lossAt = (): number => {
    prepareWeights(ws, params);
    bindSequence(ws, seq);
    forwardAll(params, ws, frozen);
    return meanLoss(ws);
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

  let worst: GradCheckEntry | null = null;
  let worstAbs = 0;
  for (const { key, field, index } of chosen) {
    const arr = params[field];
    const orig = arr[index];
    const h = step * Math.max(1, Math.abs(orig));
    arr[index] = orig + h;
    const lp = lossAt();
    arr[index] = orig - h;
    const lm = lossAt();
    arr[index] = orig;
    const numeric = (lp - lm) / (2 * h);
    const a = analytic[field][index];
    const relError = relativeError(a, numeric);
    worstAbs = Math.max(worstAbs, Math.abs(a - numeric));
    if (!worst || relError > worst.relError || Number.isNaN(relError)) worst = { key, index, analytic: a, numeric, relError };
  }
  prepareWeights(ws, params);
  return { worstRelError: worst ? worst.relError : 0, worst, worstAbsError: worstAbs, checked: chosen.length, total, step };
}
