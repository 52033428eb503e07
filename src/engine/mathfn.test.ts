import { describe, expect, it } from 'vitest';
import { powInt, tanh } from './mathfn';
import { createRng } from './rng';

describe('engine-independent tanh', () => {
  it('is within 1 ulp of Math.tanh and odd, over a wide range', () => {
    const rng = createRng(7);
    const bad: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const x = (rng.next() - 0.5) * [60, 4, 0.02, 1e-9][i % 4];
      const a = tanh(x);
      const b = Math.tanh(x);
      // one ulp of b: the gap to the next double of b's binade
      const ulp = Math.pow(2, Math.floor(Math.log2(Math.abs(b))) - 52);
      if (Math.abs(a - b) > ulp || tanh(-x) !== -a) bad.push(`tanh(${x}) = ${a}, Math.tanh = ${b}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
  it('handles the edges like Math.tanh', () => {
    expect(tanh(0)).toBe(0);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(NaN)).toBeNaN();
    expect(tanh(30)).toBe(1);
    expect(tanh(1e-20)).toBe(1e-20);
  });
  it('pins bits that must be the same in every engine', () => {
    // Chromium 156's Math.tanh gives …125 here and Node 20's …126; ours gives …126 in both.
    expect(tanh(0.10978433504450301)).toBe(0.10934538886662126);
  });
});

describe('powInt', () => {
  it('is a product of the base', () => {
    expect(powInt(0.9, 0)).toBe(1);
    expect(powInt(0.9, 1)).toBe(0.9);
    expect(powInt(2, 10)).toBe(1024);
    expect(Math.abs(powInt(0.999, 1234) - Math.pow(0.999, 1234))).toBeLessThan(1e-14);
  });
});
