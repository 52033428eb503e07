/**
 * `npm run shots`: what a teacher sees, in e2e/output/screenshots/: the embedded moments inside
 * the sample course page (1280 × 900, English and Korean), projector mode at 1920 × 1080 and the
 * phone layout at 390 × 844. Each picture comes with checks of what is on it.
 */
import type { Frame, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expectFitsViewport, MIN_TEXT_PX } from '../fixtures/layout';
import { expect, test } from '../fixtures/test';

const SHOTS = 'e2e/output/screenshots';

test.beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

/** Text in a frame set smaller than MIN_TEXT_PX, and whether the frame scrolls sideways. */
function frameLayout(frame: Frame): Promise<{ tiny: string[]; sideways: boolean }> {
  return frame.evaluate((minPx) => {
    const tiny: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[^\s\u200b]/.test(n.textContent ?? ''));
      const r = el.getBoundingClientRect();
      if (!own || r.width === 0 || el.closest('.katex .mtight, sub, sup')) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < minPx) tiny.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}" at ${px} px`);
    }
    const se = document.scrollingElement!;
    return { tiny, sideways: se.scrollWidth > se.clientWidth };
  }, MIN_TEXT_PX);
}

/** The sample page's frames once they report, with every font in place. */
async function settledDemo(page: Page, lang: 'en' | 'ko'): Promise<Frame[]> {
  const reported = page.locator('output.reported');
  await expect(reported.nth(0)).toHaveText(lang === 'en' ? /^Forward · t = 4 of 10/ : /^순전파 · t = 4 \/ 10/, { timeout: 60_000 });
  await expect(reported.nth(1)).toHaveText(lang === 'en' ? /^Backward · t = 5 of 8 · .* · steps 3–6 only$/ : /^역전파 · t = 5 \/ 8 · .* · 3–6 단계만$/, { timeout: 60_000 });
  const frames = page.frames().slice(1);
  expect(frames).toHaveLength(2);
  for (const f of [page.mainFrame(), ...frames]) await f.evaluate(() => document.fonts.ready.then(() => undefined));
  // the Korean font is fetched piece by piece as text needs it: wait until the pieces are in
  await expect.poll(() => page.evaluate(() => [...document.fonts].filter((f) => f.family.includes('Noto Sans KR')).every((f) => f.status !== 'loading'))).toBe(true);
  await page.waitForTimeout(400); // the panels follow a step a frame later; a picture needs them
  return frames;
}

test('the embedded moments inside the sample course page, 1280 × 900, English and Korean', async ({ page, app }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/embed-demo.html');
  for (const lang of ['en', 'ko'] as const) {
    if (lang === 'ko') await page.getByRole('button', { name: '한국어' }).click();
    const frames = await settledDemo(page, lang);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'the course page does not scroll sideways').toBe(true);
    for (const [i, f] of frames.entries()) {
      const layout = await frameLayout(f);
      expect(layout.sideways, `frame ${i + 1} scrolls sideways`).toBe(false);
      expect(layout.tiny.slice(0, 5), `frame ${i + 1}: text of ${MIN_TEXT_PX} px or more`).toEqual([]);
    }
    // the page's own Korean text is drawn with a Korean font, not as boxes
    if (lang === 'ko') expect(await page.evaluate(() => document.fonts.check('17px "Noto Sans KR Variable"', '시간에 따른 역전파'))).toBe(true);

    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/embed-demo-top-${lang}.png` });

    for (const [name, id, frame] of [['lstm', '#forward-moment', frames[0]], ['rnn-backward', '#backward-moment', frames[1]]] as const) {
      const figure = page.locator(id);
      await figure.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const box = (await figure.locator('iframe').boundingBox())!;
      expect(box.width, 'the frame is 640 px wide (its border aside)').toBeCloseTo(642, 0);
      expect(box.y, `${name}: the frame is on screen`).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, `${name}: the frame is on screen`).toBeLessThanOrEqual(900);
      await expect(frame.getByTestId('status-bar')).toBeInViewport();
      await expect(figure.getByRole('button', { name: lang === 'en' ? 'Next step' : '다음 단계' })).toBeInViewport();
      await page.screenshot({ path: `${SHOTS}/embed-demo-${name}-${lang}.png` });
    }
  }
  expect(app.consoleErrors).toEqual([]);
});

test('projector mode at 1920 × 1080: large type, everything on screen', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('proj=1&cell=lstm&H=8&T=12&seed=1&t=5&unit=2');
  await expect(page.locator('.cell-panel .katex').first()).toBeVisible();
  await expectFitsViewport(page, 'projector 1920 × 1080');
  const px = (sel: string) => page.locator(sel).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await px('body'), 'projector body text').toBeGreaterThanOrEqual(20);
  expect(await px('[data-testid=status-bar]'), 'projector status').toBeGreaterThanOrEqual(26);
  await expect(app.status).toHaveText('Forward · t = 5 of 12');
  await expect(app.button('Next step')).toBeInViewport({ ratio: 1 });
  // all 12 steps on screen: the wider row labels of the projector leave the columns enough room
  const sideways = await page.locator('.timeline-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(sideways, 'the timeline does not scroll sideways').toBeLessThanOrEqual(1);
  await expect(page.locator('.timeline-overlay .axis text', { hasText: /^11$/ })).toBeInViewport({ ratio: 1 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/projector-1920x1080.png` });
});

test('the phone layout at 390 × 844: nothing sideways, Next step whole', async ({ page, app }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open('cell=lstm&H=8&T=12&seed=1&t=5&unit=2');
  await expect(page.locator('.cell-panel .katex').first()).toBeVisible();
  await expectFitsViewport(page, 'phone 390 × 844');
  await expect(app.button('Next step')).toBeInViewport({ ratio: 1 });
  await expect(app.status).toHaveText('Forward · t = 5 of 12');
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/phone-390x844.png` });
  await page.screenshot({ path: `${SHOTS}/phone-390x844-full.png`, fullPage: true });
});
