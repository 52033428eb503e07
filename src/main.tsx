/**
 * Composition root: creates the store, the engine worker client and the actions, wires
 * the URL and local storage, and mounts the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createActions } from './state/actions';
import { AppProvider } from './state/context';
import { startPersistence } from './state/persist';
import { createAppStore } from './state/store';
import { EngineClient } from './worker/client';
import '@fontsource-variable/noto-sans-kr';
import './views/app.css';
import { loadEquation } from './views/Tex';

const store = createAppStore();
let client: EngineClient | null = null;
const actions = createActions(store, () => client!);
client = new EngineClient(
  () => new Worker(new URL('./worker/engine.worker.ts', import.meta.url), { type: 'module' }),
  (reason) => actions.workerRestarted(reason),
);
client.onEvent = (event) => actions.onTrainEvent(event);
startPersistence(store, actions);
void actions.openSession();

// The end-to-end tests' hook: read the store, export a trace, and stop the worker the way a crash
// would. Only in the test build (`vite build --mode e2e`); Vite replaces MODE with a constant, so
// the production bundle drops this block (e2e/budget.spec.ts checks dist/ has no __unroll).
if (import.meta.env.MODE === 'e2e') {
  (window as unknown as { __unroll?: unknown }).__unroll = {
    kill: () => client?.kill(),
    crash: () => client?.crashForTest(),
    store,
    exportTrace: () => actions.exportTrace(),
  };
}

// KaTeX is its own chunk; fetch it as soon as the first view is up.
window.addEventListener('load', () => setTimeout(() => void loadEquation().catch(() => undefined), 0));

// Offline after the first visit (built app only: the dev server serves modules live).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider store={store} actions={actions}>
      <App />
    </AppProvider>
  </StrictMode>,
);
