import { describe, expect, it } from 'vitest';
import { logDomain, logTickLabel, logTicks, positiveExtent } from './logAxis';

describe('the log axis', () => {
  it('covers the positive values with whole decades and ignores 0, NaN and ∞', () => {
    expect(positiveExtent([[0, 0.02, NaN, 3, Infinity, -1]])).toEqual([0.02, 3]);
    expect(positiveExtent([[0, -1]])).toBeNull();
    expect(logDomain([[0.02, 3]])).toEqual([0.01, 10]);
    expect(logDomain([[0, 0]])).toEqual([1e-3, 1]);
    expect(logDomain([[1e-9, 4]])).toEqual([1e-9, 10]);
  });

  it('widens a narrow range to the minimum number of decades', () => {
    const [lo, hi] = logDomain([[0.5, 0.6]], 2);
    expect(Math.log10(hi / lo)).toBeCloseTo(2, 10);
    expect(lo).toBeLessThanOrEqual(0.5);
    expect(hi).toBeGreaterThanOrEqual(0.6);
  });

  it('ticks at powers of ten (d3 chooses them), never more than asked', () => {
    expect(logTicks([0.01, 10], 6)).toEqual([0.01, 0.1, 1, 10]);
    expect(logTicks([1e-3, 1], 4)).toEqual([1e-3, 1e-2, 1e-1, 1]);
    for (const [lo, hi, n] of [[1e-20, 1, 5], [1e-114, 10, 5], [1e-12, 1, 4], [1e-300, 1e10, 6]] as const) {
      const ticks = logTicks([lo, hi], n);
      expect(ticks.length).toBeLessThanOrEqual(n);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      for (const v of ticks) expect(Math.log10(v)).toBeCloseTo(Math.round(Math.log10(v)), 9);
    }
  });

  it('within one decade it keeps d3’s in-between ticks', () => {
    const ticks = logTicks([0.2, 0.9], 4);
    expect(ticks.length).toBeLessThanOrEqual(4);
    expect(ticks[0]).toBe(0.2);
  });

  it('labels decades plainly near 1 and with superscripts far from it', () => {
    expect([1e-6, 1e-3, 0.01, 0.1, 1, 10, 100, 1e5, 1e12].map(logTickLabel)).toEqual(['10⁻⁶', '10⁻³', '0.01', '0.1', '1', '10', '100', '10⁵', '10¹²']);
    expect(logTickLabel(0.3)).toBe('0.3');
  });
});
