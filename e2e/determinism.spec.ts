/**
 * Determinism: the same numbers, to the bit, in Chromium and in Node.
 *
 * ECMAScript lets engines approximate Math.exp, Math.tanh and friends differently, so the engine
 * computes them itself (src/engine/mathfn.ts, from +, −, ×, ÷ and exact bit operations). Here the
 * very source of those functions runs in the browser and in Node over the same 120 000 inputs,
 * and every result must agree bit for bit; then traces the app exports must be what the trace CLI
 * computes from the same file, number for number.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { transformWithOxc } from 'vite';
import * as mathfn from '../src/engine/mathfn';
import { fingerprint, mathfnInputs } from '../src/engine/mathfnInputs';
import { ROOT } from './fixtures/dist';
import { argumentsOf, evaluateAll, FUNCTIONS, type FunctionName } from './fixtures/mathfnRecipe';
import { expect, test } from './fixtures/test';

// The modules are routed into the page; a service worker would answer their requests itself.
test.use({ serviceWorkers: 'block' });

/** Where the page loads the modules from: the app's own origin, so its CSP (script-src 'self') admits them. */
const SERVED = '/__determinism/';
const MODULES = {
  'mathfn.js': 'src/engine/mathfn.ts',
  'mathfnInputs.js': 'src/engine/mathfnInputs.ts',
  'mathfnRecipe.js': 'e2e/fixtures/mathfnRecipe.ts',
} as const;

/** TypeScript source → the JavaScript module the browser runs, by Vite's own transform. */
async function toJs(path: string): Promise<string> {
  const source = await readFile(join(ROOT, path), 'utf8');
  const { code } = await transformWithOxc(source, path, { lang: 'ts' });
  expect(code, `${path} transformed`).toContain('export');
  return code;
}

/** The bits of a double, as hex, to show in a report. */
function bits(x: number): string {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.toString('hex');
}

test('exp, log, sin, cos, tanh, sigmoid and hypot give the same bits in Chromium as in Node', async ({ page, app }) => {
  const code = Object.fromEntries(await Promise.all(Object.entries(MODULES).map(async ([name, path]) => [name, await toJs(path)] as const)));
  await page.route(`**${SERVED}*`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(SERVED.length);
    const body = code[name];
    return body === undefined ? route.fulfill({ status: 404 }) : route.fulfill({ status: 200, contentType: 'text/javascript', body });
  });
  await app.open('');

  // Node: the engine's module as the CLI and the tests use it.
  const xs = mathfnInputs();
  expect(xs.length).toBeGreaterThanOrEqual(100_000);
  const node = evaluateAll(mathfn, xs);
  const nodePrints = Object.fromEntries(FUNCTIONS.map((f) => [f, fingerprint(node[f])]));

  // Chromium: the same source, transformed to JavaScript, imported by the page.
  const browser = await page.evaluate(async (dir) => {
    type Mods = [typeof import('../src/engine/mathfn'), typeof import('../src/engine/mathfnInputs'), typeof import('./fixtures/mathfnRecipe')];
    const [fns, inputs, recipe] = (await Promise.all([import(`${dir}mathfn.js`), import(`${dir}mathfnInputs.js`), import(`${dir}mathfnRecipe.js`)])) as Mods;
    const xsInPage = inputs.mathfnInputs();
    const results = recipe.evaluateAll(fns, xsInPage);
    const prints = Object.fromEntries(recipe.FUNCTIONS.map((f) => [f, inputs.fingerprint(results[f])]));
    // Kept for a report should a fingerprint differ.
    (window as unknown as { __mathfn: unknown }).__mathfn = results;
    return { n: xsInPage.length, inputs: inputs.fingerprint(xsInPage), prints };
  }, `${new URL(page.url()).origin}${SERVED}`);

  expect(browser.n, 'the browser evaluated as many inputs').toBe(xs.length);
  expect(browser.inputs, 'the browser drew the same inputs').toBe(fingerprint(xs));

  const differing: string[] = [];
  for (const f of FUNCTIONS) {
    if (browser.prints[f] === nodePrints[f]) continue;
    // Which inputs: the browser's results, as bytes.
    const base64 = await page.evaluate((name) => {
      const r = (window as unknown as { __mathfn: Record<string, Float64Array> }).__mathfn[name];
      let s = '';
      const bytes = new Uint8Array(r.buffer);
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    }, f);
    const inBrowser = new Float64Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer);
    const first: string[] = [];
    let count = 0;
    for (let i = 0; i < xs.length; i++) {
      if (bits(inBrowser[i]) === bits(node[f][i])) continue;
      count++;
      if (first.length < 5) first.push(`${f}(${argumentsOf(f as FunctionName, xs, i).join(', ')}): Chromium ${inBrowser[i]} (${bits(inBrowser[i])}), Node ${node[f][i]} (${bits(node[f][i])})`);
    }
    differing.push(`${f}: ${count} of ${xs.length} inputs differ; first: ${first.join('; ')}`);
  }
  expect(differing, 'functions whose bits differ between Chromium and Node').toEqual([]);
  expect(browser.prints).toEqual(nodePrints);
});

const run = promisify(execFile);

// Each export goes through the real CLI as a child process, as a user would run it.
for (const cell of ['rnn', 'lstm', 'gru'] as const) {
  test(`an exported ${cell} trace (mse and cross-entropy, truncated) is what the trace CLI computes from the file`, async ({ app, training }, testInfo) => {
    for (const [task, loss] of [
      ['sine', 'mse'],
      ['text', 'cross_entropy'],
    ] as const) {
      await test.step(`${task} (${loss}), truncation k = 4`, async () => {
        await app.open(`cell=${cell}&H=6&T=12&seed=11&task=${task}&k=4`);
        const { text } = await training.download('Export trace');
        const exported = JSON.parse(text);
        expect(exported.request).toMatchObject({ cell, loss, truncation: 4 });
        const file = testInfo.outputPath(`${cell}-${task}.trace.json`);
        await writeFile(file, text);
        const { stdout } = await run('npx', ['tsx', 'src/cli/trace.ts', file], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
        const cli = JSON.parse(stdout);
        // Zero tolerance: the numbers as JSON writes them (the shortest text that reads back to
        // the same double), so equal text is equal bits.
        for (const key of ['loss', 'steps', 'grads'] as const) {
          expect(JSON.stringify(exported[key]), `${key}: the export and the CLI agree to the bit`).toBe(JSON.stringify(cli[key]));
        }
      });
    }
  });
}
