/**
 * Defects a review of the numbers and the labels found, one test each: each failed before its fix.
 */
import { expect, test } from '@playwright/test';
import { exactText, UnrollApp } from './fixtures/app';
import { TrainingPanel } from './fixtures/training';

let app: UnrollApp;

test.beforeEach(async ({ page }) => {
  app = new UnrollApp(page);
});

test.afterEach(async () => {
  expect(app.consoleErrors, 'console errors').toEqual([]);
});

test('at backward t = 0 the step card gives the number sent back to h0, as the diagram does', async ({ page }) => {
  await app.open('cell=rnn&H=4&T=6&seed=1&task=sine&phase=backward&t=0&unit=1');
  const card = page.getByTestId('step-parts');
  const row = card.getByRole('row', { name: /sent back to hₜ₋₁/ });
  const dhPrev = await app.snapshotArray('dhPrev');
  await expect.poll(() => exactText(row)).toContain(String(dhPrev[1]));
  await expect(row).not.toContainText('—');
  // its labels are symbols, never raw TeX
  expect(await card.textContent()).not.toMatch(/_\{/);
});

test('labels are words and symbols, never raw TeX: the rolled view and the legends', async ({ page }) => {
  await app.open('cell=rnn&H=4&T=6&seed=1&task=sine&view=rolled&t=2');
  const rolled = page.locator('.rolled svg');
  await expect(rolled).toBeVisible();
  const text = (await rolled.textContent()) ?? '';
  expect(text).not.toMatch(/_\{|h_\(|y y_t|x x_t/);
  expect(text).toContain('output yₜ');
  expect(text).toContain('hₜ₋₁ comes back in');
  // the RNN has no gates: its cell panel shows no gate legend
  await expect(page.getByText('gates: light = closed')).toHaveCount(0);
  await app.open('cell=lstm&H=4&T=6&seed=1&task=sine&t=2');
  await expect(page.getByText('gates: light = closed (0)')).toBeVisible();
});

test('the dark theme’s gradient legend describes its own colours', async ({ page }) => {
  await app.open('cell=lstm&H=4&T=6&seed=1&task=sine&phase=backward&t=3');
  await expect(page.locator('.legend').first()).toContainText('light = small, dark = large');
  await app.button('Theme').click();
  await expect(page.locator('.legend').first()).toContainText('dim = small, bright = large');
  await expect(page.locator('.legend').first()).not.toContainText('light = small');
  // the depth heatmap of a stacked network says the same in its own legend
  await app.open('cell=lstm&H=4&T=6&L=2&seed=1&task=sine&phase=backward&t=3');
  await expect(page.getByTestId('depth-heatmap')).toContainText('dim = small, bright = large');
  await app.button('Theme').click();
  await expect(page.getByTestId('depth-heatmap')).toContainText('light = small, dark = large');
});

test('after clicking a gradient tab, → steps (it does not cycle the tabs)', async ({ page }) => {
  await app.open('cell=lstm&H=4&T=6&seed=1&task=sine&t=1');
  await page.getByRole('tab', { name: 'Weight gradients' }).click();
  await page.keyboard.press('ArrowRight');
  await expect(app.status).toHaveText('Forward · t = 2 of 6');
  await expect(page.getByRole('tab', { name: 'Weight gradients' })).toHaveAttribute('aria-selected', 'true');
  // from the keyboard the tabs still move with the arrows
  await page.getByRole('tab', { name: 'Weight gradients' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Vanishing & exploding' })).toHaveAttribute('aria-selected', 'true');
});

test('a column ahead of the cursor is named as not reached yet, in the drawing and on hover', async ({ page }) => {
  await app.open('cell=lstm&H=4&T=8&seed=1&task=sine&t=1');
  const band = page.locator('.band-label.band-h');
  const b = (await band.boundingBox())!;
  // the veil over the layer's row (the input and output rows have their own)
  const veils = await page.locator('.future-veil').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
  const v = veils.find((r) => r.y <= b.y + b.height / 2 && b.y + b.height / 2 <= r.y + r.height)!;
  expect(v, 'a veil covers the h band').toBeTruthy();
  await page.mouse.move(v.x + v.width * 0.75, b.y + b.height / 2);
  await expect(app.readout).toContainText('not reached yet');
  await expect(app.readout).not.toContainText('not computed');
});

test('one manual iteration shows no speed; rewinding brings back the count, the loss and the file name', async ({ page }) => {
  const training = new TrainingPanel(app);
  await app.open('cell=gru&H=6&T=10&seed=2&task=sine');
  await training.oneButton.click();
  await expect.poll(async () => (await training.state()).iteration).toBe(1);
  await expect(training.root.locator('.training-rate')).toHaveText(/– it\/s/);
  for (let k = 0; k < 11; k++) {
    await training.oneButton.click();
    await expect.poll(async () => (await training.state()).iteration).toBe(k + 2);
  }
  const firstLoss = (await training.state()).losses[0];
  await training.history.focus();
  await page.keyboard.press('Home');
  await expect(training.history).toHaveAttribute('aria-valuetext', 'iteration 0, before training');
  await expect.poll(async () => (await training.state()).iteration).toBe(0);
  const s = await training.state();
  expect(s.losses).toEqual([]);
  // the loss shown goes with the weights shown: the one measured at them
  expect(s.loss).toBe(firstLoss);
  await expect(training.root.getByText(/iteration\s*0/).first()).toBeVisible();
  const file = await training.download('Export weights');
  expect(file.name).toMatch(/-it0\.json$/);
  // training on from the rewound weights is iteration 1 again
  await training.oneButton.click();
  await expect.poll(async () => (await training.state()).iteration).toBe(1);
  expect((await training.state()).lossFirst + (await training.state()).losses.length).toBe(1);
});
