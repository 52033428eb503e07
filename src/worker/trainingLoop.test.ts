/**
 * The training loop gives the worker back between pieces: at a size where one iteration is far
 * longer than a slice, a slice ends with the iteration unfinished and nothing changed, a Pause is
 * answered at once (the next sequence's snapshot follows as an event, computed in pieces), and a
 * new start drops a snapshot that would be stale.
 */
import { describe, expect, it } from 'vitest';
import { EngineHost, type HostReply } from './host';
import { SHOWN_WAIT_MS } from './trainingLoop';
import type { DataSpec, EngineReply, EngineRequest, ModelSpec, TrainSettings } from './protocol';

const MODEL: ModelSpec = { cell: 'lstm', hidden: 96, seed: 1, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 };
const DATA: DataSpec = { task: 'sine', steps: 400, truncation: 0 };
const SETTINGS: TrainSettings = { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1, batch: 16 };

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function setup() {
  const emitted: EngineReply[] = [];
  const queue: (() => void)[] = [];
  const timers: { f: () => void; ms: number }[] = [];
  const host = new EngineHost(
    // as the worker's postMessage does: what is transferred is gone from the sender
    (r, transfer) => emitted.push(structuredClone(r, { transfer })),
    () => performance.now(),
    (f) => queue.push(f),
    (f, ms) => timers.push({ f, ms }),
  );
  const call = (body: Body): EngineReply => (host.handle({ ...body, id: 1 } as EngineRequest) as HostReply).reply;
  const runNext = () => queue.shift()!();
  return { host, call, emitted, queue, timers, runNext };
}

const snapshotEvents = (emitted: EngineReply[]) => emitted.filter((e) => e.type === 'event' && e.event.kind === 'progress' && e.event.snapshot).length;

describe('the training loop in pieces', () => {
  it('ends a slice inside a long iteration, answers a Pause at once, and the snapshot follows in pieces', () => {
    const { call, emitted, queue, runNext } = setup();
    const opened = call({ type: 'open', model: MODEL, data: DATA, weights: null });
    if (opened.type !== 'open') throw new Error('no session');
    const start = call({ type: 'train', settings: SETTINGS, mode: 'start' });
    expect(start.type === 'train' && start.progress.running).toBe(true);
    expect(queue).toHaveLength(1);
    runNext();
    // the slice gave the worker back before the first iteration (16 sequences of 400 steps at H = 96) was done
    expect(queue).toHaveLength(1);
    const paused = call({ type: 'pauseTraining' });
    if (paused.type !== 'pauseTraining') throw new Error('no pause');
    expect(paused.progress?.iteration).toBe(0);
    expect(paused.progress?.running).toBe(false);
    // a pass this large is not computed inside the answer
    expect(paused.snapshot).toBeNull();
    runNext(); // the loop's own next slice: paused, it does nothing
    const before = emitted.length;
    // read-only requests are answered between the snapshot's pieces, from the session on screen
    const grads = call({ type: 'grads', t: 0 });
    expect(grads.type === 'grads' && Array.from(grads.grads.accumulated.layers[0].wHh)).toEqual(Array.from(opened.snapshot.grads.layers[0].wHh));
    let slices = 0;
    while (queue.length > 0) {
      runNext();
      slices++;
    }
    expect(slices).toBeGreaterThan(1);
    expect(emitted.length).toBe(before + 1);
    const event = emitted.at(-1)!;
    if (event.type !== 'event' || event.event.kind !== 'progress' || !event.event.snapshot) throw new Error('no snapshot event');
    expect(event.event.snapshot.sequence).toBe('next');
    expect(event.event.progress.running).toBe(false);
    // the weights did not change: the next sequence's snapshot has the weights of the start
    expect(Array.from(event.event.snapshot.params.layers[0].wHh)).toEqual(Array.from(opened.snapshot.params.layers[0].wHh));
  });

  it('drops the coming snapshot when training starts again', () => {
    const { call, emitted, queue, runNext } = setup();
    call({ type: 'open', model: MODEL, data: DATA, weights: null });
    call({ type: 'train', settings: SETTINGS, mode: 'start' });
    runNext();
    call({ type: 'pauseTraining' });
    runNext();
    runNext(); // one piece of the snapshot
    call({ type: 'train', settings: SETTINGS, mode: 'start' });
    call({ type: 'pauseTraining' });
    const snapshots = () => emitted.filter((e) => e.type === 'event' && e.event.kind === 'progress' && e.event.snapshot).length;
    for (let i = 0; i < 400 && queue.length > 0; i++) runNext();
    // only the second pause's snapshot arrives
    expect(snapshots()).toBe(1);
  });

  it('a small pause still brings its snapshot with the answer', () => {
    const { call, runNext } = setup();
    call({ type: 'open', model: { ...MODEL, hidden: 4 }, data: { ...DATA, steps: 8 }, weights: null });
    call({ type: 'train', settings: { ...SETTINGS, batch: 2 }, mode: 'start' });
    runNext();
    const paused = call({ type: 'pauseTraining' });
    expect(paused.type === 'pauseTraining' && paused.progress!.iteration).toBeGreaterThan(0);
    expect(paused.type === 'pauseTraining' && paused.snapshot?.sequence).toBe('next');
  });

  it('after a large snapshot, computes on only once the page has shown it, or after SHOWN_WAIT_MS', () => {
    const { host, call, emitted, queue, timers, runNext } = setup();
    // H = 96, T = 400: a snapshot of about 15 MB
    call({ type: 'open', model: MODEL, data: DATA, weights: null });
    call({ type: 'train', settings: { ...SETTINGS, batch: 1 }, mode: 'start' });
    const iteration = () => {
      const p = emitted.filter((e) => e.type === 'event' && e.event.kind === 'progress').at(-1);
      return p?.type === 'event' ? p.event.progress.iteration : -1;
    };
    for (const release of ['shown', 'timer'] as const) {
      const before = snapshotEvents(emitted);
      // slices of 15 ms: a snapshot comes about every 300 ms
      for (let i = 0; i < 200 && snapshotEvents(emitted) === before; i++) runNext();
      expect(snapshotEvents(emitted)).toBe(before + 1);
      const atSnapshot = iteration();
      runNext();
      // parked: nothing scheduled, one timer set for at most the wait
      expect(queue).toHaveLength(0);
      expect(timers).toHaveLength(1);
      expect(timers[0].ms).toBeGreaterThan(0);
      expect(timers[0].ms).toBeLessThanOrEqual(SHOWN_WAIT_MS);
      // pings and requests are still answered while it waits
      expect(call({ type: 'grads', t: 0 }).type).toBe('grads');
      expect(queue).toHaveLength(0);
      if (release === 'shown') {
        host.snapshotShown();
        // a late timer after the page's word schedules nothing more
        timers.shift()!.f();
      } else timers.shift()!.f();
      expect(queue).toHaveLength(1);
      // it trains on (progress comes every 100 ms, in slices of 15)
      for (let i = 0; i < 300 && iteration() === atSnapshot && timers.length === 0; i++) runNext();
      expect(iteration()).toBeGreaterThan(atSnapshot);
    }
    // a pause while waiting stops for good: the page's word does not start it again
    for (let i = 0; i < 200 && queue.length > 0 && timers.length === 0; i++) runNext();
    expect(timers).toHaveLength(1);
    call({ type: 'pauseTraining' });
    // the pause's own snapshot, in pieces
    for (let i = 0; i < 400 && queue.length > 0; i++) runNext();
    expect(queue).toHaveLength(0);
    host.snapshotShown();
    timers.shift()!.f();
    expect(queue).toHaveLength(0);
  });

  it('does not wait after a small snapshot', () => {
    const { call, emitted, queue, timers, runNext } = setup();
    call({ type: 'open', model: { ...MODEL, hidden: 4 }, data: { ...DATA, steps: 8 }, weights: null });
    call({ type: 'train', settings: { ...SETTINGS, batch: 1 }, mode: 'start' });
    for (let i = 0; i < 200 && snapshotEvents(emitted) < 2; i++) runNext();
    expect(snapshotEvents(emitted)).toBe(2);
    expect(timers).toHaveLength(0);
    expect(queue).toHaveLength(1);
    call({ type: 'pauseTraining' });
  });
});
