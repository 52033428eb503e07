/**
 * The initial JavaScript stays within its budget (the build also reports it). Measured from
 * the built dist/index.html: the entry script and every module it preloads, gzipped.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { INITIAL_JS_BUDGET_KB } from '../vite.config';

test('initial JavaScript is within the gzip budget', async () => {
  const dist = join(import.meta.dirname, '..', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThan(0);
  let gz = 0;
  for (const f of files) gz += gzipSync(readFileSync(join(dist, f.replace(/^\//, '')))).length;
  const kb = gz / 1024;
  test.info().annotations.push({ type: 'initial JS gzip kB', description: kb.toFixed(1) });
  expect(kb).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB);
});
