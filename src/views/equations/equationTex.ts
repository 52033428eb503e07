/**
 * Fills the numeric equation templates of content/equations.ts with one unit's stored numbers.
 * Pure: numbers are read through a StepReader and formatted; none is computed here.
 *
 * A filled line is a list of parts: TeX pieces, which stay the same from step to step (KaTeX
 * renders each once and the result is cached), and numbers, which the view writes as plain
 * text. Stepping then changes a few text nodes instead of re-typesetting every line.
 */
import { numericTemplate, PLACEHOLDER, type EqNotation, type EqOutput, type EquationLine } from '../../content/equations';
import type { RowName, ScalarName, StepReader } from '../../state/moment';
import { lineResult, numberTarget, type NumberTarget } from '../../state/numberRef';
import { fmt, fmtFull } from '../ui/scales';

const SCALARS: readonly string[] = ['y', 'target', 'loss', 'prob'] satisfies readonly ScalarName[];

export type NumericPart =
  | { kind: 'tex'; tex: string }
  | {
      kind: 'num';
      /** the digits (3 significant), with a true minus sign */
      text: string;
      /** the power of ten when written in scientific form */
      exponent: string | null;
      /** in parentheses (a negative or scientific number after an operator) */
      paren: boolean;
      /** squared */
      square: boolean;
      /** every digit, for the tooltip */
      full: string;
      /** the reader's name of the number (`act.f`, `dh`, …) and what it opens, when it is in a line */
      name?: string;
      target?: NumberTarget | null;
    };

const MINUS = '\u2212';

/** A number with 3 significant digits, as text; parenthesised when negative on request. */
export function numberPart(v: number, paren = false, square = false): Extract<NumericPart, { kind: 'num' }> {
  const s = fmt(v);
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(s);
  let text = m ? m[1] : s;
  let exponent = m ? String(Number(m[2])) : null;
  if (!Number.isFinite(v)) {
    text = Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '-∞';
    exponent = null;
  }
  return {
    kind: 'num',
    text: text.replace('-', MINUS),
    exponent: exponent?.replace('-', MINUS) ?? null,
    paren: paren && (v < 0 || exponent !== null),
    square,
    full: fmtFull(v),
  };
}

/**
 * A TeX piece cut out of a line: a binary operator or relation at its edge gets an empty
 * operand ({}), so KaTeX spaces it as it would inside the whole line.
 */
function piece(tex: string): string {
  let s = tex.trim();
  if (/^(=|\+|-|\\cdot\b|\\times\b)/.test(s)) s = `{}${s}`;
  if (/(=|\+|-|\\cdot|\\times)$/.test(s)) s = `${s}{}`;
  return s;
}

export function outputKind(r: StepReader, loss: 'mse' | 'cross_entropy'): EqOutput {
  if (loss === 'cross_entropy') return 'cross_entropy';
  return r.outputs === 1 ? 'mse' : 'mseVector';
}

/**
 * The line with unit j's numbers, or null when a number it needs is not in the snapshot
 * (then the view shows only the symbolic line). Each number carries the quantity it opens
 * (`cutNext`: a truncation cut drops what the next step sends back, so that 0 is nobody's).
 */
export function numericParts(line: EquationLine, r: StepReader, j: number, notation: EqNotation, loss: 'mse' | 'cross_entropy', cutNext = false): NumericPart[] | null {
  const raw = numericTemplate(line, notation, outputKind(r, loss));
  if (!raw) return null;
  const template = raw.replaceAll('@j', String(j));
  const result = lineResult(raw);
  const place = { cell: r.cell, layer: r.layer, direction: r.direction, t: r.t, unit: j, prevT: r.prevT, nextT: r.nextT, cutNext };
  const parts: NumericPart[] = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1];
    const v = SCALARS.includes(name) ? r.scalar(name as ScalarName) : r.value(name as RowName, j);
    if (v === null) return null;
    const before = template.slice(at, m.index);
    if (before.trim() !== '') parts.push({ kind: 'tex', tex: piece(before) });
    parts.push({ ...numberPart(v, m[2] === ':p', m[3] === '^2'), name, target: numberTarget(name, place, result) });
    at = m.index + m[0].length;
  }
  const rest = template.slice(at);
  if (rest.trim() !== '') parts.push({ kind: 'tex', tex: piece(rest) });
  return parts;
}

/** The parts as one TeX string (for tests, and for anyone who wants the whole line typeset). */
export function partsTex(parts: readonly NumericPart[]): string {
  return parts
    .map((p) => {
      if (p.kind === 'tex') return p.tex;
      let body = p.text.replace(MINUS, '-').replace('∞', '\\infty').replace('NaN', '\\text{NaN}');
      if (p.exponent !== null) body += `\\times 10^{${p.exponent.replace(MINUS, '-')}}`;
      if (p.paren) body = `(${body})`;
      if (p.square) body += '^2';
      return `{${body}}`;
    })
    .join(' ');
}
