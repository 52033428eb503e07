import { describe, expect, it } from 'vitest';
import { decodeFloats, encodeFloats, readStoredWeights, readTrainSettings } from './persist';

describe('weights kept across a reload', () => {
  it('float64 values survive base64 exactly (including -0, subnormals and extremes)', () => {
    const a = new Float64Array([0, -0, 1e-310, -1.7976931348623157e308, Math.PI, 1 / 3]);
    const b = decodeFloats(encodeFloats(a));
    expect(Array.from(b).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(a).map((v) => Object.is(v, -0) ? '-0' : v));
  });
  it('a damaged or foreign entry is ignored, never half-used', () => {
    expect(readStoredWeights(null)).toBeNull();
    expect(readStoredWeights('{not json')).toBeNull();
    expect(readStoredWeights(JSON.stringify({ cell: 'tree', hidden: 2, seed: 1, origin: 'trained', fields: {} }))).toBeNull();
    const nan = encodeFloats(new Float64Array([NaN]));
    const ok = encodeFloats(new Float64Array([1]));
    const fields = { wIh: ok, wHh: ok, bIh: ok, bHh: ok, headW: ok, headB: nan };
    expect(readStoredWeights(JSON.stringify({ cell: 'rnn', hidden: 1, seed: 1, origin: 'trained', fields }))).toBeNull();
    fields.headB = ok;
    const r = readStoredWeights(JSON.stringify({ cell: 'rnn', hidden: 1, seed: 1, origin: 'trained', fields }));
    expect(r?.weights.headB[0]).toBe(1);
  });
});

describe('training settings kept in local storage', () => {
  it('reads back what was written and refuses anything out of range', () => {
    const ok = { optimizer: 'momentum', lr: 0.05, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, batch: 16, clip: 2.5 };
    expect(readTrainSettings(JSON.stringify(ok))).toEqual({ settings: { optimizer: 'momentum', lr: 0.05, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, batch: 16 }, clip: 2.5 });
    for (const bad of [{ ...ok, lr: -1 }, { ...ok, batch: 1.5 }, { ...ok, optimizer: 'rmsprop' }, { ...ok, clip: 'x' }]) expect(readTrainSettings(JSON.stringify(bad))).toBeNull();
    expect(readTrainSettings('{')).toBeNull();
  });
});
