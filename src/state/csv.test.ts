import { describe, expect, it } from 'vitest';
import { CONFIG_LIMITS } from './config';
import { parseCsv, type CsvParse } from './csv';

function table(r: CsvParse) {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.key} ${JSON.stringify(r.error.vars)}`);
  return r.table;
}
function error(r: CsvParse) {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('parseCsv', () => {
  it('reads one column, one number per line', () => {
    const t = table(parseCsv('0.5\n-1\n2e-3\n'));
    expect(t.rows).toEqual([[0.5], [-1], [0.002]]);
    expect(t.columns).toBe(1);
    expect(t.header).toBeNull();
  });

  it('reads comma, semicolon and tab separated rows, with CRLF line ends', () => {
    for (const sep of [',', ';', '\t']) {
      const t = table(parseCsv(['1' + sep + '2' + sep + '3', '4' + sep + '5' + sep + '6'].join('\r\n')));
      expect(t.rows).toEqual([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(t.columns).toBe(3);
      expect(t.separator).toBe(sep);
    }
  });

  it('takes a first line without numbers as the header', () => {
    const t = table(parseCsv('time,"price"\n1,10\n2,11\n'));
    expect(t.header).toEqual(['time', 'price']);
    expect(t.rows).toEqual([
      [1, 10],
      [2, 11],
    ]);
  });

  it('skips blank lines, comments and a byte-order mark; tolerates a trailing separator and spaces', () => {
    const t = table(parseCsv('\uFEFF# exported\n\n 1 , 2 ,\n3,4\n\n'));
    expect(t.rows).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('reads decimal commas when the separator is a semicolon', () => {
    expect(table(parseCsv('0,5;1\n1,25;2')).rows).toEqual([
      [0.5, 1],
      [1.25, 2],
    ]);
  });

  it('names the line of a value that is not a number (counting blank and header lines)', () => {
    const e = error(parseCsv('a,b\n1,2\n\n3,abc\n'));
    expect(e.key).toBe('training.csv.notNumber');
    expect(e.vars).toEqual({ line: 4, text: 'abc' });
  });

  it('refuses a row with a different number of values, naming both lines', () => {
    const e = error(parseCsv('1,2,3\n4,5,6\n7,8\n'));
    expect(e).toEqual({ key: 'training.csv.ragged', vars: { line: 3, n: 2, first: 1, m: 3 } });
    const h = error(parseCsv('x,y\n1,2,3\n'));
    expect(h).toEqual({ key: 'training.csv.headerRagged', vars: { line: 2, n: 3, first: 1, m: 2 } });
  });

  it('refuses an empty value, a non-finite or huge value', () => {
    expect(error(parseCsv('1,2\n3,\n4,5')).key).toBe('training.csv.ragged');
    expect(error(parseCsv('1,2\n,3\n')).vars).toEqual({ line: 2, column: 1 });
    expect(error(parseCsv('1\nInfinity\n')).key).toBe('training.csv.notNumber');
    expect(error(parseCsv('1\n2e7\n'))).toEqual({ key: 'training.csv.tooLarge', vars: { line: 2, text: '2e7', max: 1e6 } });
    expect(error(parseCsv('1\nNaN\n')).key).toBe('training.csv.notNumber');
  });

  it('refuses an empty file, a single row, and too many rows, columns or values', () => {
    expect(error(parseCsv('')).key).toBe('training.csv.empty');
    expect(error(parseCsv('a,b\n')).key).toBe('training.csv.empty');
    expect(error(parseCsv('1,2\n'))).toEqual({ key: 'training.csv.tooFewRows', vars: { min: 2, rows: 1 } });
    const many = Array.from({ length: CONFIG_LIMITS.series.max + 1 }, (_, k) => String(k)).join('\n');
    expect(error(parseCsv(many))).toEqual({ key: 'training.csv.tooManyRows', vars: { line: CONFIG_LIMITS.series.max + 1, max: CONFIG_LIMITS.series.max } });
    const wide = Array.from({ length: CONFIG_LIMITS.columns.max + 1 }, () => '1').join(',');
    expect(error(parseCsv(`${wide}\n${wide}`)).key).toBe('training.csv.tooManyColumns');
    const rows = Math.ceil(CONFIG_LIMITS.seriesValues.max / 8) + 1;
    const big = Array.from({ length: rows }, () => '1,2,3,4,5,6,7,8').join('\n');
    expect(error(parseCsv(big)).key).toBe('training.csv.tooManyValues');
  });

  it('quotes at most 24 characters of a bad value', () => {
    const e = error(parseCsv('1\n' + 'x'.repeat(100)));
    expect(String(e.vars.text).length).toBeLessThanOrEqual(24);
  });
});

describe('CSV data in the configuration and the link', () => {
  it('a two-column table round-trips through the link; a one-column link reads as before', async () => {
    const { parseHash, toHash, defaultUrlState } = await import('./url');
    const { effectiveSteps, seriesTable } = await import('./config');
    const { dataSpecOf } = await import('./specs');
    const t = table(parseCsv('a;b\n1;2\n3;4\n5;6\n'));
    const state = defaultUrlState();
    state.config = { ...state.config, task: 'custom', series: t.rows.flat(), columns: t.columns };
    const hash = toHash(state);
    expect(hash).toContain('cols=2');
    const back = parseHash(hash);
    expect(back.problems).toEqual([]);
    expect(seriesTable(back.config)).toEqual(t.rows);
    expect(effectiveSteps(back.config)).toBe(2);
    expect(dataSpecOf(back.config).series).toEqual(t.rows);

    const old = parseHash('#task=custom&series=0.5,1,-2');
    expect(old.problems).toEqual([]);
    expect(old.config.columns).toBe(1);
    expect(dataSpecOf(old.config).series).toEqual([[0.5], [1], [-2]]);
    expect(toHash({ ...old, lang: null })).not.toContain('cols=');

    const ragged = parseHash('#task=custom&cols=2&series=1,2,3');
    expect(ragged.problems).toContain('series');
    expect(ragged.config.task).not.toBe('custom');
  });
});
