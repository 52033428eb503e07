import { describe, expect, it } from 'vitest';
import { gradientSum, readsBelow, sessionOf } from './depthMeasures';
import { PRESETS } from './presets';

/**
 * The depth claims' exact measures must be able to fail: each one sees a single stored number
 * changed by a hair. (claims.test.ts runs the claims themselves over their seeds.)
 */
describe('the depth measures see a wrong number', () => {
  for (const id of ['depthRnn', 'depthBidirectional'] as const) {
    it(`${id}: an input of layer 1 that is not layer 0's output`, () => {
      const s = sessionOf(PRESETS[id], 1);
      expect(readsBelow(s).inputDiff).toBe(0);
      // the bidirectional network copies layer 0's two directions into layer 1's input; one direction shares the row
      if (id === 'depthBidirectional') {
        s.forward(3, 1, 0).x[s.params.hiddenSize + 1] += 1e-12;
        expect(readsBelow(s).inputDiff).toBeGreaterThan(0);
      }
    });
    it(`${id}: an h_t of layer 1 that its weights and the layer below do not give`, () => {
      const s = sessionOf(PRESETS[id], 1);
      expect(readsBelow(s).oneLayerDiff).toBe(0);
      s.forward(5, 1, 0).h[2] += 1e-12;
      expect(readsBelow(s).oneLayerDiff).toBeGreaterThan(0);
    });
    it(`${id}: a dL/dh_t of layer 0 that is not the sum of its two parts`, () => {
      const s = sessionOf(PRESETS[id], 1);
      expect(gradientSum(s)).toBeLessThan(1e-12);
      const dh = s.backward(4, 0, 0).dh;
      dh[0] += 1e-9 * Math.max(...dh.map(Math.abs));
      expect(gradientSum(s)).toBeGreaterThan(1e-12);
    });
  }
});

describe('the depth presets', () => {
  it('the three-layer RNN, GRU and LSTM are the same network but for the cell (the claims compare them seed for seed)', () => {
    const [rnn, gru, lstm] = [PRESETS.depthRnn, PRESETS.depthGru, PRESETS.depthLstm];
    for (const p of [gru, lstm]) {
      expect(p.model.layers).toBe(rnn.model.layers);
      expect(p.model.hidden).toBe(rnn.model.hidden);
      expect(p.model.init).toBe(rnn.model.init);
      expect(p.data).toEqual(rnn.data);
    }
    expect([rnn.model.cell, gru.model.cell, lstm.model.cell]).toEqual(['rnn', 'gru', 'lstm']);
    expect(rnn.data.lossSteps).toBe('last');
  });
  it('the bidirectional one has two directions and more than one layer; the others one direction', () => {
    expect(PRESETS.depthBidirectional.model.bidirectional).toBe(true);
    expect(PRESETS.depthBidirectional.model.layers).toBeGreaterThan(1);
    for (const p of [PRESETS.depthRnn, PRESETS.depthGru, PRESETS.depthLstm]) expect((p.model as { bidirectional?: boolean }).bidirectional ?? false).toBe(false);
  });
  it('open as the stacked networks they name', () => {
    const s = sessionOf(PRESETS.depthBidirectional, 1);
    expect([s.params.numLayers, s.params.directions]).toEqual([2, 2]);
    const r = sessionOf(PRESETS.depthRnn, 1);
    expect([r.params.numLayers, r.params.directions]).toEqual([3, 1]);
  });
});
