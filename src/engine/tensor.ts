/**
 * Flat float64 linear algebra: the few kernels every cell uses.
 *
 * Matrices are row-major Float64Arrays addressed by offset, so the hot loops never
 * allocate. The kernels are register-blocked (several rows share each load of the
 * vector) because in V8 every typed-array read pays a bounds check: blocking halves the
 * reads per multiply-add, which measured ~1.5× faster than one dot product per row.
 * Every output entry is summed over k in order with a single accumulator, so a result
 * does not depend on which kernel (or which block position) produced it.
 */

/** Σ_k a[aOff + k] · b[bOff + k] for k < n. */
export function dot(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += a[aOff + k] * b[bOff + k];
  return s;
}

/**
 * out[outOff + r] = Σ_k W[wOff + r·cols + k] · v[vOff + k]  (+ bias[r] when bias is given)
 * for r < rows: a matrix–vector product, eight rows at a time.
 */
export function gemv(
  out: Float64Array,
  outOff: number,
  w: Float64Array,
  wOff: number,
  rows: number,
  cols: number,
  v: Float64Array,
  vOff: number,
  bias: Float64Array | null,
): void {
  let r = 0;
  for (; r + 7 < rows; r += 8) {
    const a0 = wOff + r * cols;
    const a1 = a0 + cols;
    const a2 = a1 + cols;
    const a3 = a2 + cols;
    const a4 = a3 + cols;
    const a5 = a4 + cols;
    const a6 = a5 + cols;
    const a7 = a6 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let k = 0; k < cols; k++) {
      const x = v[vOff + k];
      s0 += w[a0 + k] * x;
      s1 += w[a1 + k] * x;
      s2 += w[a2 + k] * x;
      s3 += w[a3 + k] * x;
      s4 += w[a4 + k] * x;
      s5 += w[a5 + k] * x;
      s6 += w[a6 + k] * x;
      s7 += w[a7 + k] * x;
    }
    const o = outOff + r;
    if (bias === null) {
      out[o] = s0;
      out[o + 1] = s1;
      out[o + 2] = s2;
      out[o + 3] = s3;
      out[o + 4] = s4;
      out[o + 5] = s5;
      out[o + 6] = s6;
      out[o + 7] = s7;
    } else {
      out[o] = s0 + bias[r];
      out[o + 1] = s1 + bias[r + 1];
      out[o + 2] = s2 + bias[r + 2];
      out[o + 3] = s3 + bias[r + 3];
      out[o + 4] = s4 + bias[r + 4];
      out[o + 5] = s5 + bias[r + 5];
      out[o + 6] = s6 + bias[r + 6];
      out[o + 7] = s7 + bias[r + 7];
    }
  }
  for (; r < rows; r++) {
    const s = dot(w, wOff + r * cols, v, vOff, cols);
    out[outOff + r] = bias === null ? s : s + bias[r];
  }
}

/**
 * out[outOff + m·outStride + n] = Σ_k A[aOff + m·aStride + k] · B[bOff + n·bStride + k]  (+ bias[n])
 * for m < M, n < N, k < K: a product with B transposed ("NT"), in 4 × 2 register blocks.
 */
export function gemmNT(
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
): void {
  let m = 0;
  for (; m + 3 < M; m += 4) {
    const a0 = aOff + m * aStride;
    const a1 = a0 + aStride;
    const a2 = a1 + aStride;
    const a3 = a2 + aStride;
    let n = 0;
    for (; n + 1 < N; n += 2) {
      const b0 = bOff + n * bStride;
      const b1 = b0 + bStride;
      let s00 = 0;
      let s10 = 0;
      let s20 = 0;
      let s30 = 0;
      let s01 = 0;
      let s11 = 0;
      let s21 = 0;
      let s31 = 0;
      for (let k = 0; k < K; k++) {
        const y = b[b0 + k];
        const z = b[b1 + k];
        const x0 = a[a0 + k];
        const x1 = a[a1 + k];
        const x2 = a[a2 + k];
        const x3 = a[a3 + k];
        s00 += x0 * y;
        s10 += x1 * y;
        s20 += x2 * y;
        s30 += x3 * y;
        s01 += x0 * z;
        s11 += x1 * z;
        s21 += x2 * z;
        s31 += x3 * z;
      }
      const c0 = bias === null ? 0 : bias[n];
      const c1 = bias === null ? 0 : bias[n + 1];
      const o = outOff + m * outStride + n;
      out[o] = s00 + c0;
      out[o + 1] = s01 + c1;
      out[o + outStride] = s10 + c0;
      out[o + outStride + 1] = s11 + c1;
      out[o + 2 * outStride] = s20 + c0;
      out[o + 2 * outStride + 1] = s21 + c1;
      out[o + 3 * outStride] = s30 + c0;
      out[o + 3 * outStride + 1] = s31 + c1;
    }
    for (; n < N; n++) {
      const b0 = bOff + n * bStride;
      const c0 = bias === null ? 0 : bias[n];
      for (let i = 0; i < 4; i++) out[outOff + (m + i) * outStride + n] = dot(a, a0 + i * aStride, b, b0, K) + c0;
    }
  }
  for (; m < M; m++) {
    const a0 = aOff + m * aStride;
    for (let n = 0; n < N; n++) {
      const c0 = bias === null ? 0 : bias[n];
      out[outOff + m * outStride + n] = dot(a, a0, b, bOff + n * bStride, K) + c0;
    }
  }
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
