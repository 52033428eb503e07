import { describe, expect, it } from 'vitest';
import { createRng } from './rng';

describe('createRng', () => {
  it('same seed, same stream, bit for bit; different seeds differ', () => {
    const a = createRng(2024);
    const b = createRng(2024);
    const c = createRng(2025);
    const sa: number[] = [];
    const sb: number[] = [];
    const sc: number[] = [];
    for (let i = 0; i < 200; i++) {
      sa.push(a.next(), a.normal(), a.uniform(-3, 5), a.int(17));
      sb.push(b.next(), b.normal(), b.uniform(-3, 5), b.int(17));
      sc.push(c.next(), c.normal(), c.uniform(-3, 5), c.int(17));
    }
    expect(sa.every((v, i) => Object.is(v, sb[i]))).toBe(true);
    expect(sa.filter((v, i) => v === sc[i]).length).toBeLessThan(60); // only some small ints coincide
  });

  it('seeds are taken as 32-bit integers (fractions floored)', () => {
    expect(createRng(7.9).next()).toBe(createRng(7).next());
    expect(createRng(7).next()).not.toBe(createRng(8).next());
  });

  it('next() is in [0, 1) and uses more than 32 bits', () => {
    const r = createRng(1);
    let fine = 0;
    for (let i = 0; i < 10000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      // a 32-bit value scaled to [0, 1) is a multiple of 2^-32
      if ((x * 2 ** 32) % 1 !== 0) fine++;
    }
    expect(fine).toBeGreaterThan(9900);
  });

  it('moments: uniform mean ½ variance 1/12; normal mean 0 variance 1; int uniform on 0 … n − 1', () => {
    const r = createRng(99);
    const N = 40000;
    let s = 0;
    let s2 = 0;
    let n1 = 0;
    let n2 = 0;
    const counts = new Array(7).fill(0);
    for (let i = 0; i < N; i++) {
      const u = r.next();
      s += u;
      s2 += u * u;
      const z = r.normal();
      n1 += z;
      n2 += z * z;
      counts[r.int(7)]++;
    }
    expect(Math.abs(s / N - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(s2 / N - (s / N) ** 2 - 1 / 12)).toBeLessThan(0.005);
    expect(Math.abs(n1 / N)).toBeLessThan(0.03);
    expect(Math.abs(n2 / N - 1)).toBeLessThan(0.03);
    for (const c of counts) expect(Math.abs(c / N - 1 / 7)).toBeLessThan(0.01);
  });

  it('uniform(lo, hi) stays in [lo, hi)', () => {
    const r = createRng(3);
    for (let i = 0; i < 2000; i++) {
      const x = r.uniform(-0.25, 0.75);
      expect(x >= -0.25 && x < 0.75).toBe(true);
    }
  });
});
