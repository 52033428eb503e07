/**
 * The "shape" question: the reader sketches ‖dL/dh_t‖ over the steps before the backward pass draws
 * it; the sketch is scored on a log scale (how many powers of ten it is off, on average), since
 * gradients span orders of magnitude. Pure content: the true norms come from the worker's snapshot.
 */

/** The decades the sketch can span: 10^SKETCH_MIN … 10^SKETCH_MAX. */
export const SKETCH_MIN = -6;
export const SKETCH_MAX = 2;

/**
 * Fills the steps the reader did not draw: between two drawn steps along the straight line, before
 * the first and after the last with the nearest drawn value. Null when nothing is drawn.
 */
export function fillSketch(drawn: readonly (number | null)[]): number[] | null {
  const at = drawn.map((v, t) => (v === null ? -1 : t)).filter((t) => t >= 0);
  if (at.length === 0) return null;
  return drawn.map((v, t) => {
    if (v !== null) return v;
    const after = at.find((s) => s > t);
    const before = [...at].reverse().find((s) => s < t);
    if (before === undefined) return drawn[after!]!;
    if (after === undefined) return drawn[before]!;
    const w = (t - before) / (after - before);
    return drawn[before]! * (1 - w) + drawn[after]! * w;
  });
}

/** log10 of a norm, held inside the sketch's range (a norm of 0 sits at the bottom). */
export function logNorm(v: number): number {
  if (!(v > 0)) return SKETCH_MIN;
  return Math.min(SKETCH_MAX, Math.max(SKETCH_MIN, Math.log10(v)));
}

/** The mean distance in decades between a sketch (log10 values) and the true norms, over every step. */
export function sketchError(sketch: readonly number[], norms: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < sketch.length; t++) s += Math.abs(sketch[t] - logNorm(norms[t]));
  return s / sketch.length;
}
