/**
 * The store's actions against a stand-in worker client (the real engine host answers in this
 * process; the test decides when each reply lands): what is asked, what is shown, what a late,
 * refused or lost reply does.
 */
import { describe, expect, it } from 'vitest';
import { createActions } from './actions';
import { DEFAULT_CONFIG } from './config';
import { createAppStore } from './store';
import { FakeClient } from './testing/fakeClient';
import type { ParamArrays } from './model';

function setup(config = {}) {
  const store = createAppStore({ config: { ...DEFAULT_CONFIG, cell: 'lstm', hidden: 4, steps: 6, ...config } });
  const fake = new FakeClient();
  const actions = createActions(store, () => fake.asClient());
  return { store, fake, actions, get: store.getState };
}

async function opened(config = {}) {
  const s = setup(config);
  void s.actions.openSession();
  await s.fake.settle();
  expect(s.get().status).toBe('ready');
  return s;
}

describe('sessions', () => {
  it('opening sends the configuration and shows the snapshot the worker computed', async () => {
    const { get, fake } = await opened();
    const open = fake.sent.find((b) => b.type === 'open');
    expect(open).toMatchObject({ type: 'open', model: { cell: 'lstm', hidden: 4 }, data: { task: 'sine', steps: 6 }, weights: null });
    expect(get().snapshot?.model).toMatchObject({ cell: 'lstm', hiddenSize: 4 });
  });

  it('the latest configuration wins: a late reply to an earlier one is not shown', async () => {
    const { get, fake, actions } = await opened();
    actions.setConfig({ hidden: 5 });
    actions.setConfig({ hidden: 7 });
    expect(fake.waiting).toBe(2);
    await fake.deliver(1); // the second answer first
    expect(get().snapshot?.model.hiddenSize).toBe(7);
    await fake.deliver(0); // then the stale one
    expect(get().snapshot?.model.hiddenSize).toBe(7);
    expect(get().config.hidden).toBe(7);
  });

  it('a refused configuration leaves the session on screen, says why, and puts the settings back', async () => {
    const { get, fake, actions } = await opened();
    const before = get().snapshot;
    actions.setConfig({ hidden: 300 });
    await fake.settle();
    expect(get().snapshot).toBe(before);
    expect(get().config.hidden).toBe(4);
    expect(get().notices.at(-1)).toMatchObject({ kind: 'error', key: 'notice.engineError' });
    expect(get().engineError).toMatch(/hidden size 300/);
  });

  it('a lost reply (the worker died) changes nothing; the restart reopens with the weights the UI kept', async () => {
    const { get, fake, actions } = await opened();
    void actions.trainOne();
    await fake.settle();
    const trained = get().snapshot!;
    expect(trained.model.origin).toBe('trained');
    actions.setConfig({ steps: 8 });
    fake.crash();
    await fake.settle();
    expect(get().snapshot).toBe(trained);
    actions.workerRestarted('test');
    const reopen = fake.sent.at(-1)!;
    expect(reopen.type).toBe('open');
    if (reopen.type === 'open') {
      // the new worker has nothing: the UI sends its copy of the trained weights
      expect(reopen.weights).not.toBe('keep');
      expect(Array.from((reopen.weights as ParamArrays).layers[0].wHh)).toEqual(Array.from(trained.params.layers[0].wHh));
    }
    await fake.settle();
    expect(get().snapshot!.model.origin).toBe('trained');
  });
});

describe('weights stay in the worker', () => {
  it('a change of data keeps trained weights where they are: the request says "keep", no arrays travel', async () => {
    const { get, fake, actions } = await opened();
    void actions.trainOne();
    await fake.settle();
    actions.setConfig({ steps: 9 });
    const open = fake.sent.at(-1)!;
    expect(open.type === 'open' && open.weights).toBe('keep');
    await fake.settle();
    expect(get().snapshot!.model.origin).toBe('trained');
    expect(get().snapshot!.steps).toBe(9);
  });

  it('a change of a setting that makes the weights starts from the seed', async () => {
    const { get, fake, actions } = await opened();
    void actions.trainOne();
    await fake.settle();
    actions.setConfig({ hhScale: 2 });
    const open = fake.sent.at(-1)!;
    expect(open.type === 'open' && open.weights).toBeNull();
    await fake.settle();
    expect(get().snapshot!.model.origin).toBe('init');
    expect(get().training.iteration).toBe(0);
  });
});

describe('the moment on screen', () => {
  it('stepping into the backward phase asks for that step\'s weight gradients; a stale answer is dropped', async () => {
    const { get, fake, actions } = await opened();
    actions.seek({ phase: 'backward', t: 4, sub: null });
    actions.seek({ phase: 'backward', t: 2, sub: null });
    const asked = fake.sent.filter((b) => b.type === 'grads').map((b) => (b.type === 'grads' ? b.t : -1));
    expect(asked).toEqual([4, 2]);
    await fake.deliver(1);
    await fake.deliver(0);
    expect(get().grads?.t).toBe(2);
    actions.seek({ phase: 'forward', t: 1, sub: null });
    expect(get().grads).toBeNull();
  });
});

describe('the analysis is asked for only while its tab shows', () => {
  it('snapshots from training do not ask for it while the tab is hidden, and do once it shows', async () => {
    const { fake, actions } = await opened();
    for (let i = 0; i < 5; i++) {
      void actions.trainOne();
      await fake.settle();
    }
    expect(fake.count('analysis')).toBe(0);
    actions.setGradTab('vanish');
    await fake.settle();
    expect(fake.count('analysis')).toBe(1);
    void actions.trainOne();
    await fake.settle();
    expect(fake.count('analysis')).toBe(2);
    actions.setGradTab('bptt');
    void actions.trainOne();
    await fake.settle();
    expect(fake.count('analysis')).toBe(2);
  });
});

describe('the analysis is of the cursor’s layer', () => {
  it('asks for the layer the cursor is on, once per layer and session, and keeps the layer with the reply', async () => {
    const { get, fake, actions } = await opened({ layers: 3 });
    actions.setGradTab('vanish');
    await fake.settle();
    expect(fake.sent.filter((b) => b.type === 'analysis')).toEqual([{ type: 'analysis', layer: 0 }]);
    expect(get().analysis?.data.layer).toBe(0);
    actions.seek({ phase: 'backward', t: 2, layer: 2, direction: 0 });
    actions.requestAnalysis();
    await fake.settle();
    expect(fake.sent.filter((b) => b.type === 'analysis').at(-1)).toEqual({ type: 'analysis', layer: 2 });
    expect(get().analysis?.data.layer).toBe(2);
    // the same layer of the same session: nothing new to ask
    actions.seek({ phase: 'backward', t: 4, layer: 2, direction: 0 });
    actions.requestAnalysis();
    expect(fake.count('analysis')).toBe(2);
  });
});

describe('the lesson', () => {
  it('opening a chapter stops playback and training, sets what it talks about and opens its session', async () => {
    const { get, fake, actions } = await opened();
    actions.togglePlay();
    expect(get().playing).toBe(true);
    actions.openChapter(1);
    expect(get().playing).toBe(false);
    expect(get().lesson).toBe(1);
    expect(get().config.cell).toBe('rnn');
    await fake.settle();
    expect(get().snapshot!.model.cell).toBe('rnn');
  });
});
