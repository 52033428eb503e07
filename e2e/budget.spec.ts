/**
 * What ships: the production build in dist/ (see e2e/fixtures/dist.ts). Its initial JavaScript
 * stays within its budget (the build also reports it), and it carries no test hook: the tests'
 * window.__unroll exists only in the test build (`vite build --mode e2e`, dist-e2e/).
 */
import { expect, test } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INITIAL_JS_BUDGET_KB } from '../vite.config';
import { DIST, DIST_E2E, productionScripts, scriptsOf } from './fixtures/dist';

test('initial JavaScript is within the gzip budget', async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThan(0);
  let gz = 0;
  for (const f of files) gz += gzipSync(readFileSync(join(DIST, f.replace(/^\//, '')))).length;
  const kb = gz / 1024;
  test.info().annotations.push({ type: 'initial JS gzip kB', description: kb.toFixed(1) });
  expect(kb).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
});

test('the production build has no test hook: no __unroll in any of its JavaScript', async () => {
  const scripts = productionScripts();
  expect(scripts.length, 'dist/ holds the built scripts').toBeGreaterThan(2);
  const withHook = scripts.filter((f) => readFileSync(f, 'utf8').includes('__unroll')).map((f) => relative(DIST, f));
  expect(withHook).toEqual([]);
  // …while the test build, built from the same sources, has it: the check above is not vacuous.
  const inTestBuild = scriptsOf(DIST_E2E).filter((f) => readFileSync(f, 'utf8').includes('__unroll'));
  expect(inTestBuild.length, 'the test build (dist-e2e/) carries the hook').toBeGreaterThan(0);
});
