import { describe, expect, it } from 'vitest';
import type { CellType } from '../engine/params';
import { StepSession, SUBSTEPS } from '../engine/session';
import { initParams } from '../engine/init';
import { createRng } from '../engine/rng';
import { taskData } from '../engine/tasks';
import {
  backwardShown,
  clampCursor,
  forwardShown,
  fromOrder,
  inputGradShown,
  isLast,
  next,
  order,
  outputShown,
  prev,
  START,
  type Cursor,
  type Walk,
} from './cursor';

const T = 4;
const one = (cell: CellType): Walk => ({ steps: T, layers: 1, directions: 1, cell });

/** Every position of the walk, from the start, by `next`. */
function walkAll(w: Walk, substeps: boolean): Cursor[] {
  const out: Cursor[] = [];
  let c: Cursor = { ...START, sub: substeps ? 0 : null };
  for (let i = 0; i < 1000; i++) {
    out.push(c);
    if (isLast(c, w, substeps)) break;
    c = next(c, w, substeps);
  }
  return out;
}

const at = (phase: Cursor['phase'], t: number, layer = 0, direction = 0): Cursor => ({ phase, t, layer, direction, sub: null });

describe('the walk of one layer: forward 0 … T − 1, then backward T − 1 … 0', () => {
  it('visits every step once in each phase, in that order', () => {
    const steps = walkAll(one('rnn'), false).map((c) => `${c.phase[0]}${c.t}`);
    expect(steps).toEqual(['f0', 'f1', 'f2', 'f3', 'b3', 'b2', 'b1', 'b0']);
  });

  it('gate by gate: every sub-step of every step, SUBSTEPS order', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const w = walkAll(one(cell), true);
      expect(w.length).toBe(T * (SUBSTEPS[cell].forward.length + SUBSTEPS[cell].backward.length));
      expect(w.slice(0, SUBSTEPS[cell].forward.length).map((c) => c.sub)).toEqual(SUBSTEPS[cell].forward.map((_, i) => i));
    }
  });

  it('prev undoes next everywhere, and both stop at the ends', () => {
    for (const substeps of [false, true]) {
      const w = walkAll(one('lstm'), substeps);
      for (let i = 1; i < w.length; i++) expect(prev(w[i], one('lstm'), substeps)).toEqual(w[i - 1]);
      expect(prev(w[0], one('lstm'), substeps)).toEqual(w[0]);
      expect(next(w[w.length - 1], one('lstm'), substeps)).toEqual(w[w.length - 1]);
    }
  });

  it('order and fromOrder are inverse', () => {
    for (let i = 0; i < 2 * T; i++) expect(order(fromOrder(i, one('rnn')), one('rnn'))).toBe(i);
  });

  it('clamps a cursor into a shorter sequence and a cell with fewer sub-steps', () => {
    expect(clampCursor({ phase: 'backward', t: 9, sub: null }, one('rnn'), false)).toEqual(at('backward', 3));
    expect(clampCursor({ phase: 'forward', t: 1, sub: 6 }, one('rnn'), true)).toEqual({ ...at('forward', 1), sub: SUBSTEPS.rnn.forward.length - 1 });
    expect(clampCursor({ phase: 'forward', t: -2, sub: 3 }, one('lstm'), false)).toEqual(at('forward', 0));
  });

  it('what is on screen: forward values up to the cursor, gradients from the end down to it', () => {
    const w = one('rnn');
    const cell = (t: number) => ({ t, layer: 0, direction: 0 });
    expect([0, 1, 2, 3].map((s) => forwardShown(at('forward', 2), w, cell(s)))).toEqual([true, true, true, false]);
    expect([0, 1, 2, 3].map((s) => backwardShown(at('forward', 2), w, cell(s)))).toEqual([false, false, false, false]);
    expect([0, 1, 2, 3].map((s) => forwardShown(at('backward', 1), w, cell(s)))).toEqual([true, true, true, true]);
    expect([0, 1, 2, 3].map((s) => backwardShown(at('backward', 1), w, cell(s)))).toEqual([false, true, true, true]);
    expect([0, 1, 2, 3].map((s) => outputShown(at('forward', 2), w, s))).toEqual([true, true, true, false]);
    expect([0, 1, 2, 3].map((s) => inputGradShown(at('backward', 1), w, s))).toEqual([false, true, true, true]);
  });
});

describe('the walk of a stacked, two-way network is the engine’s event order', () => {
  it('visits (phase, layer, direction, t) exactly as StepSession.events lists them', () => {
    for (const [L, D] of [
      [2, 1],
      [3, 1],
      [2, 2],
      [1, 2],
    ] as const) {
      const data = taskData('sine', createRng(1), { steps: T, truncation: 0 });
      const shape = { cell: 'gru' as const, inputSize: data.inputSize, hiddenSize: 2, outputSize: data.outputSize, numLayers: L, directions: D };
      const session = new StepSession(initParams(shape, createRng(1), { scheme: 'pytorch' }), data.example);
      const w: Walk = { steps: T, layers: L, directions: D, cell: 'gru' };
      const visited = walkAll(w, false).map((c) => ({ phase: c.phase, t: c.t, layer: c.layer, direction: c.direction }));
      expect(visited).toEqual(session.events.map((e) => ({ phase: e.phase, t: e.t, layer: e.layer, direction: e.direction })));
      visited.forEach((c, i) => expect(order(c, w)).toBe(i));
    }
  });

  it('a layer’s values appear once its forward event is reached; its gradient once its backward event is', () => {
    const w: Walk = { steps: T, layers: 2, directions: 2, cell: 'lstm' };
    // forward, layer 0 reverse at t = 2: layer 0 forward is complete, its reverse has done t = 3 and 2
    const c = at('forward', 2, 0, 1);
    expect([0, 1, 2, 3].map((t) => forwardShown(c, w, { t, layer: 0, direction: 0 }))).toEqual([true, true, true, true]);
    expect([0, 1, 2, 3].map((t) => forwardShown(c, w, { t, layer: 0, direction: 1 }))).toEqual([false, false, true, true]);
    expect([0, 1, 2, 3].map((t) => forwardShown(c, w, { t, layer: 1, direction: 0 }))).toEqual([false, false, false, false]);
    expect([0, 1, 2, 3].map((t) => outputShown(c, w, t))).toEqual([false, false, false, false]);
    // backward, layer 1 forward at t = 1: layer 1 reverse is complete, its forward has done t = 3, 2, 1
    const b = at('backward', 1, 1, 0);
    expect([0, 1, 2, 3].map((t) => backwardShown(b, w, { t, layer: 1, direction: 1 }))).toEqual([true, true, true, true]);
    expect([0, 1, 2, 3].map((t) => backwardShown(b, w, { t, layer: 1, direction: 0 }))).toEqual([false, true, true, true]);
    expect([0, 1, 2, 3].map((t) => backwardShown(b, w, { t, layer: 0, direction: 1 }))).toEqual([false, false, false, false]);
    expect([0, 1, 2, 3].map((t) => inputGradShown(b, w, t))).toEqual([false, false, false, false]);
  });

  it('clamps the layer and direction into a smaller network', () => {
    const w: Walk = { steps: T, layers: 2, directions: 1, cell: 'rnn' };
    expect(clampCursor(at('backward', 2, 3, 1), w, false)).toEqual(at('backward', 2, 1, 0));
  });
});
