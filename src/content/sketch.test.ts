import { describe, expect, it } from 'vitest';
import { fillSketch, logNorm, sketchError, SKETCH_MAX, SKETCH_MIN } from './sketch';

describe('the sketched gradient-norm curve', () => {
  it('fills the steps not drawn along straight lines, and the ends with the nearest value', () => {
    const filled = fillSketch([null, -2, null, null, 1, null])!;
    [-2, -2, -1, 0, 1, 1].forEach((v, t) => expect(filled[t]).toBeCloseTo(v, 12));
    expect(fillSketch([null, null])).toBeNull();
  });

  it('scores in decades on a log scale: a factor of 10 everywhere is 1', () => {
    const norms = [1e-3, 1e-2, 0.1, 1];
    expect(sketchError([-3, -2, -1, 0], norms)).toBe(0);
    expect(sketchError([-2, -1, 0, 1], norms)).toBeCloseTo(1, 12);
    expect(sketchError([-4, -2, -1, 1], norms)).toBeCloseTo(0.5, 12);
  });

  it('holds norms inside the range the sketch can show', () => {
    expect(logNorm(0)).toBe(SKETCH_MIN);
    expect(logNorm(1e-30)).toBe(SKETCH_MIN);
    expect(logNorm(1e9)).toBe(SKETCH_MAX);
  });
});
