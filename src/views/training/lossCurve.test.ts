import { describe, expect, it } from 'vitest';
import { decimate, lossDomain, seriesExtent } from './lossCurve';

describe('decimate', () => {
  it('keeps every finite point when they fit', () => {
    expect(decimate([3, 1, NaN, 2], 10)).toEqual([0, 1, 3]);
  });
  it('keeps each group’s lowest and highest value, in order: two points per group at most', () => {
    const n = 100_000;
    const v = Float64Array.from({ length: n }, (_, k) => Math.sin(k) + (k === 31_337 ? 50 : 0) - (k === 77_777 ? 50 : 0));
    const idx = decimate(v, 400);
    expect(idx.length).toBeLessThanOrEqual(2 * 400);
    expect(idx).toContain(31_337);
    expect(idx).toContain(77_777);
    for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
  });
  it('skips non-finite values inside a group', () => {
    expect(decimate([NaN, 1, NaN, NaN, 5, 2, NaN, NaN], 2)).toEqual([1, 4, 5]);
  });
});

describe('lossDomain', () => {
  it('starts a linear axis at 0 and spans decades on a log axis', () => {
    const v = [0.5, 0.02, 0.003];
    expect(lossDomain(v, [0, 1, 2], false)).toEqual([0, 0.5]);
    expect(lossDomain(v, [0, 1, 2], true)).toEqual([0.001, 1]);
  });
  it('has a usable range for one value or none', () => {
    expect(lossDomain([0], [0], false)).toEqual([0, 1]);
    expect(lossDomain([2], [0], true)).toEqual([1, 10]);
    expect(lossDomain([], [], true)).toEqual([1e-3, 1]);
  });
});

describe('series helpers', () => {
  it('pads the common range of two columns', () => {
    const [lo, hi] = seriesExtent([0, 1], [2, 3]);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(2);
    expect(hi).toBeLessThan(9);
  });
});
