import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { MessageKey } from '../content/i18n';
import { translate } from '../content/i18n';
import type { Actions } from './actions';
import type { AppState, AppStore } from './store';

const StoreContext = createContext<{ store: AppStore; actions: Actions } | null>(null);

export function AppProvider({ store, actions, children }: { store: AppStore; actions: Actions; children: ReactNode }) {
  return <StoreContext.Provider value={{ store, actions }}>{children}</StoreContext.Provider>;
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

export function useActions(): Actions {
  return useCtx().actions;
}

/** The message function for the current language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useApp((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}
