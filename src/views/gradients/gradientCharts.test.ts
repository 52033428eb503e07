import { describe, expect, it } from 'vitest';
import { complexExtent, timePath } from './gradientCharts';


describe('paths', () => {
  it('leaves gaps where a step is hidden or the value cannot sit on a log axis', () => {
    const d = timePath([1, 2, 0, 4, 5], (t) => t * 10, (v) => v, (t) => t !== 4, true);
    expect(d).toBe('M0,1L10,2M30,4Z'); // a lone point is a closed zero-length subpath (markers show it)
  });

  it('breaks the line at every truncation cut', () => {
    const d = timePath([1, 2, 3, 4, 5], (t) => t * 10, (v) => v, () => true, false, [2, 4]);
    expect(d).toBe('M0,1L10,2M20,3L30,4M40,5Z');
  });
});

describe('complex plane', () => {
  it('always shows the unit circle, and every eigenvalue', () => {
    expect(complexExtent([0.1], [0.2])).toBeCloseTo(1.12);
    expect(complexExtent([-3], [0.5])).toBeCloseTo(3.36);
  });
});
