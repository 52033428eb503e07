/**
 * Where the walk through the network is, optionally one sub-step (gate) at a time. The walk is the
 * engine's event order (engine/session.ts): forward, layer by layer from the bottom, each layer's
 * forward direction t = 0 … T − 1 and then its reverse direction t = T − 1 … 0; backward, exactly
 * the reverse of that. One layer in one direction: forward t = 0 … T − 1, then backward T − 1 … 0.
 * Pure functions over plain data.
 */
import { SUBSTEPS, type Phase } from '../engine/session';
import type { CellType } from '../engine/params';

export interface Cursor {
  phase: Phase;
  t: number;
  /** the layer l (0 = the one reading the inputs) and direction d (0 forward, 1 reverse) of the current cell */
  layer: number;
  direction: number;
  /** index into SUBSTEPS[cell][phase] when walking gate by gate; null = the whole step */
  sub: number | null;
}

/** What the walk goes through: T steps of L layers in D directions, of one cell type. */
export interface Walk {
  steps: number;
  layers: number;
  directions: number;
  cell: CellType;
}

export const START: Cursor = { phase: 'forward', t: 0, layer: 0, direction: 0, sub: null };

/** A cell of the grid: a timestep of one layer in one direction. */
export interface CellAt {
  t: number;
  layer: number;
  direction: number;
}

/** Number of events in one phase: L · D · T. */
function perPhase(w: Walk): number {
  return w.layers * w.directions * w.steps;
}

/** The forward event index of a cell (its place in the forward half of the walk). */
function forwardIndex(c: CellAt, w: Walk): number {
  const T = w.steps;
  return (c.layer * w.directions + c.direction) * T + (c.direction === 1 ? T - 1 - c.t : c.t);
}

/** Position in the walk as one number (the forward events, then the backward ones), for comparisons. */
export function order(c: Omit<Cursor, 'sub'>, w: Walk): number {
  const f = forwardIndex(c, w);
  return c.phase === 'forward' ? f : 2 * perPhase(w) - 1 - f;
}

export function fromOrder(i: number, w: Walk): Omit<Cursor, 'sub'> {
  const N = perPhase(w);
  const T = w.steps;
  const phase: Phase = i < N ? 'forward' : 'backward';
  const f = i < N ? i : 2 * N - 1 - i;
  const index = Math.floor(f / T);
  const s = f % T;
  const direction = index % w.directions;
  return { phase, t: direction === 1 ? T - 1 - s : s, layer: Math.floor(index / w.directions), direction };
}

function lastSub(w: Walk, phase: Phase): number {
  return SUBSTEPS[w.cell][phase].length - 1;
}

export function isLast(c: Cursor, w: Walk, substeps: boolean): boolean {
  const atLastSub = !substeps || c.sub === null || c.sub >= lastSub(w, c.phase);
  return order(c, w) === 2 * perPhase(w) - 1 && atLastSub;
}

export function next(c: Cursor, w: Walk, substeps: boolean): Cursor {
  if (substeps) {
    const sub = c.sub ?? lastSub(w, c.phase);
    if (sub < lastSub(w, c.phase)) return { ...c, sub: sub + 1 };
  }
  const i = order(c, w);
  if (i >= 2 * perPhase(w) - 1) return { ...c, sub: substeps ? lastSub(w, c.phase) : null };
  return { ...fromOrder(i + 1, w), sub: substeps ? 0 : null };
}

export function prev(c: Cursor, w: Walk, substeps: boolean): Cursor {
  if (substeps && c.sub !== null && c.sub > 0) return { ...c, sub: c.sub - 1 };
  const i = order(c, w);
  if (i <= 0) return { ...c, sub: substeps ? 0 : null };
  const p = fromOrder(i - 1, w);
  return { ...p, sub: substeps ? lastSub(w, p.phase) : null };
}

/** Keeps a cursor valid after T, the layers, the directions or the cell type changed. */
export function clampCursor(c: Partial<Cursor> & Pick<Cursor, 'phase' | 't'>, w: Walk, substeps: boolean): Cursor {
  const t = Math.min(Math.max(0, c.t), w.steps - 1);
  const layer = Math.min(Math.max(0, c.layer ?? 0), w.layers - 1);
  const direction = Math.min(Math.max(0, c.direction ?? 0), w.directions - 1);
  const sub = substeps ? Math.min(Math.max(0, c.sub ?? 0), lastSub(w, c.phase)) : null;
  return { phase: c.phase, t, layer, direction, sub };
}

/** Whether the forward values of a cell are on screen at this cursor (its forward event is reached; in the backward phase all are). */
export function forwardShown(c: Cursor, w: Walk, cell: CellAt): boolean {
  return c.phase === 'backward' || forwardIndex(cell, w) <= forwardIndex(c, w);
}

/** Whether a cell's gradient is on screen: the backward phase has reached its backward event. */
export function backwardShown(c: Cursor, w: Walk, cell: CellAt): boolean {
  return c.phase === 'backward' && order({ ...cell, phase: 'backward' }, w) <= order(c, w);
}

/** Whether y_t is computed: the last layer has reached t in every direction. */
export function outputShown(c: Cursor, w: Walk, t: number): boolean {
  for (let direction = 0; direction < w.directions; direction++) if (!forwardShown(c, w, { t, layer: w.layers - 1, direction })) return false;
  return true;
}

/** Whether x_t has been read: some direction of layer 0 has reached step t (in the backward phase, all have). */
export function inputRead(c: Cursor, w: Walk, t: number): boolean {
  for (let direction = 0; direction < w.directions; direction++) if (forwardShown(c, w, { t, layer: 0, direction })) return true;
  return false;
}

/** Whether dL/dx_t of the inputs is complete: layer 0 has sent back its gradient at t in every direction. */
export function inputGradShown(c: Cursor, w: Walk, t: number): boolean {
  for (let direction = 0; direction < w.directions; direction++) if (!backwardShown(c, w, { t, layer: 0, direction })) return false;
  return true;
}

/** The walk of a model of these sizes. */
export function walkOf(m: { steps: number; model: { numLayers: number; directions: number; cell: CellType } }): Walk {
  return { steps: m.steps, layers: m.model.numLayers, directions: m.model.directions, cell: m.model.cell };
}
