/**
 * Composition root: creates the store, the engine worker client and the actions, wires
 * the URL and local storage, and mounts the app.
 */
// First: the worker starts fetching the engine while everything else below is evaluated.
import { spawnEngineWorker } from './worker/spawn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createActions } from './state/actions';
import { AppProvider } from './state/context';
import { startPersistence } from './state/persist';
import { startEmbedBridge } from './state/embedBridge';
import { createAppStore } from './state/store';
import { EngineClient } from './worker/client';
import type { ParamArrays as ParamSet } from './worker/protocol';
// the app's own font faces (vite.config.ts keeps only those here; the rest come after the first view)
import '@fontsource-variable/noto-sans-kr';
// the app's stylesheets, in cascade order (later ones override)
import './views/ui/app.css';
import './views/chrome/topBar.css';
import './views/ui/mainArea.css';
import './views/chrome/projector.css';
import './views/ui/renderHints.css';
import './views/chrome/settingsMenu.css';
import './views/ui/phone.css';
import { loadKatex } from './views/equations/Tex';
import { afterFirstView } from './views/deferred/firstView';

const store = createAppStore();
let client: EngineClient | null = null;
const actions = createActions(store, () => client!);
client = new EngineClient(spawnEngineWorker, (reason) => actions.workerRestarted(reason));
client.onEvent = (event) => actions.onTrainEvent(event);
// A link that carries weights opens the first session itself, once they are decoded.
if (!startPersistence(store, actions).opened) void actions.openSession();
// Embed mode inside another page's frame: that page drives it by postMessage (docs/embedding.md).
if (store.getState().embed && window.parent !== window) startEmbedBridge(store, actions, window.parent);

// The end-to-end tests' hook: read the store, export a trace, and stop or hang the worker the way
// a fault would. Only in the test build (`vite build --mode e2e`); Vite replaces MODE with a constant, so
// the production bundle drops this block (e2e/budget.spec.ts checks dist/ has no __unroll).
if (import.meta.env.MODE === 'e2e') {
  (window as unknown as { __unroll?: unknown }).__unroll = {
    kill: () => client?.kill(),
    crash: () => client?.injectFault('crash'),
    // a worker that stops without an error, and one stuck in a loop for `ms`: only the watchdog sees them
    close: () => client?.injectFault('close'),
    hang: (ms: number) => client?.injectFault({ hangMs: ms }),
    store,
    exportTrace: () => actions.exportTrace(),
    // every weight array under one flat name (layer 0's keep the short names wIh … headB), for
    // comparing weights before and after in one toEqual
    flatParams: (p: ParamSet) => {
      const out: Record<string, Float64Array> = { headW: p.headW, headB: p.headB };
      p.layers.forEach((lp, k) => {
        const tag = k === 0 ? '' : `_${k}`;
        Object.assign(out, { [`wIh${tag}`]: lp.wIh, [`wHh${tag}`]: lp.wHh, [`bIh${tag}`]: lp.bIh, [`bHh${tag}`]: lp.bHh });
      });
      return out;
    },
  };
}

// What the first view does not need waits until it is on screen (App.tsx says when, see
// views/deferred/firstView.ts): the equation renderer (KaTeX, its own chunk), the panels below the
// timeline and the dialogs (views/deferred/panels.tsx), the whole web font behind the app's own
// faces (views/ui/wholeFontFamily.ts) and, in the built app, the service worker
// that caches every file for offline use (registered earlier, its downloads competed with the
// first session for the network and the CPU).
void afterFirstView(async () => {
  void loadKatex().catch(() => undefined);
  void import('./views/ui/wholeFontFamily').catch(() => undefined);
  if (import.meta.env.PROD && 'serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider store={store} actions={actions}>
      <App />
    </AppProvider>
  </StrictMode>,
);
