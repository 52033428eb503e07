/**
 * Where the walk through the network is: forward t = 0 … T − 1, then backward t = T − 1 … 0,
 * optionally one sub-step (gate) at a time. Pure functions over plain data.
 */
import { SUBSTEPS, type Phase } from '../engine/session';
import type { CellType } from '../engine/params';

export interface Cursor {
  phase: Phase;
  t: number;
  /** index into SUBSTEPS[cell][phase] when walking gate by gate; null = the whole step */
  sub: number | null;
}

export const START: Cursor = { phase: 'forward', t: 0, sub: null };

/** Position in the walk as one number (forward t, then backward from T − 1), for comparisons. */
export function order(c: Cursor, steps: number): number {
  return c.phase === 'forward' ? c.t : 2 * steps - 1 - c.t;
}

export function fromOrder(i: number, steps: number): { phase: Phase; t: number } {
  return i < steps ? { phase: 'forward', t: i } : { phase: 'backward', t: 2 * steps - 1 - i };
}

export function isLast(c: Cursor, steps: number, cell: CellType, substeps: boolean): boolean {
  const lastSub = !substeps || c.sub === null || c.sub >= SUBSTEPS[cell][c.phase].length - 1;
  return order(c, steps) === 2 * steps - 1 && lastSub;
}

export function next(c: Cursor, steps: number, cell: CellType, substeps: boolean): Cursor {
  if (substeps) {
    const n = SUBSTEPS[cell][c.phase].length;
    const sub = c.sub ?? n - 1;
    if (sub < n - 1) return { ...c, sub: sub + 1 };
  }
  const i = order(c, steps);
  if (i >= 2 * steps - 1) return { ...c, sub: substeps ? SUBSTEPS[cell][c.phase].length - 1 : null };
  return { ...fromOrder(i + 1, steps), sub: substeps ? 0 : null };
}

export function prev(c: Cursor, steps: number, cell: CellType, substeps: boolean): Cursor {
  if (substeps && c.sub !== null && c.sub > 0) return { ...c, sub: c.sub - 1 };
  const i = order(c, steps);
  if (i <= 0) return { ...c, sub: substeps ? 0 : null };
  const p = fromOrder(i - 1, steps);
  return { ...p, sub: substeps ? SUBSTEPS[cell][p.phase].length - 1 : null };
}

/** Keeps a cursor valid after T or the cell type changed. */
export function clampCursor(c: Cursor, steps: number, cell: CellType, substeps: boolean): Cursor {
  const t = Math.min(Math.max(0, c.t), steps - 1);
  const n = SUBSTEPS[cell][c.phase].length;
  const sub = substeps ? Math.min(Math.max(0, c.sub ?? 0), n - 1) : null;
  return { phase: c.phase, t, sub };
}

/**
 * Whether forward values of step s are on screen at this cursor (in the backward phase, all are);
 * whether the gradient of step s is (backward phase, s ≥ t).
 */
export function forwardShown(c: Cursor, s: number): boolean {
  return c.phase === 'backward' || s <= c.t;
}

export function backwardShown(c: Cursor, s: number): boolean {
  return c.phase === 'backward' && s >= c.t;
}
