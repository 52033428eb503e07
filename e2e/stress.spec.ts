/**
 * Issue: proven under stress — bad input and faults. Fuzzes the link, the input fields, the CSV
 * upload and the weights import with seeded random and adversarial inputs; checks that sizes are
 * refused before anything is allocated; kills and crashes the engine worker mid-training; reloads
 * mid-session. Every refusal must name the problem, leave the app usable and change nothing else;
 * nothing the user supplies is ever rendered as HTML. The random inputs come from seeded
 * generators (src/engine/rng.ts), so a failure reproduces run after run.
 */
import type { Locator, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { CHAPTERS } from '../src/content/lessons';
import { INIT_SCHEMES } from '../src/engine/init';
import { createRng, type Rng } from '../src/engine/rng';
import { parseHash } from '../src/state/url';
import type { UnrollApp } from './fixtures/app';
import { expect, test } from './fixtures/test';

// Every test here also checks, through the `app` fixture, that no alert(), confirm() or prompt()
// opened (markup in what the user supplies must never run) and that nothing was logged as an error.

// ---- helpers -------------------------------------------------------------------------------

/** "Forward · t = 3 of 12", with "layer 1" (and "forward"/"reverse") for a stacked or two-way net, and a sub-step */
const STATUS = /^(Forward|Backward)(?: · (?:layer \d+ ?)?(?:forward|reverse)?)? · t = (\d+) of (\d+)( · .+)?$/;
const BAD_LINK = /^The link had settings Unroll could not read \((.*)\); defaults were used instead\.$/;

interface Snap {
  version: number;
  /** the iteration of the engine's training run (0: none yet) */
  iteration: number;
  steps: number;
  cell: string;
  hidden: number;
  origin: string;
  params: Record<string, number[]>;
}

interface Seen {
  /** the hash as the browser holds it after the assignment (percent-encoded) */
  hash: string;
  notices: string[];
  status: string;
  cursor: { phase: string; t: number; sub: number | null };
  config: { cell: string; hidden: number; steps: number; task: string; text: string; series: number[] };
  snap: { steps: number; hidden: number; cell: string } | null;
  rootChildren: number;
  bodyText: number;
  injectedImages: number;
  /** tags inside the notices other than the app's own (div, span, button) */
  foreignTags: string[];
}

/** The app's state through the test hook (what the worker sent; the UI computes none of it). */
async function snap(page: Page): Promise<Snap> {
  return page.evaluate(() => {
    type S = { version: number; iteration: number; steps: number; model: { cell: string; hiddenSize: number; origin: string }; params: Record<string, Float64Array> };
    const w = window as unknown as { __unroll: { flatParams(p: unknown): Record<string, Float64Array>; store: { getState(): { snapshot: S | null } } } };
    const s = w.__unroll.store.getState().snapshot!;
    const params: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(w.__unroll.flatParams(s.params))) params[k] = Array.from(v);
    return { version: s.version, iteration: s.iteration, steps: s.steps, cell: s.model.cell, hidden: s.model.hiddenSize, origin: s.model.origin, params };
  });
}

async function config(page: Page): Promise<Seen['config'] & { columns: number }> {
  return page.evaluate(() => {
    type C = Seen['config'] & { columns: number };
    const w = window as unknown as { __unroll: { store: { getState(): { config: C } } } };
    const c = w.__unroll.store.getState().config;
    return { cell: c.cell, hidden: c.hidden, steps: c.steps, task: c.task, text: c.text, series: [...c.series], columns: c.columns };
  });
}

/**
 * Types a hash into the address bar of the open page (a hashchange, no reload), as a user editing
 * the link would, and reports what the app made of it once the engine answered. The notices of
 * the previous hash are dismissed first, so the ones reported are this hash's.
 */
async function visitHash(page: Page, hash: string): Promise<Seen> {
  return page.evaluate(async (h) => {
    type Store = {
      getState(): {
        notices: unknown[];
        cursor: Seen['cursor'];
        config: Seen['config'];
        snapshot: { steps: number; model: { hiddenSize: number; cell: string } } | null;
      };
    };
    const w = window as unknown as { __unroll: { store: Store; exportTrace(): Promise<string> } };
    document.querySelectorAll<HTMLButtonElement>('.notices button').forEach((b) => b.click());
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    await frame();
    let set = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = location.hash;
      const changed = new Promise((r) => {
        addEventListener('hashchange', r, { once: true });
        setTimeout(r, 1000);
      });
      location.hash = h;
      set = location.hash;
      if (set === before) break;
      await changed;
      // The app rewrites the hash 250 ms after a change; if that write landed between the
      // assignment and the hashchange event, the app (rightly) ignored the event: type it again.
      if (location.hash === set) break;
    }
    // The engine answers in order: the trace export is answered after the session this hash opened.
    await w.__unroll.exportTrace().catch(() => undefined);
    await frame();
    const s = w.__unroll.store.getState();
    const notices = [...document.querySelectorAll('.notices .notice > span')].map((e) => e.textContent ?? '');
    const foreignTags = [...document.querySelectorAll('.notices *')].map((e) => e.tagName.toLowerCase()).filter((t) => !['div', 'span', 'button'].includes(t));
    return {
      hash: set,
      notices,
      status: document.querySelector('[role="status"]')?.textContent ?? '',
      cursor: s.cursor,
      config: { cell: s.config.cell, hidden: s.config.hidden, steps: s.config.steps, task: s.config.task, text: s.config.text, series: [...s.config.series] },
      snap: s.snapshot ? { steps: s.snapshot.steps, hidden: s.snapshot.model.hiddenSize, cell: s.snapshot.model.cell } : null,
      rootChildren: document.getElementById('root')?.childElementCount ?? 0,
      bodyText: document.body.innerText.length,
      injectedImages: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
      foreignTags,
    };
  }, hash);
}

/** What must hold after any hash, good or bad: a page with content, a status that reads right, no injected markup. */
function expectUsable(seen: Seen, label: string): void {
  expect(seen.rootChildren, `${label}: the page is not blank`).toBeGreaterThan(0);
  expect(seen.bodyText, `${label}: the page has text`).toBeGreaterThan(200);
  expect(seen.snap, `${label}: a session is on screen`).not.toBeNull();
  const m = seen.status.match(STATUS);
  expect(m, `${label}: status "${seen.status}"`).not.toBeNull();
  expect(m![1].toLowerCase(), `${label}: status phase`).toBe(seen.cursor.phase);
  expect(Number(m![2]), `${label}: status t`).toBe(seen.cursor.t);
  expect(Number(m![3]), `${label}: status T`).toBe(seen.snap!.steps);
  expect(seen.cursor.t, `${label}: cursor inside the sequence`).toBeLessThan(seen.snap!.steps);
  expect(seen.injectedImages, `${label}: no injected <img>`).toBe(0);
  expect(seen.foreignTags, `${label}: notices hold text only`).toEqual([]);
}

/** Steps once (forward, or back at the very end) and checks the status follows. */
async function expectStepping(app: UnrollApp, label: string): Promise<void> {
  const before = (await app.status.textContent()) ?? '';
  const atEnd = /^Backward · t = 0 of/.test(before);
  await app.button(atEnd ? 'Previous step' : 'Next step').click();
  await expect(app.status, `${label}: stepping moves the status`).not.toHaveText(before);
  await expect(app.status).toHaveText(STATUS);
}

// ---- 1. the URL hash ---------------------------------------------------------------------------

type Gen = (r: Rng) => [value: string, valid: boolean];
const one = <T>(r: Rng, xs: readonly T[]): T => xs[r.int(xs.length)];
const intIn = (r: Rng, lo: number, hi: number) => String(lo + r.int(hi - lo + 1));
/** A valid value half the time, an invalid one the other half (when the field has both). */
const choice = (valid: ((r: Rng) => string) | readonly string[], invalid: readonly string[]): Gen => (r) => {
  const canValid = typeof valid === 'function' || valid.length > 0;
  const pickValid = invalid.length === 0 || (canValid && r.next() < 0.5);
  return pickValid ? [typeof valid === 'function' ? valid(r) : one(r, valid), true] : [one(r, invalid), false];
};

const MANY_CHARS = Array.from({ length: 97 }, (_, k) => String.fromCodePoint(0xac00 + k)).join('');
const NUMBERS_BAD = ['NaN', 'Infinity', '-Infinity', '1e309', '', ' ', 'abc', '0x10', '1.5', '-0.5', '9'.repeat(40)];

/** Every field of the link: a generator of valid values (the app takes them silently) and invalid ones (a notice). */
const FIELDS: Record<string, Gen> = {
  cell: choice(['rnn', 'lstm', 'gru'], ['LSTM', 'banana', '', 'javascript:alert(1)', '<b>x</b>', 'lstm ', '🧠']),
  task: choice(['sine', 'sine_mix', 'text', 'copy', 'adding'], ['Sine', '../x', '', 'custom\u0000']),
  H: choice((r) => intIn(r, 1, 16), ['0', '-1', '-0', '257', '100000', '1e3', ...NUMBERS_BAD]),
  T: choice((r) => intIn(r, 1, 40), ['0', '1001', '1000000', '-3', '2.5', ...NUMBERS_BAD]),
  seed: choice((r) => intIn(r, 0, 4294967295), ['-1', '4294967296', '1e9', ...NUMBERS_BAD]),
  k: choice((r) => intIn(r, 0, 1000), ['-1', '1001', 'x', '']),
  sym: choice((r) => intIn(r, 2, 8), ['1', '9', 'x']),
  init: choice(INIT_SCHEMES, ['zeros', 'PyTorch', '']),
  scale: choice(['0.05', '1', '8', '2.5', '1e0', '.5', '1.5'], ['0', '-0', '8.01', '0x2', '-0.5', ...NUMBERS_BAD.filter((v) => v !== '1.5' && v !== '-0.5')]),
  fb: choice(['0', '1', '01', '5', '-2.5', '1e1'], ['11', '-10.5', 'true', '', 'x', 'NaN']),
  L: choice(['1', '2', '3'], ['0', '5', 'x', '1.5', '']),
  text: choice(['ab', 'héllo 世界 😀 안녕', '<img src=x onerror=alert(1)>', 'a&b=c#d%e+f'], ['a', '', 'x'.repeat(2001), MANY_CHARS]),
  series: choice(['0.1,0.5,-0.2', '1,2,3,4,5', '-0,1e-3,2E2'], ['1', 'a,b', '1e7,1', 'NaN,1', '1,,2', 'Infinity,0', '1, 2']),
  cols: choice([], ['0', '17', 'x', '-1']),
  phase: choice(['forward', 'backward'], ['sideways', '', 'FORWARD']),
  t: choice(['0'], ['-1', '1000000', 'x', '0.5']),
  sub: choice(['0'], ['99', 'x', '-1', '']),
  unit: choice(['0'], ['-1', '1000000', 'x']),
  view: choice(['rolled', 'unrolled'], ['flat', '']),
  nota: choice(['lecture', 'pytorch'], ['latex']),
  ch: choice(['1', String(CHAPTERS.length)], ['0', String(CHAPTERS.length + 1), 'x']),
  proj: choice(['0', '1'], []),
  lang: choice(['en'], ['fr', 'EN', '', 'ko-KR']),
};
const UNKNOWN_KEYS = ['foo', 'h', 'HH', '💥', '<script>alert(1)</script>', 'javascript:alert(1)', '__proto__', 'constructor'];

interface RandomHash {
  hash: string;
  /** keys whose first value is invalid, or that come twice (unknown keys included) */
  invalid: string[];
  expect: { cell: string; hidden: number; steps: number };
}

/** A random link of 1–8 fields, some repeated, some unknown; the expectation follows from the generators. */
function randomHash(r: Rng): RandomHash {
  const pairs: [string, string, boolean][] = [];
  const n = 1 + r.int(8);
  const keys = Object.keys(FIELDS);
  for (let i = 0; i < n; i++) {
    if (pairs.length > 0 && r.next() < 0.12) {
      const [key] = one(r, pairs);
      const [v, ok] = FIELDS[key] ? FIELDS[key](r) : ['x', false];
      pairs.push([key, v, ok]);
    } else if (r.next() < 0.1) pairs.push([one(r, UNKNOWN_KEYS), r.next() < 0.5 ? '' : '1', false]);
    else if (r.next() < 0.08) {
      // the custom task needs its values: with a valid series it is taken, without one refused
      const [v, ok] = FIELDS.series(r);
      pairs.push(['task', 'custom', true]);
      if (r.next() < 0.7) pairs.push(['series', v, ok]);
    } else {
      const key = one(r, keys);
      const [v, ok] = FIELDS[key](r);
      pairs.push([key, v, ok]);
    }
  }
  const first = new Map<string, { value: string; ok: boolean }>();
  const invalid = new Set<string>();
  for (const [key, value, ok] of pairs) {
    // a repeated key is named in the notice ("H twice"); the first value counts
    if (first.has(key)) {
      invalid.add(key);
      continue;
    }
    first.set(key, { value, ok });
    if (!ok) invalid.add(key);
  }
  const custom = first.get('task')?.value === 'custom';
  const series = first.get('series');
  if (custom && !(series && series.ok)) invalid.add('task');
  const H = first.get('H');
  const T = first.get('T');
  const cell = first.get('cell');
  const steps = custom && series?.ok ? series.value.split(',').length - 1 : T?.ok ? Number(T.value) : 12;
  return {
    hash: pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
    invalid: [...invalid],
    expect: { cell: cell?.ok ? cell.value : 'lstm', hidden: H?.ok ? Number(H.value) : 8, steps },
  };
}

/** Random characters, the kind a mangled link holds: controls, '%' escapes, separators, CJK, emoji, lone surrogates. */
function garbage(r: Rng): string {
  const pools = [
    () => String.fromCharCode(32 + r.int(95)),
    () => String.fromCharCode(r.int(32)),
    () => one(r, ['%', '&', '=', '#', '?', '+', '%E0%A4%A', '%FF', '%00', '%%', '%zz', '&&', '==']),
    () => String.fromCodePoint(0x4e00 + r.int(500)),
    () => String.fromCodePoint(0x1f600 + r.int(60)),
    () => String.fromCharCode(0xd800 + r.int(0x800)),
    () => String.fromCharCode(0x80 + r.int(0x180)),
  ];
  let s = '';
  const n = 1 + r.int(120);
  for (let i = 0; i < n; i++) s += one(r, pools)();
  return s;
}

interface Adversarial {
  hash: string;
  /** a notice naming this is expected; null: the link is valid and taken silently */
  notice: RegExp | null;
  then?: (seen: Seen, page: Page) => Promise<void> | void;
}

/** 30 000 values: over the series limit, within the link's length limit */
const LONG_SERIES = Array.from({ length: 30_000 }, (_, k) => k % 10).join(',');
const EVIL_IMG = '<img src=x onerror=alert(1)>';

const ADVERSARIAL: Adversarial[] = [
  { hash: '', notice: null, then: (s) => expect(s.config).toMatchObject({ cell: 'lstm', hidden: 8, steps: 12, task: 'sine' }) },
  { hash: 'H=100000', notice: /H=100000/, then: (s) => expect(s.snap!.hidden).toBe(8) },
  { hash: 'T=1000000', notice: /T=1000000/, then: (s) => expect(s.snap!.steps).toBe(12) },
  { hash: 'H=1e309&T=NaN', notice: /H=1e309, T=NaN/ },
  { hash: 'H=Infinity&T=-Infinity', notice: /H=Infinity, T=-Infinity/ },
  { hash: 'H=-0&T=-0', notice: /H=-0, T=-0/ },
  { hash: 'H=99999999999999999999', notice: /H=999999999999/ },
  { hash: 'scale=1e309', notice: /scale=1e309/ },
  { hash: 'scale=-0', notice: /scale=-0/ },
  { hash: 'scale=NaN', notice: /scale=NaN/ },
  { hash: 'scale=0x2', notice: /scale=0x2/ },
  { hash: 'seed=4294967295&H=3&T=5', notice: null, then: (s) => expect(s.snap).toMatchObject({ hidden: 3, steps: 5 }) },
  { hash: 'seed=-1', notice: /seed=-1/ },
  { hash: '%E0%A4%A', notice: /./ },
  { hash: '%', notice: /%/ },
  { hash: '%zz=1&H=%FF', notice: /H=\uFFFD/ },
  { hash: '&&&==&', notice: /==/ },
  { hash: 'cell=gru&cell=banana&H=4&H=100000', notice: /cell twice, H twice/, then: (s) => expect(s.snap).toMatchObject({ cell: 'gru', hidden: 4 }) },
  { hash: 'H=100000&H=4', notice: /H=100000/, then: (s) => expect(s.snap!.hidden).toBe(8) },
  { hash: 'cell=лстм&task=텍스트', notice: /cell=лстм, task=텍스트/ },
  { hash: `task=text&T=6&text=${encodeURIComponent('héllo 世界 😀 안녕')}`, notice: null, then: (s) => expect(s.config.text).toBe('héllo 世界 😀 안녕') },
  { hash: 'cell=javascript:alert(1)', notice: /cell=javascript:a\b/ },
  { hash: 'javascript:alert(document.domain)', notice: /javascript:a/ },
  {
    hash: `task=text&T=8&text=${encodeURIComponent(EVIL_IMG)}`,
    notice: null,
    then: async (s, page) => {
      expect(s.config.text).toBe(EVIL_IMG);
      await expect(page.getByLabel('Text to read, one character per step')).toHaveValue(EVIL_IMG);
    },
  },
  // the same, as a user would paste it: unescaped (the browser escapes < > and spaces)
  { hash: `task=text&T=8&text=${EVIL_IMG}<script>alert(2)</script>`, notice: null, then: (s) => expect(s.config.text).toBe(`${EVIL_IMG}<script>alert(2)</script>`) },
  { hash: `task=<b>bold</b>&cell=<img src=x onerror=alert(3)>`, notice: /cell=<img src=x o, task=<b>bold<\/b>/ },
  { hash: `text=${'ab'.repeat(5000)}&task=text`, notice: /text/, then: (s) => expect(s.config.text).not.toContain('abab') },
  { hash: `task=custom&series=${LONG_SERIES}`, notice: /series, task=custom without values/, then: (s) => expect(s.config.task).toBe('sine') },
  { hash: `foo=${'x'.repeat(100_001)}`, notice: /the link is too long/ },
  { hash: 'task=custom&series=1,,2,3', notice: /series/ },
  { hash: 'task=custom&series=0.5,0.25,-0.5,1', notice: null, then: (s) => expect(s.snap!.steps).toBe(3) },
  { hash: 'T=1000&H=8', notice: null, then: (s) => expect(s.snap!.steps).toBe(1000) },
  {
    // within the link's limits, over the engine's working-memory limit: refused by the engine,
    // and the settings go back to the session on screen (so the fields, the link and a reload agree)
    hash: 'cell=lstm&H=256&T=1000&L=4&bi=1',
    notice: /^The engine refused this: this size needs \d+ numbers of working memory/,
    then: async (s, page) => {
      expect(s.snap).toMatchObject({ hidden: 8, steps: 1000 });
      expect(s.config).toMatchObject({ hidden: 8, steps: 1000 });
      await expect.poll(() => page.evaluate(() => location.hash)).toContain('H=8&T=1000');
    },
  },
  { hash: 'T=3&t=5&H=8&unit=8&sub=99', notice: /t=5, sub=99, unit=8/ },
  { hash: 'ch=0&lang=xx&view=flat&nota=tex', notice: /view=flat, nota=tex, lang=xx/ },
  { hash: '__proto__=1&constructor=x&toString=y', notice: /__proto__=1, constructor=x, toString=y/ },
];

test('the link survives random and adversarial hashes: a notice names each bad field, the app stays usable', async ({ page, app }) => {
  // About 90 links, each opened and stepped: 36 to 56 s on a busy 2-core machine, and past the
  // 60 s this once had in one run of five. A cap for a hang, not a budget.
  test.setTimeout(360_000);
  await app.open('lang=en');
  const r = createRng(20240607);
  let checked = 0;

  await test.step('adversarial hashes: huge numbers, NaN, ±Infinity, -0, bad escapes, repeats, unicode, scripts', async () => {
    for (const a of ADVERSARIAL) {
      const label = `#${a.hash.slice(0, 60)}`;
      const seen = await visitHash(page, a.hash);
      expectUsable(seen, label);
      if (a.notice === null) expect(seen.notices, `${label}: taken silently`).toEqual([]);
      else expect(seen.notices.some((n) => a.notice!.test(n)), `${label}: a notice matching ${a.notice} in ${JSON.stringify(seen.notices)}`).toBe(true);
      await a.then?.(seen, page);
      await expectStepping(app, label);
      checked++;
    }
  });

  await test.step('40 random links of valid and invalid fields', async () => {
    for (let i = 0; i < 40; i++) {
      const h = randomHash(r);
      const label = `random #${i}: #${h.hash.slice(0, 80)}`;
      const seen = await visitHash(page, h.hash);
      expectUsable(seen, label);
      if (h.invalid.length === 0) {
        expect(seen.notices, `${label}: taken silently`).toEqual([]);
      } else {
        expect(seen.notices, `${label}: one notice`).toHaveLength(1);
        const m = seen.notices[0].match(BAD_LINK);
        expect(m, `${label}: the notice "${seen.notices[0]}"`).not.toBeNull();
        // the notice names (up to three of) the bad fields
        const named = h.invalid.filter((k) => m![1].includes(k.slice(0, 12)));
        expect(named.length, `${label}: the notice names one of ${h.invalid.join(' ')}`).toBeGreaterThan(0);
      }
      // each bad field fell back to its default, each good one was taken
      expect(seen.snap, label).toEqual({ steps: h.expect.steps, hidden: h.expect.hidden, cell: h.expect.cell });
      await expectStepping(app, label);
      checked++;
    }
  });

  await test.step('10 links of random characters (controls, escapes, CJK, emoji, lone surrogates)', async () => {
    for (let i = 0; i < 10; i++) {
      const g = garbage(r);
      const label = `garbage #${i}: ${JSON.stringify(g.slice(0, 60))}`;
      const seen = await visitHash(page, g);
      expectUsable(seen, label);
      // what the link says, read independently in Node from the hash the browser holds
      const problems = parseHash(seen.hash).problems;
      const readable = [...new URLSearchParams(seen.hash.replace(/^#/, '')).keys()].length > 0;
      expect(problems.length > 0, `${label}: a link with fields (${seen.hash.slice(0, 60)}) is named in a notice`).toBe(readable);
      expect(seen.notices.length > 0, `${label}: notices ${JSON.stringify(seen.notices)}`).toBe(problems.length > 0);
      await expectStepping(app, label);
      checked++;
    }
  });
  expect(checked).toBe(ADVERSARIAL.length + 50);
});

// ---- 2. the input fields ----------------------------------------------------------------------

interface Before {
  version: number;
  status: string;
  hash: string;
  config: Awaited<ReturnType<typeof config>>;
}

async function before(app: UnrollApp): Promise<Before> {
  const page = app.page;
  await expect.poll(() => app.hash()).toContain('t=');
  return { version: (await snap(page)).version, status: (await app.status.textContent()) ?? '', hash: await app.hash(), config: await config(page) };
}

async function expectUnchanged(app: UnrollApp, b: Before, label: string): Promise<void> {
  const page = app.page;
  expect((await snap(page)).version, `${label}: the session is the same`).toBe(b.version);
  await expect(app.status, `${label}: the status is the same`).toHaveText(b.status);
  expect(await config(page), `${label}: the settings are the same`).toEqual(b.config);
  expect(await app.hash(), `${label}: the link is the same`).toBe(b.hash);
}

test('the input fields refuse garbage next to themselves and change nothing, and take what is valid', async ({ page, app, dialogs }) => {
  test.setTimeout(240_000);
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  const editor = page.getByRole('region', { name: /^Input sequence/ });
  const apply = app.button('Use this input');

  async function refuse(field: Locator, value: string, message: string | RegExp, label: string) {
    const b = await before(app);
    await field.fill(value);
    await apply.click();
    await expect(editor.getByRole('alert'), label).toHaveText(message);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    const describedBy = await field.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${describedBy}"]`), `${label}: the message is tied to the field`).toHaveText(message);
    await expectUnchanged(app, b, label);
  }

  await test.step('the values field', async () => {
    const field = page.getByLabel('Values, separated by commas or spaces');
    const r = createRng(7);
    const huge = Array.from({ length: 100_000 }, () => (r.next() * 2 - 1).toFixed(3)).join(', ');
    const cases: [string, string | RegExp][] = [
      ['banana', 'Item 1 ("banana") is not a number.'],
      ['0.1, 0.2, NaN, 0.4', 'Item 3 ("NaN") is not a number.'],
      ['Infinity, 1', 'Item 1 ("Infinity") is not a number.'],
      ['1, -Infinity', 'Item 2 ("-Infinity") is not a number.'],
      ['1e309, 1', 'Item 1 is too large.'],
      ['0.5, 123456789012345678901234567890', 'Item 2 is too large.'],
      ['1, 2, 1000001', 'Item 3 is too large.'],
      ['0x10, 1', 'Item 1 ("0x10") is not a number.'],
      ['1.2.3, 4', 'Item 1 ("1.2.3") is not a number.'],
      ['１, ２', 'Item 1 ("１") is not a number.'],
      [EVIL_IMG, 'Item 1 ("<img") is not a number.'],
      ['', 'Give at least 2 values.'],
      ['  ,;, \n\t ;', 'Give at least 2 values.'],
      ['42', 'Give at least 2 values.'],
      [huge, 'At most 1001 values.'],
      [Array.from({ length: 1002 }, () => '0').join(' '), 'At most 1001 values.'],
      ['x'.repeat(100_000), /^Item 1 \("x{24}"\) is not a number\.$/],
    ];
    for (const [value, message] of cases) await refuse(field, value, message, `values ${JSON.stringify(value.slice(0, 40))}`);
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    // mixed separators (comma, semicolon, space, tab, newline) and every way to write a number
    await field.fill('0.5;-0.25 .5,\t5.\n-1e-3, +2E0  ,, 0');
    await apply.click();
    await expect(editor.getByRole('alert')).toBeHidden();
    await expect(app.status).toHaveText('Forward · t = 0 of 6');
    expect((await config(page)).series).toEqual([0.5, -0.25, 0.5, 5, -0.001, 2, 0]);
    await expectStepping(app, 'after a valid series');

    // the largest series the field takes: 1001 values, T = 1000
    const most = Array.from({ length: 1001 }, (_, k) => ((k % 11) - 5) / 10).join(' ');
    await field.fill(most);
    await apply.click();
    await expect(app.status).toHaveText(/ of 1000$/);
  });

  await test.step('the text field', async () => {
    await app.open('cell=gru&H=6&T=10&seed=2&task=text');
    const field = page.getByLabel('Text to read, one character per step');
    const cases: [string, string][] = [
      ['', 'Give at least 2 characters.'],
      ['a', 'Give at least 2 characters.'],
      ['😀', 'Give at least 2 characters.'],
      ['x'.repeat(2001), 'At most 2000 characters.'],
      ['ab'.repeat(50_000), 'At most 2000 characters.'],
      [MANY_CHARS, 'At most 96 different characters.'],
    ];
    for (const [value, message] of cases) await refuse(field, value, message, `text ${JSON.stringify(value.slice(0, 40))}`);

    // valid: markup, emoji, tabs and newlines are characters like any other, shown as text
    const evil = `${EVIL_IMG}<script>alert(1)</script>\t😀\n안녕`;
    await field.fill(evil);
    await apply.click();
    await expect(editor.getByRole('alert')).toBeHidden();
    await expect.poll(async () => (await config(page)).text).toBe(evil);
    await expect(field).toHaveValue(evil);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    await expect(app.status).toHaveText('Forward · t = 0 of 10');
    await expectStepping(app, 'after a text with markup');

    const limit = Array.from({ length: 2000 }, (_, k) => String.fromCodePoint(0xac00 + (k % 96))).join('');
    await field.fill(limit);
    await apply.click();
    await expect.poll(async () => (await config(page)).text.length).toBe(2000);
    await expect(editor.getByRole('alert')).toBeHidden();
  });
});

// ---- 3. files: the CSV upload and the weights import ------------------------------------------

function randomBytes(seed: number, n: number): Buffer {
  const r = createRng(seed);
  return Buffer.from(Array.from({ length: n }, () => r.int(256)));
}

/** An LSTM state_dict for the sine task (1 input, 1 output), every number `v`. */
function lstmWeights(H: number, v: number): Record<string, number[] | number[][]> {
  const G = 4 * H;
  const m = (rows: number, cols: number) => Array.from({ length: rows }, () => Array<number>(cols).fill(v));
  return { weight_ih_l0: m(G, 1), weight_hh_l0: m(G, H), bias_ih_l0: Array<number>(G).fill(v), bias_hh_l0: Array<number>(G).fill(v), 'head.weight': m(1, H), 'head.bias': [v] };
}

test('a CSV upload and a weights import refuse random, empty, deep, huge and mistyped files, and change nothing', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  const csvInput = page.getByLabel('Upload CSV', { exact: true });
  const weightsInput = page.getByLabel('Import weights', { exact: true });
  const csvMessage = training.root.getByTestId('csv-message');
  const weightsMessage = training.root.getByTestId('weights-message');
  const initial = await snap(page);

  // Over the 20 MB limit: from disk (a path is handed to the browser, no 21 MB transfer)
  const tooBig = test.info().outputPath('too-big.txt');
  writeFileSync(tooBig, Buffer.alloc(21 * 1024 * 1024, '1\n'));

  async function refused(input: Locator, message: Locator, name: string, content: Buffer | string, expected: string | RegExp) {
    const b = await before(app);
    if (name === 'too-big') await input.setInputFiles(tooBig);
    else await input.setInputFiles({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv', buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content });
    await expect(message, name).toHaveText(expected);
    await expect(message).toHaveAttribute('role', 'alert');
    await expectUnchanged(app, b, name);
    expect((await snap(page)).params, `${name}: the weights are the same`).toEqual(initial.params);
  }

  await test.step('CSV files', async () => {
    const rows = (n: number, cols: number) => Array.from({ length: n }, (_, k) => Array.from({ length: cols }, (_, c) => ((k + c) % 5) / 4).join(',')).join('\n');
    const cases: [string, Buffer | string, string | RegExp][] = [
      ['random.csv', randomBytes(1, 4096), /^(line \d+(: | has )|The file holds no numbers|at least 2 rows)/],
      ['random-text.csv', Array.from(randomBytes(2, 2000), (b) => String.fromCharCode(32 + (b % 95))).join(''), /^(line \d+(: | has )|The file holds no numbers|at least 2 rows)/],
      ['empty.csv', '', 'The file holds no numbers.'],
      ['blank.csv', '\n\n \r\n\t\n', 'The file holds no numbers.'],
      ['header-only.csv', 'x,y\n', 'The file holds no numbers.'],
      ['one-row.csv', '0.5\n', 'at least 2 rows are needed (the values at t and at t + 1); the file has 1'],
      ['nan.csv', '1\nNaN\n2\n', "line 2: 'NaN' is not a number"],
      ['quoted-nan.csv', '1\n"NaN"\n2\n', "line 2: 'NaN' is not a number"],
      ['infinity.csv', '1,2\n3,Infinity\n', "line 2: 'Infinity' is not a number"],
      ['huge-number.csv', '1\n1e309\n2\n', 'line 2: 1e309 is larger than 1000000 in size'],
      ['big-number.csv', '1\n2\n-1000001\n', 'line 3: -1000001 is larger than 1000000 in size'],
      ['empty-cell.csv', '1,2\n3,,\n', 'line 2: value 2 is empty'],
      ['long-cell.csv', `1\n${'7'.repeat(10_000)}x\n`, "line 2: '77777777777777777777777…' is not a number"],
      ['rows.csv', rows(100_000, 1), 'line 1002: more than 1001 rows'],
      ['values.csv', rows(1001, 5), '1001 rows × 5 columns is more than 4004 numbers'],
      ['wide.csv', `${rows(1, 10_000)}\n${rows(1, 10_000)}`, 'line 1 has 10000 columns; at most 16'],
      ['ragged.csv', '1;2\n3;4;5\n', 'line 2 has 3 values, line 1 has 2'],
      ['html.csv', `${EVIL_IMG}\n1\n<b>2</b>\n`, "line 3: '<b>2</b>' is not a number"],
      ['too-big', '', 'The file is over 20 MB.'],
    ];
    for (const [name, content, expected] of cases) await refused(csvInput, csvMessage, name, content, expected);
  });

  await test.step('weights files', async () => {
    const H100k = { ...lstmWeights(8, 0.1), weight_hh_l0: Array.from({ length: 4 }, () => Array<number>(100_000).fill(0)) };
    const deepList = '['.repeat(10_000) + ']'.repeat(10_000);
    const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const deepValue = `{"weight_hh_l0":${'['.repeat(10_000)}1${']'.repeat(10_000)}}`;
    const cases: [string, Buffer | string, string | RegExp][] = [
      ['random.json', randomBytes(3, 4096), /^the file is not valid JSON/],
      ['empty.json', '', /^the file is not valid JSON/],
      ['nan-literal.json', '{"weight_hh_l0": [[NaN]]}', /^the file is not valid JSON/],
      ['null.json', 'null', /^state_dict: expected an object mapping PyTorch parameter names to lists, got null/],
      ['number.json', '1e999', /^state_dict: expected an object .*, got Infinity$/],
      ['string.json', '"weight_hh_l0"', /^state_dict: expected an object .*, got the text "weight_hh_l0"$/],
      ['list.json', '[]', /^state_dict: expected an object .*, got a list of 0$/],
      ['deep-list.json', deepList, /^state_dict: expected an object .*, got a list of 1$/],
      ['deep-object.json', deepObject, /^state_dict key 'a' is not a parameter Unroll knows/],
      ['deep-value.json', deepValue, /^state_dict\['weight_hh_l0'\]\[0\]: expected a row \(a list of numbers\), got a list of 1|^state_dict\['weight_hh_l0'\]\[0\]\[0\]: expected a finite number, got a list of 1/],
      ['huge-rows.json', JSON.stringify({ ...lstmWeights(8, 0.1), weight_hh_l0: Array.from({ length: 1_000_000 }, () => [0]) }), "state_dict['weight_hh_l0']: 1000000 rows is over the limit of 1024"],
      ['h-100000.json', JSON.stringify(H100k), "state_dict['weight_hh_l0']: 100000 columns is over the limit of 256"],
      ['wrong-type.json', JSON.stringify({ ...lstmWeights(8, 0.1), weight_hh_l0: 'abc' }), `state_dict['weight_hh_l0']: expected a list of rows, got the text "abc"`],
      ['nan-string.json', JSON.stringify({ ...lstmWeights(2, 0.1), weight_hh_l0: [['NaN', 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]] }), `state_dict['weight_hh_l0'][0][0]: expected a finite number, got the text "NaN"`],
      ['bool.json', JSON.stringify({ ...lstmWeights(2, 0.1), bias_ih_l0: [true, 0, 0, 0, 0, 0, 0, 0] }), "state_dict['bias_ih_l0'][0]: expected a finite number, got boolean"],
      ['infinite.json', JSON.stringify(lstmWeights(2, 0.1)).replace('0.1', '1e999'), /: expected a finite number, got Infinity$/],
      ['missing.json', JSON.stringify({ weight_hh_l0: [[0]] }), /^state_dict: missing 'weight_ih_l0'/],
      ['proto.json', `{"__proto__": ${JSON.stringify(lstmWeights(2, 0.1))}}`, /^state_dict key '__proto__' is not a parameter Unroll knows/],
      ['cell-mismatch.json', JSON.stringify({ cell: 'gru', state_dict: lstmWeights(2, 0.1) }), /expected shape \[6, 2\] \(3·H × H for gru, H = 2\), got \[8, 2\]/],
      ['html.json', JSON.stringify({ [EVIL_IMG]: [[1]] }), `state_dict key '${EVIL_IMG}' is not a parameter Unroll knows: expected weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 (and _l1 … for more layers, _reverse for a bidirectional network), head.weight, head.bias (a module prefix such as 'lstm.' is fine)`],
      ['too-big', '', 'The file is over 20 MB.'],
    ];
    for (const [name, content, expected] of cases) await refused(weightsInput, weightsMessage, name, content, expected);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  await test.step('valid files are still taken afterwards, even extreme weights', async () => {
    await csvInput.setInputFiles({ name: 'ok.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF# comment\r\nt;v\r\n0;0,5\r\n1;-0,25\r\n2;1e-3\r\n') });
    await expect(csvMessage).toHaveText('Read 3 rows × 2 column(s): each row is x_t, the next row the target. The first line (t, v) was read as column names, not as data.');
    await expect(app.status).toHaveText('Forward · t = 0 of 2');
    await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
    // weights of 1e300 are finite, but their pass overflows: refused as the trace CLI refuses them
    const before = await snap(page);
    await weightsInput.setInputFiles({ name: 'extreme.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lstmWeights(8, 1e300))) });
    await expect(weightsMessage).toContainText('the computation overflowed');
    await expect(weightsMessage).toContainText('the largest weight is 1e+300 in weight_ih_l0');
    expect((await snap(page)).params).toEqual(before.params);
    // large weights whose pass stays finite load, and every view draws their saturated gates
    await weightsInput.setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lstmWeights(8, 1000))) });
    await expect(weightsMessage).toHaveText('Loaded LSTM weights with H = 8.');
    const s = await snap(page);
    expect(s.origin).toBe('imported');
    expect(s.params.wHh.every((v) => v === 1000)).toBe(true);
    await app.stepForward(14);
    await expect(app.status).toHaveText('Backward · t = 9 of 12');
    await app.stepForward(2);
    await expect(app.status).toHaveText(STATUS);
  });
});

// ---- 4. sizes are refused before anything is allocated ---------------------------------------

// How soon each refusal arrives is a figure of `npm run bench:ui` (with a budget); here, that it
// arrives, names the limit, changes nothing, and leaves a tab that still paints and steps.
test('H = 100000 and T = 1000000 are refused, from the fields and from the link, and the tab keeps answering', async ({ page, app }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  /** The tab still paints: a frame comes (a tab stuck allocating would never give one). */
  const answered = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));

  await test.step('the H and T fields', async () => {
    for (const [name, value, message] of [
      ['H', '100000', 'Enter a whole number from 1 to 256.'],
      ['T', '1000000', 'Enter a whole number from 1 to 1000.'],
      ['H', '1e309', 'Enter a whole number from 1 to 256.'],
      ['T', '-0', 'Enter a whole number from 1 to 1000.'],
    ] as const) {
      const b = await before(app);
      const field = page.getByLabel(name, { exact: true });
      await field.fill(value);
      await field.press('Enter');
      await expect(page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`)).toHaveText(message);
      await answered();
      await expectUnchanged(app, b, `field ${name} = ${value}`);
      await field.press('Escape');
    }
  });

  await test.step('the link, on the open page and on a fresh load', async () => {
    const seen = await visitHash(page, 'H=100000&T=1000000');
    await answered();
    expect(seen.notices).toEqual(['The link had settings Unroll could not read (H=100000, T=1000000); defaults were used instead.']);
    expectUsable(seen, 'H=100000&T=1000000');

    await page.goto('about:blank');
    await page.goto('/#H=100000&T=1000000&lang=en');
    await app.waitReady();
    await answered();
    await expect(page.getByText('The link had settings Unroll could not read (H=100000, T=1000000)', { exact: false })).toBeVisible();
    await expect(app.status).toHaveText('Forward · t = 0 of 12');
    await expectStepping(app, 'fresh load H=100000&T=1000000');
  });

  await test.step('a link within the fields’ limits but over the engine’s: refused, the defaults open instead', async () => {
    await page.goto('about:blank');
    await page.goto('/#cell=lstm&H=256&T=1000&L=4&bi=1&seed=5&lang=en');
    await app.waitReady();
    await answered();
    await expect(page.getByRole('alert').filter({ hasText: 'The engine refused this: this size needs' })).toBeVisible();
    await expect(app.status).toHaveText('Forward · t = 0 of 12');
    expect(await snap(page)).toMatchObject({ cell: 'lstm', hidden: 8, steps: 12 });
    await expectStepping(app, 'fresh load H=256&T=1000&L=4&bi=1');
    await expect.poll(() => app.hash()).toContain('cell=lstm&H=8&T=12&seed=1');
  });
});

// ---- 5. the worker killed or crashed mid-training ---------------------------------------------

for (const fault of ['kill', 'crash'] as const) {
  test(`the engine worker ${fault === 'kill' ? 'terminated' : 'throwing an uncaught error'} mid-training: restarted, the trained weights restored, training goes on`, async ({ page, app, training }) => {
    await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
    const initial = await snap(page);
    await test.step('train until a trained snapshot is on screen', async () => {
      await training.trainButton.click();
      await expect(training.pauseButton).toBeVisible();
      await expect.poll(async () => (await training.state()).iteration).toBeGreaterThan(0);
      await expect.poll(async () => (await snap(page)).origin).toBe('trained');
    });
    type Seen = { params: Record<string, number[]>; iteration: number; version: number };
    const { atFault, reopened } = await test.step(`${fault} the worker; record the weights on screen when the app notices, and the restarted engine's first snapshot`, async () =>
      page.evaluate(async (f) => {
        type S = { notices: { key: string }[]; snapshot: { params: Record<string, Float64Array>; version: number; iteration: number } | null; training: { iteration: number } };
        const w = window as unknown as { __unroll: { kill(): void; crash(): void; flatParams(p: unknown): Record<string, Float64Array>; store: { getState(): S; subscribe(l: (s: S, p: S) => void): () => void } } };
        const seen = (s: S) => {
          const params: Record<string, number[]> = {};
          for (const [k, v] of Object.entries(w.__unroll.flatParams(s.snapshot!.params))) params[k] = Array.from(v);
          return { params, iteration: s.snapshot!.iteration, version: s.snapshot!.version };
        };
        const both = new Promise<{ atFault: Seen; reopened: Seen }>((resolve) => {
          let atFault: Seen | null = null;
          const stop = w.__unroll.store.subscribe((s, p) => {
            const restarted = (x: S) => x.notices.some((n) => n.key === 'notice.workerRestarted');
            if (restarted(s) && !restarted(p)) atFault = seen(s);
            else if (atFault && s.snapshot && s.snapshot.version !== atFault.version) {
              stop();
              resolve({ atFault, reopened: seen(s) });
            }
          });
        });
        if (f === 'kill') w.__unroll.kill();
        else w.__unroll.crash();
        return both;
      }, fault),
    );
    expect(atFault.iteration).toBeGreaterThan(0);
    expect(atFault.params, 'training had changed the weights').not.toEqual(initial.params);

    await test.step('the app says the engine stopped and was restarted', async () => {
      const reason = fault === 'kill' ? 'the engine worker was stopped' : 'crash requested by a test';
      await expect(page.getByRole('note').filter({ hasText: 'The engine stopped (' })).toContainText(reason);
      await expect(page.getByRole('note').filter({ hasText: 'The engine stopped (' })).toContainText('was restarted; your session was restored.');
    });
    await test.step('the restarted engine opens the trained weights, bit for bit, at the iteration they had', async () => {
      expect(reopened.params).toEqual(atFault.params);
      expect(reopened.iteration).toBe(atFault.iteration);
    });
    await test.step('training goes on by itself from the restored weights, and pauses', async () => {
      await expect(training.pauseButton).toBeVisible();
      await expect.poll(async () => (await training.state()).iteration, { timeout: 45_000 }).toBeGreaterThan(atFault.iteration + 20);
      await training.pause();
      const s = await training.state();
      expect(s.diverged).toBe(false);
      expect(s.losses.every(Number.isFinite)).toBe(true);
      const after = await snap(page);
      expect(after.origin).toBe('trained');
      expect(after.params).not.toEqual(atFault.params);
      await app.stepForward(2);
      await expect(app.status).toHaveText('Forward · t = 2 of 12');
    });
  });
}

// ---- 6. a reload mid-session ------------------------------------------------------------------

test('a reload mid-session brings back the settings, the typed and uploaded data, the cursor, the unit and the language', async ({ page, app }) => {
  await app.open('cell=gru&H=6&T=10&seed=3&task=sine');
  const typed = '0.5, 0.25, -0.5, 1, 0, 0.75, -1';
  await test.step('type a series, step, pick a unit, switch to Korean', async () => {
    await page.getByLabel('Values, separated by commas or spaces').fill(typed);
    await app.button('Use this input').click();
    await expect(app.status).toHaveText('Forward · t = 0 of 6');
    await app.stepForward(3);
    const unit2 = page.getByRole('listbox', { name: /^Units of the step/ }).first().getByRole('option', { name: /^unit 2:/ });
    await unit2.click();
    await expect(unit2).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await expect(app.status).toHaveText('순전파 · t = 3 / 6');
    await expect.poll(() => app.hash()).toMatch(/series=.*t=3.*unit=2.*lang=ko/);
  });
  await test.step('after a reload, all of it is back', async () => {
    await page.reload();
    await expect(app.status).toHaveText('순전파 · t = 3 / 6');
    await expect(page.getByRole('button', { name: '다음 단계' })).toBeEnabled();
    expect(await config(page)).toMatchObject({ cell: 'gru', hidden: 6, task: 'custom', columns: 1, series: [0.5, 0.25, -0.5, 1, 0, 0.75, -1] });
    await expect(page.getByLabel('값 목록(쉼표나 공백으로 구분)')).toHaveValue(typed);
    await expect(page.getByRole('combobox', { name: '언어' })).toHaveValue('ko');
    await expect(page.getByRole('listbox', { name: /^이 시점의 유닛들/ }).first().getByRole('option', { name: /^유닛 2:/ })).toHaveAttribute('aria-selected', 'true');
    expect(await page.evaluate(() => localStorage.getItem('unroll.lang'))).toBe('ko');
    await page.getByRole('button', { name: '다음 단계' }).click();
    await expect(app.status).toHaveText('순전파 · t = 4 / 6');
  });
  await test.step('a CSV upload of two columns survives a reload', async () => {
    const csv = ['a,b', ...Array.from({ length: 12 }, (_, k) => `${(k / 10).toFixed(1)},${(-k / 20).toFixed(2)}`)].join('\n');
    await page.getByLabel('CSV 올리기', { exact: true }).setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(app.status).toHaveText('순전파 · t = 4 / 11');
    await expect.poll(() => app.hash()).toContain('cols=2');
    const xs = await app.snapshotArray('xs');
    expect(xs.slice(0, 4)).toEqual([0, 0, 0.1, -0.05]);
    await page.reload();
    await expect(app.status).toHaveText('순전파 · t = 4 / 11');
    expect(await app.snapshotArray('xs')).toEqual(xs);
    expect(await config(page)).toMatchObject({ cell: 'gru', hidden: 6, task: 'custom', columns: 2 });
    await expect(page.getByRole('combobox', { name: '언어' })).toHaveValue('ko');
  });
});

test('weights trained one iteration at a time survive a reload', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  const initial = await snap(page);
  for (let k = 1; k <= 3; k++) {
    await training.oneButton.click();
    await expect.poll(async () => (await training.state()).iteration).toBe(k);
  }
  const trained = await snap(page);
  expect(trained.origin).toBe('trained');
  expect(trained.params).not.toEqual(initial.params);
  // a user reloading a moment later
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitReady();
  const after = await snap(page);
  expect(after.origin, 'the weights on screen after the reload').toBe('trained');
  expect(after.params).toEqual(trained.params);
});

// While training runs the weights are saved every 2 s; pausing and leaving the page save at once.
test('weights trained by a running loop survive a reload right after pausing', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  await training.trainUntil(30);
  const trained = await snap(page);
  expect(trained.origin).toBe('trained');
  // a user reloading a moment after pausing
  await page.waitForTimeout(300);
  await page.reload();
  await app.waitReady();
  const after = await snap(page);
  expect(after.origin, 'the weights on screen after the reload').toBe('trained');
  expect(after.params).toEqual(trained.params);
});

test('imported weights survive a reload', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  const sd = JSON.parse(readFileSync('src/engine/__fixtures__/sample-1-rnn-mse.request.json', 'utf8')).state_dict as Record<string, number[][] | number[]>;
  const weights = { ...sd, weight_ih_l0: (sd.weight_ih_l0 as number[][]).map((row) => [row[0]]) };
  await page.getByLabel('Import weights', { exact: true }).setInputFiles({ name: 'rnn.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(weights)) });
  await expect(training.root.getByTestId('weights-message')).toHaveText('Loaded RNN weights with H = 3.');
  const imported = await snap(page);
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitReady();
  const after = await snap(page);
  expect(after).toMatchObject({ cell: 'rnn', hidden: 3, origin: 'imported' });
  expect(after.params).toEqual(imported.params);
});

// The optimizer, learning rate, clipping threshold and batch size are kept in local storage.
test('the training settings the user typed survive a reload', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  await training.setOptimizer('SGD + momentum');
  await training.setNumber('Learning rate', '0.05');
  await training.setNumber('Clipping threshold', '2.5');
  await training.setNumber('Batch size', '16');
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitReady();
  await expect(page.getByRole('combobox', { name: 'Optimizer' })).toHaveValue('momentum');
  await expect(training.root.getByRole('textbox', { name: 'Learning rate' })).toHaveValue('0.05');
  await expect(training.root.getByRole('textbox', { name: 'Clipping threshold' })).toHaveValue('2.5');
  await expect(training.root.getByRole('textbox', { name: 'Batch size' })).toHaveValue('16');
});
