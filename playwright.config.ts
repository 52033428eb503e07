import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
}
const port = Number(process.env.E2E_PORT ?? 4173);
/**
 * Two workers: every test has its own browser context (its own storage, service worker and
 * engine worker), so tests share nothing but the static server. Measured on this project's
 * 2-core machine kind while other jobs kept it busy (load average 10): the e2e project took
 * 7.4 min with one worker, 5.9 min with two. E2E_WORKERS overrides it.
 */
const workers = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/output/results',
  // Builds dist/ and dist-e2e/ when missing or stale, and serves dist-e2e/ on E2E_PORT for the
  // run (a Vite preview server inside the runner's process: see e2e/global-setup.ts for why).
  globalSetup: './e2e/global-setup.ts',
  // Generous: these waits are for something to happen, on a machine that may be busy.
  timeout: 150_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  workers,
  // A failure is a failure: no retries that would hide a flaky test.
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: chromium },
    trace: 'off',
  },
  projects: [
    // `npm run test:e2e`: behaviour only. No screenshots and no timing budgets (those are
    // `npm run bench:ui`), so nothing here depends on how fast the machine is.
    { name: 'e2e', testMatch: /\.spec\.ts$/ },
    // `npm run shots`: screenshots of the main views, for people to look at (e2e/output/screenshots).
    { name: 'shots', testMatch: /\.shots\.ts$/ },
  ],
});
