/**
 * The engine worker. The built page starts it from a tiny script before its own (vite.config.ts,
 * earlyWorker), so the worker loads the engine while the page loads React; this module takes that
 * worker over, or, where there is none (the dev server), starts one as the first thing the page
 * evaluates (main.tsx imports this module before anything else).
 */
import { EARLY_WORKER_GLOBAL } from './earlyWorkerName';

const create = () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

function takeEarly(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  const g = globalThis as unknown as Record<string, unknown>;
  const w = g[EARLY_WORKER_GLOBAL];
  // taken: the early script, should it run after this, starts no second worker
  g[EARLY_WORKER_GLOBAL] = 'taken';
  return w instanceof Worker ? w : create();
}

let early: Worker | null = takeEarly();

/** The worker started at load the first time, then a new one (after a crash or a restart). */
export function spawnEngineWorker(): Worker {
  const w = early ?? create();
  early = null;
  return w;
}
