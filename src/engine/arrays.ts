import { describe, InputError } from './errors';
import { pulse } from './pulse';

/**
 * Readers from parsed JSON to Float64Arrays that check shape and finiteness
 * and name the key in every refusal.
 */

/** Reads a list of finite numbers; `length` (when given) must match. */
export function readVector(v: unknown, key: string, length?: number, lengthNote = ''): Float64Array {
  if (!Array.isArray(v)) throw new InputError(`${key}: expected a list of numbers, got ${describe(v)}`, key);
  if (length !== undefined && v.length !== length) {
    throw new InputError(`${key}: expected ${length} numbers${lengthNote}, got ${v.length}`, key);
  }
  const out = new Float64Array(v.length);
  for (let k = 0; k < v.length; k++) {
    const x = v[k];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new InputError(`${key}[${k}]: expected a finite number, got ${describe(x)}`, key);
    }
    out[k] = x;
  }
  return out;
}

export interface MatrixRead {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Reads a list of equal-length lists of finite numbers (row-major). */
export function readMatrix(v: unknown, key: string, maxRows = Infinity, maxCols = Infinity): MatrixRead {
  if (!Array.isArray(v)) throw new InputError(`${key}: expected a list of rows, got ${describe(v)}`, key);
  const rows = v.length;
  if (rows > maxRows) throw new InputError(`${key}: ${rows} rows is over the limit of ${maxRows}`, key);
  if (rows === 0) return { rows: 0, cols: 0, data: new Float64Array(0) };
  const first = v[0];
  if (!Array.isArray(first)) throw new InputError(`${key}[0]: expected a row (a list of numbers), got ${describe(first)}`, key);
  const cols = first.length;
  if (cols > maxCols) throw new InputError(`${key}: ${cols} columns is over the limit of ${maxCols}`, key);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    pulse(); // a sign of life per row (pulse.ts): an imported file may hold a million numbers
    const row = v[r];
    if (!Array.isArray(row)) throw new InputError(`${key}[${r}]: expected a row (a list of numbers), got ${describe(row)}`, key);
    if (row.length !== cols) throw new InputError(`${key}[${r}]: expected ${cols} numbers like row 0, got ${row.length}`, key);
    for (let c = 0; c < cols; c++) {
      const x = row[c];
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new InputError(`${key}[${r}][${c}]: expected a finite number, got ${describe(x)}`, key);
      }
      data[r * cols + c] = x;
    }
  }
  return { rows, cols, data };
}

/** Rows of a row-major matrix as nested lists, for JSON. */
export function toRows(data: Float64Array, rows: number, cols: number, offset = 0): number[][] {
  const out: number[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    pulse();
    out[r] = Array.from(data.subarray(offset + r * cols, offset + (r + 1) * cols));
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
