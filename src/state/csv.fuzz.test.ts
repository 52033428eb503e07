/**
 * Fuzz of the CSV reader: seeded random files (CSV-like and plain noise) never make it throw;
 * it always answers with a table that keeps every limit, or a refusal whose message names the
 * line (when the problem is on one line) and reads complete in both languages.
 */
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../content/i18n';
import { createRng, type Rng } from '../engine/rng';
import { CSV_LIMITS, parseCsv, type CsvErrorKey, type CsvLimits } from './csv';

/** Refusals about one line: their message carries its number. */
const LINE_KEYS: CsvErrorKey[] = [
  'training.csv.notNumber',
  'training.csv.tooLarge',
  'training.csv.emptyCell',
  'training.csv.ragged',
  'training.csv.headerRagged',
  'training.csv.tooManyRows',
  'training.csv.tooManyColumns',
];
/** Refusals about the file as a whole (nothing in it, too few rows, too many numbers in all). */
const FILE_KEYS: CsvErrorKey[] = ['training.csv.empty', 'training.csv.tooFewRows', 'training.csv.tooManyValues'];

const one = <T>(r: Rng, xs: readonly T[]): T => xs[r.int(xs.length)];

const NUMBERS = ['0', '1', '-1.5', '2e3', '.5', '5.', '+3', '-0', '1E-7', '999999', '0,5', '-12,25', '1e309', '1000001', '-2e7', '00012'];
const JUNK = ['NaN', 'Infinity', 'abc', '"1"', '""', '"', "'", '', ' ', '#', '# x', '\uFEFF', '日本', '😀', '\u0000', '1.2.3', '0x10', '1e', 'e5', '--1', '<img src=x>', '"a"b"', '\\', '１'];
const SEPARATORS = [',', ';', '\t', ' ', ', ', ' ;', ',,'];
const EOLS = ['\n', '\r\n', '\r'];

/** A file that looks like a CSV: rows of cells, mostly numbers, with the usual accidents. */
function csvLike(r: Rng): string {
  const sep = one(r, SEPARATORS.slice(0, 3));
  const cols = 1 + r.int(r.next() < 0.1 ? 20 : 4);
  const nLines = r.int(r.next() < 0.1 ? 1100 : 30);
  const eol = one(r, EOLS);
  const lines: string[] = [];
  if (r.next() < 0.1) lines.push('\uFEFF');
  if (r.next() < 0.3) lines.push(Array.from({ length: cols + (r.next() < 0.1 ? 1 : 0) }, (_, k) => `col${k}`).join(sep));
  for (let i = 0; i < nLines; i++) {
    const u = r.next();
    if (u < 0.05) lines.push('');
    else if (u < 0.08) lines.push('# comment, with; separators');
    else {
      const n = r.next() < 0.05 ? cols + one(r, [-1, 1, 5]) : cols;
      const cells = Array.from({ length: Math.max(1, n) }, () => (r.next() < 0.97 ? one(r, NUMBERS.slice(0, 10)) : r.next() < 0.5 ? one(r, NUMBERS) : one(r, JUNK)));
      const s = cells.join(r.next() < 0.02 ? one(r, SEPARATORS) : sep);
      lines.push(r.next() < 0.05 ? s + sep : r.next() < 0.05 ? ` ${s} ` : s);
    }
  }
  return lines.join(r.next() < 0.05 ? one(r, EOLS) : eol) + (r.next() < 0.5 ? eol : '');
}

/** Plain noise: any UTF-16 code unit, with CSV's own characters more likely. */
function noise(r: Rng): string {
  const n = r.int(400);
  let s = '';
  for (let i = 0; i < n; i++) {
    const u = r.next();
    s += u < 0.3 ? one(r, ['0', '1', '5', '.', '-', 'e', ',', ';', '\t', '\n', '\r', '"', '#', ' ']) : u < 0.9 ? String.fromCharCode(32 + r.int(95)) : String.fromCharCode(r.int(0x10000));
  }
  return s;
}

const SMALL: CsvLimits = { minRows: 3, maxRows: 6, maxColumns: 3, maxValues: 10, maxAbs: 100 };

function check(text: string, limits: CsvLimits, seen: Set<string>): void {
  let result: ReturnType<typeof parseCsv>;
  try {
    result = parseCsv(text, limits);
  } catch (e) {
    throw new Error(`parseCsv threw ${String(e)} on ${JSON.stringify(text.slice(0, 200))}`);
  }
  // the same text, the same answer
  expect(parseCsv(text, limits)).toEqual(result);
  const lineCount = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).length;
  if (result.ok) {
    seen.add('ok');
    const { rows, columns, header } = result.table;
    expect(rows.length).toBeGreaterThanOrEqual(limits.minRows);
    expect(rows.length).toBeLessThanOrEqual(limits.maxRows);
    expect(columns).toBeGreaterThanOrEqual(1);
    expect(columns).toBeLessThanOrEqual(limits.maxColumns);
    expect(rows.length * columns).toBeLessThanOrEqual(limits.maxValues);
    if (header) expect(header).toHaveLength(columns);
    for (const row of rows) {
      expect(row).toHaveLength(columns);
      for (const v of row) expect(Number.isFinite(v) && Math.abs(v) <= limits.maxAbs, `value ${v}`).toBe(true);
    }
    return;
  }
  const { key, vars } = result.error;
  seen.add(key);
  expect([...LINE_KEYS, ...FILE_KEYS]).toContain(key);
  if (LINE_KEYS.includes(key)) {
    expect(Number.isInteger(vars.line), `${key} names its line`).toBe(true);
    expect(vars.line as number).toBeGreaterThanOrEqual(1);
    expect(vars.line as number).toBeLessThanOrEqual(lineCount);
  } else expect(vars.line).toBeUndefined();
  if (typeof vars.text === 'string') expect([...vars.text].length, 'a quoted cell is shortened').toBeLessThanOrEqual(24);
  for (const lang of ['en', 'ko'] as const) {
    const message = translate(lang, key as MessageKey, vars);
    expect(message, `${lang} ${key}: every placeholder filled`).not.toMatch(/\{\w+\}/);
    if (LINE_KEYS.includes(key)) expect(message).toContain(String(vars.line));
  }
}

describe('parseCsv under fuzzing', () => {
  it('answers 4000 random CSV-like files with a table within the limits or a refusal that names the line', () => {
    const r = createRng(424242);
    const seen = new Set<string>();
    for (let i = 0; i < 4000; i++) {
      const text = csvLike(r);
      check(text, i % 4 === 0 ? SMALL : CSV_LIMITS, seen);
    }
    // the generator reaches every answer the reader can give
    expect([...seen].sort()).toEqual(['ok', ...LINE_KEYS, ...FILE_KEYS].sort());
  });

  it('never throws on 3000 strings of noise, including lone surrogates and control characters', () => {
    const r = createRng(99);
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) check(noise(r), i % 2 === 0 ? SMALL : CSV_LIMITS, seen);
    expect(seen.size).toBeGreaterThan(3);
  });

  it('keeps a valid file exactly: the numbers read are the numbers written', () => {
    const r = createRng(5);
    for (let i = 0; i < 300; i++) {
      const rows = 2 + r.int(50);
      const cols = 1 + r.int(4);
      const values = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round((r.next() * 2 - 1) * 1e6) / 1e3));
      const sep = one(r, [',', ';', '\t']);
      const text = values.map((row) => row.join(sep)).join(one(r, EOLS));
      const result = parseCsv(text);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.table.rows).toEqual(values);
    }
  });
});
