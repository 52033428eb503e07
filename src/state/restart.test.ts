/**
 * After the client restarted a stopped or hung worker, the app reopens with the weights and the
 * iteration on screen, keeps the loss log up to there, and starts the loop again when it was
 * running (not when a pause was on its way).
 */
import { describe, expect, it } from 'vitest';
import { createActions } from './actions';
import { createAppStore } from './store';
import { FakeClient } from './testing/fakeClient';

describe('the restart handler', () => {
  it('reopens with the weights and iteration on screen, keeps the loss log up to there, and trains on', async () => {
    const store = createAppStore();
    const fake = new FakeClient();
    const actions = createActions(store, () => fake.asClient());
    void actions.openSession();
    await fake.settle();
    for (let i = 0; i < 4; i++) {
      void actions.trainOne();
      await fake.settle();
    }
    const shown = store.getState().snapshot!;
    expect(shown.iteration).toBe(4);
    // the loop runs; the worker then falls silent and the client restarts it
    store.setState({ training: { ...store.getState().training, running: true } });
    fake.crash();
    actions.workerRestarted('no answer for 1.6 s');
    const t = store.getState().training;
    expect(t.iteration).toBe(4);
    expect(t.lossFirst + t.losses.length).toBe(4);
    const reopen = fake.sent.at(-1)!;
    expect(reopen.type === 'open' && reopen.iteration).toBe(4);
    await fake.settle();
    expect(fake.sent.at(-1)).toMatchObject({ type: 'train', mode: 'start' });
    expect(store.getState().snapshot!.iteration).toBe(4);
    expect(store.getState().notices.at(-1)).toMatchObject({ key: 'notice.workerRestarted', vars: { reason: 'no answer for 1.6 s' } });
  });

  it('does not start the loop again when a pause was on its way', async () => {
    const store = createAppStore();
    const fake = new FakeClient();
    const actions = createActions(store, () => fake.asClient());
    void actions.openSession();
    await fake.settle();
    store.setState({ training: { ...store.getState().training, running: true, busy: true } });
    fake.crash();
    actions.workerRestarted('no answer for 1.6 s');
    await fake.settle();
    expect(fake.count('train')).toBe(0);
    expect(store.getState().training.running).toBe(false);
  });
});
