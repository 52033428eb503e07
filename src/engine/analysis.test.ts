import { describe, expect, it } from 'vitest';
import { recurrentSpectrum } from './analysis';
import { stepMechanism } from './jacobian';
import { storedPassOf } from './storedPass';
import { spectralNorm, spectralRadius } from './eigen';
import { initParams } from './init';
import { CELL_TYPES, GATE_COUNT, GATE_NAMES, recurrenceParams } from './params';
import { createRng } from './rng';
import { runSequence } from './sequence';
import { randomParams, randomSequence } from './testing/helpers';

const I = 2;
const H = 4;
const O = 2;
const T = 6;

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
      const m = stepMechanism(storedPassOf(view, net.layers[i]));
      // ∂h_last/∂h_last = I: Frobenius norm √H at the recurrence's last row
      expect(m.hPath.frobenius[T - 1]).toBeCloseTo(Math.sqrt(H), 12);
      expect(m.factor.mean.length).toBe(T);
    }
  });
});
