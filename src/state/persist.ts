/**
 * Keeps the URL hash and local storage in step with the store: the hash is read once at
 * start (and again when the user edits it), then rewritten as the state changes; the
 * language and theme are also remembered in local storage.
 */
import { isLang, type Lang } from '../content/i18n';
import { CHAPTERS } from '../content/lessons';
import type { Actions } from './actions';
import type { AppState, AppStore, Theme } from './store';
import { parseHash, toHash, type UrlState } from './url';

const LANG_KEY = 'unroll.lang';
const THEME_KEY = 'unroll.theme';

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

function urlStateOf(s: AppState): UrlState {
  return { lesson: s.lesson, projector: s.projector, config: s.config, cursor: s.cursor, substeps: s.substeps, unit: s.unit, view: s.view, notation: s.notation, lang: s.lang };
}

function applyParsed(store: AppStore, actions: Actions, hash: string, first: boolean): void {
  const parsed = parseHash(hash);
  store.setState({
    config: parsed.config,
    cursor: parsed.cursor,
    substeps: parsed.substeps,
    unit: parsed.unit,
    view: parsed.view,
    notation: parsed.notation,
    lesson: parsed.lesson,
    focus: parsed.lesson !== null ? CHAPTERS[parsed.lesson].focus : null,
    projector: parsed.projector,
    lang: first ? initialLang(parsed.lang) : parsed.lang ?? store.getState().lang,
  });
  if (parsed.problems.length > 0) actions.notify('warning', 'notice.badHash', { detail: parsed.problems.slice(0, 3).join(', ') });
}

export function startPersistence(store: AppStore, actions: Actions): () => void {
  applyParsed(store, actions, location.hash, true);
  store.setState({ theme: initialTheme() });
  let written = location.hash;
  let pending: number | null = null;
  const write = () => {
    pending = null;
    const hash = toHash(urlStateOf(store.getState()));
    if (hash !== written) {
      written = hash;
      history.replaceState(null, '', hash);
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.lang !== prev.lang) storageSet(LANG_KEY, s.lang);
    if (s.theme !== prev.theme) storageSet(THEME_KEY, s.theme);
    if (pending === null) pending = window.setTimeout(write, 250);
  });
  const onHash = () => {
    if (location.hash === written) return;
    written = location.hash;
    const before = store.getState().config;
    applyParsed(store, actions, location.hash, false);
    if (JSON.stringify(before) !== JSON.stringify(store.getState().config)) void actions.openSession();
  };
  window.addEventListener('hashchange', onHash);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHash);
  };
}
