/**
 * Fills the numeric equation templates of content/equations.ts with one unit's stored numbers.
 * Pure: numbers are read through a StepReader and formatted; none is computed here.
 */
import { numericTemplate, PLACEHOLDER, type EqNotation, type EqOutput, type EquationLine } from '../content/equations';
import type { RowName, ScalarName, StepReader } from './cellData';
import { fmt, fmtFull } from './scales';

const SCALARS: readonly string[] = ['y', 'target', 'loss', 'prob'] satisfies readonly ScalarName[];

/** A number as TeX with 3 significant digits, carrying its full precision for the tooltip. */
export function texNumber(v: number, paren = false): string {
  const s = fmt(v);
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(s);
  let body = m ? `${m[1]}\\times 10^{${Number(m[2])}}` : s;
  if (!Number.isFinite(v)) body = v > 0 ? '\\infty' : v < 0 ? '-\\infty' : '\\text{NaN}';
  if (paren && (v < 0 || m)) body = `(${body})`;
  return `\\htmlData{full=${fmtFull(v)}}{${body}}`;
}

export function outputKind(r: StepReader, loss: 'mse' | 'cross_entropy'): EqOutput {
  if (loss === 'cross_entropy') return 'cross_entropy';
  return r.outputs === 1 ? 'mse' : 'mseVector';
}

/**
 * The line with unit j's numbers, or null when a number it needs is not in the snapshot
 * (then the view shows only the symbolic line).
 */
export function numericTex(line: EquationLine, r: StepReader, j: number, notation: EqNotation, loss: 'mse' | 'cross_entropy'): string | null {
  const template = numericTemplate(line, notation, outputKind(r, loss));
  if (!template) return null;
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_m, name: string, p: string | undefined) => {
    if (name === 'j') return String(j);
    const v = SCALARS.includes(name) ? r.scalar(name as ScalarName) : r.value(name as RowName, j);
    if (v === null) {
      missing = true;
      return '?';
    }
    return texNumber(v, p === ':p');
  });
  return missing ? null : out;
}
