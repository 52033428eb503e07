/**
 * `npx tsx e2e/bench/firstview-profile.ts [--runs 5] [--throttle 4] [--hash '#lang=en&seed=1']`:
 * where the first interactive view's time goes, on the production build (dist/, run `npx vite build`
 * first) served by `vite preview`. Each load is a first visit (a fresh browser context: empty cache,
 * no service worker). It prints, as medians over the runs:
 *   - navigation timing (response, DOM interactive, DOMContentLoaded, load) and the app's marks
 *   - every resource the page fetched (from the network log, so the worker's script counts too): when
 *     it started and finished, its size on the wire
 *   - the worker: when it was created, when the page sent it the first request, when the answer came
 *   - long tasks (over 50 ms) before the first view, and the main thread's CPU profile up to it
 *     (self time by script and the heaviest functions; each load's profile is written to
 *     e2e/output/firstview-N.cpuprofile)
 * The budget and the figure that counts are in ui-bench.ts; this script is for finding the why.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { BASE, startServer } from './server';
import { quantile } from './quantile';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', '5'));
const THROTTLE = Number(arg('--throttle', '1'));
const HASH = arg('--hash', '#lang=en&seed=1');
/** `--plain`: timings only, without the CPU profile and the worker's marks (which cost time themselves) */
const PLAIN = process.argv.includes('--plain');

/** In the page before any of its scripts: the worker's first messages and the long tasks. */
const OBSERVE = () => {
  const w = window as unknown as { __fv: Record<string, number | number[]> };
  const fv: Record<string, number | number[]> = { longTasks: [] };
  w.__fv = fv;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) (fv.longTasks as number[]).push(e.startTime, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      fv.workerCreated ??= performance.now();
      this.addEventListener('message', (e: MessageEvent) => {
        const type = (e.data as { type?: string })?.type ?? '?';
        fv[`worker→${type}`] ??= performance.now();
      });
    }
    postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions) {
      const type = (message as { type?: string })?.type ?? '?';
      fv[`→worker ${type}`] ??= performance.now();
      super.postMessage(message, transfer as Transferable[]);
    }
  } as typeof Worker;
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) by script file and by function, up to `untilUs` on the profile's clock. */
function selfTimes(p: Profile, untilUs: number): { byFile: Map<string, number>; byFn: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const byFile = new Map<string, number>();
  const byFn = new Map<string, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    if (t > untilUs) break;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(p.samples[i])!;
    const file = n.callFrame.url.replace(/^.*\//, '') || `(${n.callFrame.functionName || 'program'})`;
    byFile.set(file, (byFile.get(file) ?? 0) + dt);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
  }
  return { byFile, byFn };
}

interface Run {
  marks: Record<string, number>;
  resources: { url: string; start: number; end: number; bytes: number }[];
  longTasks: number[];
  byFile: Map<string, number>;
  byFn: Map<string, number>;
}

let profileCount = 0;

async function oneLoad(page: Page, cdp: CDPSession): Promise<Run> {
  const requests = new Map<string, { url: string; start: number; end: number; bytes: number }>();
  let t0 = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!t0 && e.type === 'Document') t0 = e.timestamp;
    requests.set(e.requestId, { url: e.request.url, start: e.timestamp, end: NaN, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  // The worker's script is fetched by the worker: the network log sees it through auto-attach.
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
  if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  if (!PLAIN) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  const workerMarks: Promise<Record<string, number>> = PLAIN ? Promise.resolve({}) : new Promise<Record<string, number>>((resolve) =>
    page.once('worker', async (w) => {
      // the worker's clock starts later than the page's: its marks are moved onto the page's clock
      await w.evaluate(() => new Promise((r) => setTimeout(r, 0))).catch(() => undefined);
      for (let i = 0; i < 100; i++) {
        const m = await w.evaluate(() => ({
          origin: performance.timeOrigin,
          marks: performance.getEntriesByType('mark').map((e) => [e.name, e.startTime] as const),
          res: performance.getEntriesByType('resource').map((e) => [(e as PerformanceResourceTiming).name, e.startTime, (e as PerformanceResourceTiming).responseEnd] as const),
        }));
        if (m.marks.some(([n]) => n === 'unroll:worker-answered')) {
          const out: Record<string, number> = {};
          for (const [n, t] of m.marks) out[n.replace('unroll:', '')] = t + m.origin;
          for (const [n, s, e] of m.res) {
            const short = n.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '.js');
            out[`worker fetch ${short} start`] = s + m.origin;
            out[`worker fetch ${short} end`] = e + m.origin;
          }
          out['worker timeOrigin'] = m.origin;
          return resolve(out);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      resolve({});
    }),
  );
  await page.goto(`${BASE}/${HASH}`);
  await page.waitForFunction(() => performance.getEntriesByName('unroll:interactive').length > 0, null, { timeout: 30_000 });
  const profile: Profile = PLAIN ? { nodes: [], startTime: 0, samples: [], timeDeltas: [] } : ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile;
  const info = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const mark = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
    const fv = (window as unknown as { __fv: Record<string, number | number[]> }).__fv;
    const marks: Record<string, number> = {
      responseEnd: nav.responseEnd,
      domInteractive: nav.domInteractive,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      'first paint': performance.getEntriesByName('first-paint')[0]?.startTime ?? NaN,
      'first contentful paint': performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      'unroll:panels (first)': performance.getEntriesByName('unroll:panels')[0]?.startTime ?? NaN,
      'unroll:interactive': mark('unroll:interactive'),
    };
    for (const [k, v] of Object.entries(fv)) if (typeof v === 'number') marks[k] = v;
    return { marks, longTasks: fv.longTasks as number[], timeOrigin: performance.timeOrigin };
  });
  for (const [k, v] of Object.entries(await workerMarks)) info.marks[k] = v - info.timeOrigin;
  // The profile's clock is microseconds on the same monotonic clock as the network log's seconds.
  const interactiveUs = (t0 * 1e6) + info.marks['unroll:interactive'] * 1000;
  const { byFile, byFn } = selfTimes(profile, interactiveUs);
  if (!PLAIN) {
    // for Chromium's DevTools (Performance → load profile), or a source-mapped breakdown
    mkdirSync('e2e/output', { recursive: true });
    writeFileSync(`e2e/output/firstview-${profileCount++}.cpuprofile`, JSON.stringify({ ...profile, interactiveUs }));
  }
  const resources = [...requests.values()].map((r) => ({
    url: r.url.replace(BASE, '').replace(/-[\w-]{8}\.(js|css|woff2)$/, '.$1'),
    start: (r.start - t0) * 1000,
    end: (r.end - t0) * 1000,
    bytes: r.bytes,
  }));
  return { marks: info.marks, resources, longTasks: info.longTasks, byFile, byFn };
}

const med = (xs: number[]) => quantile(xs.filter((x) => Number.isFinite(x)), 0.5);
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0).padStart(5) : '    –');

function report(runs: Run[]): void {
  console.log(`\nmedians of ${runs.length} first visits to /${HASH}${THROTTLE > 1 ? ` at ${THROTTLE}× CPU throttling` : ''} (ms from navigation start)`);
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.marks)))];
  const rows = keys.map((k) => [k, med(runs.map((r) => r.marks[k]))] as const).sort((a, b) => a[1] - b[1]);
  for (const [k, v] of rows) console.log(`  ${ms(v)}  ${k}`);
  console.log('\nresources (start → end, kB on the wire)');
  const urls = [...new Set(runs.flatMap((r) => r.resources.map((x) => x.url)))];
  const resRows = urls.map((u) => {
    const of = runs.map((r) => r.resources.find((x) => x.url === u)).filter((x) => x !== undefined);
    return { u, start: med(of.map((x) => x.start)), end: med(of.map((x) => x.end)), kb: med(of.map((x) => x.bytes)) / 1024, n: of.length };
  });
  for (const r of resRows.sort((a, b) => a.start - b.start)) console.log(`  ${ms(r.start)} → ${ms(r.end)}  ${r.kb.toFixed(1).padStart(6)} kB  ${r.u}${r.n < runs.length ? ` (${r.n}/${runs.length} loads)` : ''}`);
  console.log('\nlong tasks before the first view (start+duration, ms), per load');
  for (const r of runs) {
    const lt: string[] = [];
    for (let i = 0; i < r.longTasks.length; i += 2) if (r.longTasks[i] < r.marks['unroll:interactive']) lt.push(`${r.longTasks[i].toFixed(0)}+${r.longTasks[i + 1].toFixed(0)}`);
    console.log(`  ${lt.join('  ') || 'none'}`);
  }
  const sum = (pick: (r: Run) => Map<string, number>) => {
    const total = new Map<string, number[]>();
    for (const r of runs) for (const [k, v] of pick(r)) total.set(k, [...(total.get(k) ?? []), v]);
    return [...total].map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / runs.length] as const).sort((a, b) => b[1] - a[1]);
  };
  console.log('\nmain-thread CPU up to the first view, self time by script (mean ms)');
  for (const [k, v] of sum((r) => r.byFile).slice(0, 12)) console.log(`  ${v.toFixed(1).padStart(6)}  ${k}`);
  console.log('\nheaviest functions (mean self ms)');
  for (const [k, v] of sum((r) => r.byFn).slice(0, 20)) console.log(`  ${v.toFixed(1).padStart(6)}  ${k}`);
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const runs: Run[] = [];
  try {
    // one load to warm the browser process itself, not counted
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      // tsx keeps function names with a helper (__name) that the page does not have
      await context.addInitScript('globalThis.__name = (f) => f;');
      await context.addInitScript(OBSERVE);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const run = await oneLoad(page, cdp);
      if (i > 0) runs.push(run);
      await context.close();
    }
    report(runs);
  } finally {
    await browser.close();
    server.kill();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
