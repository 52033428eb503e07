/**
 * The largest eigenvalue of a real symmetric tridiagonal matrix, by bisection on Sturm counts
 * (the method of LAPACK's dstebz). The count of eigenvalues below x is the number of negative
 * pivots of the LDLᵀ factorisation of T − xI, which Kahan showed is exact for a matrix whose
 * entries differ from T's by a few ulps: so bisection pins the eigenvalue down to the last bits
 * of that slightly perturbed matrix, and halves the interval until no double lies in between.
 */

import { pulse } from './pulse';

/** Pivots smaller than this (in a matrix scaled to entries ≤ 1) are replaced by −PIVMIN, as dstebz does. */
const PIVMIN = 1e-290;

/**
 * How many eigenvalues of the symmetric tridiagonal matrix (diagonal `diag`, or zeros when null;
 * squared off-diagonal `offSq`, length n − 1) are below x.
 */
export function countBelow(n: number, diag: Float64Array | null, offSq: Float64Array, x: number): number {
  let q = (diag ? diag[0] : 0) - x;
  if (Math.abs(q) <= PIVMIN) q = -PIVMIN;
  let count = q < 0 ? 1 : 0;
  for (let i = 1; i < n; i++) {
    q = (diag ? diag[i] : 0) - x - offSq[i - 1] / q;
    if (Math.abs(q) <= PIVMIN) q = -PIVMIN;
    if (q < 0) count++;
  }
  return count;
}

/**
 * The largest eigenvalue of the n × n symmetric tridiagonal matrix with diagonal `diag` (zeros
 * when null) and off-diagonal `off` (length n − 1). The matrix is scaled to entries ≤ 1 first,
 * so squaring the off-diagonal neither overflows nor loses the small entries that matter.
 */
export function largestTridiagonalEigenvalue(n: number, diag: Float64Array | null, off: Float64Array): number {
  if (n === 0) return NaN;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(diag ? diag[i] : 0));
  for (let i = 0; i < n - 1; i++) scale = Math.max(scale, Math.abs(off[i]));
  if (scale === 0) return 0;
  if (!Number.isFinite(scale)) return NaN;
  const d = diag ? new Float64Array(n) : null;
  if (d) for (let i = 0; i < n; i++) d[i] = diag![i] / scale;
  const offSq = new Float64Array(Math.max(0, n - 1));
  for (let i = 0; i < n - 1; i++) {
    const b = off[i] / scale;
    offSq[i] = b * b;
  }
  // Gershgorin: every eigenvalue of the scaled matrix lies in [−3, 3]; the largest is the x
  // where the count first reaches n.
  let lo = -3.5;
  let hi = 3.5;
  for (;;) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    pulse(); // up to ~2100 halvings of O(n) each
    if (countBelow(n, d, offSq, mid) === n) hi = mid;
    else lo = mid;
  }
  return hi * scale;
}
