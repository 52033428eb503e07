/**
 * The classroom: the whole lesson in both languages, projector mode, shared links,
 * keyboard-only use, and zero axe violations on every main view.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CHAPTERS } from '../src/content/lessons';
import { UnrollApp } from './fixtures/app';
import { expectFitsViewport } from './fixtures/layout';
import { expect, test } from './fixtures/test';

async function axe(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')} — ${v.help}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

for (const lang of ['ko', 'en'] as const) {
  // Screenshots of every chapter, to look at: `npm run shots` (e2e/shots/).
  test(`the whole lesson walks through in ${lang}, in projector mode, fits the screen, with no axe violations`, async ({ page, app }) => {
    test.setTimeout(360_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.open(`lang=${lang}&proj=1`);
    // ']' turns chapters only inside the lesson: the Lesson button opens it
    await page.getByRole('button', { name: lang === 'ko' ? '강의' : 'Lesson', exact: true }).click();
    for (let i = 0; i < CHAPTERS.length; i++) {
      const ch = CHAPTERS[i];
      await test.step(`chapter ${i + 1}: ${ch.title[lang]}`, async () => {
        await expect(page.getByRole('heading', { name: ch.title[lang] })).toBeVisible();
        await app.waitReady();
        await expect.poll(() => app.hash()).toContain(`ch=${i + 1}`);
        const info = await app.snapshotInfo();
        if (ch.config.cell) expect(info.cell).toBe(ch.config.cell);
        await expectFitsViewport(page, `${lang} chapter ${i + 1} on the projector`);
        if (i === 0 || i === 4 || i === 7) await axe(page, `${lang} chapter ${i + 1}`);
        if (i < CHAPTERS.length - 1) await page.keyboard.press(']');
      });
    }
  });
}

test('the language control switches everything and is remembered', async ({ page, app }) => {
  await app.open('lang=en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await expect(page.getByRole('combobox', { name: '언어' })).toHaveValue('ko');
  await expect(page.getByRole('button', { name: '다음 단계' })).toBeVisible();
  await expect.poll(() => app.hash()).toContain('lang=ko');
  // local storage keeps the choice for a link without lang
  await page.goto('/#T=12');
  await expect(page.getByRole('button', { name: '다음 단계' })).toBeVisible();
});

test('the top bar keeps its controls on one row at laptop and desktop widths, in both languages', async ({ page, app }) => {
  for (const lang of ['en', 'ko']) {
    for (const width of [1280, 1440, 1600, 1680, 1920]) {
      await page.setViewportSize({ width, height: 800 });
      await app.open(`lang=${lang}&cell=lstm`);
      const rows = await page.locator('.topbar > *').evaluateAll((els) =>
        els.filter((e) => (e as HTMLElement).offsetWidth > 0).map((e) => Math.round(e.getBoundingClientRect().bottom)),
      );
      const spread = Math.max(...rows) - Math.min(...rows);
      expect(spread, `${lang} at ${width}px: controls wrapped onto another row`).toBeLessThan(20);
    }
  }
});

test('a copied link reopens exactly the same moment', async ({ page, context, app }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('lang=en');
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  await page.getByRole('button', { name: 'Next chapter' }).click();
  await page.getByRole('button', { name: 'Next chapter' }).click();
  await app.waitReady();
  await app.stepForward(2);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const status = await app.status.textContent();
  const readout = await app.readout.textContent();
  const other = await page.context().newPage();
  const app2 = new UnrollApp(other);
  await other.goto(link);
  await app2.waitReady();
  await expect(app2.status).toHaveText(status!);
  await expect(app2.readout).toHaveText(readout!);
  await expect(other.getByRole('heading', { name: CHAPTERS[2].title.en })).toBeVisible();
  expect(app2.consoleErrors).toEqual([]);
});

test('every main control is reachable by keyboard with a visible focus', async ({ page, app }) => {
  await app.open('lang=en');
  const names = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '', outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
    });
    if (info) {
      names.add(info.name);
      expect(info.outline, `focus ring on "${info.name}"`).toBe(true);
    }
  }
  for (const n of ['Reset', 'Previous step', 'Play', 'Next step']) expect([...names].some((x) => x.includes(n)), n).toBe(true);
});

test('main views have no axe violations (light and dark, forward and backward)', async ({ page, app }) => {
  test.setTimeout(300_000);
  for (const hash of [
    'lang=en&cell=lstm&H=8&T=12&unit=2&t=4',
    'lang=en&cell=gru&H=8&T=12&phase=backward&t=5&unit=1&k=4',
    'lang=ko&cell=rnn&H=6&T=10&view=rolled&t=3&unit=0',
  ]) {
    await app.open(hash);
    await axe(page, hash + ' light');
    await page.getByRole('button', { name: /Theme|테마/ }).click();
    await axe(page, hash + ' dark');
    await page.getByRole('button', { name: /Theme|테마/ }).click();
  }
});

test('reduced motion turns the animations off', async ({ page, app }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open('lang=en');
  const duration = await page.evaluate(() => getComputedStyle(document.querySelector('.unroll-in')!).animationDuration);
  expect(duration).toBe('0s');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await app.open('lang=en&T=13');
  const normal = await page.evaluate(() => getComputedStyle(document.querySelector('.unroll-in')!).animationDuration);
  expect(normal).not.toBe('0s');
});
