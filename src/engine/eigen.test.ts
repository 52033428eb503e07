import { describe, expect, it } from 'vitest';
import { type Eigenvalue, eigenvalues, spectralNorm, spectralRadius } from './eigen';
import { orthogonal } from './init';
import { createRng } from './rng';

type C = [number, number];
const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];

function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * n + k] * b[k * n + j];
  return c;
}
const trace = (a: Float64Array, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * n + i];
  return s;
};

/** det by Gaussian elimination with partial pivoting */
function det(a0: Float64Array, n: number): number {
  const a = a0.slice();
  let d = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
    if (a[p * n + c] === 0) return 0;
    if (p !== c) {
      for (let j = 0; j < n; j++) [a[c * n + j], a[p * n + j]] = [a[p * n + j], a[c * n + j]];
      d = -d;
    }
    d *= a[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c] / a[c * n + c];
      for (let j = c; j < n; j++) a[r * n + j] -= f * a[c * n + j];
    }
  }
  return d;
}

const sorted = (ev: Eigenvalue[]) => [...ev].sort((x, y) => x.re - y.re || x.im - y.im);

function expectSpectrum(got: Eigenvalue[] | null, want: C[], tol: number) {
  expect(got).not.toBeNull();
  const g = sorted(got!);
  const w = [...want].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  expect(g.length).toBe(w.length);
  g.forEach((e, i) => {
    expect(Math.abs(e.re - w[i][0]), `re ${i}`).toBeLessThanOrEqual(tol);
    expect(Math.abs(e.im - w[i][1]), `im ${i}`).toBeLessThanOrEqual(tol);
  });
}

describe('eigenvalues of random matrices: power-sum identities', () => {
  // Σ λ^k = trace(A^k) for k = 1 … n determines the spectrum (Newton's identities); plus Π λ = det A.
  for (const n of [1, 2, 3, 4, 5, 8, 12]) {
    it(`n = ${n}`, () => {
      const rng = createRng(100 + n);
      for (let trial = 0; trial < 6; trial++) {
        const a = Float64Array.from({ length: n * n }, () => rng.normal());
        const copy = a.slice();
        const ev = eigenvalues(a, n);
        expect(ev).not.toBeNull();
        expect(ev!.length).toBe(n);
        expect(Array.from(a)).toEqual(Array.from(copy)); // input untouched
        // complex eigenvalues come in conjugate pairs
        const ims = ev!.map((e) => e.im).sort((x, y) => x - y);
        ims.forEach((v, i) => expect(Math.abs(v + ims[n - 1 - i])).toBeLessThan(1e-9));
        let ak: Float64Array = a.slice();
        let scale = 1;
        for (let k = 1; k <= n; k++) {
          let sum: C = [0, 0];
          for (const e of ev!) {
            let p: C = [1, 0];
            for (let j = 0; j < k; j++) p = cmul(p, [e.re, e.im]);
            sum = [sum[0] + p[0], sum[1] + p[1]];
          }
          scale *= Math.sqrt(n) * 3; // rough size of the entries of A^k
          expect(Math.abs(sum[0] - trace(ak, n)) / scale, `trace(A^${k})`).toBeLessThan(1e-11);
          expect(Math.abs(sum[1]) / scale).toBeLessThan(1e-11);
          ak = matmul(ak, a, n);
        }
        let prod: C = [1, 0];
        for (const e of ev!) prod = cmul(prod, [e.re, e.im]);
        const d = det(a, n);
        expect(Math.abs(prod[0] - d) / Math.max(1, Math.abs(d))).toBeLessThan(1e-9);
      }
    });
  }
});

describe('eigenvalues of matrices with known spectra', () => {
  it('rotation by θ: cos θ ± i sin θ', () => {
    for (const th of [0.3, 1, Math.PI / 2, 2.5]) {
      const c = Math.cos(th);
      const s = Math.sin(th);
      expectSpectrum(eigenvalues(Float64Array.of(c, -s, s, c), 2), [
        [c, s],
        [c, -s],
      ], 1e-14);
    }
  });

  it('diagonal and triangular: the diagonal', () => {
    const d = [3, -1.5, 0, 7, 2];
    const a = new Float64Array(25);
    d.forEach((v, i) => (a[i * 5 + i] = v));
    expectSpectrum(eigenvalues(a, 5), d.map((v) => [v, 0]), 1e-14);
    const rng = createRng(1);
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) a[i * 5 + j] = rng.normal();
    expectSpectrum(eigenvalues(a, 5), d.map((v) => [v, 0]), 1e-12);
  });

  it('companion matrix of (x − 1)(x − 2)(x − 3)(x² + 1)', () => {
    // x⁵ − 6x⁴ + 12x³ − 12x² + 11x − 6
    const coef = [-6, 12, -12, 11, -6]; // a_4 … a_0 of x⁵ + a_4 x⁴ + … + a_0
    const n = 5;
    const a = new Float64Array(n * n);
    coef.forEach((c, j) => (a[j] = -c));
    for (let i = 1; i < n; i++) a[i * n + i - 1] = 1;
    expectSpectrum(eigenvalues(a, n), [
      [1, 0],
      [2, 0],
      [3, 0],
      [0, 1],
      [0, -1],
    ], 1e-10);
  });

  it('cyclic permutation (a hard case for unshifted QR): the 7th roots of unity', () => {
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + ((i + 1) % n)] = 1;
    const want: C[] = Array.from({ length: n }, (_, k) => [Math.cos((2 * Math.PI * k) / n), Math.sin((2 * Math.PI * k) / n)]);
    expectSpectrum(eigenvalues(a, n), want, 1e-12);
  });

  it('symmetric: real eigenvalues; a defective Jordan block; zero and 1 × 1', () => {
    const rng = createRng(2);
    const n = 6;
    const b = Float64Array.from({ length: n * n }, () => rng.normal());
    const s = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = b[i * n + j] + b[j * n + i];
    for (const e of eigenvalues(s, n)!) expect(e.im).toBe(0);
    expectSpectrum(eigenvalues(Float64Array.of(2, 1, 0, 2), 2), [
      [2, 0],
      [2, 0],
    ], 1e-7);
    expectSpectrum(eigenvalues(new Float64Array(9), 3), [
      [0, 0],
      [0, 0],
      [0, 0],
    ], 0);
    expectSpectrum(eigenvalues(Float64Array.of(-4.25), 1), [[-4.25, 0]], 0);
  });
});

describe('spectralRadius and spectralNorm', () => {
  it('of s·Q for orthogonal Q both equal s', () => {
    for (const n of [1, 2, 5, 16]) {
      for (const s of [0.5, 1, 3]) {
        const q = orthogonal(n, createRng(n * 10 + s)).map((v) => v * s);
        expect(Math.abs(spectralRadius(q, n) - s), `radius n=${n} s=${s}`).toBeLessThan(1e-12);
        expect(Math.abs(spectralNorm(q, n, n) - s), `norm n=${n} s=${s}`).toBeLessThan(1e-12);
      }
    }
  });

  it('radius is max |λ|, which can be far below the norm (non-normal matrix)', () => {
    // [[0.5, 10], [0, 0.4]]: eigenvalues 0.5 and 0.4, norm ≈ 10
    const a = Float64Array.of(0.5, 10, 0, 0.4);
    expect(spectralRadius(a, 2)).toBeCloseTo(0.5, 14);
    const n = spectralNorm(a, 2, 2);
    // σ_max² is the largest eigenvalue of AᵀA = [[0.25, 5], [5, 100.16]]
    const tr = 0.25 + 100.16;
    const dt = 0.25 * 100.16 - 25;
    expect(n).toBeCloseTo(Math.sqrt(tr / 2 + Math.sqrt((tr * tr) / 4 - dt)), 12);
  });

  it('norm of a diagonal, a rank-one and a rectangular matrix', () => {
    expect(spectralNorm(Float64Array.of(1, 0, 0, 0, -3, 0, 0, 0, 2), 3, 3)).toBeCloseTo(3, 12);
    const u = [1, 2, -2];
    const v = [3, 0, 4, 0];
    const r1 = new Float64Array(12);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) r1[i * 4 + j] = u[i] * v[j];
    expect(spectralNorm(r1, 3, 4)).toBeCloseTo(15, 12);
    // rectangular 3 × 2: ‖A‖₂² = the largest eigenvalue of AᵀA
    const a = Float64Array.of(1, 2, 3, 4, 5, 6);
    const ata = Float64Array.of(1 + 9 + 25, 2 + 12 + 30, 2 + 12 + 30, 4 + 16 + 36);
    expect(spectralNorm(a, 3, 2)).toBeCloseTo(Math.sqrt(spectralRadius(ata, 2)), 12);
    expect(spectralNorm(new Float64Array(6), 2, 3)).toBe(0);
  });
});
