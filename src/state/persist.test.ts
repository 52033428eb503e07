import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeFloats, encodeFloats, readStoredWeights, readTrainSettings, startPersistence } from './persist';
import type { Actions } from './actions';
import { createActions } from './actions';
import { createAppStore } from './store';
import type { EngineClient } from '../worker/client';
import type { SessionSnapshot } from '../worker/protocol';
import { CHAPTERS } from '../content/lessons';

describe('weights kept across a reload', () => {
  it('float64 values survive base64 exactly (including -0, subnormals and extremes)', () => {
    const a = new Float64Array([0, -0, 1e-310, -1.7976931348623157e308, Math.PI, 1 / 3]);
    const b = decodeFloats(encodeFloats(a));
    expect(Array.from(b).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(a).map((v) => Object.is(v, -0) ? '-0' : v));
  });
  it('a damaged or foreign entry is ignored, never half-used', () => {
    expect(readStoredWeights(null)).toBeNull();
    expect(readStoredWeights('{not json')).toBeNull();
    expect(readStoredWeights(JSON.stringify({ cell: 'tree', hidden: 2, seed: 1, origin: 'trained', fields: {} }))).toBeNull();
    const nan = encodeFloats(new Float64Array([NaN]));
    const ok = encodeFloats(new Float64Array([1]));
    const entry = { cell: 'rnn', hidden: 1, layers: 1, bidirectional: false, seed: 1, origin: 'trained', arrays: [ok, ok, ok, ok, ok, nan] };
    expect(readStoredWeights(JSON.stringify(entry))).toBeNull();
    // an entry from before layers existed, or with arrays missing for its layers
    expect(readStoredWeights(JSON.stringify({ cell: 'rnn', hidden: 1, seed: 1, origin: 'trained', fields: {} }))).toBeNull();
    expect(readStoredWeights(JSON.stringify({ ...entry, layers: 2, arrays: [ok, ok, ok, ok, ok, ok] }))).toBeNull();
    entry.arrays[5] = ok;
    const r = readStoredWeights(JSON.stringify(entry));
    expect(r?.weights.headB[0]).toBe(1);
    // two layers in two directions: 4 · 2 · 2 + 2 arrays, in state_dict order
    const two = readStoredWeights(JSON.stringify({ ...entry, layers: 2, bidirectional: true, arrays: Array.from({ length: 18 }, (_, k) => encodeFloats(new Float64Array([k]))) }));
    expect(two?.weights.layers.length).toBe(4);
    expect(two?.weights.layers[3].bHh[0]).toBe(15);
    expect(two?.weights.headW[0]).toBe(16);
  });
});

describe('training settings kept in local storage', () => {
  it('reads back what was written and refuses anything out of range', () => {
    const ok = { optimizer: 'momentum', lr: 0.05, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, batch: 16, clip: 2.5 };
    expect(readTrainSettings(JSON.stringify(ok))).toEqual({ settings: { optimizer: 'momentum', lr: 0.05, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, batch: 16 }, clip: 2.5 });
    for (const bad of [{ ...ok, lr: -1 }, { ...ok, batch: 1.5 }, { ...ok, optimizer: 'rmsprop' }, { ...ok, clip: 'x' }]) expect(readTrainSettings(JSON.stringify(bad))).toBeNull();
    expect(readTrainSettings('{')).toBeNull();
  });
});

describe('the address and the store', () => {
  /** A minimal browser: the address, its history and the window's events, with fake timers. */
  function fakeBrowser(hash: string) {
    const listeners = new Map<string, () => void>();
    const location = { hash };
    const history = { replaceState: vi.fn((_s: unknown, _t: string, url: string) => void (location.hash = url)) };
    vi.stubGlobal('location', location);
    vi.stubGlobal('history', history);
    vi.stubGlobal('navigator', { language: 'en' });
    vi.stubGlobal('window', {
      setTimeout: (f: () => void, ms: number) => setTimeout(f, ms),
      clearTimeout: (id: number) => clearTimeout(id),
      addEventListener: (type: string, f: () => void) => listeners.set(type, f),
      removeEventListener: (type: string) => listeners.delete(type),
    });
    return { location, history, fire: (type: string) => listeners.get(type)?.() };
  }
  const fakeActions = () =>
    ({ openSession: vi.fn(async () => undefined), notify: vi.fn(), restoreWeights: vi.fn(), seek: vi.fn() }) as unknown as Actions & {
      openSession: ReturnType<typeof vi.fn>;
    };

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('a link into a chapter shows the gradient view that chapter talks about, unless it names its own', () => {
    const vanishing = CHAPTERS.findIndex((c) => c.id === 'vanishing');
    const b = fakeBrowser(`#ch=${vanishing + 1}&lang=en`);
    const store = createAppStore();
    const actions = fakeActions();
    const stop = startPersistence(store, actions);
    expect(store.getState().gradTab).toBe('vanish');
    // a link that names its tab keeps it
    b.location.hash = `#ch=${vanishing + 1}&t=3&tab=weights&lang=en`;
    b.fire('hashchange');
    expect(store.getState().gradTab).toBe('weights');
    // a link to a chapter with no gradient view shows the link's own (the first, when it names none)
    b.location.hash = '#ch=1&lang=en';
    b.fire('hashchange');
    expect(store.getState().gradTab).toBe('bptt');
    stop();
  });

  it('a new address that arrives before its hashchange is handled wins over a pending update', () => {
    const b = fakeBrowser('#cell=lstm&H=8&T=12&seed=1&task=sine&lang=en');
    const store = createAppStore();
    const actions = fakeActions();
    const stop = startPersistence(store, actions);
    store.setState({ cursor: { phase: 'forward', t: 3, layer: 0, direction: 0, sub: null } }); // a step: an update is queued
    b.location.hash = '#cell=gru&H=5&T=9&seed=2&task=sine&lang=en'; // the link lands; hashchange not yet run
    vi.advanceTimersByTime(300);
    b.fire('hashchange');
    expect(store.getState().config.cell).toBe('gru');
    expect(store.getState().config.steps).toBe(9);
    expect(b.location.hash).toContain('cell=gru');
    expect(actions.openSession).toHaveBeenCalledTimes(1);
    stop();
  });

  it('a state that comes back to what was written before is written again over a foreign address', () => {
    const b = fakeBrowser('#cell=lstm&H=8&T=12&seed=1&task=sine&lang=en');
    const store = createAppStore();
    const actions = fakeActions();
    const stop = startPersistence(store, actions);
    store.setState({ cursor: { phase: 'forward', t: 2, layer: 0, direction: 0, sub: null } });
    vi.advanceTimersByTime(300);
    const ours = b.location.hash;
    const config = store.getState().config;
    b.location.hash = '#cell=lstm&H=256&T=12&seed=1&task=sine&lang=en';
    b.fire('hashchange');
    expect(store.getState().config.hidden).toBe(256);
    // the engine refuses the size: the settings go back to the session on screen
    store.setState({ config, cursor: { phase: 'forward', t: 2, layer: 0, direction: 0, sub: null } });
    vi.advanceTimersByTime(300);
    expect(b.location.hash).toBe(ours);
    stop();
  });

  it('a link to another moment of the same session asks for that moment\'s weight gradients', async () => {
    const b = fakeBrowser('#cell=lstm&H=8&T=12&seed=1&task=sine&phase=backward&t=5&lang=en');
    const store = createAppStore();
    const asked: number[] = [];
    const client = {
      request: vi.fn(async (body: { type: string; t?: number }) => {
        if (body.type === 'grads') {
          asked.push(body.t!);
          return { type: 'grads', grads: { t: body.t, accumulated: {}, contribution: {} } };
        }
        return new Promise(() => undefined); // nothing else answers in this test
      }),
    } as unknown as EngineClient;
    const actions = createActions(store, () => client);
    const stop = startPersistence(store, actions);
    // a session is on screen at backward t = 5 with its gradients
    const none = new Float64Array(0);
    const params = { layers: [{ wIh: none, wHh: none, bIh: none, bHh: none }], headW: none, headB: none };
    const model = { cell: 'lstm', hiddenSize: 8, numLayers: 1, directions: 1, origin: 'init' };
    store.setState({ snapshot: { version: 1, steps: 12, model, params } as unknown as SessionSnapshot, status: 'ready' });
    actions.seek(store.getState().cursor);
    await vi.runAllTimersAsync();
    expect(store.getState().grads?.t).toBe(5);
    // Back / Forward or an edited address: the same session, another step
    b.location.hash = '#cell=lstm&H=8&T=12&seed=1&task=sine&phase=backward&t=2&lang=en';
    b.fire('hashchange');
    await vi.runAllTimersAsync();
    expect(store.getState().cursor.t).toBe(2);
    expect(asked.at(-1)).toBe(2);
    expect(store.getState().grads?.t).toBe(2);
    stop();
  });

  it('state changes are written to the address once they settle', () => {
    const b = fakeBrowser('#cell=lstm&H=8&T=12&seed=1&task=sine&lang=en');
    const store = createAppStore();
    const stop = startPersistence(store, fakeActions());
    store.setState({ cursor: { phase: 'backward', t: 7, layer: 0, direction: 0, sub: null } });
    expect(b.location.hash).not.toContain('t=7');
    vi.advanceTimersByTime(300);
    expect(b.location.hash).toContain('phase=backward');
    expect(b.location.hash).toContain('t=7');
    b.fire('hashchange'); // our own write echoing back changes nothing
    expect(store.getState().cursor.t).toBe(7);
    stop();
  });

  it('says once when the trained weights cannot be kept because storage is full, and again after it worked', () => {
    fakeBrowser('#cell=lstm&H=8&T=12&seed=1&task=sine&lang=en');
    let full = true;
    const kept = new Map<string, string>();
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full) throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
        kept.set(k, v);
      },
      removeItem: (k: string) => kept.delete(k),
    });
    const store = createAppStore();
    const actions = fakeActions();
    const stop = startPersistence(store, actions);
    const trained = (version: number) => {
      const w = new Float64Array([version]);
      const params = { layers: [{ wIh: w, wHh: w, bIh: w, bHh: w }], headW: w, headB: w };
      return { version, steps: 12, model: { cell: 'lstm', hiddenSize: 8, numLayers: 1, directions: 1, origin: 'trained' }, params } as unknown as SessionSnapshot;
    };
    const notKept = () => (actions.notify as ReturnType<typeof vi.fn>).mock.calls.filter((c) => c[1] === 'notice.weightsNotKept').length;
    store.setState({ snapshot: trained(1) });
    vi.advanceTimersByTime(10);
    expect(notKept()).toBe(1);
    store.setState({ snapshot: trained(2) });
    vi.advanceTimersByTime(10);
    expect(notKept()).toBe(1); // said once, not at every snapshot
    full = false;
    store.setState({ snapshot: trained(3) });
    vi.advanceTimersByTime(10);
    expect(kept.size).toBe(1);
    full = true;
    store.setState({ snapshot: trained(4) });
    vi.advanceTimersByTime(10);
    expect(notKept()).toBe(2);
    stop();
  });
});
