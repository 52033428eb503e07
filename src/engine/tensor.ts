/**
 * Flat float64 linear algebra: the few kernels every cell uses.
 *
 * Matrices are row-major Float64Arrays addressed by offset, so the hot loops never
 * allocate. The kernels are register-blocked (several rows share each load of the
 * vector) because in V8 every typed-array read pays a bounds check: blocking halves the
 * reads per multiply-add, which measured ~1.5× faster than one dot product per row.
 * The products inside the time loops and the weight gradients go further and read
 * packed panels (plain double arrays, below), ~1.3–1.6× faster again.
 * Every output entry is summed over k in order with a single accumulator, so a result
 * does not depend on which kernel (or which block position) produced it: the panel
 * kernels give the same bits as gemv / gemmNT (display.ts and the golden tests rely on it).
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


/*
 * Packed panels. In V8, a read from a plain array of doubles (PACKED_DOUBLE_ELEMENTS) at an
 * int32 index compiles to a 32-bit bounds check and one load with the offset folded in, while a
 * Float64Array read also sign-extends the index and recomputes the data pointer. With `| 0` on the
 * index arithmetic the overflow checks go too, and one running index instead of one per row keeps
 * the loop out of register spills. The matrix–vector products of the time loop run ~1.6× faster
 * over panels like these than over the row-major Float64Array (measured in the engine); with a
 * Float64Array panel and the same indexing the gain was only ~1.15×.
 */

/** Width of a panel: the rows of a block, stored interleaved so that one index reaches all of them. */
export const PANEL = 8;

/** A plain array of n doubles whose elements kind is PACKED_DOUBLE_ELEMENTS (also when n = 0 or all zeros). */
export function doubleArray(n: number): number[] {
  const a = [0.5];
  a.pop();
  for (let i = 0; i < n; i++) a.push(0);
  return a;
}

/** Entries of the panels of a rows × cols matrix (rows rounded up to a multiple of PANEL). */
export function panelLength(rows: number, cols: number): number {
  return Math.ceil(rows / PANEL) * PANEL * cols;
}

/**
 * Packs the rows × cols matrix W (row-major at wOff) into PANEL-row panels, each k-major:
 * pan[b·PANEL·cols + k·PANEL + i] = W[b·PANEL + i, k]; rows past the end are zero.
 * When `wT` is given, also writes Wᵀ (cols × rows) there: each panel step is PANEL adjacent
 * entries of one row of Wᵀ, so the transpose is written a cache line at a time.
 */
export function packRows(pan: number[], w: Float64Array, wOff: number, rows: number, cols: number, wT: Float64Array | null = null): void {
  let p = 0;
  for (let r0 = 0; r0 < rows; r0 += PANEL) {
    const a = wOff + r0 * cols;
    if (r0 + PANEL <= rows) {
      for (let k = 0; k < cols; k++) {
        const w0 = w[a + k];
        const w1 = w[a + cols + k];
        const w2 = w[a + 2 * cols + k];
        const w3 = w[a + 3 * cols + k];
        const w4 = w[a + 4 * cols + k];
        const w5 = w[a + 5 * cols + k];
        const w6 = w[a + 6 * cols + k];
        const w7 = w[a + 7 * cols + k];
        pan[p] = w0;
        pan[p + 1] = w1;
        pan[p + 2] = w2;
        pan[p + 3] = w3;
        pan[p + 4] = w4;
        pan[p + 5] = w5;
        pan[p + 6] = w6;
        pan[p + 7] = w7;
        p += PANEL;
        if (wT !== null) {
          const t = k * rows + r0;
          wT[t] = w0;
          wT[t + 1] = w1;
          wT[t + 2] = w2;
          wT[t + 3] = w3;
          wT[t + 4] = w4;
          wT[t + 5] = w5;
          wT[t + 6] = w6;
          wT[t + 7] = w7;
        }
      }
    } else {
      const n = rows - r0;
      for (let k = 0; k < cols; k++) {
        for (let i = 0; i < PANEL; i++) pan[p + i] = i < n ? w[a + i * cols + k] : 0;
        if (wT !== null) for (let i = 0; i < n; i++) wT[k * rows + r0 + i] = w[a + i * cols + k];
        p += PANEL;
      }
    }
  }
}

/**
 * out[outOff + r] = Σ_k M[r, k] · v[vOff + k]  (+ bias[r])  for r < rows, k < cols, with M packed
 * by packRows (or Wᵀ by packColumns). Eight rows share each read of v; the panel keeps one index live.
 */
export function gemvPanels(
  out: Float64Array,
  outOff: number,
  pan: number[],
  rows: number,
  cols: number,
  v: Float64Array,
  vOff: number,
  bias: Float64Array | null,
): void {
  const end = (vOff + cols) | 0;
  let p = 0;
  for (let r = 0; r < rows; r += PANEL) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let k = vOff | 0; k < end; k = (k + 1) | 0) {
      const x = v[k];
      s0 += pan[p] * x;
      s1 += pan[(p + 1) | 0] * x;
      s2 += pan[(p + 2) | 0] * x;
      s3 += pan[(p + 3) | 0] * x;
      s4 += pan[(p + 4) | 0] * x;
      s5 += pan[(p + 5) | 0] * x;
      s6 += pan[(p + 6) | 0] * x;
      s7 += pan[(p + 7) | 0] * x;
      p = (p + PANEL) | 0;
    }
    const o = outOff + r;
    if (r + PANEL <= rows) {
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
    } else {
      storeTail(out, o, rows - r, s0, s1, s2, s3, s4, s5, s6, bias, r);
    }
  }
}

/** The last, partial panel of gemvPanels: its first n < PANEL outputs. */
function storeTail(
  out: Float64Array,
  o: number,
  n: number,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
  s4: number,
  s5: number,
  s6: number,
  bias: Float64Array | null,
  r: number,
): void {
  if (bias !== null) {
    s0 += bias[r];
    if (n > 1) s1 += bias[r + 1];
    if (n > 2) s2 += bias[r + 2];
    if (n > 3) s3 += bias[r + 3];
    if (n > 4) s4 += bias[r + 4];
    if (n > 5) s5 += bias[r + 5];
    if (n > 6) s6 += bias[r + 6];
  }
  out[o] = s0;
  if (n > 1) out[o + 1] = s1;
  if (n > 2) out[o + 2] = s2;
  if (n > 3) out[o + 3] = s3;
  if (n > 4) out[o + 4] = s4;
  if (n > 5) out[o + 5] = s5;
  if (n > 6) out[o + 6] = s6;
}

/**
 * out[outOff + c] = Σ_r M[r, c] · d[dOff + r]  for c < cols, r < rows: the product with Mᵀ, over the
 * panels packRows made of M (no second packing). Eight entries of d stay in registers while one
 * panel streams past, each output gathering them in r order into `acc` (a plain array of ≥ cols).
 * This axpy form ran ~12% faster than a dot-form product over panels of Mᵀ.
 */
export function gemvTPanels(
  out: Float64Array,
  outOff: number,
  pan: number[],
  rows: number,
  cols: number,
  d: Float64Array,
  dOff: number,
  acc: number[],
): void {
  for (let c = 0; c < cols; c++) acc[c] = 0;
  let p = 0;
  for (let r = 0; r < rows; r += PANEL) {
    const o = dOff + r;
    const full = r + PANEL <= rows;
    const d0 = d[o];
    const d1 = full || r + 1 < rows ? d[o + 1] : 0;
    const d2 = full || r + 2 < rows ? d[o + 2] : 0;
    const d3 = full || r + 3 < rows ? d[o + 3] : 0;
    const d4 = full || r + 4 < rows ? d[o + 4] : 0;
    const d5 = full || r + 5 < rows ? d[o + 5] : 0;
    const d6 = full || r + 6 < rows ? d[o + 6] : 0;
    const d7 = full ? d[o + 7] : 0;
    for (let c = 0; c < cols; c = (c + 1) | 0) {
      let s = acc[c];
      s += pan[p] * d0;
      s += pan[(p + 1) | 0] * d1;
      s += pan[(p + 2) | 0] * d2;
      s += pan[(p + 3) | 0] * d3;
      s += pan[(p + 4) | 0] * d4;
      s += pan[(p + 5) | 0] * d5;
      s += pan[(p + 6) | 0] * d6;
      s += pan[(p + 7) | 0] * d7;
      acc[c] = s;
      p = (p + PANEL) | 0;
    }
  }
  for (let c = 0; c < cols; c++) out[outOff + c] = acc[c];
}

/** Register block of gemmPanels: GEMM_M rows of A by GEMM_N rows of B (12 accumulators). */
export const GEMM_M = 3;
export const GEMM_N = 4;

/** Entries of the panels of `rows` rows of length K in blocks of `width` (rows rounded up). */
export function blockPanelLength(rows: number, K: number, width: number): number {
  return Math.ceil(rows / width) * width * K;
}

/**
 * Packs `rows` vectors of length K, element (r, k) at src[off + r·rowStride + k·kStride], into panels
 * of `width` rows, each k-major: pan[b·width·K + k·width + i] = element (b·width + i, k); rows past
 * the end are zero. Strides let one packer read row-major rows (kStride 1) or time-major columns.
 */
export function packBlocks(
  pan: number[],
  src: Float64Array,
  off: number,
  rowStride: number,
  kStride: number,
  rows: number,
  K: number,
  width: number,
): void {
  let p = 0;
  for (let r0 = 0; r0 < rows; r0 += width) {
    const n = Math.min(width, rows - r0);
    for (let k = 0; k < K; k++) {
      const base = off + r0 * rowStride + k * kStride;
      let i = 0;
      for (; i < n; i++) pan[p + i] = src[base + i * rowStride];
      for (; i < width; i++) pan[p + i] = 0;
      p += width;
    }
  }
}

/**
 * out[outOff + m·ldo + n] = Σ_k A[m, k] · B[n, k]  (+ bias[n])  for m < M, n < N, k < K, with A packed
 * by packBlocks in GEMM_M-row panels and B in GEMM_N-row panels: 3 × 4 register blocks, 7 reads per 12
 * multiply-adds. Each entry is one accumulator summed over k in order, like every kernel here. The
 * panels are zero-padded, so a ragged last block runs the same loop and only stores what exists.
 */
export function gemmPanels(
  out: Float64Array,
  outOff: number,
  ldo: number,
  pa: number[],
  M: number,
  pb: number[],
  N: number,
  K: number,
  bias: Float64Array | null,
  /** only the row panels from mFrom (a multiple of GEMM_M) up to mTo: a product done in pieces */
  mFrom = 0,
  mTo = M,
): void {
  for (let m = mFrom; m < mTo; m += GEMM_M) {
    for (let n = 0; n < N; n += GEMM_N) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      let s20 = 0;
      let s21 = 0;
      let s22 = 0;
      let s23 = 0;
      let p = (m * K) | 0;
      let q = (n * K) | 0;
      const end = (p + GEMM_M * K) | 0;
      for (; p < end; p = (p + GEMM_M) | 0) {
        const b0 = pb[q];
        const b1 = pb[(q + 1) | 0];
        const b2 = pb[(q + 2) | 0];
        const b3 = pb[(q + 3) | 0];
        const a0 = pa[p];
        s00 += a0 * b0;
        s01 += a0 * b1;
        s02 += a0 * b2;
        s03 += a0 * b3;
        const a1 = pa[(p + 1) | 0];
        s10 += a1 * b0;
        s11 += a1 * b1;
        s12 += a1 * b2;
        s13 += a1 * b3;
        const a2 = pa[(p + 2) | 0];
        s20 += a2 * b0;
        s21 += a2 * b1;
        s22 += a2 * b2;
        s23 += a2 * b3;
        q = (q + GEMM_N) | 0;
      }
      const o = outOff + m * ldo + n;
      if (m + GEMM_M <= M && n + GEMM_N <= N) {
        if (bias !== null) {
          const c0 = bias[n];
          const c1 = bias[n + 1];
          const c2 = bias[n + 2];
          const c3 = bias[n + 3];
          s00 += c0;
          s01 += c1;
          s02 += c2;
          s03 += c3;
          s10 += c0;
          s11 += c1;
          s12 += c2;
          s13 += c3;
          s20 += c0;
          s21 += c1;
          s22 += c2;
          s23 += c3;
        }
        out[o] = s00;
        out[o + 1] = s01;
        out[o + 2] = s02;
        out[o + 3] = s03;
        out[o + ldo] = s10;
        out[o + ldo + 1] = s11;
        out[o + ldo + 2] = s12;
        out[o + ldo + 3] = s13;
        out[o + 2 * ldo] = s20;
        out[o + 2 * ldo + 1] = s21;
        out[o + 2 * ldo + 2] = s22;
        out[o + 2 * ldo + 3] = s23;
      } else {
        const rows = Math.min(GEMM_M, M - m);
        const cols = Math.min(GEMM_N, N - n);
        storeRow(out, o, cols, s00, s01, s02, s03, bias, n);
        if (rows > 1) storeRow(out, o + ldo, cols, s10, s11, s12, s13, bias, n);
        if (rows > 2) storeRow(out, o + 2 * ldo, cols, s20, s21, s22, s23, bias, n);
      }
    }
  }
}

/** The first `cols` entries of one row of a ragged gemmPanels block. */
function storeRow(
  out: Float64Array,
  o: number,
  cols: number,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
  bias: Float64Array | null,
  n: number,
): void {
  out[o] = bias === null ? s0 : s0 + bias[n];
  if (cols > 1) out[o + 1] = bias === null ? s1 : s1 + bias[n + 1];
  if (cols > 2) out[o + 2] = bias === null ? s2 : s2 + bias[n + 2];
  if (cols > 3) out[o + 3] = bias === null ? s3 : s3 + bias[n + 3];
}
