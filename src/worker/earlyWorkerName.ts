/** Where the built page's first script leaves the engine worker it started (vite.config.ts, spawn.ts). */
export const EARLY_WORKER_GLOBAL = 'unrollBootWorker';
