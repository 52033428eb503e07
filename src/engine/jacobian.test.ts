import { describe, expect, it } from 'vitest';
import { initParams } from './init';
import { mechanismBuffers, oneStepJacobian, ratePerStep, stepMechanism } from './jacobian';
import { CELL_TYPES, type CellType, type Params } from './params';
import { createRng } from './rng';
import { runSequence, type Sequence } from './sequence';
import { spectralNormExact } from './spectralNorm';
import { storedPassOf } from './storedPass';
import { randomParams, randomSequence, subSequence } from './testing/helpers';

const I = 2;
const H = 5;
const O = 2;
const T = 7;

function setup(cell: CellType, seed = 5) {
  const rng = createRng(seed);
  const params = randomParams(rng, { cell, I, H, O }, 0.9);
  const seq = randomSequence(rng, { T, I, H, O, loss: 'mse', withH0: true, withC0: cell === 'lstm' });
  const run = runSequence(params, seq);
  return { params, seq, run, pass: storedPassOf(params, run.ws) };
}

/** The state after running steps [from, to) of `seq` from (h, c): [h, c] at the end. */
function runFrom(params: Params, seq: Sequence, from: number, to: number, h: Float64Array, c?: Float64Array): [Float64Array, Float64Array] {
  const ws = runSequence(params, subSequence(seq, I, O, from, to, h, c)).ws;
  const n = to - from;
  return [ws.hs.slice(n * H, (n + 1) * H), params.cell === 'lstm' ? ws.cs.slice(n * H, (n + 1) * H) : new Float64Array(0)];
}

/** Central differences: column j of ∂out/∂in[j], row-major H × H. */
function fd(f: (x: Float64Array) => Float64Array, x: Float64Array, eps = 1e-6): Float64Array {
  const J = new Float64Array(H * H);
  for (let j = 0; j < H; j++) {
    const up = x.slice();
    up[j] += eps;
    const dn = x.slice();
    dn[j] -= eps;
    const a = f(up);
    const b = f(dn);
    for (let i = 0; i < H; i++) J[i * H + j] = (a[i] - b[i]) / (2 * eps);
  }
  return J;
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k])), 0);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('oneStepJacobian: ∂h_t/∂h_{t−1} (lstm: c_{t−1} held), by finite differences', () => {
  for (const cell of CELL_TYPES) {
    it(cell, () => {
      const { params, seq, run, pass } = setup(cell);
      for (const t of [0, 3, T - 1]) {
        const hPrev = run.ws.hs.slice(t * H, (t + 1) * H);
        const cPrev = cell === 'lstm' ? run.ws.cs.slice(t * H, (t + 1) * H) : undefined;
        const ref = fd((h) => runFrom(params, seq, t, t + 1, h, cPrev)[0], hPrev);
        expect(maxDiff(oneStepJacobian(pass, t, new Float64Array(H * H)), ref), `t = ${t}`).toBeLessThan(1e-8);
      }
    });
  }
});

describe('stepMechanism', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}: the h path equals ∂h_{T−1}/∂h_t by finite differences`, () => {
      const { params, seq, run, pass } = setup(cell);
      const m = stepMechanism(pass);
      expect(m.probes).toBe(H);
      expect(m.hPath.spectral.method).toBe('exact');
      for (let t = 0; t < T; t++) {
        expect(m.hPath.spectral.log10[t]).toBeCloseTo(Math.log10(m.hPath.spectral.value[t]), 13);
        expect(m.hPath.spectral.relError[t]).toBeLessThan(1e-14);
      }
      for (const t of [0, 2, 4]) {
        const h = run.ws.hs.slice((t + 1) * H, (t + 2) * H);
        const c = cell === 'lstm' ? run.ws.cs.slice((t + 1) * H, (t + 2) * H) : undefined;
        const J = fd((x) => runFrom(params, seq, t + 1, T, x, c)[0], h);
        expect(rel(m.hPath.spectral.value[t], spectralNormExact(J, H, H)), `t = ${t}`).toBeLessThan(1e-7);
      }
      // the one-step norms: ‖∂h_t/∂h_{t−1}‖₂, and the gain bound ‖W‖ · max tanh′ for the rnn
      for (let t = 0; t < T; t++) {
        expect(rel(m.step.value[t], spectralNormExact(oneStepJacobian(pass, t, new Float64Array(H * H)), H, H))).toBe(0);
        if (cell === 'rnn') expect(m.step.value[t]).toBeLessThanOrEqual(m.gain[0].norm * m.factor.max[t] * (1 + 1e-14));
      }
    });
  }

  it('lstm: the full cell path ∂c_{T−1}/∂c_t (h_t held) by finite differences, and the highway ∏ f', () => {
    const { params, seq, run, pass } = setup('lstm', 8);
    const m = stepMechanism(pass);
    const cp = m.cellPath!;
    expect(cp.full.value[T - 1]).toBeCloseTo(1, 14);
    for (const t of [0, 3, 5]) {
      const h = run.ws.hs.slice((t + 1) * H, (t + 2) * H);
      const c = run.ws.cs.slice((t + 1) * H, (t + 2) * H);
      const J = fd((x) => runFrom(params, seq, t + 1, T, h, x)[1], c);
      expect(rel(cp.full.value[t], spectralNormExact(J, H, H)), `t = ${t}`).toBeLessThan(1e-7);
      expect(rel(cp.fullFrobenius[t], Math.hypot(...J)), `t = ${t}`).toBeLessThan(1e-7);
      // the highway: ∏_{s=t+1}^{T−1} f_s per unit
      for (let j = 0; j < H; j++) {
        let prod = 1;
        for (let s = t + 1; s < T; s++) prod *= run.ws.act[s * 4 * H + H + j];
        expect(rel(cp.highway.perUnit[t * H + j], prod)).toBeLessThan(1e-14);
        expect(cp.highway.perUnitLog10[t * H + j]).toBeCloseTo(Math.log10(prod), 12);
      }
      expect(cp.highway.norm[t]).toBe(Math.max(...cp.highway.perUnit.subarray(t * H, (t + 1) * H)));
    }
    expect(m.factor.label).toBe('forget');
    // every array has its own buffer, so all of them can be transferred at once
    const buffers = mechanismBuffers(m);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers.length).toBe(4 + 3 + 3 + 2 + 1 + 3 + 1 + 4); // factor, step, hPath (+ F, log10), rate, cell path, highway
  });

  it('gru: the z path is ∏ z per unit', () => {
    const { run, pass } = setup('gru', 9);
    const m = stepMechanism(pass);
    const t = 2;
    for (let j = 0; j < H; j++) {
      let prod = 1;
      for (let s = t + 1; s < T; s++) prod *= run.ws.act[s * 3 * H + H + j];
      expect(rel(m.zPath!.perUnit[t * H + j], prod)).toBeLessThan(1e-14);
    }
    expect(m.cellPath).toBeNull();
  });

  it('the factor\'s median is over every unit of steps 1 … T − 1 (rnn: tanh′ = 1 − h_t²)', () => {
    const { run, pass } = setup('rnn', 4);
    const m = stepMechanism(pass);
    const crossed: number[] = [];
    for (let t = 1; t < T; t++) for (let j = 0; j < H; j++) crossed.push(1 - run.ws.hs[(t + 1) * H + j] ** 2);
    crossed.sort((a, b) => a - b);
    expect(m.factor.median).toBe(crossed[crossed.length >> 1]);
  });

  it('over the work budget: estimates with a bound that holds, then probes with no spectral norm', () => {
    const { pass } = setup('lstm', 11);
    const exact = stepMechanism(pass);
    // room for the one-step Jacobians (0.7k) and the exact carry (7k) but not for exact norms
    // (1.2k a series): power iteration with its a-posteriori bound
    const est = stepMechanism(pass, 8_000);
    expect(est.probes).toBe(H);
    expect(est.hPath.spectral.method).toBe('estimate');
    for (const [a, b] of [
      [est.hPath.spectral, exact.hPath.spectral],
      [est.cellPath!.full, exact.cellPath!.full],
      [est.step, exact.step],
    ] as const) {
      for (let t = 0; t < T; t++) {
        expect(a.value[t]).toBeLessThanOrEqual(b.value[t] * (1 + 1e-14));
        expect(rel(a.value[t], b.value[t])).toBeLessThanOrEqual(a.relError[t] * 1.000001 + 1e-15);
      }
    }
    // a wider layer, where fewer directions than H can be carried
    const rng = createRng(12);
    const wide = randomParams(rng, { cell: 'lstm', I, H: 24, O }, 0.5);
    const seq = randomSequence(rng, { T, I, H: 24, O, loss: 'mse' });
    const probes = stepMechanism(storedPassOf(wide, runSequence(wide, seq).ws), 1e5);
    expect(probes.probes).toBe(8);
    expect(probes.hPath.spectral.method).toBe('unavailable');
    expect(Number.isNaN(probes.hPath.spectral.value[0])).toBe(true);
    expect(probes.hPath.frobeniusExact).toBe(false);
  });

  it('keeps the exponent of a product far below the doubles: (0.5 Q)^k over 1500 steps', () => {
    const Hs = 6;
    const Tl = 1500;
    const p = initParams({ cell: 'rnn', inputSize: 1, hiddenSize: Hs, outputSize: 1 }, createRng(3), { scheme: 'orthogonal', hhScale: 0.5 });
    // zero input, zero state, zero biases: h stays 0, tanh′ = 1, ∂h_{T−1}/∂h_t = (0.5 Q)^(T−1−t) exactly
    const seq: Sequence = { steps: Tl, inputs: new Float64Array(Tl), targets: { kind: 'mse', values: new Float64Array(Tl) }, truncation: 0 };
    const m = stepMechanism(storedPassOf(p, runSequence(p, seq).ws));
    expect(m.hPath.spectral.value[0]).toBe(0); // 0.5^1499 underflows
    for (const t of [0, 500, 1400, Tl - 1]) {
      const k = Tl - 1 - t;
      expect(m.hPath.spectral.log10[t]).toBeCloseTo(k * Math.log10(0.5), 9);
      expect(m.hPath.frobeniusLog10[t]).toBeCloseTo(k * Math.log10(0.5) + 0.5 * Math.log10(Hs), 9);
    }
  });
});

describe('the average rate per step', () => {
  it('is the (T−1−t)-th root of the path: 10^(log10 / steps back)', () => {
    const log10 = Float64Array.from([-6, -4, -2, 0]);
    const r = ratePerStep(log10);
    expect(r[0]).toBeCloseTo(0.01, 14);
    expect(r[1]).toBeCloseTo(0.01, 14);
    expect(r[2]).toBeCloseTo(0.01, 14);
    expect(r[3]).toBeNaN();
    expect(ratePerStep(Float64Array.from([3, 0]))[0]).toBeCloseTo(1000, 10);
    expect(ratePerStep(Float64Array.from([-Infinity, 0]))[0]).toBeNaN();
  });
});
