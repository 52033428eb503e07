/**
 * Computations that can stop between pieces of work. A sliced computation is a generator: each
 * `yield` is a point where its caller may stop and let other work in (the worker answers a Pause
 * there), and resume later; run to its end it does exactly the arithmetic of the plain one (the
 * plain functions are these, finished in one go). Pieces hold about SLICE_WORK multiply-adds
 * (~1 ms), so small networks yield rarely and large ones often.
 */
import { pulse } from './pulse';
import { GEMM_M, gemmNT, gemmPanels } from './tensor';

export type Slices<T = void> = Generator<void, T, void>;

/** Multiply-adds in one piece. */
export const SLICE_WORK = 1 << 20;

let sliceWork = SLICE_WORK;

/** Changes the size of a piece (tests: 1 makes every piece as small as it can be); returns the old. */
export function setSliceWork(work: number): number {
  const before = sliceWork;
  sliceWork = Math.max(1, work);
  return before;
}

/** How many units of `unitWork` multiply-adds make one piece (at least 1). */
export function unitsPerSlice(unitWork: number): number {
  return Math.max(1, Math.floor(sliceWork / Math.max(1, unitWork)));
}

/**
 * Runs a sliced computation to its end. Every piece is a sign of life (pulse.ts): run in one go,
 * a large pass is alive every ~1 ms of work, also in products that have no timestep loop.
 */
export function finish<T>(g: Slices<T>): T {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    pulse();
  }
}

/** gemmNT (see tensor.ts) in pieces of whole output rows: every entry is the same single sum over k. */
export function* gemmNTSlices(
  out: Float64Array,
  outOff: number,
  outStride: number,
  a: Float64Array,
  aOff: number,
  aStride: number,
  M: number,
  b: Float64Array,
  bOff: number,
  bStride: number,
  N: number,
  K: number,
  bias: Float64Array | null,
): Slices {
  // multiples of 4 rows keep gemmNT's own 4-row blocks
  const rows = 4 * Math.max(1, Math.floor(unitsPerSlice(N * K) / 4));
  for (let m = 0; m < M; m += rows) {
    const r = Math.min(rows, M - m);
    gemmNT(out, outOff + m * outStride, outStride, a, aOff + m * aStride, aStride, r, b, bOff, bStride, N, K, bias);
    if (m + r < M) yield;
  }
}

/** gemmPanels (see tensor.ts) in pieces of whole row panels. */
export function* gemmPanelsSlices(out: Float64Array, outOff: number, ldo: number, pa: number[], M: number, pb: number[], N: number, K: number, bias: Float64Array | null): Slices {
  const rows = GEMM_M * Math.max(1, Math.floor(unitsPerSlice(N * K) / GEMM_M));
  for (let m = 0; m < M; m += rows) {
    const to = Math.min(M, m + rows);
    gemmPanels(out, outOff, ldo, pa, M, pb, N, K, bias, m, to);
    if (to < M) yield;
  }
}
