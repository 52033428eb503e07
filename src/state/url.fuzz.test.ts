/**
 * Fuzz of the link reader and the input checks: seeded random hashes (well-formed fields with good
 * and bad values, and plain noise) never make parseHash throw; whatever it returns stays within
 * the documented limits, a link the app writes reads back unchanged and without a problem, and a
 * bad field is always named. parseSeries and checkText answer every string within their limits.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../engine/rng';
import { SUBSTEPS } from '../engine/session';
import { CONFIG_LIMITS, checkText, effectiveSteps, parseSeries, seriesRows } from './config';
import { parseHash, toHash, type ParsedUrl } from './url';

const one = <T>(r: Rng, xs: readonly T[]): T => xs[r.int(xs.length)];

const KEYS = ['cell', 'task', 'H', 'T', 'seed', 'k', 'sym', 'init', 'scale', 'fb', 'text', 'cols', 'series', 'sub', 'phase', 't', 'unit', 'view', 'nota', 'ch', 'proj', 'lang'];
const VALUES = [
  '', '0', '1', '2', '3', '8', '12', '-0', '-1', '256', '257', '1000', '1001', '100000', '1000000', '4294967295', '4294967296', '1e309', 'NaN', 'Infinity', '-Infinity',
  '0.5', '1.5', '8.01', '0x10', ' 8', '08', '9'.repeat(30), 'rnn', 'lstm', 'gru', 'sine', 'text', 'custom', 'copy', 'adding', 'xavier', 'orthogonal', 'forward', 'backward',
  'rolled', 'pytorch', 'en', 'ko', 'fr', 'ab', '안녕 RNN', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '0.1,0.2,0.3', '1,2,3,4', '1,,2', 'a,b', '1e7,1',
  '0,1,2,3,4,5', 'x'.repeat(3000), '😀😀', '\u0000', '%', '%E0%A4%A',
];

function structured(r: Rng): string {
  const n = r.int(10);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = r.next() < 0.9 ? one(r, KEYS) : one(r, ['foo', '', '__proto__', 'h', '💥']);
    const value = one(r, VALUES);
    const raw = r.next() < 0.2;
    parts.push(raw ? `${key}=${value}` : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  return (r.next() < 0.5 ? '#' : '') + parts.join(r.next() < 0.9 ? '&' : one(r, ['&&', ';', '&=&']));
}

function noise(r: Rng): string {
  let s = '';
  const n = r.int(300);
  for (let i = 0; i < n; i++) s += r.next() < 0.4 ? one(r, ['=', '&', '%', '#', '+', 'H', 'T', '1', '0', '-']) : String.fromCharCode(r.int(0x10000));
  return s;
}

/** What must hold for any parse: every value within its limits, the cursor and unit inside the session. */
function expectWithinLimits(p: ParsedUrl, label: string): void {
  const c = p.config;
  const L = CONFIG_LIMITS;
  const within = (v: number, lo: number, hi: number) => Number.isFinite(v) && v >= lo && v <= hi;
  expect(within(c.hidden, L.hidden.min, L.hidden.max) && Number.isInteger(c.hidden), `${label}: H ${c.hidden}`).toBe(true);
  expect(within(c.steps, L.steps.min, L.steps.max) && Number.isInteger(c.steps), `${label}: T ${c.steps}`).toBe(true);
  expect(within(c.seed, L.seed.min, L.seed.max), `${label}: seed`).toBe(true);
  expect(within(c.hhScale, L.hhScale.min, L.hhScale.max), `${label}: scale`).toBe(true);
  expect(checkText(c.text).ok, `${label}: text`).toBe(true);
  expect(c.series.length, `${label}: series`).toBeLessThanOrEqual(L.seriesValues.max);
  expect(c.series.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e6), `${label}: series values`).toBe(true);
  if (c.task === 'custom') expect(seriesRows(c), `${label}: custom rows`).toBeGreaterThanOrEqual(L.series.min);
  const T = effectiveSteps(c);
  expect(within(T, 1, L.series.max), `${label}: effective T`).toBe(true);
  expect(c.truncation >= 0 && c.truncation <= T, `${label}: k`).toBe(true);
  expect(p.cursor.t >= 0 && p.cursor.t < T && Number.isInteger(p.cursor.t), `${label}: t ${p.cursor.t} of ${T}`).toBe(true);
  if (p.cursor.sub !== null) expect(p.cursor.sub < SUBSTEPS[c.cell][p.cursor.phase].length, `${label}: sub`).toBe(true);
  if (p.unit !== null) expect(p.unit >= 0 && p.unit < c.hidden, `${label}: unit`).toBe(true);
  for (const problem of p.problems) expect(problem.length, `${label}: problem named`).toBeGreaterThan(0);
}

function roundTrip(p: ParsedUrl, label: string): void {
  const { problems: _problems, ...state } = p;
  const written = toHash(state);
  const back = parseHash(written);
  expect(back.problems, `${label}: the link the app writes (${written.slice(0, 120)}) reads without a problem`).toEqual([]);
  expect(toHash(back), `${label}: and reads back to itself`).toBe(written);
}

describe('parseHash under fuzzing', () => {
  it('answers 5000 random links of known fields within the limits, and what it writes reads back unchanged', () => {
    const r = createRng(31337);
    let withProblems = 0;
    for (let i = 0; i < 5000; i++) {
      const hash = structured(r);
      const label = `#${i} ${JSON.stringify(hash.slice(0, 100))}`;
      let p: ParsedUrl;
      try {
        p = parseHash(hash);
      } catch (e) {
        throw new Error(`${label}: parseHash threw ${String(e)}`);
      }
      expectWithinLimits(p, label);
      roundTrip(p, label);
      if (p.problems.length > 0) withProblems++;
    }
    expect(withProblems).toBeGreaterThan(1000);
  });

  it('never throws on 3000 strings of noise, and names something whenever the noise holds a field', () => {
    const r = createRng(7);
    for (let i = 0; i < 3000; i++) {
      const hash = noise(r);
      const label = `noise #${i}`;
      const p = parseHash(hash);
      expectWithinLimits(p, label);
      roundTrip(p, label);
      const raw = hash.startsWith('#') ? hash.slice(1) : hash;
      if (raw.length <= 100_000 && [...new URLSearchParams(raw).keys()].length > 0) expect(p.problems.length, `${label}: ${JSON.stringify(hash.slice(0, 60))}`).toBeGreaterThan(0);
    }
  });

  it('names each bad value, unknown field and malformed number, and takes valid ones silently', () => {
    expect(parseHash('#H=100000&T=1000000').problems).toEqual(['H=100000', 'T=1000000']);
    expect(parseHash('#scale=0x2').problems).toEqual(['scale=0x2']);
    expect(parseHash('#scale=').problems).toEqual(['scale=']);
    expect(parseHash('#task=custom&series=1,,2').problems).toEqual(['series', 'task=custom without values']);
    expect(parseHash('#task=custom&series=1, 2').problems).toEqual(['series', 'task=custom without values']);
    expect(parseHash('#foo=bar&=x&baz').problems).toEqual(['foo=bar', '=x', 'baz']);
    expect(parseHash('#' + 'x'.repeat(100_001)).problems).toEqual(['the link is too long']);
    const ok = parseHash('#cell=gru&H=4&scale=2.5&task=custom&series=0.5,-1e-3,2E2');
    expect(ok.problems).toEqual([]);
    expect(ok.config).toMatchObject({ cell: 'gru', hidden: 4, hhScale: 2.5, task: 'custom', series: [0.5, -0.001, 200] });
  });
});

describe('a link is never changed without a word', () => {
  it('a field given twice: the first counts, and the notice says so', () => {
    const p = parseHash('#cell=gru&H=4&H=100000');
    expect(p.problems).toEqual(['H twice']);
    expect(p.config.hidden).toBe(4);
  });
  it('k larger than T is named when it falls back to full backpropagation', () => {
    const p = parseHash('#T=6&k=9');
    expect(p.problems).toEqual(['k=9 is more than T = 6']);
    expect(p.config.truncation).toBe(0);
  });
  it('projector mode takes 0 or 1 only', () => {
    expect(parseHash('#proj=1').projector).toBe(true);
    expect(parseHash('#proj=0').problems).toEqual([]);
    const p = parseHash('#proj=yes');
    expect(p.problems).toEqual(['proj=yes']);
    expect(p.projector).toBe(false);
  });
  it('a broken %-escape in the text is named (it would otherwise turn into � without notice)', () => {
    const p = parseHash('#task=text&text=ab%E0%A4%A');
    expect(p.problems[0]).toBe('a %-escape');
  });
});

describe('parseSeries and checkText under fuzzing', () => {
  it('parseSeries answers any string: values within the limits, or the first bad item by position', () => {
    const r = createRng(11);
    const items = ['0', '1.5', '-2', '.5', '5.', '1e3', '+4', '1e309', '1e7', 'NaN', 'Infinity', 'abc', '0x1', '１', '', '1.2.3', '😀'];
    for (let i = 0; i < 3000; i++) {
      const n = r.next() < 0.05 ? 900 + r.int(200) : r.int(12);
      const text = Array.from({ length: n }, () => one(r, r.next() < 0.9 ? items.slice(0, 7) : items)).join(one(r, [',', ' ', ';', '\n', ', ', '\t', ',;']));
      const p = parseSeries(text);
      const tokens = text.split(/[\s,;]+/).filter((s) => s.length > 0);
      if (p.ok) {
        expect(p.values.length).toBe(tokens.length);
        expect(p.values.length).toBeGreaterThanOrEqual(CONFIG_LIMITS.series.min);
        expect(p.values.length).toBeLessThanOrEqual(CONFIG_LIMITS.series.max);
        expect(p.values.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e6)).toBe(true);
      } else if (p.error.key === 'input.invalidNumber' || p.error.key === 'input.notFinite') {
        const k = p.error.vars.index as number;
        expect(k >= 1 && k <= tokens.length).toBe(true);
        // every item before the one named is a good number
        expect(parseSeries(tokens.slice(0, k - 1).concat('0', '0').join(' ')).ok).toBe(true);
      } else if (p.error.key === 'input.tooMany') expect(tokens.length).toBeGreaterThan(CONFIG_LIMITS.series.max);
      else expect(tokens.length).toBeLessThan(CONFIG_LIMITS.series.min);
    }
  });

  it('checkText accepts exactly 2–2000 characters with at most 96 different ones', () => {
    const r = createRng(12);
    for (let i = 0; i < 2000; i++) {
      const n = one(r, [0, 1, 2, 3, 50, 1999, 2000, 2001]);
      const pool = 1 + r.int(120);
      const chars = Array.from({ length: n }, () => String.fromCodePoint(one(r, [0x41, 0xac00, 0x1f600]) + r.int(pool)));
      const text = chars.join('');
      const ok = n >= 2 && n <= 2000 && new Set(chars).size <= 96;
      expect(checkText(text).ok, `${n} characters, ${new Set(chars).size} different`).toBe(ok);
    }
  });
});
