import { describe, expect, it } from 'vitest';
import { displayArrays, layerDhNormMeans, networkDisplayArrays } from './display';
import { CELL_TYPES } from './params';
import { createRng } from './rng';
import { StepSession } from './session';
import { randomParams, randomSequence } from './testing/helpers';

/** The derived arrays must add up to what the engine stored, and split each gradient along its paths. */
describe('displayArrays', () => {
  for (const cell of CELL_TYPES) {
    for (const truncation of [0, 3]) {
      it(`${cell}, k = ${truncation}: the parts add up to the engine's values`, () => {
        const rng = createRng(7);
        const shape = { cell, I: 2, H: 5, O: 2 };
        const T = 7;
        const params = randomParams(rng, shape);
        const seq = randomSequence(rng, { T, I: 2, H: 5, O: 2, loss: 'mse', truncation, withH0: true, withC0: true });
        const s = new StepSession(params, seq);
        const d = displayArrays(s.ws, truncation);
        const ws = s.ws;
        const H = 5;
        for (let t = 0; t < T; t++) {
          const b = s.backward(t);
          for (let j = 0; j < H; j++) {
            const k = t * H + j;
            expect(d.dhNext[k]).toBe(b.dhFromNext[j]);
            expect(ws.dhHead[k] + d.dhNext[k]).toBeCloseTo(ws.dhs[k], 14);
            if (cell === 'lstm') {
              expect(d.keep[k] + d.write[k]).toBe(ws.cs[k + H]);
              expect(d.dcNext[k]).toBe(b.dcFromNext![j]);
              expect(d.dcLocal[k] + d.dcNext[k]).toBe(ws.dcs[k]);
            }
            if (cell === 'gru') {
              expect(d.notZ[k]).toBeCloseTo(1 - s.forward(t).gates.z[j], 15);
              expect(d.keep[k] + d.write[k]).toBeCloseTo(ws.hs[k + H], 14);
              expect(d.dhPrevDirect[k] + d.dhPrevRec[k]).toBe(ws.dhPrev[k]);
            }
          }
        }
        if (cell === 'rnn') expect(d.keep.length + d.write.length + d.notZ.length + d.dcNext.length).toBe(0);
      });
    }
  }
});

describe('networkDisplayArrays', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}, 2 layers × 2 directions: every recurrence's parts add up, probs from the network's output`, () => {
      const rng = createRng(9);
      const T = 6;
      const H = 3;
      const params = randomParams(rng, { cell, I: 2, H, O: 3, L: 2, D: 2 });
      const seq = randomSequence(rng, { T, I: 2, H, O: 3, loss: 'cross_entropy', withH0: true, withC0: cell === 'lstm', stateRows: 4 });
      const s = new StepSession(params, seq);
      const d = networkDisplayArrays(s.net, 0);
      expect(d.layers.length).toBe(4);
      expect(d.probs.length).toBe(T * 3);
      for (let t = 0; t < T; t++) expect(d.probs[t * 3] + d.probs[t * 3 + 1] + d.probs[t * 3 + 2]).toBeCloseTo(1, 14);
      s.net.layers.forEach((ws, i) => {
        const a = d.layers[i];
        expect(a.probs.length).toBe(0);
        for (let k = 0; k < T * H; k++) {
          expect(ws.dhHead[k] + a.dhNext[k]).toBeCloseTo(ws.dhs[k], 14);
          if (cell === 'lstm') expect(a.dcLocal[k] + a.dcNext[k]).toBe(ws.dcs[k]);
          if (cell === 'gru') expect(a.dhPrevDirect[k] + a.dhPrevRec[k]).toBe(ws.dhPrev[k]);
        }
        // the reverse direction's rows run backwards in time: row s holds t = T − 1 − s
        const dir = i % 2;
        for (let t = 0; t < T; t++) {
          const b = s.backward(t, Math.floor(i / 2), dir);
          const r = dir === 1 ? T - 1 - t : t;
          for (let j = 0; j < H; j++) expect(a.dhNext[r * H + j]).toBe(b.dhFromNext[j]);
        }
      });
    });
  }
});

describe('layerDhNormMeans', () => {
  it('averages ‖dL/dh_t‖ over the steps and directions of each layer', () => {
    const rec = (...v: number[]) => ({ dhNorm: Float64Array.from(v) });
    expect([...layerDhNormMeans([rec(1, 2, 3), rec(5, 5, 5), rec(0, 0, 1.5), rec(0.5, 0.5, 0.5)], 2)]).toEqual([3.5, 0.5]);
    expect([...layerDhNormMeans([rec(4, 8)], 1)]).toEqual([6]);
    expect([...layerDhNormMeans([rec()], 1)]).toEqual([0]);
  });

  it('is what networkDisplayArrays sends for a stacked two-way network', () => {
    const rng = createRng(4);
    const T = 5;
    const params = randomParams(rng, { cell: 'gru', I: 2, H: 3, O: 1, L: 3, D: 2 });
    const seq = randomSequence(rng, { T, I: 2, H: 3, O: 1, loss: 'mse', withH0: true, withC0: false, stateRows: 6 });
    const d = networkDisplayArrays(new StepSession(params, seq).net, 0);
    expect(d.layerDhNormMeans.length).toBe(3);
    for (let l = 0; l < 3; l++) {
      const all = [...d.layers[2 * l].dhNorm, ...d.layers[2 * l + 1].dhNorm];
      expect(d.layerDhNormMeans[l]).toBeCloseTo(all.reduce((a, b) => a + b, 0) / (2 * T), 14);
    }
  });
});
