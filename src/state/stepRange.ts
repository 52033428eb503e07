/**
 * The step-range lock of a link (`range=3-8`, docs/embedding.md): the cursor stays within
 * t ∈ [from, to] for stepping, keys, play and seeking, so a course page can show exactly the steps
 * its text talks about. Pure functions over the cursor's walk (cursor.ts).
 */
import { SUBSTEPS } from '../engine/session';
import { next, order, prev, type Cursor, type Walk } from './cursor';

/** Both ends are steps the cursor may stand on (inclusive). */
export interface StepRange {
  from: number;
  to: number;
}

const RANGE = /^(\d{1,6})-(\d{1,6})$/;

/** Reads `from-to` (whole steps, from ≤ to, both in 0 … steps − 1); null when it is not that. */
export function parseStepRange(value: string, steps: number): StepRange | null {
  const m = RANGE.exec(value);
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from <= to && to <= steps - 1 ? { from, to } : null;
}

export function writeStepRange(r: StepRange): string {
  return `${r.from}-${r.to}`;
}

/** The range as it applies to a sequence of `steps` steps (its end cut to the last step), or null when none of it is there. */
export function rangeWithin(r: StepRange | null, steps: number): StepRange | null {
  if (!r || r.from > steps - 1) return null;
  return { from: r.from, to: Math.min(r.to, steps - 1) };
}

export function clampT(t: number, r: StepRange | null): number {
  return r ? Math.min(Math.max(t, r.from), r.to) : t;
}

const inside = (t: number, r: StepRange) => t >= r.from && t <= r.to;
const lastOrder = (w: Walk) => 2 * w.layers * w.directions * w.steps - 1;
const subAt = (w: Walk, c: Pick<Cursor, 'phase'>, substeps: boolean, end: 'first' | 'last') =>
  substeps ? (end === 'first' ? 0 : SUBSTEPS[w.cell][c.phase].length - 1) : null;

/** The next position of the walk within the range (whole steps outside it are skipped); the same cursor at the range's last. */
export function nextInRange(c: Cursor, w: Walk, substeps: boolean, r: StepRange | null): Cursor {
  const n = next(c, w, substeps);
  if (!r || inside(n.t, r)) return n;
  let at: Cursor = n;
  while (!inside(at.t, r)) {
    if (order(at, w) >= lastOrder(w)) return c;
    const step = next({ ...at, sub: null }, w, false);
    at = { ...step, sub: subAt(w, step, substeps, 'first') };
  }
  return at;
}

/** The previous position within the range; the same cursor at the range's first. */
export function prevInRange(c: Cursor, w: Walk, substeps: boolean, r: StepRange | null): Cursor {
  const p = prev(c, w, substeps);
  if (!r || inside(p.t, r)) return p;
  let at: Cursor = p;
  while (!inside(at.t, r)) {
    if (order(at, w) <= 0) return c;
    const step = prev({ ...at, sub: null }, w, false);
    at = { ...step, sub: subAt(w, step, substeps, 'last') };
  }
  return at;
}

const same = (a: Cursor, b: Cursor) => a.phase === b.phase && a.t === b.t && a.layer === b.layer && a.direction === b.direction && a.sub === b.sub;

/** Whether playing has nowhere further to go within the range. */
export function lastInRange(c: Cursor, w: Walk, substeps: boolean, r: StepRange): boolean {
  return same(nextInRange(c, w, substeps, r), c);
}

/** Where the walk starts within the range: the forward pass of the first layer at its first step. */
export function firstInRange(w: Walk, substeps: boolean, r: StepRange): Cursor {
  const c: Cursor = { phase: 'forward', t: r.from, layer: 0, direction: 0, sub: null };
  return { ...c, sub: subAt(w, c, substeps, 'first') };
}
