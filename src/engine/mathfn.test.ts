import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cos, exp, hypot, log, powInt, sigmoid, sigmoidRange, sin, tanh, tanhRange } from './mathfn';
import { mathfnInputs } from './mathfnInputs';
import { createRng } from './rng';

/** The gap between b and the next double away from zero: one unit in the last place. */
function ulp(b: number): number {
  const a = Math.abs(b);
  if (a < 2.2250738585072014e-308) return 5e-324;
  return Math.pow(2, Math.floor(Math.log2(a)) - 52);
}

/** Inputs whose result differs from the engine's Math.* by more than one ulp. */
function worse(f: (x: number) => number, ref: (x: number) => number, xs: Iterable<number>): string[] {
  const bad: string[] = [];
  for (const x of xs) {
    const a = f(x);
    const b = ref(x);
    if (Object.is(a, b)) continue;
    if (!(Math.abs(a - b) <= ulp(b))) bad.push(`f(${x}) = ${a}, Math: ${b}`);
  }
  return bad;
}

function* spread(seed: number, n: number, widths: number[]): Generator<number> {
  const rng = createRng(seed);
  for (let i = 0; i < n; i++) yield (rng.next() - 0.5) * widths[i % widths.length];
}

describe('engine-independent elementary functions: within 1 ulp of Math.*', () => {
  it('exp over 200,000 inputs from −745 to 709', () => {
    expect(worse(exp, Math.exp, spread(1, 200_000, [1418, 80, 2, 0.01, 1e-9])).slice(0, 5)).toEqual([]);
  });
  it('log over 200,000 inputs from subnormals to 1e300', () => {
    const rng = createRng(3);
    const xs = Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? 1 + (rng.next() - 0.5) * 1e-5 : Math.pow(10, (rng.next() - 0.5) * 620)));
    expect(worse(log, Math.log, xs).slice(0, 5)).toEqual([]);
  });
  it('sin and cos over 200,000 inputs up to ±2000', () => {
    const xs = [...spread(4, 200_000, [4000, 7, 1.6, 1e-3])];
    expect(worse(sin, Math.sin, xs).slice(0, 5)).toEqual([]);
    expect(worse(cos, Math.cos, xs).slice(0, 5)).toEqual([]);
  });
  it('sin and cos near multiples of π/2, where the reduction cancels', () => {
    const xs: number[] = [];
    for (let n = 1; n < 2000; n++) for (const d of [0, 1e-12, -1e-12, 1e-6]) xs.push((n * Math.PI) / 2 + d);
    expect(worse(sin, Math.sin, xs).slice(0, 5)).toEqual([]);
    expect(worse(cos, Math.cos, xs).slice(0, 5)).toEqual([]);
  });
  it('tanh over 200,000 inputs, and odd', () => {
    const xs = [...spread(7, 200_000, [60, 4, 2.2, 0.5, 0.02, 1e-9])];
    expect(worse(tanh, Math.tanh, xs).slice(0, 5)).toEqual([]);
    for (const x of xs.slice(0, 1000)) expect(tanh(-x)).toBe(-tanh(x));
  });
  it('hypot', () => {
    const rng = createRng(8);
    const bad: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const a = (rng.next() - 0.5) * Math.pow(10, (rng.next() - 0.5) * 40);
      const b = (rng.next() - 0.5) * Math.pow(10, (rng.next() - 0.5) * 40);
      const got = hypot(a, b);
      const want = Math.hypot(a, b);
      if (Math.abs(got - want) > 2 * ulp(want)) bad.push(`hypot(${a}, ${b}) = ${got}, Math: ${want}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe('edges', () => {
  it('exp', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(Math.abs(exp(1) - Math.E)).toBeLessThanOrEqual(4.5e-16);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(NaN)).toBeNaN();
    expect(exp(709.782712893384)).toBe(1.7976931348622732e308);
    expect(exp(710)).toBe(Infinity);
    expect(exp(-745.1332191019411)).toBe(5e-324);
    expect(exp(-746)).toBe(0);
    expect(exp(-740)).toBe(Math.exp(-740));
  });
  it('log', () => {
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(5e-324)).toBe(Math.log(5e-324));
    expect(log(Math.E)).toBe(1);
  });
  it('sin, cos, tanh, sigmoid', () => {
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(0)).toBe(1);
    expect(sin(Infinity)).toBeNaN();
    expect(cos(NaN)).toBeNaN();
    expect(() => sin(1e7)).toThrow(RangeError);
    expect(tanh(0)).toBe(0);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(NaN)).toBeNaN();
    expect(tanh(30)).toBe(1);
    expect(tanh(1e-20)).toBe(1e-20);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });
  it('the range forms give the scalar bits', () => {
    const xs = Float64Array.from(spread(9, 10_000, [40, 3, 1e-3]));
    const s = xs.slice();
    const t = xs.slice();
    sigmoidRange(s, 0, s.length);
    tanhRange(t, 0, t.length);
    xs.forEach((x, i) => {
      expect(s[i]).toBe(sigmoid(x));
      expect(t[i]).toBe(tanh(x));
    });
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

describe('the engine calls no engine-dependent Math function', () => {
  it('no Math.exp, log, sin, cos, tanh, hypot, pow … in src/engine outside tests', () => {
    const dir = import.meta.dirname;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('testing'));
    const offenders: string[] = [];
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const m = src.match(/Math\.(exp|expm1|log|log1p|log2|log10|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|pow|hypot|cbrt)\b/g);
      if (m) offenders.push(`${f}: ${[...new Set(m)].join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('the cross-engine fingerprint', () => {
  it('hashes the same inputs the browser test hashes', () => {
    // e2e/determinism.spec.ts evaluates every function on mathfnInputs() in Chromium and compares
    // with this Node run; here we only check the inputs are many and well spread.
    const xs = mathfnInputs();
    expect(xs.length).toBeGreaterThanOrEqual(100_000);
    expect(Math.max(...xs.slice(0, 1000).map(Math.abs))).toBeGreaterThan(100);
  });
});
