/**
 * Predict, then reveal: from random states (cells, seeds, truncation, stacked and two-way), every
 * kind of question is well posed, and its answer is the engine's number (read from the worker's
 * snapshot), which the check accepts while a wrong answer is refused.
 */
import { describe, expect, it } from 'vitest';
import { ITEM_KINDS, isRight, makeItem, pickItem, type ItemKind, type PredictItem } from '../content/predictItems';
import { CHAPTERS } from '../content/lessons';
import { sigmoid, tanh } from '../engine/mathfn';
import { EngineHost } from '../worker/host';
import type { ModelSpec, SessionSnapshot } from '../worker/protocol';
import { next, walkOf, type Cursor } from './cursor';
import { predictView, revealTarget } from './predict';

let host = new EngineHost();

function session(model: Partial<ModelSpec> & Pick<ModelSpec, 'cell'>, steps: number, truncation: number): SessionSnapshot {
  const m: ModelSpec = { hidden: 5, seed: 1, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0, ...model };
  host = new EngineHost();
  const r = host.handle({ type: 'open', id: 1, model: m, data: { task: 'sine', steps, truncation }, weights: null }).reply;
  if (r.type !== 'open') throw new Error(r.type === 'error' ? r.message : r.type);
  return r.snapshot;
}

function wellPosed(item: PredictItem): void {
  for (const text of [item.prompt.en, item.prompt.ko, item.explain.en, item.explain.ko]) {
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/NaN|undefined|Infinity|null/);
  }
  if (item.type === 'number') {
    expect(Number.isFinite(item.answer)).toBe(true);
    expect(item.tolerance).toBeGreaterThan(0);
    expect(isRight(item, item.answer)).toBe(true);
    expect(isRight(item, item.answer + 3 * item.tolerance)).toBe(false);
    expect(isRight(item, NaN)).toBe(false);
  } else {
    const values = item.choices.map((c) => c.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain(item.answer);
    expect(isRight(item, item.answer)).toBe(true);
    for (const v of values) if (v !== item.answer) expect(isRight(item, v)).toBe(false);
  }
}

const CASES = [
  { cell: 'rnn', seed: 3, k: 0 },
  { cell: 'lstm', seed: 8, k: 3 },
  { cell: 'gru', seed: 21, k: 0 },
  { cell: 'lstm', seed: 5, k: 0, layers: 2, bidirectional: true },
  { cell: 'gru', seed: 13, k: 2, layers: 2 },
] as const;

describe('every kind of question, from random states, is well posed and answered by the engine', () => {
  for (const c of CASES) {
    it(`${c.cell} seed ${c.seed} k = ${c.k}${'layers' in c ? ` L = ${c.layers}` : ''}${'bidirectional' in c ? ' two-way' : ''}`, () => {
      const snap = session({ cell: c.cell, seed: c.seed, layers: 'layers' in c ? c.layers : 1, bidirectional: 'bidirectional' in c }, 7, c.k);
      const w = walkOf(snap);
      const made = new Set<ItemKind>();
      let cursor: Cursor = { phase: 'forward', t: 0, layer: 0, direction: 0, sub: null };
      for (;;) {
        const target = revealTarget(snap, cursor);
        if (!target) break;
        const view = predictView(snap, cursor, target, c.seed, null);
        const rec = snap.layers[target.layer * snap.model.directions + target.direction];
        const H = snap.model.hiddenSize;
        const row = target.direction === 1 ? snap.steps - 1 - target.t : target.t;
        for (const kind of ITEM_KINDS) {
          const item = makeItem(kind, view);
          if (!item) continue;
          made.add(kind);
          wellPosed(item);
          const u = Number(item.id.split(':').pop());
          if (item.type === 'number') {
            // the reveal's number opens "How this number is made" on the very same value
            const r = host.handle({ type: 'explain', id: 2, ref: item.of }).reply;
            expect(r.type === 'explain' && r.explanation.value).toBe(item.answer);
          }
          if (kind === 'gate' && item.type === 'number') {
            // the answer is the engine's value, and it is the activation of the pre-activation the question gives
            const g = item.id.split(':')[4];
            const k = c.cell === 'rnn' ? 0 : { i: 0, f: 1, g: 2, o: 3, r: 0, z: 1, n: 2 }[g]!;
            const value = c.cell === 'rnn' ? rec.hs[(row + 1) * H + u] : rec.act[row * rec.gi.length / snap.steps + k * H + u];
            expect(item.answer).toBe(value);
            const pre = view.gates.find((x) => x.name === g)!.pre[u];
            const tanhLike = c.cell === 'rnn' || g === 'g' || g === 'n';
            expect(Math.abs((tanhLike ? tanh(pre) : sigmoid(pre)) - item.answer)).toBeLessThanOrEqual(1e-15);
          }
          if (kind === 'dh' && item.type === 'number') expect(item.answer).toBe(rec.dhs[row * H + u]);
          if (kind === 'cut' && item.type === 'choice') expect(item.answer === 'yes').toBe(c.k > 0 && view.cutNext);
          if (kind === 'normDir' && item.type === 'choice') expect(item.answer).toBe(rec.dhNorm[row] > view.shownNorm! ? 'larger' : 'smaller');
        }
        cursor = next(cursor, w, false);
      }
      const expected = ITEM_KINDS.filter((k) => !(k === 'closest' && c.cell === 'rnn'));
      expect([...made].sort()).toEqual([...expected].sort());
    });
  }

  it('a different seed asks about different numbers', () => {
    const a = session({ cell: 'lstm', seed: 1 }, 6, 0);
    const b = session({ cell: 'lstm', seed: 2 }, 6, 0);
    const c: Cursor = { phase: 'forward', t: 1, layer: 0, direction: 0, sub: null };
    const ia = pickItem(predictView(a, c, revealTarget(a, c)!, 1, 2));
    const ib = pickItem(predictView(b, c, revealTarget(b, c)!, 2, 2));
    expect(ia?.prompt.en).not.toBe(ib?.prompt.en);
  });

  it('every lesson chapter has at least three kinds of question, some for each phase', () => {
    for (const ch of CHAPTERS) {
      const kinds = ch.predict!;
      expect(kinds, ch.id).toBeDefined();
      expect(new Set(kinds).size, ch.id).toBeGreaterThanOrEqual(3);
      expect(kinds.some((k) => k === 'gate' || k === 'closest'), ch.id).toBe(true);
      expect(kinds.some((k) => k === 'dh' || k === 'normDir' || k === 'cut'), ch.id).toBe(true);
    }
  });
});

describe('progress kept per chapter', () => {
  it('reads back what it wrote and ignores anything malformed', async () => {
    const { readProgress } = await import('./slices/predict');
    expect(readProgress('{"bptt":{"asked":3,"right":2},"free":{"asked":1,"right":0}}')).toEqual({ bptt: { asked: 3, right: 2 }, free: { asked: 1, right: 0 } });
    expect(readProgress('{"bptt":{"asked":1,"right":2}}')).toEqual({});
    expect(readProgress('[1,2]')).toEqual({});
    expect(readProgress('not json')).toEqual({});
    expect(readProgress(null)).toEqual({});
  });
});
