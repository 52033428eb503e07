/**
 * Part of `npm run bench:ui` (also `npm run bench:faults` alone): how the app holds under faults,
 * measured in Debian's Chromium on the test build (dist-e2e/, whose test hook injects the faults;
 * the production build has none, and the code measured is the same).
 *   - detection: the engine worker stops silently (self.close()) or hangs in a 40 s loop while
 *     training (LSTM H = 8, T = 12); from the fault to the app's notice that it restarted the
 *     worker. Budget: 2 s, for the slowest of the runs.
 *   - Pause latency while training at the largest size the app takes in one layer (LSTM H = 256,
 *     T = 1000, batch 256, where one iteration takes minutes): from the click on Pause to the
 *     store saying training stopped. Budget: 100 ms, for the slowest of the runs.
 * Printed as a table and written to e2e/output/bench-faults.json; exits 1 when a figure misses its budget.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { buildTestIfNeeded } from '../fixtures/dist';

const PORT = Number(process.env.BENCH_FAULTS_PORT ?? 4274);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = 5;
const DETECTION_BUDGET_MS = 2000;
const PAUSE_BUDGET_MS = 100;

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--mode', 'e2e', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(BASE)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`vite preview did not start on ${BASE}`);
}

interface HookState {
  notices: { key: string }[];
  training: { running: boolean; busy: boolean; iteration: number };
  snapshot: unknown;
}
type Hook = { close(): void; hang(ms: number): void; store: { getState(): HookState; subscribe(l: (s: HookState) => void): () => void } };

async function open(page: Page, hash: string): Promise<void> {
  // a fresh page each time (going to the same address with a hash would only change the hash)
  await page.goto('about:blank');
  await page.goto(`${BASE}/#lang=en&${hash}`);
  await page.waitForFunction(() => (window as unknown as { __unroll?: Hook }).__unroll?.store.getState().snapshot != null, undefined, { timeout: 120_000 });
}

/** From the fault to the restart notice, ms. */
async function detection(page: Page, fault: 'close' | 'hang'): Promise<number> {
  await open(page, 'cell=lstm&H=8&T=12&seed=1&task=sine');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(() => (window as unknown as { __unroll: Hook }).__unroll.store.getState().training.iteration > 5, undefined, { timeout: 60_000 });
  return page.evaluate(
    (f) =>
      new Promise<number>((resolve) => {
        const hook = (window as unknown as { __unroll: Hook }).__unroll;
        const t0 = performance.now();
        const stop = hook.store.subscribe((s) => {
          if (!s.notices.some((n) => n.key === 'notice.workerRestarted')) return;
          stop();
          resolve(performance.now() - t0);
        });
        if (f === 'close') hook.close();
        else hook.hang(40_000);
      }),
    fault,
  );
}

/** Click on Pause → the store says training stopped, ms; `runs` times, training a while before each. */
async function pauseLatency(page: Page, runs: number): Promise<number[]> {
  await open(page, 'cell=lstm&H=256&T=1000&seed=1&task=sine');
  const batch = page.getByRole('textbox', { name: 'Batch size' });
  await batch.fill('256');
  await batch.press('Enter');
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { __unroll: Hook }).__unroll.store.getState().training.running);
    // deep inside an iteration (16 s of one of several minutes), past the first snapshots
    await page.waitForTimeout(i === 0 ? 4000 : 1500);
    out.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const hook = (window as unknown as { __unroll: Hook }).__unroll;
            const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Pause training' || b.textContent?.trim() === 'Pause training')!;
            const t0 = performance.now();
            const stop = hook.store.subscribe((s) => {
              if (s.training.running || s.training.busy) return;
              stop();
              resolve(performance.now() - t0);
            });
            button.click();
          }),
      ),
    );
  }
  return out;
}

async function main(): Promise<void> {
  buildTestIfNeeded();
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const results: Record<string, number[]> = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    for (const fault of ['close', 'hang'] as const) {
      results[`detect_${fault}`] = [];
      for (let i = 0; i < RUNS; i++) results[`detect_${fault}`].push(await detection(page, fault));
      console.error(`detection (${fault}): ${results[`detect_${fault}`].map((x) => x.toFixed(0)).join(', ')} ms`);
    }
    results.pause_H256_T1000_batch256 = await pauseLatency(page, RUNS);
  } finally {
    await browser.close();
    server.kill();
  }
  mkdirSync('e2e/output', { recursive: true });
  writeFileSync('e2e/output/bench-faults.json', JSON.stringify(results, null, 1));
  const f = (x: number) => x.toFixed(0);
  const missed: string[] = [];
  const row = (label: string, xs: number[], budget: number) => {
    const max = Math.max(...xs);
    const median = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ok = Number.isFinite(max) && max <= budget;
    if (!ok) missed.push(`${label}: slowest ${f(max)} ms, budget ≤ ${budget} ms`);
    console.log(`| ${label} (${xs.length} runs: ${xs.map(f).join(', ')}) | median ${f(median)} / slowest ${f(max)} ms | slowest ≤ ${budget} ms${ok ? '' : ' **MISSED**'} |`);
  };
  console.log('| measure | value | budget |');
  console.log('|---|---|---|');
  row('worker stopped silently (self.close()) while training: fault → restart notice', results.detect_close, DETECTION_BUDGET_MS);
  row('worker hung in a 40 s loop while training: fault → restart notice', results.detect_hang, DETECTION_BUDGET_MS);
  row('Pause while training LSTM H = 256, T = 1000, batch 256: click → training stopped', results.pause_H256_T1000_batch256, PAUSE_BUDGET_MS);
  if (missed.length > 0) {
    console.error(`\nbench:faults: ${missed.length} budget(s) missed:\n  ${missed.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
