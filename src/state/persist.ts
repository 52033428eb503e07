/**
 * Keeps the URL hash and local storage in step with the store: the hash is read once at
 * start (and again when the user edits it), then rewritten as the state changes; the
 * language and theme are also remembered in local storage.
 */
import { isLang, type Lang } from '../content/i18n';
import { trainSettingsProblem } from '../engine/train';
import type { SessionSnapshot } from '../worker/protocol';
import { paramFields, paramSetOf } from './model';
import { isCell } from './config';
import type { Actions } from './actions';
import { DEFAULT_TRAIN_SETTINGS, type AppStore, type StoredWeights, type Theme } from './store';
import { linkState, parseHash, toHash } from './url';
import { urlStateOf } from './slices/share';

const LANG_KEY = 'unroll.lang';
const THEME_KEY = 'unroll.theme';
const WEIGHTS_KEY = 'unroll.weights';
const TRAIN_KEY = 'unroll.train';
/** set once the first-visit welcome was closed */
export const WELCOMED_KEY = 'unroll.welcomed';

/** Training settings remembered in local storage; anything out of range is ignored whole. */
export function readTrainSettings(raw: string | null): { settings: typeof DEFAULT_TRAIN_SETTINGS; clip: number } | null {
  if (!raw) return null;
  try {
    const o = JSON.parse(raw) as Record<string, unknown>;
    if (!o || typeof o !== 'object' || trainSettingsProblem(o) !== null) return null;
    const settings = { optimizer: o.optimizer, lr: o.lr, momentum: o.momentum, beta1: o.beta1, beta2: o.beta2, eps: o.eps, batch: o.batch } as typeof DEFAULT_TRAIN_SETTINGS;
    return { settings, clip: o.clip as number };
  } catch {
    return null;
  }
}
/** Weights larger than this (float64 count) are not kept across reloads: session storage is small. */
export const MAX_STORED_WEIGHTS = 150_000;

/** float64 values as base64 (exact: the bytes themselves). */
export function encodeFloats(a: Float64Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function decodeFloats(s: string): Float64Array {
  const bin = atob(s);
  if (bin.length % 8 !== 0) throw new Error('not a whole number of float64 values');
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float64Array(bytes.buffer);
}

export function readStoredWeights(raw: string | null): StoredWeights | null {
  if (!raw) return null;
  try {
    const o = JSON.parse(raw) as Omit<StoredWeights, 'weights'> & { arrays: string[] };
    if (!o || !isCell(o.cell) || !Number.isInteger(o.hidden) || !Number.isInteger(o.layers) || typeof o.bidirectional !== 'boolean') return null;
    if (o.origin !== 'trained' && o.origin !== 'imported') return null;
    // state_dict order: 4 arrays per layer and direction, then the head's two
    if (!Array.isArray(o.arrays) || o.arrays.length !== 4 * o.layers * (o.bidirectional ? 2 : 1) + 2) return null;
    const list = o.arrays.map(decodeFloats);
    if (list.some((a) => a.some((v) => !Number.isFinite(v)))) return null;
    return { cell: o.cell, hidden: o.hidden, layers: o.layers, bidirectional: o.bidirectional, seed: o.seed, origin: o.origin, weights: paramSetOf(list) };
  } catch {
    return null;
  }
}

function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function storageSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode or full: the URL still holds the state */
  }
}

function sessionGet(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
/** Whether the value was kept (false: storage full, or none in this browser). */
function sessionSet(key: string, value: string): boolean {
  try {
    sessionStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
function sessionRemove(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    /* nothing kept anyway */
  }
}

function initialLang(fromUrl: Lang | null): Lang {
  if (fromUrl) return fromUrl;
  const stored = storageGet(LANG_KEY);
  if (isLang(stored)) return stored;
  return navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

function initialTheme(): Theme {
  const stored = storageGet(THEME_KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}


/** Applies a link; resolves once the weights it carries (if any) are open. */
function applyParsed(store: AppStore, actions: Actions, hash: string, first: boolean): Promise<void> | null {
  const parsed = parseHash(hash);
  store.setState({ ...linkState(parsed), lang: first ? initialLang(parsed.lang) : parsed.lang ?? store.getState().lang });
  if (parsed.problems.length > 0) actions.notify('warning', 'notice.badHash', { detail: parsed.problems.slice(0, 3).join(', ') });
  return parsed.weights ? actions.openLinkWeights(parsed.weights) : null;
}

/** The welcome greets a first visit that did not come through a link to a particular moment. */
function showsWelcome(hash: string): boolean {
  if (storageGet(WELCOMED_KEY) !== null || window.parent !== window) return false;
  const keys = [...new URLSearchParams(hash.replace(/^#/, '')).keys()];
  return keys.every((k) => k === 'lang');
}

/**
 * Starts keeping the address and storage in step. `opened` is set when the address carried
 * weights: the first session is then opened by applying them (main.tsx opens it otherwise).
 */
export function startPersistence(store: AppStore, actions: Actions): (() => void) & { opened: Promise<void> | null } {
  const opened = applyParsed(store, actions, location.hash, true);
  store.setState({ theme: initialTheme(), welcome: showsWelcome(location.hash) });
  // Session storage, not local: a reload in this tab keeps trained weights, while a link opened
  // anywhere else shows the seeded weights it describes.
  const stored = readStoredWeights(sessionGet(WEIGHTS_KEY));
  const c = store.getState().config;
  if (stored && stored.seed === c.seed) actions.restoreWeights(stored);
  // Trained or imported weights are kept (at most every 2 s while training runs).
  let weightsTimer: number | null = null;
  let lastSaved: SessionSnapshot | null = null;
  /** the user was told the weights could not be kept (once, until keeping works again) */
  let toldNotKept = false;
  const saveWeights = () => {
    weightsTimer = null;
    const snap = store.getState().snapshot;
    if (!snap || snap === lastSaved) return;
    lastSaved = snap;
    const list = paramFields(snap.params);
    const n = list.reduce((k, a) => k + a.length, 0);
    if (snap.model.origin === 'init' || n > MAX_STORED_WEIGHTS) return sessionRemove(WEIGHTS_KEY);
    const m = snap.model;
    const stored: Omit<StoredWeights, 'weights'> & { arrays: string[] } = {
      cell: m.cell,
      hidden: m.hiddenSize,
      layers: m.numLayers,
      bidirectional: m.directions === 2,
      seed: store.getState().config.seed,
      origin: m.origin as StoredWeights['origin'],
      arrays: list.map(encodeFloats),
    };
    if (sessionSet(WEIGHTS_KEY, JSON.stringify(stored))) toldNotKept = false;
    else if (!toldNotKept) {
      // Full (or no storage at all): a reload would lose them, so say so while they can be exported.
      toldNotKept = true;
      actions.notify('warning', 'notice.weightsNotKept', {});
    }
  };
  // Leaving or reloading the page: keep the very latest weights.
  const onHide = () => {
    if (weightsTimer !== null) clearTimeout(weightsTimer);
    saveWeights();
  };
  window.addEventListener('pagehide', onHide);
  const train = readTrainSettings(storageGet(TRAIN_KEY));
  if (train) store.setState({ clip: train.clip, training: { ...store.getState().training, settings: train.settings } });
  // `written` is the address as the browser holds it after our last write (it may re-encode
  // what we gave it); `lastHash` is what we gave it.
  let written = location.hash;
  let lastHash = '';
  let pending: number | null = null;
  const write = () => {
    pending = null;
    // The address changed under us (a pasted link, back / forward) and its hashchange has not been
    // handled yet: the new address wins, our state must not overwrite it.
    if (location.hash !== written) return onHash();
    const hash = toHash(urlStateOf(store.getState()));
    if (hash !== lastHash) {
      lastHash = hash;
      history.replaceState(null, '', hash);
      written = location.hash;
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.lang !== prev.lang) storageSet(LANG_KEY, s.lang);
    if (s.theme !== prev.theme) storageSet(THEME_KEY, s.theme);
    if (prev.welcome && !s.welcome) storageSet(WELCOMED_KEY, '1');
    if (s.snapshot !== prev.snapshot || s.training.running !== prev.training.running) {
      // While training runs, at most every 2 s; once it stops, at once.
      if (weightsTimer !== null && !s.training.running) {
        clearTimeout(weightsTimer);
        weightsTimer = null;
      }
      if (weightsTimer === null) weightsTimer = window.setTimeout(saveWeights, s.training.running ? 2000 : 0);
    }
    if (s.training.settings !== prev.training.settings || s.clip !== prev.clip) {
      storageSet(TRAIN_KEY, JSON.stringify({ ...s.training.settings, clip: s.clip }));
    }
    if (pending === null) pending = window.setTimeout(write, 250);
  });
  const onHash = () => {
    if (location.hash === written) return;
    written = location.hash;
    // The address is no longer what we last wrote: the next write must happen even if the
    // state comes back to exactly that (a size the engine refused reverts the settings).
    lastHash = '';
    const before = store.getState().config;
    // A link with weights opens its own session.
    if (applyParsed(store, actions, location.hash, false)) return;
    // A new configuration needs a new session; otherwise the moment changed (the cursor, the unit):
    // seeking there also asks for that moment's weight gradients.
    if (JSON.stringify(before) !== JSON.stringify(store.getState().config)) void actions.openSession();
    else actions.seek(store.getState().cursor);
  };
  window.addEventListener('hashchange', onHash);
  const stop = () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener('pagehide', onHide);
  };
  return Object.assign(stop, { opened });
}
