/**
 * Geometry of the training panel's charts, pure and tested: which logged losses to draw (at
 * most a few per pixel column, keeping each column's lowest and highest value, so a long run
 * draws as fast as a short one and looks the same), the loss axis, and the paths.
 * d3 computes; React draws.
 */
import { line, scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';

/**
 * Indices of the values to draw in `buckets` groups: all of them when they fit, otherwise per
 * group its lowest and highest finite value in index order (the min/max envelope a drawing of
 * every value would show at that resolution). With one group per two pixels that is about one
 * point per pixel however long the run.
 */
export function decimate(values: ArrayLike<number>, buckets: number): number[] {
  const n = values.length;
  const out: number[] = [];
  const cols = Math.max(1, Math.floor(buckets));
  if (n <= 2 * cols) {
    for (let k = 0; k < n; k++) if (Number.isFinite(values[k])) out.push(k);
    return out;
  }
  for (let c = 0; c < cols; c++) {
    const from = Math.floor((c * n) / cols);
    const to = Math.floor(((c + 1) * n) / cols);
    let lo = -1;
    let hi = -1;
    for (let k = from; k < to; k++) {
      const v = values[k];
      if (!Number.isFinite(v)) continue;
      if (lo < 0 || v < values[lo]) lo = k;
      if (hi < 0 || v > values[hi]) hi = k;
    }
    if (lo < 0) continue;
    if (lo === hi) out.push(lo);
    else if (lo < hi) out.push(lo, hi);
    else out.push(hi, lo);
  }
  return out;
}

/** Lowest and highest finite value (and lowest positive one, for a log axis) of the given indices. */
export function extentOf(values: ArrayLike<number>, indices?: readonly number[]): { min: number; max: number; minPositive: number } {
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  const n = indices ? indices.length : values.length;
  for (let j = 0; j < n; j++) {
    const v = values[indices ? indices[j] : j];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0 && v < minPositive) minPositive = v;
  }
  return { min, max, minPositive };
}

/**
 * The loss axis: linear from 0 (losses are ≥ 0) to the largest value; log from the decade
 * below the smallest positive value to the decade above the largest.
 */
export function lossDomain(values: ArrayLike<number>, indices: readonly number[], log: boolean): [number, number] {
  const { min, max, minPositive } = extentOf(values, indices);
  if (!Number.isFinite(max)) return log ? [1e-3, 1] : [0, 1];
  if (log) {
    if (!Number.isFinite(minPositive)) return [1e-3, 1];
    const lo = Math.pow(10, Math.floor(Math.log10(minPositive)));
    let hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, minPositive))));
    if (hi <= lo) hi = lo * 10;
    return [lo, hi];
  }
  const lo = Math.min(0, min);
  const hi = max > lo ? max : lo + 1;
  return [lo, hi];
}

export type NumberScale = ScaleContinuousNumeric<number, number>;

export function yScale(domain: [number, number], log: boolean, top: number, bottom: number): NumberScale {
  return (log ? scaleLog() : scaleLinear()).domain(domain).range([bottom, top]).clamp(true);
}

/** The SVG path through (x(i), y(values[i])) for the given indices; non-positive values sit on a log axis's floor. */
export function seriesPath(values: ArrayLike<number>, indices: readonly number[], x: (i: number) => number, y: NumberScale): string {
  const [lo] = y.domain();
  const path = line<number>()
    .x((i) => x(i))
    .y((i) => y(Math.max(values[i], lo)));
  return path(indices as number[]) ?? '';
}

/** x position of every step of a sequence (0 … T−1) across a width, and a padded value range. */
export function seriesExtent(a: ArrayLike<number>, b: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of [a, b]) {
    for (let t = 0; t < arr.length; t++) {
      const v = arr[t];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  if (hi - lo < 1e-9) return [lo - 0.5, hi + 0.5];
  const pad = 0.08 * (hi - lo);
  return [lo - pad, hi + pad];
}

