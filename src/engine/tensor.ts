/**
 * Flat float64 linear algebra: the few kernels every cell uses.
 *
 * Matrices are row-major Float64Arrays addressed by offset, so the hot loops
 * never allocate. The four-accumulator dot product keeps four independent
 * dependency chains in flight, which roughly doubles throughput over a naive
 * loop in V8 while staying deterministic (same inputs, same bits).
 */

/** Σ_k a[aOff + k] · b[bOff + k] for k < n. */
export function dot(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  const n4 = n - 3;
  for (; k < n4; k += 4) {
    s0 += a[aOff + k] * b[bOff + k];
    s1 += a[aOff + k + 1] * b[bOff + k + 1];
    s2 += a[aOff + k + 2] * b[bOff + k + 2];
    s3 += a[aOff + k + 3] * b[bOff + k + 3];
  }
  for (; k < n; k++) s0 += a[aOff + k] * b[bOff + k];
  return s0 + s1 + (s2 + s3);
}

/** out[outOff + r] = bias[r] + W[r, :] · v[vOff ..] for r < rows (W is rows × cols). */
export function affine(
  out: Float64Array,
  outOff: number,
  w: Float64Array,
  bias: Float64Array,
  rows: number,
  cols: number,
  v: Float64Array,
  vOff: number,
): void {
  for (let r = 0; r < rows; r++) out[outOff + r] = bias[r] + dot(w, r * cols, v, vOff, cols);
}

/** out[outOff + c] = Σ_r W[r, c] · v[vOff + r], via the transpose wT (cols × rows) so each entry is one dot. */
export function matTVec(
  out: Float64Array,
  outOff: number,
  wT: Float64Array,
  rows: number,
  cols: number,
  v: Float64Array,
  vOff: number,
): void {
  for (let c = 0; c < cols; c++) out[outOff + c] = dot(wT, c * rows, v, vOff, rows);
}

/** Writes the transpose of the rows × cols matrix `a` (from aOff) into `out` (cols × rows). */
export function transposeInto(out: Float64Array, a: Float64Array, aOff: number, rows: number, cols: number): Float64Array {
  for (let r = 0; r < rows; r++) {
    const base = aOff + r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[base + c];
  }
  return out;
}

export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  return transposeInto(new Float64Array(rows * cols), a, 0, rows, cols);
}

/** Σ a_k² over the whole array. */
export function sumSquares(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return s;
}

/** Euclidean norm of a[off .. off + n). */
export function norm(a: Float64Array, off = 0, n = a.length - off): number {
  return Math.sqrt(dot(a, off, a, off, n));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
