/**
 * A snapshot the training loop sends is put on screen in a task after the one that brought it, and
 * the loop is told once it is shown (it waits for that at large sizes); a snapshot shown in between
 * (a Pause's answer) is not replaced by the older one.
 */
import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../worker/protocol';
import { createActions } from './actions';
import { DEFAULT_CONFIG } from './config';
import { createAppStore } from './store';
import { FakeClient } from './testing/fakeClient';

async function opened() {
  const store = createAppStore({ config: { ...DEFAULT_CONFIG, cell: 'lstm', hidden: 4, steps: 6 } });
  const fake = new FakeClient();
  const actions = createActions(store, () => fake.asClient());
  void actions.openSession();
  await fake.settle();
  return { fake, actions, get: store.getState };
}

const progress = (iteration: number): TrainProgress => ({
  iteration,
  loss: 0.5,
  gradNorm: 1,
  clipped: false,
  finite: true,
  running: true,
  itPerSec: 10,
  lossFirst: 0,
  losses: new Float64Array(0),
  history: [],
});

/** Lets pending timers run (the next task, and the one after it). */
const tasks = (n = 1) => new Promise<void>((r) => setTimeout(r, 5 * n));

describe('training snapshots', () => {
  it('are shown in a later task, then the loop is told', async () => {
    const { fake, actions, get } = await opened();
    const before = get().snapshot!;
    const sent = { ...before, iteration: 7 };
    actions.onTrainEvent({ kind: 'progress', progress: progress(7), snapshot: sent });
    // the progress is taken at once; the snapshot not yet
    expect(get().training.iteration).toBe(7);
    expect(get().snapshot).toBe(before);
    expect(fake.shownSignals).toBe(0);
    await tasks(4);
    expect(get().snapshot).toBe(sent);
    expect(fake.shownSignals).toBe(1);
  });

  it('yield to a snapshot shown after they arrived, and still tell the loop', async () => {
    const { fake, actions, get } = await opened();
    const older = { ...get().snapshot!, iteration: 7 };
    actions.onTrainEvent({ kind: 'progress', progress: progress(7), snapshot: older });
    // a session answered before the older one was drawn (as a Pause's answer would be)
    void actions.openSession();
    await fake.settle();
    const newer = get().snapshot;
    expect(newer).not.toBe(older);
    await tasks(4);
    expect(get().snapshot).toBe(newer);
    expect(fake.shownSignals).toBe(1);
  });

  it('are dropped when the worker restarts before they are drawn', async () => {
    const { fake, actions, get } = await opened();
    const before = get().snapshot!;
    const fromDead = { ...before, iteration: 9 };
    actions.onTrainEvent({ kind: 'progress', progress: progress(9), snapshot: fromDead });
    // the worker dies in the same task: the restart reopens the session from what is on screen
    actions.workerRestarted('stopped by the test');
    await tasks(4);
    expect(get().snapshot).not.toBe(fromDead);
    await fake.settle();
    expect(get().snapshot).not.toBe(fromDead);
    expect(get().snapshot?.iteration).toBe(before.iteration);
  });
});
