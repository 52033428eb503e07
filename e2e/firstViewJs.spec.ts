/**
 * What the first view of the production build (dist/) asks for: the page is loaded from dist/'s own
 * files (every request answered from the folder), and the JavaScript it has requested by the time
 * its first session is on screen is summed, gzipped. An embedded page (docs/embedding.md) stays
 * within the initial JavaScript budget and loads no more than the whole page; the parts the first
 * view does not show (the training and gradient panels, the lesson, KaTeX) come after it.
 */
import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INITIAL_JS_BUDGET_KB } from '../vite.config';
import { DIST } from './fixtures/dist';

// dist/ registers a service worker after the first view; it would answer later loads itself
test.use({ serviceWorkers: 'block' });

interface Loaded {
  /** page scripts it began to fetch before its first interactive view (the engine worker's script apart) */
  initial: string[];
  /** page scripts fetched after it, until the network is quiet */
  later: string[];
  /** the engine worker's script */
  worker: string[];
}

/** Serves dist/ to `page`, opens `hash` and sorts the scripts it requested by when. */
async function load(page: Page, hash: string): Promise<Loaded> {
  const requested = new Set<string>();
  await page.context().route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) return route.fulfill({ status: 404, body: '' });
    if (path.endsWith('.js')) requested.add(path);
    await route.fulfill({ path: file });
  });
  // room for every file of a load in the page's resource timing (the fonts come in many pieces)
  await page.addInitScript(() => performance.setResourceTimingBufferSize(2000));
  await page.goto(`/${hash}`);
  await page.waitForFunction(() => performance.getEntriesByName('unroll:interactive').length > 0);
  await page.waitForLoadState('networkidle');
  // "before the first view": the page started to fetch it before its mark
  const before = new Set(
    await page.evaluate(() => {
      const mark = performance.getEntriesByName('unroll:interactive')[0].startTime;
      return performance.getEntriesByType('resource').filter((e) => e.startTime < mark).map((e) => new URL(e.name).pathname);
    }),
  );
  const isWorker = (p: string) => /\/engine\.worker-[\w-]+\.js$/.test(p);
  const pageScripts = [...requested].filter((p) => !isWorker(p));
  return {
    initial: pageScripts.filter((p) => before.has(p)),
    later: pageScripts.filter((p) => !before.has(p)),
    worker: [...requested].filter(isWorker),
  };
}

const gzipKB = (paths: string[]) => paths.reduce((sum, p) => sum + gzipSync(readFileSync(join(DIST, p))).length, 0) / 1024;

test('an embedded page loads no more initial JavaScript than the budget, nor than the whole page', async ({ page, browser }) => {
  const embedded = await load(page, '#lang=en&embed=timeline,cell,equations&cell=lstm&H=8&T=12');
  const other = await browser.newContext({ serviceWorkers: 'block', baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 720 } });
  const full = await load(await other.newPage(), '#lang=en&cell=lstm&H=8&T=12');
  await other.close();

  const embeddedKB = gzipKB(embedded.initial);
  const fullKB = gzipKB(full.initial);
  test.info().annotations.push(
    { type: 'embedded initial JS gzip kB', description: `${embeddedKB.toFixed(1)} (${embedded.initial.length} files)` },
    { type: 'whole page initial JS gzip kB', description: `${fullKB.toFixed(1)} (${full.initial.length} files)` },
  );
  // the measure measured something: every script index.html names (the entry and what it
  // modulepreloads), and the engine worker's
  const named = [...readFileSync(join(DIST, 'index.html'), 'utf8').matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  expect(named.length).toBeGreaterThan(0);
  expect(embedded.initial).toEqual(expect.arrayContaining(named));
  expect(embedded.worker.length).toBe(1);
  expect(embeddedKB).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
  expect(embeddedKB).toBeLessThanOrEqual(fullKB);
  // the equations come after the first view (KaTeX, its own chunk), and an embedded page without
  // the training and gradient panels never fetches them, nor the lesson
  expect(embedded.initial.filter((p) => /katex/i.test(p))).toEqual([]);
  expect(embedded.later.some((p) => /katex/i.test(p))).toBe(true);
  expect([...embedded.initial, ...embedded.later].filter((p) => /(TrainingPanel|GradientPanel|LessonPanel)-/.test(p))).toEqual([]);
  // …which the whole page does fetch, after its first view
  expect(full.initial.filter((p) => /(TrainingPanel|GradientPanel|LessonPanel|katex)/.test(p))).toEqual([]);
  expect(full.later.filter((p) => /(TrainingPanel|GradientPanel|LessonPanel)-/.test(p)).length).toBe(3);
});
