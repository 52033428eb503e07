import { describe, expect, it } from 'vitest';
import { jsonText } from './jsonText';
import { setPulse } from './pulse';

describe('jsonText', () => {
  it('writes exactly what JSON.stringify writes, pulsing per piece', () => {
    const values: unknown[] = [
      { loss: 0.5, steps: [{ h: [1, -0, 1e-300], gates: { i: [0.25] }, c: undefined }], grads: { w: [[1, 2], [3, 4]], b: [] }, request: { cell: 'lstm', f: () => 1, n: null } },
      [[[[1]]], 'x"\n', true, undefined, null, {}],
      3,
      'text',
      null,
      { a: [NaN, Infinity], b: new Float64Array([1.5]) },
    ];
    let pulses = 0;
    const before = setPulse(() => pulses++);
    try {
      for (const v of values) for (const depth of [0, 1, 2, 3, 6]) expect(jsonText(v, depth)).toBe(JSON.stringify(v));
    } finally {
      setPulse(before);
    }
    expect(pulses).toBeGreaterThan(values.length);
  });
});
