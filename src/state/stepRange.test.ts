import { describe, expect, it } from 'vitest';
import { createActions } from './actions';
import { DEFAULT_CONFIG } from './config';
import { START, type Cursor, type Walk } from './cursor';
import { momentOf } from './embedBridge';
import { clampT, firstInRange, lastInRange, nextInRange, parseStepRange, prevInRange, rangeWithin } from './stepRange';
import { createAppStore } from './store';
import { FakeClient } from './testing/fakeClient';
import { parseHash, toHash } from './url';

const one: Walk = { steps: 12, layers: 1, directions: 1, cell: 'lstm' };
const at = (phase: Cursor['phase'], t: number, extra: Partial<Cursor> = {}): Cursor => ({ phase, t, layer: 0, direction: 0, sub: null, ...extra });

describe('the step-range lock: reading it', () => {
  it('reads from-to within the sequence, both ends included', () => {
    expect(parseStepRange('3-8', 12)).toEqual({ from: 3, to: 8 });
    expect(parseStepRange('0-11', 12)).toEqual({ from: 0, to: 11 });
    expect(parseStepRange('5-5', 12)).toEqual({ from: 5, to: 5 });
  });

  it('refuses what is not two whole steps in order within the sequence', () => {
    for (const bad of ['8-3', '3-12', '3', '3-', '-3', '3-8-9', ' 3-8', '3.0-8', '0x3-8', 'a-b', '', '-1-4', '3–8', '1e1-11', '0000003-8']) {
      expect(parseStepRange(bad, 12), bad).toBeNull();
    }
  });

  it('is a field of the link: written back, and a bad one is named and ignored', () => {
    const p = parseHash('#T=12&range=3-8&t=1');
    expect(p.range).toEqual({ from: 3, to: 8 });
    expect(p.cursor.t).toBe(3); // a link's step outside the range starts at its edge
    expect(p.problems).toEqual([]);
    expect(toHash(p)).toContain('range=3-8');
    for (const bad of ['#T=12&range=3-12', '#T=12&range=9-2', '#T=12&range=x']) {
      const q = parseHash(bad);
      expect(q.range, bad).toBeNull();
      expect(q.problems, bad).toEqual([`range=${bad.split('range=')[1]}`]);
    }
    // the range is read against the T of the same link, whatever the fields' order
    expect(parseHash('#range=10-20&T=30').range).toEqual({ from: 10, to: 20 });
  });

  it('cuts its end to a shorter sequence, and vanishes when none of it is there', () => {
    expect(rangeWithin({ from: 3, to: 8 }, 6)).toEqual({ from: 3, to: 5 });
    expect(rangeWithin({ from: 7, to: 8 }, 6)).toBeNull();
    expect(rangeWithin(null, 6)).toBeNull();
    expect(clampT(12, { from: 3, to: 8 })).toBe(8);
    expect(clampT(0, { from: 3, to: 8 })).toBe(3);
    expect(clampT(5, null)).toBe(5);
  });
});

describe('the step-range lock: walking', () => {
  const r = { from: 3, to: 8 };

  it('steps forward 3 … 8, then back 8 … 3, and stays at the end', () => {
    const seen: string[] = [];
    let c = firstInRange(one, false, r);
    for (;;) {
      seen.push(`${c.phase[0]}${c.t}`);
      if (lastInRange(c, one, false, r)) break;
      c = nextInRange(c, one, false, r);
    }
    expect(seen.join(' ')).toBe('f3 f4 f5 f6 f7 f8 b8 b7 b6 b5 b4 b3');
    expect(nextInRange(c, one, false, r)).toEqual(c);
  });

  it('steps back the same way, and stays at the first step', () => {
    expect(prevInRange(at('backward', 8), one, false, r)).toEqual(at('forward', 8));
    expect(prevInRange(at('forward', 3), one, false, r)).toEqual(at('forward', 3));
    expect(prevInRange(at('forward', 6), one, false, r)).toEqual(at('forward', 5));
  });

  it('walks gate by gate inside the range and skips whole steps outside it', () => {
    const next = nextInRange(at('forward', 8, { sub: 99 }), one, true, r);
    expect(next).toMatchObject({ phase: 'backward', t: 8, sub: 0 });
    const inside = nextInRange(at('forward', 4, { sub: 0 }), one, true, r);
    expect(inside).toMatchObject({ phase: 'forward', t: 4, sub: 1 });
    const back = prevInRange(at('backward', 8, { sub: 0 }), one, true, r);
    expect(back.phase).toBe('forward');
    expect(back.t).toBe(8);
    expect(back.sub).toBeGreaterThan(0);
  });

  it('in two layers and two directions, visits only the range in every cell row', () => {
    const w: Walk = { steps: 6, layers: 2, directions: 2, cell: 'gru' };
    const range = { from: 2, to: 3 };
    let c = firstInRange(w, false, range);
    let n = 1;
    while (!lastInRange(c, w, false, range)) {
      c = nextInRange(c, w, false, range);
      expect(c.t).toBeGreaterThanOrEqual(2);
      expect(c.t).toBeLessThanOrEqual(3);
      n++;
    }
    expect(n).toBe(2 * 2 * 2 * 2); // 2 steps × 2 layers × 2 directions × 2 phases
    expect(c).toMatchObject({ phase: 'backward', layer: 0, direction: 0, t: 2 });
  });

  it('without a range walks the whole sequence', () => {
    expect(nextInRange(at('forward', 11), one, false, null)).toEqual(at('backward', 11));
    expect(prevInRange(START, one, false, null)).toEqual(START);
  });
});

describe('the step-range lock in the store', () => {
  async function opened() {
    const store = createAppStore({ config: { ...DEFAULT_CONFIG, cell: 'lstm', hidden: 3, steps: 12 }, range: { from: 3, to: 8 }, cursor: at('forward', 3) });
    const fake = new FakeClient();
    const actions = createActions(store, () => fake.asClient());
    void actions.openSession();
    await fake.settle();
    return { store, actions, get: store.getState };
  }

  it('stepping, seeking and reset stay within the range, and the moment reports the range', async () => {
    const { get, actions } = await opened();
    actions.prev();
    expect(get().cursor).toMatchObject({ phase: 'forward', t: 3 });
    actions.seek({ phase: 'forward', t: 11 });
    expect(get().cursor).toMatchObject({ phase: 'forward', t: 8 });
    actions.next();
    expect(get().cursor).toMatchObject({ phase: 'backward', t: 8 });
    actions.seek({ phase: 'backward', t: 0 });
    expect(get().cursor).toMatchObject({ phase: 'backward', t: 3 });
    actions.next();
    expect(get().cursor).toMatchObject({ phase: 'backward', t: 3 });
    actions.reset();
    expect(get().cursor).toMatchObject({ phase: 'forward', t: 3 });
    expect(momentOf(get(), false)).toMatchObject({ unroll: 'moment', t: 3, T: 12, range: { from: 3, to: 8 }, clamped: false });
  });

  it('play stops at the range’s last step', async () => {
    const { get, actions } = await opened();
    actions.setSpeed(60);
    actions.seek({ phase: 'backward', t: 5 });
    actions.togglePlay();
    await expect.poll(() => get().playing, { timeout: 5000 }).toBe(false);
    expect(get().cursor).toMatchObject({ phase: 'backward', t: 3 });
    // played again from the end, it starts over at the range's first step
    actions.togglePlay();
    expect(get().cursor).toMatchObject({ phase: 'forward', t: 3 });
    actions.pause();
  });
});
