/**
 * The engine worker, started as the first thing the page evaluates (main.tsx imports this module
 * before anything else): the worker fetches and compiles the engine while the page is still
 * evaluating React and drawing its frame, so the first session is answered sooner.
 */
const create = () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

let early: Worker | null = typeof Worker === 'undefined' ? null : create();

/** The worker started at load the first time, then a new one (after a crash or a restart). */
export function spawnEngineWorker(): Worker {
  const w = early ?? create();
  early = null;
  return w;
}
