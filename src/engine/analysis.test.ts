import { describe, expect, it } from 'vitest';
import { influenceNorms, localFactors, recurrentSpectrum } from './analysis';
import { spectralNorm, spectralRadius } from './eigen';
import { initParams } from './init';
import { CELL_TYPES, type CellType, GATE_COUNT, GATE_NAMES, type Params, recurrenceParams } from './params';
import { createRng } from './rng';
import { runSequence, type Sequence } from './sequence';
import { naiveForward, toNaive } from './testing/naive';
import { randomParams, randomSequence, subSequence, toNaiveSequence } from './testing/helpers';

const I = 2;
const H = 4;
const O = 2;
const T = 6;

function setup(cell: CellType, seed = 5, scale = 0.9) {
  const rng = createRng(seed);
  const params = randomParams(rng, { cell, I, H, O }, scale);
  const seq = randomSequence(rng, { T, I, H, O, loss: 'mse', withH0: true, withC0: cell === 'lstm' });
  return { params, seq, run: runSequence(params, seq) };
}

/**
 * ∂h_{T-1}/∂h_t by central differences: rerun steps t + 1 … T − 1 from a perturbed h_t
 * (h0 of a sub-sequence), with c_t held (lstm). Column j is ∂h_{T-1}/∂h_t[j]. Row-major H × H.
 */
function finiteDifferenceJacobian(params: Params, seq: Sequence, hs: Float64Array, cs: Float64Array, t: number): Float64Array {
  const J = new Float64Array(H * H);
  const h = hs.slice((t + 1) * H, (t + 2) * H);
  const c = params.cell === 'lstm' ? cs.slice((t + 1) * H, (t + 2) * H) : undefined;
  const steps = T - 1 - t;
  const last = (h0: Float64Array) => {
    const run = runSequence(params, subSequence(seq, I, O, t + 1, T, h0, c));
    return run.ws.hs.slice(steps * H, (steps + 1) * H);
  };
  const eps = 1e-6;
  for (let j = 0; j < H; j++) {
    const up = h.slice();
    up[j] += eps;
    const dn = h.slice();
    dn[j] -= eps;
    const a = last(up);
    const b = last(dn);
    for (let r = 0; r < H; r++) J[r * H + j] = (a[r] - b[r]) / (2 * eps);
  }
  return J;
}

const frob = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));

describe('recurrentSpectrum', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}: one entry per gate block, with that block's radius, norm and eigenvalues`, () => {
      const p = initParams({ cell, inputSize: I, hiddenSize: H, outputSize: O }, createRng(3), { scheme: 'orthogonal', hhScale: 1.3 });
      const spec = recurrentSpectrum(p);
      expect(spec.map((s) => s.gate)).toEqual(cell === 'rnn' ? ['h'] : [...GATE_NAMES[cell]]);
      expect(spec.length).toBe(GATE_COUNT[cell]);
      spec.forEach((s, g) => {
        const block = p.wHh.slice(g * H * H, (g + 1) * H * H);
        expect(s.eigenvalues.length).toBe(H);
        expect(s.radius).toBeCloseTo(spectralRadius(block, H), 14);
        expect(s.norm).toBeCloseTo(spectralNorm(block, H, H), 14);
        // an orthogonal block scaled by 1.3: every |λ| and the norm are 1.3
        for (const e of s.eigenvalues) expect(Math.hypot(e.re, e.im)).toBeCloseTo(1.3, 12);
        expect(s.norm).toBeCloseTo(1.3, 12);
      });
    });
  }
});

describe('influenceNorms against finite-difference Jacobians', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}: ‖∂h_{T-1}/∂h_t‖ for t = 0, 2, 4 (Frobenius and spectral), identity at t = T − 1`, () => {
      const { params, seq, run } = setup(cell);
      const infl = influenceNorms(params, run.ws);
      expect(infl.frobenius.length).toBe(T);
      expect(infl.frobenius[T - 1]).toBeCloseTo(Math.sqrt(H), 14);
      expect(infl.spectral[T - 1]).toBeCloseTo(1, 12);
      for (const t of [0, 2, 4]) {
        const J = finiteDifferenceJacobian(params, seq, run.ws.hs, run.ws.cs, t);
        const f = frob(J);
        expect(f).toBeGreaterThan(1e-3); // something to measure
        expect(Math.abs(infl.frobenius[t] - f) / f, `frobenius t=${t}`).toBeLessThan(1e-6);
        const s = spectralNorm(J, H, H);
        expect(Math.abs(infl.spectral[t] - s) / s, `spectral t=${t}`).toBeLessThan(1e-5);
      }
      // the spectral norm never exceeds the Frobenius norm
      for (let t = 0; t < T; t++) expect(infl.spectral[t]).toBeLessThanOrEqual(infl.frobenius[t] * (1 + 1e-12));
    });
  }

  it('ignores truncation (it is a property of the forward pass)', () => {
    const { params, seq } = setup('gru');
    const a = influenceNorms(params, runSequence(params, seq).ws);
    const b = influenceNorms(params, runSequence(params, { ...seq, truncation: 2 }).ws);
    expect(Array.from(b.frobenius)).toEqual(Array.from(a.frobenius));
  });

  it('a contracting rnn forgets: the influence of early states decays', () => {
    const rng = createRng(6);
    const params = initParams({ cell: 'rnn', inputSize: I, hiddenSize: H, outputSize: O }, rng, { scheme: 'orthogonal', hhScale: 0.3 });
    const seq = randomSequence(rng, { T, I, H, O, loss: 'mse' });
    const f = influenceNorms(params, runSequence(params, seq).ws).frobenius;
    for (let t = 0; t < T - 1; t++) expect(f[t]).toBeLessThan(f[t + 1]);
    expect(f[0]).toBeLessThan(0.3 ** (T - 1) * Math.sqrt(H) * 1.0000001);
  });
});

describe('localFactors', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}: the per-step factor, its mean, min and max over units`, () => {
      const { params, seq, run } = setup(cell, 8);
      const lf = localFactors(params, run.ws);
      expect(lf.label).toBe({ rnn: 'tanh_prime', lstm: 'forget', gru: 'update' }[cell]);
      const ref = naiveForward(toNaive(params), toNaiveSequence(seq, I, O)).steps;
      for (let t = 0; t < T; t++) {
        const v = cell === 'rnn' ? ref[t].h.map((h) => 1 - h * h) : cell === 'lstm' ? ref[t].gates.f : ref[t].gates.z;
        expect(lf.mean[t]).toBeCloseTo(v.reduce((a, b) => a + b, 0) / H, 14);
        expect(lf.min[t]).toBeCloseTo(Math.min(...v), 14);
        expect(lf.max[t]).toBeCloseTo(Math.max(...v), 14);
        expect(lf.min[t]).toBeLessThan(lf.max[t]);
      }
    });
  }

  it('lstm: f_t is ∂c_t/∂c_{t-1} (h_{t-1} held), by finite differences', () => {
    const { params, seq, run } = setup('lstm', 9);
    const lf = localFactors(params, run.ws);
    const t = 3;
    const h = run.ws.hs.slice(t * H, (t + 1) * H);
    const c = run.ws.cs.slice(t * H, (t + 1) * H);
    const one = (c0: Float64Array) => runSequence(params, subSequence(seq, I, O, t, t + 1, h, c0)).ws.cs.slice(H, 2 * H);
    const f: number[] = [];
    for (let j = 0; j < H; j++) {
      const up = c.slice();
      up[j] += 1e-6;
      const dn = c.slice();
      dn[j] -= 1e-6;
      f.push((one(up)[j] - one(dn)[j]) / 2e-6);
    }
    expect(lf.mean[t]).toBeCloseTo(f.reduce((a, b) => a + b, 0) / H, 8);
    expect(lf.max[t]).toBeCloseTo(Math.max(...f), 8);
  });

  it('rnn: 1 − h_t² is the slope of tanh at the pre-activation, by finite differences', () => {
    const { params, seq, run } = setup('rnn', 10);
    const lf = localFactors(params, run.ws);
    const t = 2;
    const h = run.ws.hs.slice(t * H, (t + 1) * H);
    const slopes: number[] = [];
    for (let j = 0; j < H; j++) {
      const at = (db: number) => {
        const p = { ...params, bHh: params.bHh.slice() };
        p.bHh[j] += db;
        return runSequence(p, subSequence(seq, I, O, t, t + 1, h)).ws.hs[H + j];
      };
      slopes.push((at(1e-6) - at(-1e-6)) / 2e-6);
    }
    expect(lf.min[t]).toBeCloseTo(Math.min(...slopes), 8);
    expect(lf.max[t]).toBeCloseTo(Math.max(...slopes), 8);
  });
});

describe('analysis of one layer of a stacked network', () => {
  it('recurrenceParams + that layer\'s workspace: the spectrum of its W_hh and its own Jacobian chain', () => {
    const rng = createRng(8);
    const params = randomParams(rng, { cell: 'gru', I, H, O, L: 2, D: 2 }, 0.9);
    const seq = randomSequence(rng, { T, I, H, O, loss: 'mse', withH0: true, stateRows: 4 });
    const net = runSequence(params, seq).net;
    for (let i = 0; i < 4; i++) {
      const view = recurrenceParams(params, Math.floor(i / 2), i % 2);
      expect(view.wHh).toBe(params.layers[i].wHh);
      const spectrum = recurrentSpectrum(view);
      expect(spectrum.map((b) => b.gate)).toEqual(['r', 'z', 'n']);
      const inf = influenceNorms(view, net.layers[i]);
      // ∂h_last/∂h_last = I: Frobenius norm √H at the recurrence's last row
      expect(inf.frobenius[T - 1]).toBeCloseTo(Math.sqrt(H), 12);
      expect(localFactors(view, net.layers[i]).mean.length).toBe(T);
    }
  });
});
