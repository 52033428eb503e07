import { describe, expect, it } from 'vitest';
import { SUBSTEPS } from '../engine/session';
import { backwardShown, clampCursor, forwardShown, fromOrder, isLast, next, order, prev, START, type Cursor } from './cursor';

const T = 4;

/** Every position of the walk, from the start, by `next`. */
function walk(cell: 'rnn' | 'lstm' | 'gru', substeps: boolean): Cursor[] {
  const out: Cursor[] = [];
  let c: Cursor = { ...START, sub: substeps ? 0 : null };
  for (let i = 0; i < 200; i++) {
    out.push(c);
    if (isLast(c, T, cell, substeps)) break;
    c = next(c, T, cell, substeps);
  }
  return out;
}

describe('the walk: forward 0 … T − 1, then backward T − 1 … 0', () => {
  it('visits every step once in each phase, in that order', () => {
    const steps = walk('rnn', false).map((c) => `${c.phase[0]}${c.t}`);
    expect(steps).toEqual(['f0', 'f1', 'f2', 'f3', 'b3', 'b2', 'b1', 'b0']);
  });

  it('gate by gate: every sub-step of every step, SUBSTEPS order', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const w = walk(cell, true);
      expect(w.length).toBe(T * (SUBSTEPS[cell].forward.length + SUBSTEPS[cell].backward.length));
      expect(w.slice(0, SUBSTEPS[cell].forward.length).map((c) => c.sub)).toEqual(SUBSTEPS[cell].forward.map((_, i) => i));
    }
  });

  it('prev undoes next everywhere, and both stop at the ends', () => {
    for (const substeps of [false, true]) {
      const w = walk('lstm', substeps);
      for (let i = 1; i < w.length; i++) expect(prev(w[i], T, 'lstm', substeps)).toEqual(w[i - 1]);
      expect(prev(w[0], T, 'lstm', substeps)).toEqual(w[0]);
      expect(next(w[w.length - 1], T, 'lstm', substeps)).toEqual(w[w.length - 1]);
    }
  });

  it('order and fromOrder are inverse', () => {
    for (let i = 0; i < 2 * T; i++) expect(order({ ...fromOrder(i, T), sub: null }, T)).toBe(i);
  });

  it('clamps a cursor into a shorter sequence and a cell with fewer sub-steps', () => {
    expect(clampCursor({ phase: 'backward', t: 9, sub: null }, T, 'rnn', false)).toEqual({ phase: 'backward', t: 3, sub: null });
    expect(clampCursor({ phase: 'forward', t: 1, sub: 6 }, T, 'rnn', true)).toEqual({ phase: 'forward', t: 1, sub: SUBSTEPS.rnn.forward.length - 1 });
    expect(clampCursor({ phase: 'forward', t: -2, sub: 3 }, T, 'lstm', false)).toEqual({ phase: 'forward', t: 0, sub: null });
  });

  it('what is on screen: forward values up to the cursor, gradients from the end down to it', () => {
    const f2: Cursor = { phase: 'forward', t: 2, sub: null };
    expect([0, 1, 2, 3].map((s) => forwardShown(f2, s))).toEqual([true, true, true, false]);
    expect([0, 1, 2, 3].map((s) => backwardShown(f2, s))).toEqual([false, false, false, false]);
    const b1: Cursor = { phase: 'backward', t: 1, sub: null };
    expect([0, 1, 2, 3].map((s) => forwardShown(b1, s))).toEqual([true, true, true, true]);
    expect([0, 1, 2, 3].map((s) => backwardShown(b1, s))).toEqual([false, true, true, true]);
  });
});
