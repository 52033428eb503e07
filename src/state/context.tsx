import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { MessageKey } from '../content/i18n';
import { translate } from '../content/i18n';
import { localizeEngineVars } from '../content/i18n/engineMessages';
import type { Actions } from './actions';
import type { AppState, AppStore } from './store';

const StoreContext = createContext<{ store: AppStore; lagged: AppStore; actions: Actions } | null>(null);

/**
 * A copy of the store that follows it one painted frame later (at most one update per frame).
 * The heavy panels read this copy, so a step's key press renders only the timeline and the
 * status before the next paint, and the panels follow in the frame after.
 */
function useLaggedCopy(store: AppStore): AppStore {
  const lagged = useMemo(() => createStore<AppState>()(() => store.getState()), [store]);
  useEffect(() => {
    let scheduled = false;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      scheduled = false;
      lagged.setState(store.getState(), true);
      // After React has rendered the panels (its render is queued as a microtask by setState):
      // the UI bench times a step to here and the paint after it.
      queueMicrotask(() => {
        performance.clearMarks('unroll:panels');
        performance.mark('unroll:panels');
      });
    };
    const unsubscribe = store.subscribe((state) => {
      // The first session is drawn whole in one frame: drawn in two, the page would be laid out
      // twice before it is complete (the first view waits for both).
      if (lagged.getState().snapshot === null && state.snapshot !== null) {
        lagged.setState(state, true);
        return;
      }
      if (scheduled) return;
      scheduled = true;
      // after the next frame is painted: rAF runs before the paint, the message after it
      requestAnimationFrame(() => channel.port2.postMessage(0));
    });
    lagged.setState(store.getState(), true);
    return () => {
      unsubscribe();
      channel.port1.close();
    };
  }, [store, lagged]);
  return lagged;
}

export function AppProvider({ store, actions, children }: { store: AppStore; actions: Actions; children: ReactNode }) {
  const lagged = useLaggedCopy(store);
  const value = useMemo(() => ({ store, lagged, actions }), [store, lagged, actions]);
  return <StoreContext.Provider value={value}>{children}</StoreContext.Provider>;
}

function useCtx() {
  const ctx = useContext(StoreContext);
  if (!ctx) throw new Error('AppProvider is missing');
  return ctx;
}

/** Reads one slice of the app state; re-renders only when that value changes. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useCtx().store, selector);
}

/** Like useApp, for heavy panels that may follow a step one frame later (see useLaggedCopy). */
export function useDeferredApp<T>(selector: (s: AppState) => T): T {
  return useStore(useCtx().lagged, selector);
}

export function useActions(): Actions {
  return useCtx().actions;
}

/** The message function for the current language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useApp((s) => s.lang);
  // engine sentences in {message} and {reason} are said in the UI's language where they are known
  return (key, vars) => translate(lang, key, vars && localizeEngineVars(lang, vars));
}
