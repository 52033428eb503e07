import { afterEach, describe, expect, it } from 'vitest';
import { jsonRead } from './jsonRead';
import { setPulse } from './pulse';
import { createRng } from './rng';

/** The same value as JSON.parse gives: same keys in the same order, -0 kept, plain prototypes. */
function same(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`;
  if (typeof a !== 'object' || a === null || b === null) return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: list vs object`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`;
  for (const k of ka) {
    const d = same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

const SPACE = [' ', '\n', '\r', '\t', ''];
const KEYS = ['a', 'b', '__proto__', 'constructor', '0', '10', '2', 'weight_hh_l0', 'ü', '\u0000', '"', '\\'];
const NUMBERS = ['0', '-0', '1', '-1.5', '1e308', '1e400', '-1e400', '5e-324', '2.5E-3', '0.1', '123456789012345678901234567890', '1E+2'];

type Rng = ReturnType<typeof createRng>;
const pick = <T,>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r.next() * xs.length)];
const ws = (r: Rng): string => (r.next() < 0.3 ? pick(r, SPACE) + pick(r, SPACE) : '');

function randomString(r: Rng): string {
  const parts = ['a', 'ü', '한', '😀', '\\n', '\\"', '\\\\', '\\u0041', '\\ud83d\\ude00', '\\ud800', '/', '\\/', ' '];
  let s = '';
  const n = Math.floor(r.next() * 5);
  for (let k = 0; k < n; k++) s += pick(r, parts);
  return `"${s}"`;
}

/** A random JSON text, written by hand so that its spacing and number forms vary. */
function randomText(r: Rng, depth: number): string {
  const x = r.next();
  if (depth <= 0 || x < 0.35) {
    const y = r.next();
    if (y < 0.5) return pick(r, NUMBERS);
    if (y < 0.8) return randomString(r);
    return pick(r, ['true', 'false', 'null']);
  }
  const n = Math.floor(r.next() * 5);
  if (x < 0.7) return `[${ws(r)}${Array.from({ length: n }, () => ws(r) + randomText(r, depth - 1) + ws(r)).join(',')}${ws(r)}]`;
  return `{${ws(r)}${Array.from({ length: n }, () => `${ws(r)}${JSON.stringify(pick(r, KEYS))}${ws(r)}:${ws(r)}${randomText(r, depth - 1)}${ws(r)}`).join(',')}}`;
}

function parsed(text: string): { value?: unknown; threw: boolean } {
  try {
    return { value: JSON.parse(text), threw: false };
  } catch {
    return { threw: true };
  }
}

describe('jsonRead: JSON.parse in pieces', () => {
  afterEach(() => setPulse(() => undefined));

  it('reads 3000 random texts to the same value as JSON.parse (nesting, spacing, escapes, __proto__, repeated keys, -0, 1e400)', () => {
    const r = createRng(7);
    for (let k = 0; k < 3000; k++) {
      const text = ws(r) + randomText(r, 5) + ws(r);
      expect(same(jsonRead(text), JSON.parse(text)), text).toBeNull();
    }
  });

  it('refuses what JSON.parse refuses and takes what it takes, over 6000 texts with one character changed', () => {
    const r = createRng(11);
    const noise = ['', ',', ']', '}', '[', '{', '"', ':', '-', '0', '.', 'e', ' ', '\u0001', 'x', '\\', 'n'];
    let refused = 0;
    for (let k = 0; k < 6000; k++) {
      const base = randomText(r, 4);
      const at = Math.floor(r.next() * (base.length + 1));
      const cut = r.next() < 0.5 ? 1 : 0;
      const text = base.slice(0, at) + pick(r, noise) + base.slice(at + cut);
      const want = parsed(text);
      if (want.threw) {
        refused++;
        expect(() => jsonRead(text), text).toThrow(SyntaxError);
      } else {
        expect(same(jsonRead(text), want.value), text).toBeNull();
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses the usual mistakes with a position', () => {
    for (const text of ['', ' ', '[1,]', '{"a":1,}', '[1 2]', '{"a" 1}', '{a:1}', '[NaN]', '01', '1.', '.5', '+1', '"a', '"\u0001"', '[1]]', 'nul', 'true false', '[', '{"a":[1,{"b":2]}', "'a'"]) {
      expect(parsed(text).threw, text).toBe(true);
      expect(() => jsonRead(text), text).toThrow(/position \d+|the text ended/);
    }
  });

  it('reads any depth without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    let v = jsonRead(deep) as unknown[];
    let depth = 1;
    while (v.length) {
      v = v[0] as unknown[];
      depth++;
    }
    expect(depth).toBe(100_000);
  });

  it('gives a sign of life while it reads a million rows, and a long row in pieces', () => {
    let pulses = 0;
    setPulse(() => pulses++);
    const rows = JSON.stringify({ weight_hh_l0: Array.from({ length: 1_000_000 }, () => [0]) });
    expect((jsonRead(rows) as { weight_hh_l0: number[][] }).weight_hh_l0).toHaveLength(1_000_000);
    expect(pulses).toBeGreaterThan(1_000_000 / 512);
    pulses = 0;
    const long = JSON.stringify([Array.from({ length: 200_000 }, (_, k) => k / 7)]);
    const got = jsonRead(long) as number[][];
    expect(same(got, JSON.parse(long))).toBeNull();
    expect(pulses).toBeGreaterThan(200_000 / 512);
  });
});
