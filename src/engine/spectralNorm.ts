/**
 * ‖A‖₂, the largest singular value, to the last bits when that is affordable, or as an
 * estimate that says how far it can be off.
 *
 * Exact: Golub–Kahan bidiagonalisation (Householder reflections from both sides, backward
 * stable: the bidiagonal B has exactly the singular values of A + E with ‖E‖ ≈ n·ε·‖A‖), then
 * bisection on the Golub–Kahan tridiagonal [[0, B], [Bᵀ, 0]] (rows interleaved), whose
 * eigenvalues are ±σ_i. Bisection on that zero-diagonal form finds σ to high relative accuracy
 * (Demmel & Kahan), so the result is as good as the reduction: n·ε relative.
 * Cost: ≈ (4/3)·n³ multiply-adds for an n × n matrix (45 M for n = 256).
 *
 * Estimate: power iteration on AᵀA, stopped on an a-posteriori bound. For unit v, with
 * σ̂ = ‖Av‖ and u = Av/σ̂, the pair (u, v) has residual Av − σ̂u = 0 and Aᵀu − σ̂v = r, and some
 * singular value of A lies within ‖r‖ of σ̂ (the residual bound for singular triplets). σ̂ is
 * always ≤ ‖A‖₂; that the nearby singular value is the largest is what the iteration converges
 * to from any start with a component along the top singular vector (a seeded start and a warm
 * start from a neighbouring matrix both have one, except by an exact coincidence).
 */

import { pulse } from './pulse';
import { largestTridiagonalEigenvalue } from './tridiagonalBisection';

/** Relative error the exact method guarantees in practice for an n × n (or n-column) matrix: n·ε. */
export function exactRelativeError(n: number): number {
  return Math.max(1, n) * 2.220446049250313e-16;
}

/** Multiply-adds the exact method spends on a rows × cols matrix. */
export function exactNormWork(rows: number, cols: number): number {
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  return 2 * m * n * n - (2 / 3) * n * n * n + 1;
}

/**
 * ‖A‖₂ of the rows × cols row-major matrix `a` (not modified), exact to about n·ε relative.
 * NaN when an entry is not finite.
 */
export function spectralNormExact(a: Float64Array, rows: number, cols: number): number {
  if (rows === 0 || cols === 0) return 0;
  // ‖A‖₂ = ‖Aᵀ‖₂: work on the orientation with at least as many rows as columns.
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  let scale = 0;
  for (let k = 0; k < rows * cols; k++) {
    const v = Math.abs(a[k]);
    if (!(v <= scale)) scale = v; // also catches NaN
  }
  if (scale === 0) return 0;
  if (!Number.isFinite(scale)) return NaN;
  // a copy scaled to entries ≤ 1, so sums of squares neither overflow nor underflow
  const w = new Float64Array(m * n);
  if (tall) for (let k = 0; k < m * n; k++) w[k] = a[k] / scale;
  else for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) w[c * n + r] = a[r * cols + c] / scale;
  const { d, e } = bidiagonalize(w, m, n);
  // The Golub–Kahan tridiagonal: zero diagonal, off-diagonal d0, e0, d1, e1, …, d_{n−1}.
  const off = new Float64Array(2 * n - 1);
  for (let k = 0; k < n; k++) {
    off[2 * k] = d[k];
    if (k < n - 1) off[2 * k + 1] = e[k];
  }
  return largestTridiagonalEigenvalue(2 * n, null, off) * scale;
}

/**
 * Reduces the m × n row-major matrix `w` (m ≥ n; overwritten) to upper bidiagonal form
 * B = Uᵀ W V by Householder reflections: d is B's diagonal (n), e its superdiagonal (n − 1).
 */
export function bidiagonalize(w: Float64Array, m: number, n: number): { d: Float64Array; e: Float64Array } {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  const v = new Float64Array(m);
  const s = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    pulse(); // O(m·n) per column, (4/3)·n³ in all
    // From the left: zero column k below the diagonal.
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += w[i * n + k] * w[i * n + k];
    const x0 = w[k * n + k];
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    d[k] = norm2 === 0 ? 0 : alpha;
    if (norm2 !== 0 && alpha !== x0) {
      // v = x − α e₁, and H = I − τ v vᵀ with τ = 2 / vᵀv = 1 / (α² − α x₀)
      for (let i = k; i < m; i++) v[i] = w[i * n + k];
      v[k] = x0 - alpha;
      const tau = 1 / (alpha * alpha - alpha * x0);
      s.fill(0, k + 1, n);
      for (let i = k; i < m; i++) {
        const vi = v[i];
        if (vi !== 0) for (let j = k + 1; j < n; j++) s[j] += vi * w[i * n + j];
      }
      for (let i = k; i < m; i++) {
        const f = tau * v[i];
        if (f !== 0) for (let j = k + 1; j < n; j++) w[i * n + j] -= f * s[j];
      }
    }
    if (k >= n - 1) break;
    if (k === n - 2) {
      e[k] = w[k * n + k + 1];
      continue;
    }
    // From the right: zero row k beyond the superdiagonal.
    let r2 = 0;
    for (let j = k + 1; j < n; j++) r2 += w[k * n + j] * w[k * n + j];
    const y0 = w[k * n + k + 1];
    const beta = y0 >= 0 ? -Math.sqrt(r2) : Math.sqrt(r2);
    e[k] = r2 === 0 ? 0 : beta;
    if (r2 !== 0 && beta !== y0) {
      for (let j = k + 1; j < n; j++) s[j] = w[k * n + j];
      s[k + 1] = y0 - beta;
      const tau = 1 / (beta * beta - beta * y0);
      for (let i = k + 1; i < m; i++) {
        const row = i * n;
        let dotp = 0;
        for (let j = k + 1; j < n; j++) dotp += w[row + j] * s[j];
        const f = tau * dotp;
        if (f !== 0) for (let j = k + 1; j < n; j++) w[row + j] -= f * s[j];
      }
    }
  }
  return { d, e };
}

export interface NormEstimate {
  /** σ̂ = ‖Av‖ for the final unit vector v: never above ‖A‖₂ */
  value: number;
  /** a singular value of A lies in [value − bound, value + bound] (the triplet residual ‖Aᵀu − σ̂v‖) */
  bound: number;
  /** power iterations spent */
  iterations: number;
  /** the final right vector v (unit), to warm-start the next, similar matrix */
  vector: Float64Array;
}

/**
 * ‖A‖₂ by power iteration on AᵀA, from `start` (or a fixed generic vector), until the
 * a-posteriori bound is below `relTol`·σ̂ or `maxIterations` is reached. Cost 2·rows·cols per iteration.
 */
export function spectralNormEstimate(
  a: Float64Array,
  rows: number,
  cols: number,
  start: Float64Array | null = null,
  relTol = 1e-12,
  maxIterations = 500,
): NormEstimate {
  let v = new Float64Array(cols);
  let vn = 0;
  if (start) for (let j = 0; j < cols; j++) vn += start[j] * start[j];
  if (start && vn > 0 && Number.isFinite(vn)) for (let j = 0; j < cols; j++) v[j] = start[j] / Math.sqrt(vn);
  else {
    // deterministic and generic: no simple relation to any structured matrix's singular vectors
    let s = 0;
    for (let j = 0; j < cols; j++) {
      v[j] = 1 + ((j * 0.6180339887498949) % 1) * 0.5;
      s += v[j] * v[j];
    }
    for (let j = 0; j < cols; j++) v[j] /= Math.sqrt(s);
  }
  const u = new Float64Array(rows);
  const z = new Float64Array(cols);
  let value = 0;
  let bound = Infinity;
  let it = 0;
  while (it < maxIterations) {
    it++;
    pulse();
    let un = 0;
    for (let i = 0; i < rows; i++) {
      let t = 0;
      const row = i * cols;
      for (let j = 0; j < cols; j++) t += a[row + j] * v[j];
      u[i] = t;
      un += t * t;
    }
    value = Math.sqrt(un);
    if (value === 0 || !Number.isFinite(value)) {
      bound = value === 0 ? 0 : NaN;
      break;
    }
    for (let i = 0; i < rows; i++) u[i] /= value;
    z.fill(0);
    for (let i = 0; i < rows; i++) {
      const ui = u[i];
      const row = i * cols;
      if (ui !== 0) for (let j = 0; j < cols; j++) z[j] += a[row + j] * ui;
    }
    let r2 = 0;
    let zn = 0;
    for (let j = 0; j < cols; j++) {
      const r = z[j] - value * v[j];
      r2 += r * r;
      zn += z[j] * z[j];
    }
    bound = Math.sqrt(r2);
    const next = new Float64Array(cols);
    const inv = 1 / Math.sqrt(zn);
    for (let j = 0; j < cols; j++) next[j] = z[j] * inv;
    if (bound <= relTol * value) break;
    v = next;
  }
  return { value, bound, iterations: it, vector: v };
}
