/**
 * `npm run shots`: screenshots of the main views, for people to look at, in
 * e2e/output/screenshots/. Not part of `npm test` (a picture asserts nothing); what can be
 * checked about these views (they fit the screen, the text is legible) is checked by the
 * layout tests in forward.spec.ts and classroom.spec.ts.
 */
import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CHAPTERS } from '../../src/content/lessons';
import { band, saveExport } from '../fixtures/app';
import { BACKWARD_STATES, FORWARD_STATES, SCREENS } from '../fixtures/states';
import { expect, test } from '../fixtures/test';

const SHOTS = 'e2e/output/screenshots';

test.beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

/** Waits for what a person would wait for: the fonts and the typeset equations. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await expect(page.locator('.cell-panel .katex').first()).toBeVisible();
}

for (const [width, height] of SCREENS) {
  test(`forward views at ${width}×${height}`, async ({ page, app }) => {
    await page.setViewportSize({ width, height });
    for (const [name, hash] of FORWARD_STATES) {
      await app.open(hash);
      await settled(page);
      await page.screenshot({ path: `${SHOTS}/forward-${name}-${width}x${height}.png` });
    }
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.screenshot({ path: `${SHOTS}/forward-dark-${width}x${height}.png` });
  });

  test(`the gradient band at ${width}×${height}`, async ({ page, app }) => {
    await page.setViewportSize({ width, height });
    for (const [name, hash] of BACKWARD_STATES) {
      await app.open(hash);
      await settled(page);
      await band(page).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/${name}-${width}x${height}.png` });
    }
    await app.open('task=copy&T=30&H=16&seed=1');
    await band(page).getByRole('tab', { name: 'RNN · LSTM · GRU' }).click();
    await band(page).getByRole('button', { name: 'Compare RNN, LSTM and GRU' }).click();
    await expect(page.getByTestId('compare-gru').locator('path')).toHaveAttribute('d', /^M/);
    await band(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/comparison-${width}x${height}.png` });
  });

  test(`training in progress at ${width}×${height}, light and dark`, async ({ page, app, training }) => {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
      const dark = (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark';
      if (dark !== (theme === 'dark')) await page.getByRole('button', { name: 'Theme' }).click();
      await training.trainButton.click();
      await expect.poll(async () => (await training.state()).iteration).toBeGreaterThan(300);
      await training.root.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/training-${width}x${height}-${theme}.png` });
      await training.root.screenshot({ path: `${SHOTS}/training-panel-${width}x${height}-${theme}.png` });
      await training.pause();
    }
  });
}

test('the training panel after the copy and text tasks', async ({ app, training }) => {
  for (const task of ['copy', 'text'] as const) {
    await app.open(`cell=lstm&H=16&T=12&seed=1&task=${task}`);
    await training.trainUntil(1000);
    await training.root.screenshot({ path: `${SHOTS}/training-panel-${task}.png` });
  }
});

for (const lang of ['ko', 'en'] as const) {
  test(`every lesson chapter in ${lang} on the projector`, async ({ page, app }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.open(`lang=${lang}&proj=1`);
    // ']' turns chapters only inside the lesson: the Lesson button opens it
    await page.getByRole('button', { name: lang === 'ko' ? '강의' : 'Lesson', exact: true }).click();
    for (let i = 0; i < CHAPTERS.length; i++) {
      await expect(page.getByRole('heading', { name: CHAPTERS[i].title[lang] })).toBeVisible();
      await app.waitReady();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.waitForTimeout(400); // the panels follow a step a frame later; a picture needs them
      await page.screenshot({ path: `${SHOTS}/lesson-${lang}-${String(i + 1).padStart(2, '0')}.png` });
      if (i < CHAPTERS.length - 1) await page.keyboard.press(']');
    }
  });
}

test('the pictures the export buttons save', async ({ page, app }) => {
  await app.open('cell=lstm&H=8&T=12&t=4&unit=2');
  writeFileSync(`${SHOTS}/export-timeline.png`, await saveExport(page, 'Export The same layer, unrolled in time as PNG'));
  writeFileSync(`${SHOTS}/export-cell.png`, await saveExport(page, 'Export Inside the cell at t = 4 as PNG'));
  writeFileSync(`${SHOTS}/export-band.png`, await saveExport(page, 'Export Gradients, backward through time as PNG'));
});
