import { describe, expect, it } from 'vitest';
import { initParams, INIT_SCHEMES, orthogonal } from './init';
import { CELL_TYPES, fields, GATE_COUNT, PARAM_KEYS, type Params } from './params';
import { createRng } from './rng';
import { sameBits } from './testing/helpers';

const shape = (cell: (typeof CELL_TYPES)[number], I = 5, H = 6, O = 3) => ({ cell, inputSize: I, hiddenSize: H, outputSize: O });

/** max |QᵀQ − I| and max |QQᵀ − I| entry of an n × n row-major matrix */
function orthogonalityError(q: Float64Array, n: number): number {
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let cols = 0;
      let rows = 0;
      for (let k = 0; k < n; k++) {
        cols += q[k * n + a] * q[k * n + b];
        rows += q[a * n + k] * q[b * n + k];
      }
      const id = a === b ? 1 : 0;
      worst = Math.max(worst, Math.abs(cols - id), Math.abs(rows - id));
    }
  }
  return worst;
}

describe('pytorch init', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}: every weight and bias in ±1/√H, spread over the range`, () => {
      for (const H of [1, 4, 9, 16]) {
        const p = initParams(shape(cell, 20, H, 20), createRng(H), { scheme: 'pytorch' });
        const k = 1 / Math.sqrt(H);
        const all: number[] = [];
        for (const { field, key } of PARAM_KEYS) {
          for (const v of p[field]) {
            expect(Math.abs(v), key).toBeLessThanOrEqual(k);
            all.push(v);
          }
        }
        // uniform on (−k, k): the extremes get close to ±k and the mean is near 0
        expect(Math.max(...all)).toBeGreaterThan(0.8 * k);
        expect(Math.min(...all)).toBeLessThan(-0.8 * k);
        expect(Math.abs(all.reduce((a, b) => a + b, 0) / all.length)).toBeLessThan(0.25 * k);
      }
    });
  }

  it('has the PyTorch shapes', () => {
    for (const cell of CELL_TYPES) {
      const p = initParams(shape(cell, 5, 6, 3), createRng(1), { scheme: 'pytorch' });
      const G = GATE_COUNT[cell];
      expect([p.wIh.length, p.wHh.length, p.bIh.length, p.bHh.length, p.headW.length, p.headB.length]).toEqual([G * 6 * 5, G * 36, G * 6, G * 6, 18, 3]);
    }
  });
});

describe('xavier and orthogonal init', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell} xavier: W_ih in ±√(6/(I+H)), W_hh in ±√(6/2H), biases 0, head ±1/√H`, () => {
      const I = 5;
      const H = 6;
      const p = initParams(shape(cell, I, H), createRng(3), { scheme: 'xavier' });
      expect(p.wIh.every((v) => Math.abs(v) <= Math.sqrt(6 / (I + H)))).toBe(true);
      expect(Math.max(...p.wIh.map(Math.abs))).toBeGreaterThan(0.8 * Math.sqrt(6 / (I + H)));
      expect(p.wHh.every((v) => Math.abs(v) <= Math.sqrt(6 / (2 * H)))).toBe(true);
      expect(p.bIh.every((v) => v === 0) && p.bHh.every((v) => v === 0)).toBe(true);
      expect(p.headW.every((v) => Math.abs(v) <= 1 / Math.sqrt(H))).toBe(true);
    });

    it(`${cell} orthogonal: every H × H gate block of W_hh has QᵀQ = I to 1e-12`, () => {
      for (const H of [1, 2, 5, 12]) {
        const p = initParams(shape(cell, 3, H), createRng(H), { scheme: 'orthogonal' });
        for (let g = 0; g < GATE_COUNT[cell]; g++) {
          const block = p.wHh.subarray(g * H * H, (g + 1) * H * H);
          expect(orthogonalityError(block, H), `H=${H} block ${g}`).toBeLessThan(1e-12);
        }
        // the blocks are different matrices
        if (GATE_COUNT[cell] > 1) expect(sameBits(p.wHh.subarray(0, H * H), p.wHh.subarray(H * H, 2 * H * H))).toBe(false);
      }
    });
  }

  it('orthogonal(n) is orthogonal for n up to 64, and not the identity', () => {
    for (const n of [1, 3, 8, 33, 64]) {
      const q = orthogonal(n, createRng(n));
      expect(orthogonalityError(q, n), `n=${n}`).toBeLessThan(1e-12);
      if (n > 1) expect(Math.abs(q[1])).toBeGreaterThan(0);
    }
    // n = 1: ±1
    expect(Math.abs(orthogonal(1, createRng(5))[0])).toBe(1);
  });
});

describe('init options', () => {
  for (const scheme of INIT_SCHEMES) {
    for (const cell of CELL_TYPES) {
      it(`${scheme} ${cell}: hhScale multiplies W_hh and changes nothing else`, () => {
        const base = initParams(shape(cell), createRng(9), { scheme });
        const scaled = initParams(shape(cell), createRng(9), { scheme, hhScale: 2.5 });
        for (let i = 0; i < base.wHh.length; i++) expect(scaled.wHh[i]).toBe(base.wHh[i] * 2.5);
        for (const { field } of PARAM_KEYS) if (field !== 'wHh') expect(sameBits(scaled[field], base[field])).toBe(true);
      });
    }
  }

  it('forgetBias adds to the lstm forget-gate block of bias_ih only', () => {
    for (const scheme of INIT_SCHEMES) {
      const H = 6;
      const base = initParams(shape('lstm', 5, H), createRng(9), { scheme });
      const fb = initParams(shape('lstm', 5, H), createRng(9), { scheme, forgetBias: 1.5 });
      for (let r = 0; r < 4 * H; r++) expect(fb.bIh[r]).toBe(r >= H && r < 2 * H ? base.bIh[r] + 1.5 : base.bIh[r]);
      expect(sameBits(fb.bHh, base.bHh)).toBe(true);
    }
    // ignored for the other cells
    for (const cell of ['rnn', 'gru'] as const) {
      const a = initParams(shape(cell), createRng(2), { scheme: 'pytorch' });
      const b = initParams(shape(cell), createRng(2), { scheme: 'pytorch', forgetBias: 1 });
      expect(sameBits(a.bIh, b.bIh)).toBe(true);
    }
  });

  it('updateBias adds to the gru update-gate (z) block of bias_ih only', () => {
    for (const scheme of INIT_SCHEMES) {
      const H = 6;
      const base = initParams(shape('gru', 5, H), createRng(9), { scheme });
      const ub = initParams(shape('gru', 5, H), createRng(9), { scheme, updateBias: 4 });
      for (let r = 0; r < 3 * H; r++) expect(ub.bIh[r]).toBe(r >= H && r < 2 * H ? base.bIh[r] + 4 : base.bIh[r]);
      expect(sameBits(ub.bHh, base.bHh)).toBe(true);
    }
    for (const cell of ['rnn', 'lstm'] as const) {
      const a = initParams(shape(cell), createRng(2), { scheme: 'pytorch' });
      const b = initParams(shape(cell), createRng(2), { scheme: 'pytorch', updateBias: 1 });
      expect(sameBits(a.bIh, b.bIh)).toBe(true);
    }
  });

  it('same seed, same bits; another seed, other numbers', () => {
    for (const scheme of INIT_SCHEMES) {
      for (const cell of CELL_TYPES) {
        const a: Params = initParams(shape(cell), createRng(123), { scheme });
        const b: Params = initParams(shape(cell), createRng(123), { scheme });
        const c: Params = initParams(shape(cell), createRng(124), { scheme });
        for (const { field } of PARAM_KEYS) expect(sameBits(a[field], b[field])).toBe(true);
        expect(sameBits(a.wHh, c.wHh)).toBe(false);
      }
    }
  });
});

describe('init of stacked and bidirectional networks', () => {
  const net = (cell: (typeof CELL_TYPES)[number], L: number, D: 1 | 2, I = 5, H = 6, O = 3) => ({ cell, inputSize: I, hiddenSize: H, outputSize: O, numLayers: L, directions: D });

  it('pytorch: every layer and direction in ±1/√H; the head (nn.Linear(D·H, O)) in ±1/√(D·H); every array drawn anew', () => {
    for (const cell of CELL_TYPES) {
      const H = 6;
      const p = initParams(net(cell, 3, 2), createRng(4), { scheme: 'pytorch' });
      const k = 1 / Math.sqrt(H);
      for (const lp of p.layers) for (const a of [lp.wIh, lp.wHh, lp.bIh, lp.bHh]) expect(a.every((v) => Math.abs(v) <= k)).toBe(true);
      const kHead = 1 / Math.sqrt(2 * H);
      expect(p.headW.every((v) => Math.abs(v) <= kHead)).toBe(true);
      expect(Math.max(...p.headW.map(Math.abs))).toBeGreaterThan(0.7 * kHead);
      expect(p.layers[2].wIh.length).toBe(GATE_COUNT[cell] * H * 2 * H);
      expect(sameBits(p.layers[0].wHh, p.layers[1].wHh)).toBe(false);
      expect(sameBits(p.layers[2].wHh, p.layers[4].wHh)).toBe(false);
    }
  });

  it('a one-layer, one-direction init draws exactly the numbers it drew before (layer 0 first, then the head)', () => {
    for (const scheme of INIT_SCHEMES) {
      const one = initParams(net('gru', 1, 1), createRng(8), { scheme });
      const plain = initParams(shape('gru'), createRng(8), { scheme });
      fields(one).forEach((a, f) => expect(sameBits(a, fields(plain)[f])).toBe(true));
    }
  });

  it('xavier: the fan-in of W_ih is I for layer 0 and D·H above', () => {
    const I = 5;
    const H = 6;
    const p = initParams(net('lstm', 2, 2, I, H), createRng(5), { scheme: 'xavier' });
    expect(p.layers[0].wIh.every((v) => Math.abs(v) <= Math.sqrt(6 / (I + H)))).toBe(true);
    expect(p.layers[3].wIh.every((v) => Math.abs(v) <= Math.sqrt(6 / (2 * H + H)))).toBe(true);
    expect(Math.max(...p.layers[3].wIh.map(Math.abs))).toBeGreaterThan(0.8 * Math.sqrt(6 / (2 * H + H)));
    // layer 0's wider bound is used too
    expect(Math.max(...p.layers[0].wIh.map(Math.abs))).toBeGreaterThan(Math.sqrt(6 / (2 * H + H)));
  });

  it('orthogonal, hhScale and forgetBias apply to every layer and direction', () => {
    const H = 6;
    const base = initParams(net('lstm', 2, 2, 5, H), createRng(6), { scheme: 'orthogonal' });
    const tuned = initParams(net('lstm', 2, 2, 5, H), createRng(6), { scheme: 'orthogonal', hhScale: 0.5, forgetBias: 2 });
    base.layers.forEach((lp, i) => {
      for (let g = 0; g < 4; g++) expect(orthogonalityError(lp.wHh.subarray(g * H * H, (g + 1) * H * H), H)).toBeLessThan(1e-12);
      for (let n = 0; n < lp.wHh.length; n++) expect(tuned.layers[i].wHh[n]).toBe(lp.wHh[n] * 0.5);
      for (let r = 0; r < 4 * H; r++) expect(tuned.layers[i].bIh[r]).toBe(r >= H && r < 2 * H ? lp.bIh[r] + 2 : lp.bIh[r]);
    });
  });
});
