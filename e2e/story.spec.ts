/**
 * The lecture's story on screen: every preset opens where its chapter says and draws its chart,
 * the chapters land on the tab they talk about, numbers are shown for people (a few significant
 * digits) while the exact value stays one hover away and equals the engine's.
 */
import type { Page } from '@playwright/test';
import { CHAPTERS, type LessonTab } from '../src/content/lessons';
import { PRESETS } from '../src/content/presets';
import { band, exactText } from './fixtures/app';
import { expect, test } from './fixtures/test';

/** The chart each gradient tab draws, and a mark inside it that exists only once it is drawn. */
const TAB_CHART: Record<LessonTab, { tab: string; drawn: string }> = {
  bptt: { tab: '∂L/∂h through time', drawn: '[data-testid="dh-norm"] path' },
  weights: { tab: 'Weight gradients', drawn: '[data-testid="wgrad-sum"]' },
  vanish: { tab: 'Vanishing & exploding', drawn: '[data-testid="mech-hpath"] path' },
  compare: { tab: 'RNN · LSTM · GRU', drawn: '[data-testid="compare-rnn"] path' },
};

/**
 * Every number in the visible text of the page (inputs' values are not text) with more than `max`
 * significant digits. A number here is a run of digits with an optional fraction and exponent.
 */
async function longNumbers(page: Page, max = 6): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const out: string[] = [];
  for (const m of text.matchAll(/\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi)) {
    const mantissa = m[0].split(/e/i)[0].replace('.', '').replace(/^0+/, '');
    if (mantissa.length > max) out.push(m[0]);
  }
  return out;
}

test('each preset opens from its chapter with its settings, and the chapter’s chart is drawn', async ({ page, app }) => {
  test.setTimeout(360_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open('');
  await app.button('Lesson').click();
  for (let i = 0; i < CHAPTERS.length; i++) {
    const ch = CHAPTERS[i];
    if (i > 0) await app.button('Next chapter').click();
    await expect(page.getByRole('heading', { name: ch.title.en })).toBeVisible();
    for (const choice of ch.tryPresets ?? []) {
      const preset = PRESETS[choice.id];
      await test.step(`chapter ${i + 1}, preset ${choice.id}${choice.cell ? ` (${choice.cell})` : ''}`, async () => {
        const title = preset.title.en + (choice.cell ? ` · ${choice.cell.toUpperCase()}` : '');
        await page.locator('.lesson-actions').getByRole('button', { name: `Open the preset: ${title}` }).click();
        await expect
          .poll(async () => {
            const s = await app.snapshotInfo();
            return [s.cell, s.hidden, s.steps];
          })
          .toEqual([choice.cell ?? preset.model.cell, preset.model.hidden, preset.data.steps]);
        await app.waitReady();
        if (ch.tab) {
          const { tab } = TAB_CHART[ch.tab];
          // the depth chapter's chart is the heatmap of ‖∂L/∂h‖ over layers and time
          const drawn = ch.id === 'depth' ? '[data-testid="depth-heatmap"] canvas, [data-testid="depth-heatmap"] svg' : TAB_CHART[ch.tab].drawn;
          await expect(band(page).getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
          // the chart is drawn as far as the cursor has gone: from the last step back
          if (!(await app.status.textContent())?.startsWith('Backward')) await app.page.goto(`${app.page.url().split('#')[0]}#${(await app.hash()).slice(1).replace(/(^|&)(phase|t)=[^&]*/g, '')}&phase=backward&t=0`);
          await app.waitReady();
          await expect(band(page).locator(drawn).first()).toBeVisible();
        } else {
          // the training chapter: its presets set the data the training panel trains on
          await expect(page.locator('section.training')).toBeVisible();
        }
      });
    }
  }
});

test('the vanishing chapter lands on the vanishing tab, at the start of the sequence, with its chart', async ({ page, app }) => {
  const i = CHAPTERS.findIndex((c) => c.id === 'vanishing');
  await app.open('');
  await app.button('Lesson').click();
  for (let k = 0; k < i; k++) await app.button('Next chapter').click();
  await expect(page.getByRole('heading', { name: CHAPTERS[i].title.en })).toBeVisible();
  await expect(band(page).getByRole('tab', { name: 'Vanishing & exploding' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.status).toHaveText(/^Backward · t = 0 of 30/);
  await expect(page.getByTestId('mech-hpath').locator('path').first()).toHaveAttribute('d', /^M/);
  // and a link into the chapter lands on the same tab
  await app.open(`ch=${i + 1}`);
  await expect(band(page).getByRole('tab', { name: 'Vanishing & exploding' })).toHaveAttribute('aria-selected', 'true');
});

test('numbers are shown with at most 6 significant digits in every main view, the exact value on demand', async ({ page, app }) => {
  test.setTimeout(300_000);
  const check = async (label: string) => expect(await longNumbers(page), `numbers with more than 6 significant digits: ${label}`).toEqual([]);
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine&unit=2&t=4');
  await check('forward');
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine&unit=2&phase=backward&t=3');
  await check('backward, ∂L/∂h through time');
  for (const tab of ['Weight gradients', 'Vanishing & exploding', 'RNN · LSTM · GRU']) {
    await band(page).getByRole('tab', { name: tab }).click();
    if (tab === 'Weight gradients') {
      await band(page).getByRole('button', { name: 'Check against finite differences' }).click();
      await expect(page.getByTestId('gradcheck-worst')).toBeVisible({ timeout: 60_000 });
      await check('weight gradients and the gradient check');
    } else if (tab === 'RNN · LSTM · GRU') {
      await band(page).getByRole('button', { name: 'Compare RNN, LSTM and GRU' }).click();
      await expect(page.getByTestId('compare-reading')).not.toBeEmpty();
      await check('the three cells compared');
    } else {
      await expect(page.getByTestId('mech-hpath').locator('path').first()).toBeVisible();
      await check(tab);
    }
  }
  for (const id of ['vanishing', 'lstm', 'depth']) {
    await app.open(`ch=${CHAPTERS.findIndex((c) => c.id === id) + 1}`);
    await check(`lesson chapter ${id}`);
  }
});

test('a norm readout is the norm of the engine’s vector, and its exact value is on the number', async ({ page, app }) => {
  const H = 8;
  await app.open(`cell=gru&H=${H}&T=12&seed=3&task=sine&phase=backward&t=5`);
  const dhs = await app.snapshotArray('dhs');
  let s = 0;
  for (let j = 0; j < H; j++) s += dhs[5 * H + j] ** 2;
  const norm = Math.sqrt(s);
  const value = page.getByTestId('bptt-dh-value');
  const exact = Number(await value.getAttribute('data-exact'));
  expect(Math.abs(exact - norm) / norm).toBeLessThanOrEqual(1e-10);
  // what is shown is that number to 3 significant digits, and the readout says so in words
  const shown = Number(((await value.textContent()) ?? '').replace('−', '-'));
  expect(Math.abs(shown - norm) / norm).toBeLessThanOrEqual(5e-3);
  await expect.poll(() => exactText(page.getByTestId('bptt-readout'))).toContain(`t = 5: ‖∂L/∂h_t‖ = ${exact}`);
  await expect(value).toHaveAttribute('title', `exact: ${exact} (click to copy)`);
});

test('saturation: ρ above 1, the path vanishes, and the reading quotes the median tanh′ the claim checks', async ({ page, app }) => {
  const i = CHAPTERS.findIndex((c) => c.id === 'vanishing');
  await app.open('');
  await app.button('Lesson').click();
  for (let k = 0; k < i; k++) await app.button('Next chapter').click();
  await page.locator('.lesson-actions').getByRole('button', { name: `Open the preset: ${PRESETS.saturation.title.en}` }).click();
  await expect.poll(async () => (await app.snapshotInfo()).steps).toBe(PRESETS.saturation.data.steps);
  const reading = page.getByTestId('mechanism-reading');
  await expect(reading).toContainText('It vanishes anyway');
  await expect(reading).toContainText('median over every unit and step');
  // the last number of the reading is that median: far below 1, where a unit passes almost nothing back
  const numbers = await reading.locator('[data-exact]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-exact'))));
  expect(numbers[0], 'ρ').toBeGreaterThan(1);
  expect(numbers[numbers.length - 1], 'median tanh′').toBeLessThan(0.02);
});
