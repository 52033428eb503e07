/**
 * Embed mode on a course page: the sample page (/embed-demo.html) and its frames, every documented
 * combination of parts in a 640 × 400 frame, the host page's focus, the step-range lock, axe.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import { EMBED_PARTS } from '../src/state/url';
import { expect, test } from './fixtures/test';

/** Where each part shows in the frame. */
const PART_ROOT: Record<(typeof EMBED_PARTS)[number], string> = {
  timeline: 'section.timeline',
  cell: '.cell-diagram',
  equations: 'section.equations',
  training: 'section.training',
  gradients: 'section.gradient-panel',
};

/** Every non-empty set of parts, in the documented order. */
function combinations(): string[][] {
  const all: string[][] = [];
  for (let mask = 1; mask < 1 << EMBED_PARTS.length; mask++) all.push(EMBED_PARTS.filter((_, i) => mask & (1 << i)));
  return all;
}

type Moment = { unroll: string; phase?: string; t?: number; T?: number; playing?: boolean; range?: { from: number; to: number } | null; clamped?: boolean; message?: string };

/** A course page of another origin (about:blank) with a text field and a 640 × 400 frame of Unroll, recording what Unroll posts. */
async function host(page: Page, baseURL: string | undefined, hash: string): Promise<Frame> {
  await page.setContent(`<!doctype html><html lang="en"><title>Host</title><main><h1>A course page</h1>
    <label>Notes <input id="notes"></label>
    <script>window.msgs = []; addEventListener('message', (e) => window.msgs.push(e.data));</script>
    <iframe title="Unroll" style="border:0" width="640" height="400" src="${baseURL}/#${hash}"></iframe></main></html>`);
  await expect.poll(() => page.frames().length).toBe(2);
  const frame = page.frames()[1];
  await expect(frame.getByTestId('status-bar')).not.toHaveText(/Starting|시작하는/, { timeout: 60_000 });
  return frame;
}

const send = (page: Page, message: unknown) => page.evaluate((m) => document.querySelector('iframe')!.contentWindow!.postMessage(m, '*'), message);
const lastMoment = (page: Page) => page.evaluate(() => (window as unknown as { msgs: Moment[] }).msgs.at(-1));

/** What is wider than the frame, or a control or a chosen part out of it (empty when all fits). */
function misfits(frame: Frame, parts: string[]): Promise<string[]> {
  const roots = parts.map((p) => [p, PART_ROOT[p as keyof typeof PART_ROOT]]);
  return frame.evaluate((roots) => {
    const se = document.scrollingElement!;
    const W = se.clientWidth;
    const H = window.innerHeight;
    const out: string[] = [];
    if (se.scrollWidth > W) out.push(`the page is ${se.scrollWidth} px wide in a ${W} px frame`);
    const name = (el: Element) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 24)}"`;
    // the controls: whole, inside the frame, on its first screen
    for (const el of document.querySelectorAll('.controlbar button, .controlbar select, .controlbar input, .controlbar .status')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) out.push(`${name(el)} is not shown`);
      else if (r.left < -0.5 || r.right > W + 0.5 || r.top < -0.5 || r.bottom > H + 0.5) out.push(`${name(el)} at ${Math.round(r.left)}…${Math.round(r.right)} × ${Math.round(r.top)}…${Math.round(r.bottom)}`);
    }
    const tops: number[] = [];
    roots.forEach(([part, selector]) => {
      const el = document.querySelector(selector);
      if (!el) return out.push(`${part} is missing`);
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) out.push(`${part} is empty`);
      if (r.left < -0.5 || r.right > W + 0.5) out.push(`${part} spans ${Math.round(r.left)}…${Math.round(r.right)}`);
      tops.push(r.top);
    });
    // the panels stack; the top one starts on the frame's first screen
    if (Math.min(...tops) >= H) out.push(`no part starts inside the frame (the first at ${Math.round(Math.min(...tops))})`);
    // every control of the chosen parts within the frame's width (unless it sits in a pane that scrolls sideways itself)
    for (const el of document.querySelectorAll('main button, main select, main input, main [role=tab]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      let scroller = el.parentElement;
      while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
      if (!scroller && (r.left < -0.5 || r.right > W + 0.5)) out.push(`${name(el)} at ${Math.round(r.left)}…${Math.round(r.right)}`);
    }
    return out;
  }, roots);
}

test('the sample course page: its frames show the chosen parts, its buttons step them and it shows the moment they report', async ({ page, app }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/embed-demo.html');
  const lstm = page.locator('#forward-moment');
  const rnn = page.locator('#backward-moment');
  await expect(lstm.locator('output.reported')).toHaveText('Forward · t = 4 of 10 · loss 0.5924', { timeout: 60_000 });
  await expect(rnn.locator('output.reported')).toHaveText(/^Backward · t = 5 of 8 · loss \d\.\d{4} · steps 3–6 only$/, { timeout: 60_000 });
  const f1 = page.frameLocator('#forward-moment iframe');
  const f2 = page.frameLocator('#backward-moment iframe');
  for (const f of [f1, f2]) {
    await expect(f.getByRole('button', { name: 'Next step' })).toBeVisible();
    await expect(f.locator('.topbar')).toHaveCount(0);
  }
  await expect(f1.getByRole('heading', { name: 'The same layer, unrolled in time' })).toBeVisible();
  await expect(f1.locator('.cell-diagram')).toBeVisible();
  await expect(f1.locator('section.equations')).toHaveCount(0);
  await expect(f2.locator('section.equations')).toBeVisible();
  await expect(f2.locator('section.timeline')).toHaveCount(0);
  await expect(f2.locator('.cell-diagram')).toHaveCount(0);
  // the equations of the chosen unit, with numbers
  await expect(f2.locator('section.equations .eq-numbers').first()).toBeVisible();

  // a number of the cell opens "How this number is made" inside the frame, and it fits there
  await f1.locator('.num.explains').first().click();
  const dialog = f1.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'How this number is made' })).toBeVisible();
  const box = await page.locator('#forward-moment iframe').evaluate((el: HTMLIFrameElement) => {
    const r = el.contentDocument!.querySelector('dialog[open]')!.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, w: el.contentWindow!.innerWidth, h: el.contentWindow!.innerHeight };
  });
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(box.w);
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.bottom).toBeLessThanOrEqual(box.h);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  await lstm.getByRole('button', { name: 'Next step' }).click();
  await expect(lstm.locator('output.reported')).toHaveText('Forward · t = 5 of 10 · loss 0.5924');
  await expect(f1.getByTestId('status-bar')).toHaveText('Forward · t = 5 of 10');
  await lstm.getByRole('button', { name: 'Previous step' }).click();
  await lstm.getByRole('button', { name: 'Previous step' }).click();
  await expect(lstm.locator('output.reported')).toHaveText('Forward · t = 3 of 10 · loss 0.5924');

  // the second frame is locked to steps 3–6: the page's buttons cannot leave them
  for (let i = 0; i < 2; i++) await rnn.getByRole('button', { name: 'Previous step' }).click();
  await expect(rnn.locator('output.reported')).toHaveText(/^Forward · t = 6 of 8 · .* · steps 3–6 only$/);
  for (let i = 0; i < 4; i++) await rnn.getByRole('button', { name: 'Previous step' }).click();
  await expect(rnn.locator('output.reported')).toHaveText(/^Forward · t = 3 of 8 · .* · steps 3–6 only · held at the edge of the range$/);
  await expect(f2.getByTestId('status-bar')).toHaveText('Forward · t = 3 of 8 · steps 3–6 only');

  // play, reported back: the page's button becomes Pause, then the frame stops at the range's end
  await rnn.getByRole('button', { name: 'Play' }).click();
  await expect(rnn.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await expect(rnn.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 30_000 });
  await expect(rnn.locator('output.reported')).toHaveText(/^Backward · t = 3 of 8 · /);

  // in Korean: the page's text, the frames' language, at the moment they showed
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('시간에 따른 역전파 (BPTT)');
  await expect(f1.getByTestId('status-bar')).toHaveText('순전파 · t = 3 / 10');
  await expect(lstm.locator('output.reported')).toHaveText('순전파 · t = 3 / 10 · 손실 0.5924');
  await expect(lstm.getByRole('button', { name: '다음 단계' })).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('every documented combination of parts fits a 640 × 400 frame, in English and Korean', async ({ page, baseURL }) => {
  test.setTimeout(400_000);
  const frame = await host(page, baseURL, 'cell=lstm&H=4&T=10&unit=1&embed=timeline&lang=en');
  const cases = [...combinations().map((parts) => ({ parts, lang: 'en' })), ...[['timeline', 'cell', 'equations'], ['training'], ['gradients'], ['cell', 'equations'], [...EMBED_PARTS]].map((parts) => ({ parts, lang: 'ko' }))];
  expect(cases).toHaveLength(31 + 5);
  for (const { parts, lang } of cases) {
    await send(page, { unroll: 'open', hash: `#cell=lstm&H=4&T=10&unit=1&lang=${lang}&embed=${parts.join(',')}` });
    for (const p of EMBED_PARTS) await expect(frame.locator(PART_ROOT[p]), `${p} in ${parts}`).toHaveCount(parts.includes(p) ? 1 : 0);
    await expect(frame.getByTestId('status-bar')).toHaveText(lang === 'en' ? 'Forward · t = 0 of 10' : '순전파 · t = 0 / 10');
    await frame.evaluate(() => document.fonts.ready.then(() => undefined));
    expect(await misfits(frame, parts), `${parts.join(',')} (${lang})`).toEqual([]);
  }
});

test('embedded, Unroll never takes the focus from the page around it', async ({ page, app }) => {
  test.setTimeout(240_000);
  await page.goto('/embed-demo.html');
  // the reader is typing before the frames have even loaded
  const note = page.getByRole('textbox', { name: 'Your note' });
  await note.click();
  await page.keyboard.type('h3 is smaller');
  const reported = page.locator('output.reported');
  await expect(reported.nth(0)).toHaveText(/^Forward · t = 4 of 10/, { timeout: 60_000 });
  await expect(reported.nth(1)).toHaveText(/^Backward · t = 5 of 8/, { timeout: 60_000 });
  // then the page drives both frames by postMessage (not by its buttons, which would take the focus themselves)
  const drive = (i: number, m: unknown) => page.evaluate(([i, m]) => document.querySelectorAll('iframe')[i as number].contentWindow!.postMessage(m, location.origin), [i, m] as const);
  await drive(0, { unroll: 'step', by: 1 });
  await expect(reported.nth(0)).toHaveText(/^Forward · t = 5 of 10/);
  await drive(1, { unroll: 'seek', phase: 'forward', t: 4 });
  await expect(reported.nth(1)).toHaveText(/^Forward · t = 4 of 8/);
  await drive(0, { unroll: 'play' });
  await expect(reported.nth(0)).toHaveText(/^Forward · t = [6-9] of 10/);
  await drive(0, { unroll: 'pause' });
  await drive(1, { unroll: 'open', hash: '#cell=gru&H=3&T=6&embed=equations&unit=0&lang=en' });
  await expect(reported.nth(1)).toHaveText(/^Forward · t = 0 of 6/);
  await drive(1, { unroll: 'reset' });
  await page.keyboard.type(' than h6');
  await expect(note).toBeFocused();
  await expect(note).toHaveValue('h3 is smaller than h6');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('note');
  for (const f of page.frames().slice(1)) expect(await f.evaluate(() => document.hasFocus()), f.url()).toBe(false);
  expect(app.consoleErrors).toEqual([]);
});

test('the step-range lock: messages, keys and play stay within range=3-8; a bad range is named and ignored', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const frame = await host(page, baseURL, 'cell=rnn&H=3&T=12&t=5&range=3-8&embed=timeline&lang=en');
  const status = frame.getByTestId('status-bar');
  await expect(status).toHaveText('Forward · t = 5 of 12 · steps 3–8 only');
  await send(page, { unroll: 'seek', phase: 'forward', t: 11 });
  await expect.poll(() => lastMoment(page)).toMatchObject({ unroll: 'moment', phase: 'forward', t: 8, T: 12, range: { from: 3, to: 8 }, clamped: true });
  await expect(status).toHaveText('Forward · t = 8 of 12 · steps 3–8 only');
  await send(page, { unroll: 'step', by: 1 });
  await expect.poll(() => lastMoment(page)).toMatchObject({ phase: 'backward', t: 8, clamped: false });
  await send(page, { unroll: 'seek', phase: 'backward', t: 0 });
  await expect.poll(() => lastMoment(page)).toMatchObject({ phase: 'backward', t: 3, clamped: true });
  // at the range's last step, a step forward stays and says so
  await page.evaluate(() => ((window as unknown as { msgs: unknown[] }).msgs.length = 0));
  await send(page, { unroll: 'step', by: 1 });
  await expect.poll(() => lastMoment(page)).toMatchObject({ phase: 'backward', t: 3, clamped: true });
  await send(page, { unroll: 'seek', phase: 'forward', t: 99 });
  await expect.poll(() => lastMoment(page)).toMatchObject({ unroll: 'error', message: '"t" is 99; this sequence has steps 0 … 11' });

  // the keys inside the frame (once the reader has clicked into it)
  await send(page, { unroll: 'reset' });
  await expect(status).toHaveText('Forward · t = 3 of 12 · steps 3–8 only');
  await frame.getByTestId('status-bar').click();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await expect(status).toHaveText('Forward · t = 4 of 12 · steps 3–8 only');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(status).toHaveText('Forward · t = 3 of 12 · steps 3–8 only');

  // play runs forward 3 … 8 and back 8 … 3, and stops there
  await send(page, { unroll: 'seek', phase: 'backward', t: 6 });
  await send(page, { unroll: 'play' });
  await expect.poll(() => lastMoment(page)).toMatchObject({ playing: true });
  await expect.poll(() => lastMoment(page), { timeout: 30_000 }).toMatchObject({ phase: 'backward', t: 3, playing: false });
  const seen = await page.evaluate(() => (window as unknown as { msgs: Moment[] }).msgs.filter((m) => m.unroll === 'moment').map((m) => m.t!));
  expect(Math.min(...seen)).toBeGreaterThanOrEqual(3);
  expect(Math.max(...seen)).toBeLessThanOrEqual(8);

  // a range past the last step: the usual notice, and every step open
  await send(page, { unroll: 'open', hash: '#cell=rnn&H=3&T=12&range=9-3&lang=en' });
  await expect(frame.getByText(/range=9-3/)).toBeVisible();
  await send(page, { unroll: 'seek', phase: 'forward', t: 11 });
  await expect.poll(() => lastMoment(page)).toMatchObject({ phase: 'forward', t: 11, range: null, clamped: false });
  await expect(status).toHaveText('Forward · t = 11 of 12');
});

/** axe on the whole page (the host and its frames); fails with the list of violations. */
async function axeClean(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')} — ${v.help}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

test('axe finds nothing on the sample course page, in both languages', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/embed-demo.html');
  await expect(page.locator('output.reported').nth(1)).toHaveText(/^Backward/, { timeout: 60_000 });
  await axeClean(page, 'the sample page (en)');
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('output.reported').nth(1)).toHaveText(/^역전파/);
  await axeClean(page, 'the sample page (ko)');
});

// One test per language (each runs seven axe passes over a frame: split, they run side by side).
for (const lang of ['en', 'ko'] as const) {
  test(`axe finds nothing on each documented part, embedded (${lang})`, async ({ page, baseURL }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 700, height: 460 });
    await host(page, baseURL, 'cell=lstm&H=4&T=10&embed=timeline&lang=en');
    for (const parts of [...EMBED_PARTS.map((p) => [p]), ['timeline', 'cell', 'equations'], ['cell', 'equations']]) {
      await send(page, { unroll: 'open', hash: `#cell=lstm&H=4&T=10&unit=1&phase=backward&t=6&lang=${lang}&embed=${parts.join(',')}` });
      const frame = page.frames()[1];
      for (const p of parts) await expect(frame.locator(PART_ROOT[p as keyof typeof PART_ROOT])).toHaveCount(1);
      await expect(frame.getByTestId('status-bar')).toHaveText(lang === 'en' ? 'Backward · t = 6 of 10' : '역전파 · t = 6 / 10');
      await axeClean(page, `${parts.join(',')} (${lang})`);
    }
  });
}
