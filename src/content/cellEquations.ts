/**
 * The equations of one cell of a stacked or bidirectional network: the lines of equations.ts,
 * rewritten for where the cell sits, and the captions that say what its symbols stand for there.
 *   - the reverse direction reads its state from t + 1 and gets its gradient from t − 1, so every
 *     t − 1 of the lines becomes t + 1 and the other way round;
 *   - layer l ≥ 1 reads the layer below's output: x_t becomes x^{(l)}_t, with a caption that says
 *     x^{(l)}_t = h^{(l−1)}_t (both directions side by side when there are two);
 *   - only the top layer feeds the output: below it, the output line says where h_t goes instead,
 *     and the part of δh_t from above is what layer l + 1 sends down, not the head's;
 *   - with two directions, the head and the layer above read [→h_t, ←h_t]: a direction gets its
 *     half of what they send back.
 * One layer in one direction gets the lines of equations.ts unchanged and no caption. Pure text:
 * the numeric lines keep their placeholders, which the view fills from the engine's numbers.
 */
import { EQUATIONS, roleTex as R, type EqCell, type EqNotation, type EqPhase, type EquationLine } from './equations';
import type { MessageKey } from './i18n';

/** Where a cell sits in the network. */
export interface CellPlace {
  /** layer l (0 reads the data) of L */
  layer: number;
  layers: number;
  /** direction d (1: reverse) of D */
  direction: number;
  directions: number;
}

/** A line under the equations' title: an optional formula it defines, then a sentence. */
export interface EquationCaption {
  tex: Record<EqNotation, string> | null;
  key: MessageKey;
  vars: Record<string, number>;
}

export interface CellEquations {
  lines: EquationLine[];
  captions: EquationCaption[];
}

const d = '\\delta ';
const h = R('h', 'h_t');
const both = (s: string): Record<EqNotation, string> => ({ lecture: s, pytorch: s });
const ARROW = ['\\rightarrow', '\\leftarrow'] as const;
const OVER = ['\\overrightarrow{h}', '\\overleftarrow{h}'] as const;

/** t − 1 ↔ t + 1 in the time indices of a line (h_{t-1}, c_{@j,t-1}, δh_t^{(t+1)}, f_{t+1}, …). */
export function swapTimeNeighbours(tex: string): string {
  return tex.replace(/([{,(])t([+-])1/g, (_, before: string, op: string) => `${before}t${op === '-' ? '+' : '-'}1`);
}

/** Every string of a line, rewritten. */
function mapLine(line: EquationLine, f: (s: string) => string): EquationLine {
  const map = <K extends string>(r: Record<K, string>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v as string)])) as Record<K, string>;
  return { key: line.key, tex: map(line.tex), num: map(line.num as Record<string, string>) as EquationLine['num'] };
}

/** [h_t, ←h_t] from the forward direction, [→h_t, h_t] from the reverse one: this cell's h_t in its hue. */
function sideBySide(direction: number): string {
  return direction === 0 ? `[\\,${h},\\ ${OVER[1]}_t\\,]` : `[\\,${OVER[0]}_t,\\ ${h}\\,]`;
}

/** What the cell's output line says: y_t from the top layer, the layer above's input below it. */
function outputLine(line: EquationLine, p: CellPlace): EquationLine {
  const top = p.layer === p.layers - 1;
  if (top && p.directions === 1) return line;
  if (top) {
    const hs = sideBySide(p.direction);
    return {
      ...line,
      tex: {
        lecture: line.tex.lecture.replace(`${h} W_y`, `${hs} W_y`),
        pytorch: line.tex.pytorch.replace(`W_{hy} ${h}`, `W_{hy} ${hs}`),
      },
    };
  }
  const up = R('x', `x^{(${p.layer + 1})}_t`);
  const tex = `${up} = ${p.directions === 2 ? sideBySide(p.direction) : h}`;
  const index = p.directions === 2 && p.direction === 1 ? 'H+@j' : '@j';
  return { key: line.key, tex: both(tex), num: both(`${R('x', `x^{(${p.layer + 1})}_{${index},t}`)} = ${R('h', 'h_{@j,t}')} = @h`) };
}

/** δh_t = (the part from above) + (the part from the next step of its walk). */
function arriveLine(line: EquationLine, p: CellPlace): EquationLine {
  const top = p.layer === p.layers - 1;
  if (top && p.directions === 1) return line;
  const fromNext = `${d}${h}^{(t+1)}`;
  const half = (s: string) => (p.directions === 2 ? `\\big[${s}\\big]_{${ARROW[p.direction]}}` : s);
  const y = R('y', 'y_t');
  const above = top
    ? { lecture: half(`${d}${y} W_y^{\\top}`), pytorch: half(`W_{hy}^{\\top} ${d}${y}`) }
    : both(half(`${d}${R('x', `x^{(${p.layer + 1})}_t`)}`));
  return {
    ...line,
    tex: { lecture: `${d}${h} = ${above.lecture} + ${fromNext}`, pytorch: `${d}${h} = ${above.pytorch} + ${fromNext}` },
  };
}

/** The captions of a cell: its input, its direction, where its output goes, where its gradient comes from. */
function captionsOf(phase: EqPhase, p: CellPlace, hidden: number): EquationCaption[] {
  const out: EquationCaption[] = [];
  const { layer, directions: D } = p;
  const top = layer === p.layers - 1;
  if (layer > 0) {
    const below = layer - 1;
    const x = R('x', `x^{(${layer})}_t`);
    const rhs = D === 2 ? `[\\,${OVER[0]}^{(${below})}_t,\\ ${OVER[1]}^{(${below})}_t\\,]` : `h^{(${below})}_t`;
    out.push({ tex: both(`${x} = ${rhs}`), key: D === 2 ? 'eq.ctx.inputBoth' : 'eq.ctx.input', vars: { layer, below, width: D * hidden } });
  }
  if (p.direction === 1) out.push({ tex: null, key: 'eq.ctx.reverse', vars: {} });
  if (phase === 'forward') {
    if (!top) out.push({ tex: null, key: 'eq.ctx.up', vars: { above: layer + 1 } });
    else if (D === 2) out.push({ tex: null, key: 'eq.ctx.headBoth', vars: { width: D * hidden } });
    return out;
  }
  if (!top) {
    const l = layer + 1;
    const x = `${d}${R('x', `x^{(${l})}_t`)}`;
    const tex =
      D === 2
        ? { lecture: `${x} = \\textstyle\\sum_{d} ${d}a^{(${l},d)}_t\\, W_x^{(${l},d)\\top}`, pytorch: `${x} = \\textstyle\\sum_{d} W_{ih}^{(${l},d)\\top} ${d}a^{(${l},d)}_t` }
        : { lecture: `${x} = ${d}a^{(${l})}_t\\, W_x^{(${l})\\top}`, pytorch: `${x} = W_{ih}^{(${l})\\top} ${d}a^{(${l})}_t` };
    out.push({ tex, key: D === 2 ? 'eq.ctx.fromAboveBoth' : 'eq.ctx.fromAbove', vars: { above: l } });
  }
  if (D === 2) out.push({ tex: null, key: 'eq.ctx.half', vars: { H: hidden } });
  if (layer > 0) {
    const x = `${d}${R('x', `x^{(${layer})}_t`)}`;
    out.push({ tex: { lecture: `${x} = ${d}a_t\\, W_x^{\\top}`, pytorch: `${x} = W_{ih}^{\\top} ${d}a_t` }, key: 'eq.ctx.down', vars: { below: layer - 1 } });
  }
  return out;
}

/** The lines and captions of the cell at `p` of a network with `hidden` units per recurrence. */
export function cellEquations(cell: EqCell, phase: EqPhase, p: CellPlace, hidden: number): CellEquations {
  const base = EQUATIONS[cell][phase];
  if (p.layers === 1 && p.directions === 1) return { lines: [...base], captions: [] };
  const input = R('x', 'x_t');
  const lines = base.map((line) => {
    let out = line;
    if (line.key === 'y' && phase === 'forward') out = outputLine(out, p);
    if (line.key === 'dh' && phase === 'backward') out = arriveLine(out, p);
    if (p.layer > 0) out = mapLine(out, (s) => s.replaceAll(input, R('x', `x^{(${p.layer})}_t`)));
    if (p.direction === 1) out = mapLine(out, swapTimeNeighbours);
    return out;
  });
  return { lines, captions: captionsOf(phase, p, hidden) };
}
