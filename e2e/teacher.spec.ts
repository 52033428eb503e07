/**
 * Teaching with Unroll: links and session files that carry the trained weights, a lesson that
 * never destroys the setup it replaces, the first-visit welcome, a phone, and the projector.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { UnrollApp } from './fixtures/app';
import { expect, test } from './fixtures/test';
import { TrainingPanel } from './fixtures/training';
import { decodeWeights } from '../src/state/weightsCodec';

interface Shown {
  origin: string;
  sequence: string;
  loss: number;
  cell: string;
  hidden: number;
}

/** What the worker computed for the session on screen (through the test hook). */
function shown(page: Page): Promise<Shown | null> {
  return page.evaluate(() => {
    type S = { snapshot: { model: { origin: string; cell: string; hiddenSize: number }; sequence: string; lossValue: number } | null };
    const s = (window as unknown as { __unroll: { store: { getState(): S } } }).__unroll.store.getState().snapshot;
    return s ? { origin: s.model.origin, sequence: s.sequence, loss: s.lossValue, cell: s.model.cell, hidden: s.model.hiddenSize } : null;
  });
}

function storeField<T>(page: Page, key: string): Promise<T> {
  return page.evaluate((k) => (window as unknown as { __unroll: { store: { getState(): Record<string, unknown> } } }).__unroll.store.getState()[k] as T, key);
}

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`), `axe on ${label}`).toEqual([]);
}

/**
 * The link with one character of its weights changed, at the first place from the 21st on where the
 * change breaks the payload. Not every change does: one that lands in deflate's code tables can
 * leave the inflated bytes exactly as they were (about 1 in 100 places), and such a link rightly
 * opens the same weights.
 */
async function tamperedLink(link: string): Promise<string> {
  const match = /([#&]w=)([A-Za-z0-9_-]+)/.exec(link);
  if (!match) throw new Error(`no weights in ${link}`);
  const [whole, key, payload] = match;
  for (let i = 20; i < payload.length; i++) {
    const changed = payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1);
    const opens = await decodeWeights(changed).then(
      () => true,
      () => false,
    );
    if (!opens) return link.replace(whole, key + changed);
  }
  throw new Error('no single changed character breaks these weights');
}

/** The sequence loss as the training panel shows it, with its exact value. */
const shownLossText = (page: Page) => page.locator('section.training').getByText(/^sequence loss /).first();

/** A page in a context of its own: no storage, no clipboard, nothing shared with the test's page. */
async function freshPage(browser: Browser): Promise<{ page: Page; app: UnrollApp; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, app: new UnrollApp(page), close: () => context.close() };
}

test('a copied link and a saved session carry the trained weights: the same file, the same loss, in a fresh browser', async ({ page, app, training, browser }) => {
  test.setTimeout(360_000);
  await app.open('cell=gru&H=6&T=12&task=sine&seed=3');
  await training.trainUntil(150, 120_000);
  await page.getByRole('tab', { name: 'Weight gradients' }).click();
  await page.getByRole('button', { name: 'Projector mode' }).click();
  await app.stepForward(3);
  await expect(app.status).toHaveText('Forward · t = 3 of 12');
  const original = (await training.download('Export weights')).text;
  const session = await training.download('Save session');
  expect(session.name).toMatch(/^unroll-session-gru-h6-it\d+\.json$/);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/^Link copied, with the weights after \d+ training iterations/)).toBeVisible();
  const link = await storeField<string>(page, 'sharedLink');
  expect(link).toMatch(/[#&]w=[A-Za-z0-9_-]+&it=\d+/);
  expect(link).toContain('tab=weights');
  expect(link).toContain('proj=1');

  // The original's loss on the task's example sequence: a reload of this tab opens it with the same weights.
  await page.reload();
  await app.waitReady();
  await expect.poll(async () => (await shown(page))?.origin).toBe('trained');
  const before = (await shown(page))!;
  expect(before.sequence).toBe('example');
  const beforeText = await shownLossText(page).textContent();

  await test.step('the link, in a fresh browser context', async () => {
    const other = await freshPage(browser);
    await other.page.goto(link);
    await other.app.waitReady();
    await expect.poll(async () => (await shown(other.page))?.origin, { timeout: 30_000 }).toBe('trained');
    const after = (await shown(other.page))!;
    expect(after.loss, 'the loss, bit for bit').toBe(before.loss);
    await expect(shownLossText(other.page)).toHaveText(beforeText!);
    await expect(other.app.status).toHaveText('Forward · t = 3 of 12');
    expect((await new TrainingPanel(other.app).download('Export weights')).text, 'the exported weights').toBe(original);
    await expect(other.page.getByRole('tab', { name: 'Weight gradients' })).toHaveAttribute('aria-selected', 'true');
    expect(await other.page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    await expect(other.page.getByText(/^Opened the weights after \d+ training iterations/)).toBeVisible();
    expect(other.app.consoleErrors).toEqual([]);
    await other.close();
  });

  await test.step('the session file, in a fresh browser context', async () => {
    const other = await freshPage(browser);
    await other.app.open('cell=rnn&H=3');
    await new TrainingPanel(other.app).chooseFile('Open session', session.name, session.text);
    await expect.poll(async () => (await shown(other.page))?.origin, { timeout: 30_000 }).toBe('trained');
    const after = (await shown(other.page))!;
    expect([after.cell, after.hidden]).toEqual(['gru', 6]);
    expect(after.loss, 'the loss, bit for bit').toBe(before.loss);
    await expect(other.app.status).toHaveText('Forward · t = 3 of 12');
    await expect(shownLossText(other.page)).toHaveText(beforeText!);
    expect((await new TrainingPanel(other.app).download('Export weights')).text).toBe(original);
    expect(other.app.consoleErrors).toEqual([]);
    await other.close();
  });

  await test.step('a tampered link: a notice, and the rest of the link with the starting weights', async () => {
    const other = await freshPage(browser);
    const tampered = await tamperedLink(link);
    expect(tampered).not.toBe(link);
    await other.page.goto(tampered);
    await other.app.waitReady();
    await expect(other.page.getByText(/^The weights in this link could not be used/)).toBeVisible();
    const after = (await shown(other.page))!;
    expect([after.cell, after.hidden, after.origin]).toEqual(['gru', 6, 'init']);
    await expect(other.page.getByRole('tab', { name: 'Weight gradients' })).toHaveAttribute('aria-selected', 'true');
    expect(other.app.consoleErrors).toEqual([]);
    await other.close();
  });
});

test('a broken session file changes nothing and says why', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=5&T=9');
  const hash = await app.hash();
  await training.chooseFile('Open session', 'notes.json', '{"format":"something else"}');
  await expect(page.getByText(/^This file could not be opened as a session/)).toBeVisible();
  expect(await app.snapshotInfo()).toEqual({ steps: 9, hidden: 5, cell: 'lstm' });
  expect(await app.hash()).toBe(hash);
});

test('a model too big for a link is said before copying, and Save session is offered', async ({ page, app, training }) => {
  test.setTimeout(240_000);
  await app.open('cell=lstm&H=96&T=8&task=sine');
  // Imported weights with values that hardly compress: 4·96·(1 + 96) + 4·96·2 + 96 + 1 float64s, about 300 kB.
  const stateDict = await page.evaluate(() => {
    const r = () => (Math.random() - 0.5) * 0.2;
    const m = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, r));
    const v = (n: number) => Array.from({ length: n }, r);
    return JSON.stringify({ 'lstm.weight_ih_l0': m(384, 1), 'lstm.weight_hh_l0': m(384, 96), 'lstm.bias_ih_l0': v(384), 'lstm.bias_hh_l0': v(384), 'head.weight': m(1, 96), 'head.bias': v(1) });
  });
  await training.chooseFile('Import weights', 'big.json', stateDict);
  await expect.poll(async () => (await shown(page))?.origin).toBe('imported');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const notice = page.getByRole('note').filter({ hasText: 'too big for a link' });
  await expect(notice).toBeVisible();
  expect(await storeField<string | null>(page, 'sharedLink')).toBeNull();
  const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Save session' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^unroll-session-lstm-h96-it0\.json$/);
});

test('closing the lesson offers the setup it replaced, and going back restores it', async ({ page, app }) => {
  await app.open('cell=gru&H=5&T=10');
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  await app.waitReady();
  await expect.poll(async () => (await app.snapshotInfo()).cell).toBe('rnn');
  await page.getByRole('button', { name: 'Close lesson' }).click();
  const back = page.getByRole('button', { name: 'Go back to my setup' });
  await expect(back).toBeVisible();
  await expectNoAxeViolations(page, 'the notice that offers the setup back');
  await back.click();
  await expect.poll(() => app.snapshotInfo()).toEqual({ steps: 10, hidden: 5, cell: 'gru' });
  await expect(page.getByRole('group', { name: 'Cell', exact: true }).getByRole('button', { name: 'GRU' })).toHaveAttribute('aria-pressed', 'true');
  await expect(back).toBeHidden();
});

test('"]" and "[" change nothing while the lesson is closed', async ({ page, app }) => {
  await app.open('cell=lstm&H=7&T=9');
  const hash = await app.hash();
  await app.focusPage();
  await page.keyboard.press(']');
  await page.keyboard.press('[');
  expect(await storeField<number | null>(page, 'lesson')).toBeNull();
  await expect(page.getByRole('heading', { name: /./ }).and(page.locator('#lesson-title'))).toHaveCount(0);
  expect(await app.snapshotInfo()).toEqual({ steps: 9, hidden: 7, cell: 'lstm' });
  expect(await app.hash()).toBe(hash);
});

test('the welcome shows on the first visit only, and each way in works', async ({ page, app }) => {
  await app.open('', { welcome: true });
  const welcome = page.getByRole('region', { name: 'Welcome to Unroll' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('button', { name: 'Take the lesson' })).toBeVisible();
  await expect(welcome.getByRole('button', { name: 'Bring a PyTorch model' })).toBeVisible();
  await expectNoAxeViolations(page, 'the welcome');
  await welcome.getByRole('button', { name: 'Explore freely' }).click();
  await expect(welcome).toBeHidden();
  await page.reload();
  await app.waitReady();
  await expect(page.getByRole('region', { name: 'Welcome to Unroll' })).toBeHidden();
  expect(await page.evaluate(() => localStorage.getItem('unroll.welcomed'))).toBe('1');
});

test('the welcome\'s lesson button opens the first chapter', async ({ page, app }) => {
  await app.open('', { welcome: true });
  await page.getByRole('button', { name: 'Take the lesson' }).click();
  await expect(page.locator('#lesson-title')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome to Unroll' })).toBeHidden();
});

for (const lesson of [false, true]) {
  test(`on a phone (390 × 844)${lesson ? ' with the lesson open' : ''}: no sideways scrolling, Next step fully on screen`, async ({ page, app }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await app.open(lesson ? 'ch=3' : '', { welcome: !lesson });
    const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
    expect(fit.scroll, 'no horizontal scrolling').toBeLessThanOrEqual(fit.width);
    const next = await app.button('Next step').boundingBox();
    expect(next, 'Next step is laid out').not.toBeNull();
    expect(next!.x).toBeGreaterThanOrEqual(0);
    expect(next!.x + next!.width, 'Next step ends inside the screen').toBeLessThanOrEqual(390);
    if (lesson) {
      const menu = await page.getByRole('combobox', { name: 'Chapter' }).boundingBox();
      expect(menu!.x + menu!.width, 'the chapter menu ends inside the screen').toBeLessThanOrEqual(390);
    }
  });
}

test('projector mode at 1920 × 1080: timeline row labels of 18 px or more, and the controls a chapter asks for', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('cell=lstm&proj=1');
  const sizes = await page.locator('.timeline .band-label span').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(sizes.length).toBeGreaterThanOrEqual(4);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  await expect(page.getByRole('group', { name: 'Cell', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'H', exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Gate by gate' })).toBeVisible();
  await expect(app.button('Reset')).toBeVisible();
  await page.getByRole('group', { name: 'Cell', exact: true }).getByRole('button', { name: 'GRU' }).click();
  await expect.poll(async () => (await app.snapshotInfo()).cell).toBe('gru');
});

/** The visible text under 16 px in these elements, leaving out what is sized with its drawing (SVG, formulas, the value chips, the unit grid). */
function smallText(roots: Element[]): string[] {
  const found: string[] = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent!.trim() || el.closest('svg, .katex, sub, sup, .chip-step, [class^="ug-"], .sr-only')) continue;
      const box = el.getBoundingClientRect();
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (box.width > 0 && box.height > 0 && size < 16) found.push(`"${n.textContent!.trim().slice(0, 30)}" ${size} px`);
    }
  }
  return found;
}

test('projector mode at 1920 × 1080: every panel title the same size, and the bars, training and gradient panels in 16 px or more', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('cell=lstm&proj=1&phase=backward&t=5');
  await expect(page.locator('.gradient-panel .gp-side')).toBeVisible();
  await expect(page.locator('.training-head h2')).toBeVisible();
  const titles = await page.locator('.panel h2').evaluateAll((els) => els.map((e) => `${e.textContent}: ${getComputedStyle(e).fontSize}`));
  expect(titles.length, 'the timeline, training, gradient and input panels').toBeGreaterThanOrEqual(4);
  expect(new Set(titles.map((t) => t.split(': ').at(-1))).size, `one size for every title: ${titles.join('; ')}`).toBe(1);
  // text the class reads from the back of the room
  const small = await page.locator('.topbar, .controlbar, .training, .gradient-panel, .equations .hint, .input-editor').evaluateAll(smallText);
  expect(small, 'text under 16 px').toEqual([]);
  // the gradient panel's other tabs
  for (const [tab, part] of [['weights', '.gp-map'], ['vanish', '.mech-card'], ['compare', '.gp-main']]) {
    await app.open(`cell=lstm&proj=1&phase=backward&t=5&tab=${tab}`);
    await expect(page.locator(`.gradient-panel ${part}`).first()).toBeVisible();
    const smallOnTab = await page.locator('.gradient-panel').evaluateAll(smallText);
    expect(smallOnTab, `text under 16 px on the ${tab} tab`).toEqual([]);
  }
});

test('every text field uses the bundled Korean font', async ({ page, app }) => {
  await app.open('lang=ko&task=text');
  const families = await page.locator('input:not([type=checkbox]):not([type=file]), textarea, select').evaluateAll((els) =>
    els.filter((e) => (e as HTMLElement).offsetWidth > 0).map((e) => `${e.tagName} ${getComputedStyle(e).fontFamily}`),
  );
  expect(families.length).toBeGreaterThan(3);
  for (const f of families) expect(f).toContain('Noto Sans KR Variable');
  // (the whole font's faces are declared once the first view is on screen)
  await expect.poll(() => page.evaluate(() => document.fonts.load('16px "Noto Sans KR Variable"', '한글').then((faces) => faces.length))).toBeGreaterThan(0);
});

test('embed mode shows only the panels asked for, and the framing page drives it by postMessage', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  // A page of another origin (about:blank) that frames Unroll and records what Unroll tells it.
  await page.setContent(`<script>window.msgs = []; addEventListener('message', (e) => window.msgs.push(e.data));</script>
    <iframe title="Unroll" width="1200" height="800" src="${baseURL}/#embed=timeline,cell&lang=en&cell=lstm&T=8"></iframe>`);
  const frame = page.frameLocator('iframe');
  const status = frame.getByTestId('status-bar');
  await expect(status).toHaveText('Forward · t = 0 of 8', { timeout: 60_000 });
  await expect(frame.getByRole('heading', { name: 'The same layer, unrolled in time' })).toBeVisible();
  await expect(frame.locator('.cell-diagram')).toBeVisible();
  await expect(frame.locator('.topbar')).toHaveCount(0);
  await expect(frame.locator('section.equations')).toHaveCount(0);
  await expect(frame.locator('section.training')).toHaveCount(0);

  const send = (message: unknown) => page.evaluate((m) => document.querySelector('iframe')!.contentWindow!.postMessage(m, '*'), message);
  const received = () => page.evaluate(() => (window as unknown as { msgs: Record<string, unknown>[] }).msgs);
  await send({ unroll: 'step', by: 1 });
  await send({ unroll: 'step', by: 1 });
  await expect(status).toHaveText('Forward · t = 2 of 8');
  await expect.poll(async () => (await received()).at(-1)).toMatchObject({ unroll: 'moment', phase: 'forward', t: 2, T: 8 });
  await send({ unroll: 'seek', phase: 'backward', t: 3 });
  await expect(status).toHaveText('Backward · t = 3 of 8');
  await send({ unroll: 'seek', phase: 'backward', t: 99 });
  await expect.poll(async () => (await received()).at(-1)).toMatchObject({ unroll: 'error' });
  await send({ unroll: 'run', code: 'alert(1)' });
  await expect.poll(async () => (await received()).at(-1)).toMatchObject({ unroll: 'error', message: 'unknown request "run"' });
  await expect(status).toHaveText('Backward · t = 3 of 8');

  await send({ unroll: 'open', hash: '#cell=gru&H=3&T=6&lang=en' });
  await expect.poll(async () => (await received()).at(-1), { timeout: 30_000 }).toMatchObject({ unroll: 'moment', T: 6 });
  await expect(frame.getByRole('group', { name: 'Cell', exact: true })).toHaveCount(0);
  await expect(frame.locator('.topbar')).toHaveCount(0);
  await expect(frame.getByRole('heading', { name: /GRU/ })).toBeVisible();
});
