/**
 * Which quantity a number in the equations or the cell diagram is, so that it opens the same
 * "How this number is made" request as the readouts (UnitNumbers): the numbers are named as the
 * StepReader names them (`h`, `act.f`, `dhNext`, …, and `x`, `y`, `loss` …); this maps such a name,
 * at one step of one recurrence, to the worker's QuantityRef. Pure: no number is read or computed.
 *
 * A number that is a quantity of the pass (h_t, a gate, dL/dh_t, …) opens itself (`own`). A number
 * that is only a piece of one (a pre-activation, f ⊙ c_{t−1}, tanh c_t, the target, an initial
 * state, …) opens the quantity it is a term of (`own: false`), whose dialog shows it among its
 * terms; the views say so in its name.
 */
import { equationFor, numericTemplate, PLACEHOLDER } from '../content/equations';
import type { CellType, Phase, QuantityRef } from './model';
import { gateNames } from './moment';

/** Where a number sits: one unit of one recurrence at step t, and its neighbours in the walk. */
export interface NumberPlace {
  cell: CellType;
  layer: number;
  direction: number;
  t: number;
  unit: number;
  /** the step the state comes from (StepReader.prevT), null at the start of the walk */
  prevT: number | null;
  /** the step the gradient comes from (StepReader.nextT), null at its end */
  nextT: number | null;
  /** a truncation cut drops what the next step sends back */
  cutNext: boolean;
}

export interface NumberTarget {
  ref: QuantityRef;
  /** the number is this quantity itself (false: it is one of its terms) */
  own: boolean;
}

const GATE_KINDS = { act: 'gate', gi: 'gi', gh: 'gh', dgi: 'dgi', dgh: 'dgh' } as const;

/** The quantity a number is, when it is one of the pass's own (else null). */
export function ownRef(name: string, p: NumberPlace): QuantityRef | null {
  const w = { layer: p.layer, direction: p.direction, t: p.t, unit: p.unit };
  const dot = name.indexOf('.');
  if (dot > 0) {
    const field = name.slice(0, dot);
    const gate = gateNames(p.cell).indexOf(name.slice(dot + 1));
    if (gate < 0 || !(field in GATE_KINDS)) return null;
    // the RNN has no gates: its one activation is h itself
    if (field === 'act') return p.cell === 'rnn' ? { kind: 'h', ...w } : { kind: 'gate', ...w, gate };
    return { kind: GATE_KINDS[field as keyof typeof GATE_KINDS], ...w, gate };
  }
  switch (name) {
    case 'h':
    case 'c':
    case 'dh':
    case 'dc':
      return { kind: name, ...w };
    case 'hPrev':
    case 'cPrev':
      // at the start of the walk these are the initial state, which is data
      return p.prevT === null ? null : { kind: name === 'hPrev' ? 'h' : 'c', ...w, t: p.prevT };
    case 'dhHead':
      return { kind: 'dhAbove', ...w };
    case 'dhPrev':
      return { kind: 'dhSent', ...w };
    case 'dhNext':
      // what the next step of the walk sent back, unless a cut or the end leaves 0 in its place
      return p.nextT === null || p.cutNext ? null : { kind: 'dhSent', ...w, t: p.nextT };
    case 'y':
      return { kind: 'y', t: p.t, unit: 0 };
    case 'loss':
      return { kind: 'loss', t: p.t };
    default:
      return null;
  }
}

/** The quantity a piece is a term of, by name (null: the line it stands in decides). */
function wholeOf(name: string, p: NumberPlace): QuantityRef | null {
  const w = { layer: p.layer, direction: p.direction, t: p.t, unit: p.unit };
  if (name.startsWith('pre.')) return ownRef(`act.${name.slice(4)}`, p);
  switch (name) {
    case 'keep':
    case 'write':
      return { kind: p.cell === 'lstm' ? 'c' : 'h', ...w };
    case 'notZ':
    case 'tc':
      return { kind: 'h', ...w };
    case 'target':
    case 'prob':
      return { kind: 'loss', t: p.t };
    case 'dcLocal':
    case 'dcNext':
      return { kind: 'dc', ...w };
    case 'dhPrevDirect':
    case 'dhPrevRec':
      return { kind: 'dhSent', ...w };
    case 'dcPrev':
      // δc_t ⊙ f_t is the part of δc_{t−1} that comes from step t
      return p.prevT === null ? null : { kind: 'dc', ...w, t: p.prevT };
    default:
      return null;
  }
}

/**
 * What a number opens. `line` is the name of the number its line (or its part of the diagram)
 * computes: a piece with no quantity of its own, such as an initial state or the input, opens that.
 */
export function numberTarget(name: string, p: NumberPlace, line: string | null): NumberTarget | null {
  const own = ownRef(name, p);
  if (own) return { ref: own, own: true };
  const whole = wholeOf(name, p) ?? (line !== null && line !== name ? (ownRef(line, p) ?? wholeOf(line, p)) : null);
  return whole ? { ref: whole, own: false } : null;
}

/** The number an equation line computes: the last one it shows (`@c` in c_t = … = @c). */
export function lineResult(template: string): string | null {
  const names = [...template.replaceAll('@j', '').matchAll(PLACEHOLDER)];
  return names.length ? names[names.length - 1][1] : null;
}

/** The number computed by the first of `parts` (sub-step names) that has an equation line in this phase. */
export function partsResult(cell: CellType, phase: Phase, parts: readonly string[]): string | null {
  for (const part of parts) {
    const line = equationFor(cell, phase, part);
    if (line) return lineResult(numericTemplate(line, 'lecture', 'mse'));
  }
  return null;
}
