/**
 * The data you are reading, and space used well: a chip per step says what the step reads and
 * follows the cursor; the unrolled columns fill a wide panel; each column of an uploaded CSV gets
 * its own colour scale, so a 0–39 column does not wash out a ±1 one.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

test('the text task shows one chip per step with the character it reads, and the current chip follows the cursor', async ({ page, app }) => {
  const text = 'hello, world';
  await app.open(`task=text&T=${text.length - 1}&text=${encodeURIComponent(text)}&cell=lstm&H=8`);
  const reads = page.getByRole('group', { name: 'What each step reads' }).getByRole('button');
  await expect(reads).toHaveCount(text.length - 1);
  // a step ahead of the cursor says it has not been read yet
  await expect(reads.nth(3)).toHaveAccessibleName("step 3 reads 'l' (not read yet)");
  await expect(reads.nth(3)).toHaveText('l');
  await expect(reads.nth(6)).toHaveAccessibleName("step 6 reads 'space' (not read yet)");
  // the target under each output is the next character
  await expect(page.getByRole('group', { name: 'What each step should answer' }).getByRole('button').nth(3)).toHaveAccessibleName("target at step 3: 'o'");
  const current = page.getByRole('group', { name: 'What each step reads' }).locator('[aria-current="step"]');
  await expect(current).toHaveCount(1);
  await expect(current).toHaveAccessibleName("step 0 reads 'h'");
  await app.stepForward(3);
  await expect(current).toHaveAccessibleName("step 3 reads 'l'");
  // a click on a chip goes to that step
  await reads.nth(7).click();
  await expect(app.status).toHaveText(/^Forward · t = 7 of 11/);
  await expect(current).toHaveAccessibleName("step 7 reads 'w'");
});

test('at 1920×1080 the unrolled columns span at least 95% of the timeline panel’s inner width (T = 12)', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  const { canvas, inner, scroll } = await page.evaluate(() => {
    const panel = document.querySelector<HTMLElement>('.timeline-scroll')!;
    const style = getComputedStyle(panel);
    return {
      canvas: document.querySelector<HTMLElement>('.timeline-canvas')!.getBoundingClientRect().width,
      inner: panel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
      scroll: panel.scrollWidth - panel.clientWidth,
    };
  });
  expect(canvas / inner).toBeGreaterThanOrEqual(0.95);
  expect(scroll, 'no sideways scrolling').toBeLessThanOrEqual(1);
});

/** The lightness (0–255) of the timeline's pixels at the centre of every column of one row of the x band. */
async function xRowLightness(page: Page, row: number, rows: number): Promise<number[]> {
  return page.evaluate(
    ([r, n]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('.timeline-canvas canvas')!;
      const box = canvas.getBoundingClientRect();
      const label = document.querySelector<HTMLElement>('.band-label.band-x')!.getBoundingClientRect();
      const scale = canvas.width / box.width;
      const y = (label.top - box.top + ((r + 0.5) * label.height) / n) * scale;
      const ctx = canvas.getContext('2d')!;
      const chips = Array.from(document.querySelectorAll<HTMLElement>('.step-chips.inputs .chip-step'));
      return chips.map((chip) => {
        const c = chip.getBoundingClientRect();
        const x = (c.left + c.width / 2 - box.left) * scale;
        const [red, green, blue] = ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
        return (red + green + blue) / 3;
      });
    },
    [row, rows] as const,
  );
}

test('a CSV with a 0–39 column and a ±1 column: each column has its own colour scale, stated in the legend', async ({ page, app, training }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  const rows = Array.from({ length: 40 }, (_, k) => `${k};${Math.sin(0.5 * k).toFixed(4)}`);
  await training.chooseFile('Upload CSV', 'two-scales.csv', ['t;v', ...rows].join('\n'), 'text/csv');
  await expect(app.status).toHaveText('Forward · t = 0 of 39');
  await expect(page.locator('.legend').first()).toContainText(/x, each column on its own scale: column 1 ±38, column 2 ±1y?/);
  // step to the end so that every column is read and drawn
  await app.open(`${(await app.hash()).slice(1).replace(/(^|&)t=\d+/, '')}&t=38`);
  const t = await xRowLightness(page, 0, 2);
  const v = await xRowLightness(page, 1, 2);
  const spread = (a: number[]) => Math.max(...a) - Math.min(...a);
  // both rows run from pale to deep: a shared ±39 scale would leave the ±1 row near white (spread < 20)
  expect(spread(t), `the 0–39 column's lightness ${t.map(Math.round).join(' ')}`).toBeGreaterThan(80);
  expect(spread(v), `the ±1 column's lightness ${v.map(Math.round).join(' ')}`).toBeGreaterThan(80);
});
