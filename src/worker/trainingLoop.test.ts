/**
 * The training loop gives the worker back between pieces: at a size where one iteration is far
 * longer than a slice, a slice ends with the iteration unfinished and nothing changed, a Pause is
 * answered at once (the next sequence's snapshot follows as an event, computed in pieces), and a
 * new start drops a snapshot that would be stale.
 */
import { describe, expect, it } from 'vitest';
import { EngineHost, type HostReply } from './host';
import type { DataSpec, EngineReply, EngineRequest, ModelSpec, TrainSettings } from './protocol';

const MODEL: ModelSpec = { cell: 'lstm', hidden: 96, seed: 1, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 };
const DATA: DataSpec = { task: 'sine', steps: 400, truncation: 0 };
const SETTINGS: TrainSettings = { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1, batch: 16 };

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function setup() {
  const emitted: EngineReply[] = [];
  const queue: (() => void)[] = [];
  const host = new EngineHost((r) => emitted.push(r), () => performance.now(), (f) => queue.push(f));
  const call = (body: Body): EngineReply => (host.handle({ ...body, id: 1 } as EngineRequest) as HostReply).reply;
  const runNext = () => queue.shift()!();
  return { host, call, emitted, queue, runNext };
}

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
});
