import { describe, expect, it } from 'vitest';
import { orthogonal } from './init';
import { createRng } from './rng';
import { exactRelativeError, spectralNormEstimate, spectralNormExact } from './spectralNorm';
import { largestTridiagonalEigenvalue } from './tridiagonalBisection';
import { jacobiSingularValues } from './testing/jacobiSvd';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function uniformMatrix(seed: number, rows: number, cols: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: rows * cols }, () => rng.uniform(-1, 1));
}

/** U diag(σ) Vᵀ with random orthogonal U, V: its singular values are σ (up to the rounding of the product). */
function withSingularValues(n: number, sigma: number[], seed: number): Float64Array {
  const rng = createRng(seed);
  const U = orthogonal(n, rng);
  const V = orthogonal(n, rng);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const f = U[i * n + k] * sigma[k];
      if (f !== 0) for (let j = 0; j < n; j++) a[i * n + j] += f * V[j * n + k];
    }
  return a;
}

describe('largestTridiagonalEigenvalue', () => {
  it('the 1-D Laplacian tridiag(−1, 2, −1): 2 + 2 cos(π / (n + 1))', () => {
    for (const n of [1, 2, 3, 10, 100, 1000]) {
      const d = new Float64Array(n).fill(2);
      const e = new Float64Array(n - 1).fill(-1);
      expect(rel(largestTridiagonalEigenvalue(n, d, e), 2 + 2 * Math.cos(Math.PI / (n + 1)))).toBeLessThan(4e-16);
    }
  });
  it('zero diagonal, constant off-diagonal b: 2b cos(π / (n + 1)), at any scale', () => {
    for (const b of [1, 3e-200, 7e150]) {
      const n = 50;
      const e = new Float64Array(n - 1).fill(b);
      expect(rel(largestTridiagonalEigenvalue(n, null, e), 2 * b * Math.cos(Math.PI / (n + 1)))).toBeLessThan(4e-16);
    }
  });
  it('a diagonal matrix: its largest entry, also when all are negative', () => {
    expect(largestTridiagonalEigenvalue(3, Float64Array.of(-5, -2, -9), new Float64Array(2))).toBe(-2);
    expect(largestTridiagonalEigenvalue(1, Float64Array.of(0), new Float64Array(0))).toBe(0);
  });
});

describe('spectralNormExact', () => {
  it('diagonal matrices: the largest |entry|, from 1e-300 to 1e300', () => {
    for (const scale of [1, 1e-300, 1e300]) {
      const n = 7;
      const a = new Float64Array(n * n);
      const diag = [0.5, -3, 2.25, 0, 1e-3, -2.999, 1];
      diag.forEach((v, i) => (a[i * n + i] = v * scale));
      expect(rel(spectralNormExact(a, n, n), 3 * scale)).toBeLessThan(1e-15);
    }
    expect(spectralNormExact(new Float64Array(9), 3, 3)).toBe(0);
  });

  it('s × an orthogonal matrix: s, for n up to 256', () => {
    for (const n of [1, 2, 8, 64, 128, 256]) {
      const q = orthogonal(n, createRng(n + 11));
      for (const s of [1, 1.1, 0.37]) {
        const a = q.map((v) => v * s);
        expect(rel(spectralNormExact(a, n, n), s), `n = ${n}, s = ${s}`).toBeLessThan(exactRelativeError(n));
      }
    }
  });

  it('U diag(σ) Vᵀ with known σ (a close second singular value included), n = 128 and 256', () => {
    for (const n of [128, 256]) {
      const sigma = Array.from({ length: n }, (_, k) => (k === 0 ? 2.5 : k === 1 ? 2.5 * (1 - 1e-9) : 2 * (1 - k / n)));
      const a = withSingularValues(n, sigma, 7 * n);
      expect(rel(spectralNormExact(a, n, n), 2.5), `n = ${n}`).toBeLessThan(exactRelativeError(n));
    }
  });

  it('a rank-one matrix u vᵀ: ‖u‖ ‖v‖', () => {
    const u = [3, -1, 2, 0.5];
    const v = [1, 2, -2];
    const a = Float64Array.from({ length: 12 }, (_, k) => u[Math.floor(k / 3)] * v[k % 3]);
    expect(rel(spectralNormExact(a, 4, 3), Math.hypot(...u) * Math.hypot(...v))).toBeLessThan(1e-15);
    expect(rel(spectralNormExact(a, 1, 12), Math.hypot(...a))).toBeLessThan(1e-15);
  });

  it('random matrices: within 1e-15 of a 40-digit reference (mpmath), within 1e-12 of one-sided Jacobi', () => {
    // ‖A‖₂ of uniformMatrix(n, n, n), computed once with mpmath at 40 digits (power iteration
    // from LAPACK's top singular vector): independent of this code and of JavaScript.
    const reference: Record<number, number> = { 64: 9.0588651740399231992, 128: 12.915932214334401502, 256: 17.895831804057373403 };
    for (const n of [64, 128, 256]) {
      const a = uniformMatrix(n, n, n);
      expect(rel(spectralNormExact(a, n, n), reference[n]), `n = ${n}`).toBeLessThan(1e-15);
    }
    for (const [rows, cols] of [[5, 5], [33, 33], [40, 17], [17, 40], [128, 128]]) {
      const a = uniformMatrix(rows * 1000 + cols, rows, cols);
      expect(rel(spectralNormExact(a, rows, cols), jacobiSingularValues(a, rows, cols)[0]), `${rows} × ${cols}`).toBeLessThan(1e-12);
    }
  });

  it('NaN when an entry is not finite', () => {
    expect(spectralNormExact(Float64Array.of(1, NaN, 0, 1), 2, 2)).toBeNaN();
    expect(spectralNormExact(Float64Array.of(1, Infinity, 0, 1), 2, 2)).toBeNaN();
  });
});

describe('spectralNormEstimate', () => {
  it('a lower bound, with an a-posteriori bound that contains the exact value', () => {
    for (const n of [16, 64, 128]) {
      const a = uniformMatrix(n + 5, n, n);
      const exact = spectralNormExact(a, n, n);
      for (const maxIterations of [3, 30, 500]) {
        const est = spectralNormEstimate(a, n, n, null, 1e-12, maxIterations);
        expect(est.value).toBeLessThanOrEqual(exact * (1 + 1e-15));
        expect(Math.abs(est.value - exact)).toBeLessThanOrEqual(est.bound * (1 + 1e-9) + 1e-15 * exact);
      }
    }
  });
  it('converges to the stated tolerance when the top singular value stands apart, and a warm start saves iterations', () => {
    const n = 64;
    const sigma = Array.from({ length: n }, (_, k) => (k === 0 ? 3 : 2 * (1 - k / n)));
    const a = withSingularValues(n, sigma, 99);
    const cold = spectralNormEstimate(a, n, n, null, 1e-13);
    expect(cold.bound).toBeLessThanOrEqual(3e-13);
    expect(rel(cold.value, 3)).toBeLessThan(1e-13);
    const b = a.map((v, k) => v * (1 + 1e-4 * Math.sin(k)));
    const warm = spectralNormEstimate(b, n, n, cold.vector, 1e-13);
    const fresh = spectralNormEstimate(b, n, n, null, 1e-13);
    expect(warm.iterations).toBeLessThan(fresh.iterations);
    expect(rel(warm.value, spectralNormExact(b, n, n))).toBeLessThan(1e-12);
  });
});
