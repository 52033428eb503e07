/**
 * The custom task's data from a CSV file: rows of numbers, an optional header row, comma,
 * semicolon or tab between values. Pure: a file is read whole or refused whole, and a refusal
 * names the line and the problem (message keys of the training catalogue, with their values).
 */
import { CONFIG_LIMITS } from './config';

export type CsvErrorKey =
  | 'training.csv.empty'
  | 'training.csv.notNumber'
  | 'training.csv.tooLarge'
  | 'training.csv.emptyCell'
  | 'training.csv.ragged'
  | 'training.csv.headerRagged'
  | 'training.csv.tooFewRows'
  | 'training.csv.tooManyRows'
  | 'training.csv.tooManyColumns'
  | 'training.csv.tooManyValues';

export interface CsvTable {
  /** the rows of numbers, each with `columns` values */
  rows: number[][];
  columns: number;
  /** the names of the header row, when the file has one */
  header: string[] | null;
  separator: ',' | ';' | '\t' | null;
}

export type CsvParse = { ok: true; table: CsvTable } | { ok: false; error: { key: CsvErrorKey; vars: Record<string, string | number> } };

export interface CsvLimits {
  minRows: number;
  maxRows: number;
  maxColumns: number;
  maxValues: number;
  /** largest magnitude accepted */
  maxAbs: number;
}

export const CSV_LIMITS: CsvLimits = {
  minRows: CONFIG_LIMITS.series.min,
  maxRows: CONFIG_LIMITS.series.max,
  maxColumns: CONFIG_LIMITS.columns.max,
  maxValues: CONFIG_LIMITS.seriesValues.max,
  maxAbs: 1e6,
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** what a number starts with: a first line with a cell like this is data (maybe bad), never names */
const NUMBER_START = /^[+-]?\.?\d/;
/** U+2212, the minus sign word processors and spreadsheets write, read as '-' */
const MINUS_SIGN = /\u2212/g;
/** a decimal comma ("0,5"), read as a decimal point when the separator is ';' or a tab */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

function separatorOf(line: string): CsvTable['separator'] {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  if (line.includes(',')) return ',';
  return null;
}

function unquote(cell: string): string {
  const s = cell.trim();
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).trim() : s;
}

function asNumber(cell: string, sep: CsvTable['separator']): number | null {
  let s = cell.replace(MINUS_SIGN, '-');
  if (sep !== ',' && DECIMAL_COMMA.test(s)) s = s.replace(',', '.');
  return NUMBER.test(s) ? Number(s) : null;
}

/** Shortens what a refusal quotes so a long cell cannot flood the message. */
function quote(s: string): string {
  return s.length > 24 ? s.slice(0, 23) + '…' : s;
}

export function parseCsv(text: string, limits: CsvLimits = CSV_LIMITS): CsvParse {
  const fail = (key: CsvErrorKey, vars: Record<string, string | number> = {}): CsvParse => ({ ok: false, error: { key, vars } });
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  // The separator is the first of tab, ';', ',' that the first line holding any of them uses.
  let sep: CsvTable['separator'] = null;
  for (const l of lines) {
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    sep = separatorOf(l);
    if (sep !== null) break;
  }
  let header: string[] | null = null;
  let columns = 0;
  let firstLine = 0;
  const rows: number[][] = [];
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k];
    const line = k + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    let cells = (sep === null ? [raw] : raw.split(sep)).map(unquote);
    // A trailing separator ("1,2,") leaves an empty last cell: not a value.
    if (cells.length > 1 && cells[cells.length - 1] === '') cells = cells.slice(0, -1);
    const isFirst = header === null && rows.length === 0;
    if (isFirst && cells.every((c) => asNumber(c, sep) === null && !NUMBER_START.test(c.replace(MINUS_SIGN, '-')))) {
      // A first line with no number in it, nor anything written like one (0x10), names the columns.
      header = cells;
      if (cells.length > limits.maxColumns) return fail('training.csv.tooManyColumns', { line, n: cells.length, max: limits.maxColumns });
      firstLine = line;
      continue;
    }
    if (cells.length > limits.maxColumns) return fail('training.csv.tooManyColumns', { line, n: cells.length, max: limits.maxColumns });
    if (rows.length === 0) {
      if (header !== null && cells.length !== header.length) {
        return fail('training.csv.headerRagged', { line, n: cells.length, first: firstLine, m: header.length });
      }
      columns = cells.length;
      if (header === null) firstLine = line;
    } else if (cells.length !== columns) {
      return fail('training.csv.ragged', { line, n: cells.length, first: firstLine, m: columns });
    }
    if (rows.length === limits.maxRows) return fail('training.csv.tooManyRows', { line, max: limits.maxRows });
    const row: number[] = [];
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell === '') return fail('training.csv.emptyCell', { line, column: c + 1 });
      const v = asNumber(cell, sep);
      if (v === null) return fail('training.csv.notNumber', { line, text: quote(cell) });
      if (!Number.isFinite(v) || Math.abs(v) > limits.maxAbs) return fail('training.csv.tooLarge', { line, text: quote(cell), max: limits.maxAbs });
      row.push(v);
    }
    rows.push(row);
  }
  if (rows.length === 0) return fail('training.csv.empty');
  if (rows.length < limits.minRows) return fail('training.csv.tooFewRows', { min: limits.minRows, rows: rows.length });
  if (rows.length * columns > limits.maxValues) return fail('training.csv.tooManyValues', { rows: rows.length, columns, max: limits.maxValues });
  return { ok: true, table: { rows, columns, header, separator: sep } };
}
