/**
 * Geometry of the gradient charts over time, as pure functions (d3 computes, React draws): line and
 * band paths with gaps, and the complex-plane extent. Log axes are ui/logAxis.ts; the weight-gradient
 * heat maps are heatmap.ts.
 */
import { area, line } from 'd3';

/** Whether a value can sit on a log axis. */
export function onLogAxis(v: number): boolean {
  return v > 0 && Number.isFinite(v);
}

/**
 * An SVG path through (x(t), y(v_t)) for the steps where `defined(t)` holds; gaps where it
 * does not (and, on a log axis, where the value is 0 or not finite).
 */
export function timePath(
  values: ArrayLike<number>,
  x: (t: number) => number,
  y: (v: number) => number,
  defined: (t: number) => boolean,
  log: boolean,
  cuts: readonly number[] = [],
): string {
  const gen = line<number>()
    .defined((t) => defined(t) && (log ? onLogAxis(values[t]) : Number.isFinite(values[t])))
    .x((t) => x(t))
    .y((t) => y(values[t]));
  // One subpath per truncation block, so no line crosses a cut.
  const starts = [0, ...cuts.filter((c) => c > 0 && c < values.length), values.length];
  let d = '';
  for (let k = 0; k + 1 < starts.length; k++) {
    const idx = Array.from({ length: starts[k + 1] - starts[k] }, (_, i) => starts[k] + i);
    d += gen(idx) ?? '';
  }
  return d;
}

/** The area between lo_t and hi_t (e.g. the min–max of a factor over units), with the same gaps. */
export function rangePath(
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x: (t: number) => number,
  y: (v: number) => number,
  defined: (t: number) => boolean,
): string {
  const idx = Array.from({ length: lo.length }, (_, t) => t);
  const gen = area<number>()
    .defined((t) => defined(t) && Number.isFinite(lo[t]) && Number.isFinite(hi[t]))
    .x((t) => x(t))
    .y0((t) => y(lo[t]))
    .y1((t) => y(hi[t]));
  return gen(idx) ?? '';
}

/** Half-width of a square complex-plane view that shows every eigenvalue and the unit circle. */
export function complexExtent(re: ArrayLike<number>, im: ArrayLike<number>): number {
  let m = 1;
  for (let k = 0; k < re.length; k++) m = Math.max(m, Math.abs(re[k]), Math.abs(im[k] ?? 0));
  return m * 1.12;
}

// ---------------------------------------------------------------------------------------------
// Weight-gradient heatmaps
