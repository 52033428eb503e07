import { describe, expect, it } from 'vitest';
import { layerMeanDhNorm, readMoment } from './moment';
import { openSession } from './testing/sessions';

const open = (steps: number, truncation: number, cell: 'rnn' | 'lstm' | 'gru' = 'lstm', task: 'sine' | 'text' = 'sine') =>
  openSession({ cell, hidden: 3, seed: 2, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 }, { task, steps, truncation, text: 'abcab' });

describe('the truncation rule, as the engine applies it', () => {
  it('cuts before every multiple of k, never at 0 or past the end', () => {
    expect(readMoment(open(12, 4)).cuts).toEqual([4, 8]);
    expect(readMoment(open(13, 4)).cuts).toEqual([4, 8, 12]);
    expect(readMoment(open(12, 0)).cuts).toEqual([]);
  });

  it('knows where a block ends (nothing arrives from t + 1) and starts (nothing goes back)', () => {
    const m = readMoment(open(9, 4));
    expect([...Array(9).keys()].filter((t) => m.cut(t).cutNext || m.cut(t).last)).toEqual([3, 7, 8]);
    expect([...Array(9).keys()].filter((t) => m.cut(t).cutHere)).toEqual([0, 4, 8]);
    expect([...Array(9).keys()].filter((t) => m.receivesFromNext(t))).toEqual([0, 1, 2, 4, 5, 6]);
    const full = readMoment(open(5, 0));
    expect([...Array(5).keys()].filter((t) => full.cut(t).cutNext || full.cut(t).last)).toEqual([4]);
  });

  it('agrees with the gradients themselves: where nothing arrives from t + 1, that part is exactly 0', () => {
    const s = open(10, 3, 'gru');
    const m = readMoment(s);
    for (let t = 0; t < 10; t++) {
      const next = [0, 1, 2].map((j) => m.value('dhNext', t, j));
      if (!m.receivesFromNext(t)) expect(next).toEqual([0, 0, 0]);
      else expect(next.some((v) => v !== 0)).toBe(true);
    }
  });
});

describe('values by step and unit', () => {
  it('reads what the worker stored, where the layout puts it', () => {
    const s = open(6, 0);
    const m = readMoment(s);
    const H = 3;
    const r = s.layers[0];
    expect(m.value('h', 2, 1)).toBe(r.hs[3 * H + 1]);
    expect(m.value('hPrev', 2, 1)).toBe(r.hs[2 * H + 1]);
    expect(m.value('dh', 4, 2)).toBe(r.dhs[4 * H + 2]);
    expect(m.value('act.f', 1, 0)).toBe(r.act[1 * 4 * H + H]);
    expect(m.value('h', 2, 5)).toBeNull();
    expect(m.output(3, 0)).toBe(s.ys[3]);
    expect(m.target(3, 0)).toBe(s.targets[3]);
    expect(m.targetClass(3)).toBeNull();
    expect(m.prob(3, 0)).toBeNull();
    expect(readMoment(s)).toBe(m); // one reader per snapshot
  });

  it('cross-entropy: the target class and the probabilities', () => {
    const s = open(4, 0, 'rnn', 'text');
    const m = readMoment(s);
    const O = s.model.outputSize;
    expect(m.targetClass(1)).toBe(s.targets[1]);
    expect(m.target(1, 0)).toBeNull();
    expect(m.prob(1, 2)).toBe(s.probs[O + 2]);
    // the predicted class is the largest output, which is also the largest probability
    const p = Array.from(s.probs.subarray(O, 2 * O));
    expect(m.predictedClass(1)).toBe(p.indexOf(Math.max(...p)));
  });

  it('refuses a layer the model does not have', () => {
    expect(() => readMoment(open(3, 0), { layer: 1 })).toThrow(RangeError);
  });
});

describe('how much gradient reaches each layer', () => {
  it('reads the engine’s mean ‖dL/dh_t‖ of a layer, over its steps and both directions', () => {
    const s = openSession({ cell: 'lstm', hidden: 3, seed: 2, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0, layers: 2, bidirectional: true }, { task: 'sine', steps: 5, truncation: 0 });
    for (const layer of [0, 1]) {
      const norms = [0, 1].flatMap((direction) => [...readMoment(s, { layer, direction }).dhNorms]);
      expect(layerMeanDhNorm(s, layer)).toBe(s.layerDhNormMeans[layer]);
      expect(layerMeanDhNorm(s, layer)).toBeCloseTo(norms.reduce((a, b) => a + b, 0) / norms.length, 14);
    }
    expect(() => layerMeanDhNorm(s, 2)).toThrow(RangeError);
  });
});
