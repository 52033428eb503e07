/**
 * Before any test: the two builds, then the server the tests load the app from.
 *
 * - dist/, the production build: what budget.spec.ts and the security checks read.
 * - dist-e2e/, the test build (`vite build --mode e2e`: the production app plus the
 *   window.__unroll hook, see src/main.tsx): what the tests drive.
 * Each is built when it is missing or older than the sources, once, here, so that parallel
 * workers never build at once.
 *
 * The server is Vite's preview server, run inside the test runner's own process rather than as
 * Playwright's webServer. A webServer is a process group of its own (sh, npx, vite), and on a
 * machine shared with other jobs such a group was killed mid-run several times, every time
 * with no output (the group's leader went first): most likely another job stopping its own old
 * process group by a recycled id. In this process the server lives exactly as long as the run.
 */
import type { FullConfig } from '@playwright/test';
import { preview } from 'vite';
import { buildProductionIfNeeded, buildTestIfNeeded, ROOT } from './fixtures/dist';

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  buildProductionIfNeeded();
  buildTestIfNeeded();
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  if (process.env.E2E_REUSE_SERVER === '1') {
    // A server someone started on the port; it must serve dist-e2e/ (UnrollApp.open checks).
    await fetch(baseURL).catch(() => {
      throw new Error(`E2E_REUSE_SERVER=1, but nothing answers at ${baseURL}`);
    });
    return async () => undefined;
  }
  const { hostname, port } = new URL(baseURL);
  // Vite may set NODE_ENV for the process; the workers, started after this, inherit the runner's.
  const nodeEnv = process.env.NODE_ENV;
  const server = await preview({
    root: ROOT,
    mode: 'e2e',
    logLevel: 'error',
    preview: { host: hostname, port: Number(port), strictPort: true, open: false },
  }).catch((e: Error) => {
    throw new Error(`cannot serve the test build on ${baseURL}: ${e.message} (another server on the port? set E2E_PORT)`);
  });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  return async () => {
    await server.close();
  };
}
