/**
 * Sharing and the lesson against the real engine host (through the stand-in client): a session file
 * puts back the same weights and the same loss, a bad one changes nothing, the lesson gives back
 * the setup it replaced, and a link's weight fields are read.
 */
import { describe, expect, it } from 'vitest';
import { createActions } from './actions';
import { DEFAULT_CONFIG } from './config';
import { paramFields } from './model';
import { createAppStore } from './store';
import { FakeClient } from './testing/fakeClient';
import { parseHash, toHash, toHashWithWeights, defaultUrlState } from './url';

async function opened(config = {}) {
  const store = createAppStore({ config: { ...DEFAULT_CONFIG, cell: 'gru', hidden: 5, steps: 7, ...config } });
  const fake = new FakeClient();
  const actions = createActions(store, () => fake.asClient());
  void actions.openSession();
  await fake.settle();
  return { store, fake, actions, get: store.getState };
}

/**
 * Lets the stand-in worker answer everything asked so far, including what an answer asks next,
 * until `work` is done: decoding a file's weights takes timer turns of its own, as many more as a
 * busy machine needs (a fixed 20 turns once ran out on a loaded CI machine).
 */
async function settle(fake: FakeClient, work: Promise<unknown>): Promise<void> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  for (let i = 0; i < 20 || (!done && i < 5000); i++) {
    await fake.settle();
    await new Promise((r) => setTimeout(r, 0));
  }
  await fake.settle();
  await finished;
}

const bits = (a: Float64Array[]) => a.map((x) => Array.from(new BigUint64Array(x.slice().buffer), String));

describe('session files', () => {
  it('a saved session opens elsewhere with the same weights, bit for bit, and the same loss', async () => {
    const a = await opened();
    for (let i = 0; i < 3; i++) {
      void a.actions.trainOne();
      await a.fake.settle();
    }
    // the example sequence, as a fresh page shows it
    a.actions.setConfig({ steps: 7 });
    await a.fake.settle();
    const original = a.get().snapshot!;
    expect(original.model.origin).toBe('trained');
    const text = await a.actions.sessionText();

    const b = await opened({ cell: 'rnn', hidden: 2 });
    await settle(b.fake, b.actions.openSessionText(text));
    const restored = b.get().snapshot!;
    expect(restored.model).toMatchObject({ cell: 'gru', hiddenSize: 5, origin: 'trained' });
    expect(bits(paramFields(restored.params))).toEqual(bits(paramFields(original.params)));
    expect(restored.lossValue).toBe(original.lossValue);
    expect(b.get().notices.map((n) => n.key)).toContain('share.restoredTrained');
  });

  it('a file that is not a session, or whose weights were edited, changes nothing and says why', async () => {
    const a = await opened();
    void a.actions.trainOne();
    await a.fake.settle();
    const file = JSON.parse(await a.actions.sessionText()) as { weights: string };
    const b = await opened({ cell: 'lstm', hidden: 3 });
    const before = b.get().snapshot;
    for (const bad of ['{', '{"format":"other"}', JSON.stringify({ ...file, weights: file.weights.slice(0, -4) })]) {
      expect(await b.actions.openSessionText(bad)).toBe(false);
      expect(b.get().notices.at(-1)).toMatchObject({ kind: 'error', key: 'share.badSession' });
      expect(b.get().snapshot).toBe(before);
      expect(b.get().config).toMatchObject({ cell: 'lstm', hidden: 3 });
    }
  });
});

describe('the lesson keeps the setup it replaces', () => {
  it('closing offers the setup from before; going back restores it, trained weights included', async () => {
    const { get, fake, actions } = await opened();
    void actions.trainOne();
    await fake.settle();
    const trained = paramFields(get().snapshot!.params);
    actions.openChapter(0);
    await fake.settle();
    expect(get().config.cell).toBe('rnn');
    actions.closeLesson();
    const notice = get().notices.at(-1)!;
    expect(notice).toMatchObject({ key: 'lesson.setupKept', action: 'restoreSetup' });
    actions.restoreSetup();
    await fake.settle();
    expect(get().config).toMatchObject({ cell: 'gru', hidden: 5, steps: 7 });
    expect(get().snapshot!.model.origin).toBe('trained');
    expect(bits(paramFields(get().snapshot!.params))).toEqual(bits(trained));
    expect(get().notices.some((n) => n.action === 'restoreSetup')).toBe(false);
  });

  it('"]" and "[" do nothing while the lesson is closed', async () => {
    const { get, actions } = await opened();
    const config = get().config;
    actions.nextChapter();
    actions.prevChapter();
    expect(get().lesson).toBeNull();
    expect(get().config).toBe(config);
  });
});

describe('a link\'s weight fields', () => {
  it('w, it and wo are read; the tab is a field of every link; the kept address never has w', () => {
    const s = { ...defaultUrlState(), gradTab: 'weights' as const };
    const hash = toHashWithWeights(s, { payload: 'abc_-9', iteration: 42, origin: 'imported' });
    const parsed = parseHash(hash);
    expect(parsed.problems).toEqual([]);
    expect(parsed.weights).toEqual({ payload: 'abc_-9', iteration: 42, origin: 'imported' });
    expect(parsed.gradTab).toBe('weights');
    expect(toHash(parsed)).not.toMatch(/(^|[#&])w=/);
    expect(parseHash('#w=a%2Bb').problems).toHaveLength(1);
    expect(parseHash('#it=3').problems).toEqual(['it=3']);
    expect(parseHash('#tab=nope').gradTab).toBe('bptt');
  });
});
