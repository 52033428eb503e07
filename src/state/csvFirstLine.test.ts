/**
 * A CSV's first line is read as column names only when nothing in it is, or is written like, a
 * number: '0x10' is refused as not a number (on line 1, so the user sees what happened), and
 * '−1' with the Unicode minus sign spreadsheets write is the number −1, on any line.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('the first line of a CSV', () => {
  it("'0x10' is refused as not a number, not taken for a header", () => {
    const r = parseCsv('0x10\n1\n2\n3');
    expect(r).toEqual({ ok: false, error: { key: 'training.csv.notNumber', vars: { line: 1, text: '0x10' } } });
  });

  it("'−1' (U+2212) is the number −1, first line or not", () => {
    const r = parseCsv('−1\n2\n−3.5e1\n4');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.table.header).toBeNull();
      expect(r.table.rows).toEqual([[-1], [2], [-35], [4]]);
    }
    const two = parseCsv('a;b\n−1,5;2\n3;−0,25');
    expect(two.ok && two.table.rows).toEqual([
      [-1.5, 2],
      [3, -0.25],
    ]);
  });

  it('names are still a header; a number-like name is refused with its line', () => {
    const r = parseCsv('time,value\n1,2\n3,4');
    expect(r.ok && r.table.header).toEqual(['time', 'value']);
    expect(parseCsv('x,2nd\n1,2\n3,4')).toEqual({ ok: false, error: { key: 'training.csv.notNumber', vars: { line: 1, text: 'x' } } });
    expect(parseCsv('.5x\n1\n2')).toEqual({ ok: false, error: { key: 'training.csv.notNumber', vars: { line: 1, text: '.5x' } } });
  });
});
