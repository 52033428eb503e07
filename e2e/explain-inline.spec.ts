/**
 * The numbers inside the equations and the cell diagram open "How this number is made", like the
 * readouts: by click, and by keyboard alone (Tab reaches them, Enter or Space opens, Escape gives
 * the focus back), with the engine's exact number, and with nothing for axe to report.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { exactText } from './fixtures/app';
import { expect, test } from './fixtures/test';

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'How this number is made' });
const equations = (page: Page) => page.locator('section.equations');
const diagram = (page: Page) => page.locator('svg.cell-diagram');

const exact = async (loc: Locator) => Number(await exactText(loc));
const form = (dialog: Locator) => dialog.getByTestId('explain-level').getAttribute('data-form');
const isFocused = (loc: Locator) => loc.evaluate((el) => el === document.activeElement);

/** Tabs (or Shift+Tabs) until `target` has the focus (at most `max` presses), then checks it does. */
async function tabTo(page: Page, target: Locator, max = 40, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<number> {
  let presses = 0;
  while (presses < max && !(await isFocused(target))) {
    await page.keyboard.press(key);
    presses++;
  }
  await expect(target).toBeFocused();
  return presses;
}

async function axeClean(page: Page, selector: string): Promise<void> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const H = 4;

test('forward: h_t and a gate in the equations open with the engine\'s exact number; a pre-activation opens the gate it makes', async ({ page, app }) => {
  await app.open(`cell=lstm&H=${H}&T=6&seed=3&task=sine&unit=1&t=3`);
  const dialog = dialogOf(page);
  const hs = await app.snapshotArray('hs');
  const engineH = hs[(3 + 1) * H + 1];

  await test.step('h_3[1]: the number in the line, the readout, the dialog and the engine agree', async () => {
    const h = equations(page).getByRole('button', { name: /^h_3\[1\] at t = 3, unit 1: .* — how this number is made$/ });
    await expect(h).toHaveCount(1);
    expect(await h.getAttribute('data-exact')).toBe(await page.getByTestId('unit-h').getAttribute('data-exact'));
    expect(await exact(h)).toBe(engineH);
    // hovering marks the number that opens, not the whole line (the line is not a readout)
    await h.hover();
    expect(await h.locator('xpath=ancestor::span[contains(@class, "eq-numbers")]').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
    await h.click();
    await expect(dialog).toBeVisible();
    await expect.poll(() => form(dialog)).toBe('lstm.h');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(engineH);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(h).toBeFocused();
  });

  await test.step('f_3[1] (the gate\'s value in its own line)', async () => {
    const f = equations(page).getByRole('button', { name: /^f_3\[1\] at t = 3, unit 1: / }).first();
    const readout = await exact(page.getByTestId('unit-gate-f'));
    expect(await exact(f)).toBe(readout);
    await f.click();
    await expect.poll(() => form(dialog)).toBe('gate.sigmoid');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(readout);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  await test.step('σ(a) of f: a term of f_3[1], which opens f_3[1]', async () => {
    const pre = equations(page).locator('[data-quantity="pre.f"]');
    await expect(pre).toHaveAttribute('aria-label', /a term of f_3\[1\] at t = 3, unit 1 — how f_3\[1\] is made$/);
    await pre.click();
    await expect.poll(() => form(dialog)).toBe('gate.sigmoid');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(await exact(page.getByTestId('unit-gate-f')));
    await page.keyboard.press('Escape');
  });
});

test('backward: dL/dh_t in the equations opens with the engine\'s number; keyboard only, Enter and Space, focus comes back', async ({ page, app }) => {
  await app.open(`cell=lstm&H=${H}&T=6&seed=3&task=sine&unit=1&phase=backward&t=3`);
  const dialog = dialogOf(page);
  const dhs = await app.snapshotArray('dhs');
  const engineDh = dhs[3 * H + 1];
  const dh = equations(page).getByRole('button', { name: /^δh_3\[1\] at t = 3, unit 1: / }).first();

  await test.step('by mouse', async () => {
    expect(await exact(dh)).toBe(engineDh);
    expect(await exact(dh)).toBe(await exact(page.getByTestId('unit-dh')));
    await dh.click();
    await expect.poll(() => form(dialog)).toBe('dh');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(engineDh);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  await test.step('by keyboard: Tab from the notation toggle reaches the number, Enter opens, Escape gives the focus back', async () => {
    await page.getByRole('button', { name: 'h W (lecture)' }).focus();
    await tabTo(page, dh);
    expect(await dh.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await equations(page).screenshot({ path: 'e2e/output/explain-inline-equation-focus.png' });
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await expect.poll(() => form(dialog)).toBe('dh');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(engineDh);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(dh).toBeFocused();
  });

  await test.step('Shift+Tab to the number before it, what step 4 sent back (δh^back_4[1]); Space opens it and does not play', async () => {
    const sent = equations(page).getByRole('button', { name: /^δh\^back_4\[1\] at t = 4, unit 1: / }).first();
    await page.keyboard.press('Shift+Tab');
    await expect(sent).toBeFocused();
    await page.keyboard.press(' ');
    await expect.poll(() => form(dialog)).toBe('sum.dhSent');
    // the part of δh_3 from step 4 is what step 4 sent back, as the pass stored it
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(await exact(sent));
    await page.keyboard.press('Escape');
    await expect(sent).toBeFocused();
    await expect(app.status).toHaveText('Backward · t = 3 of 6');
  });
});

test('the cell diagram: every number is a named control; click, Enter and Space open it, with a focus ring', async ({ page, app }) => {
  await app.open(`cell=lstm&H=${H}&T=6&seed=3&task=sine&unit=1&t=3`);
  const dialog = dialogOf(page);
  const hs = await app.snapshotArray('hs');
  const cs = await app.snapshotArray('cs');
  const controls = diagram(page).getByRole('button');
  // the gates, c_{t−1}, c_t, h_{t−1}, h_t, x_t and the products and tanh on the way
  expect(await controls.count()).toBeGreaterThanOrEqual(10);
  for (const name of await controls.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) expect(name).toMatch(/how .* is made$/);

  await test.step('click h_t', async () => {
    const h = diagram(page).getByTestId('cell-value-h.next');
    await expect(h).toHaveAttribute('aria-label', /^h_3\[1\] at t = 3, unit 1: /);
    expect(await exact(h)).toBe(hs[4 * H + 1]);
    await h.click();
    await expect.poll(() => form(dialog)).toBe('lstm.h');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(hs[4 * H + 1]);
    await page.keyboard.press('Escape');
    await expect(h).toBeFocused();
  });

  await test.step('keyboard: Shift+Tab back from h_t to c_t (a ring is drawn), Enter opens it', async () => {
    const c = diagram(page).getByTestId('cell-value-c.next');
    expect(await tabTo(page, c, 10, 'Shift+Tab')).toBeGreaterThan(0);
    expect(await c.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    expect(await c.evaluate((el) => parseFloat(getComputedStyle(el).outlineWidth))).toBeGreaterThanOrEqual(2);
    await diagram(page).screenshot({ path: 'e2e/output/explain-inline-diagram-focus.png' });
    await page.keyboard.press('Enter');
    await expect.poll(() => form(dialog)).toBe('lstm.c');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(cs[4 * H + 1]);
    await page.keyboard.press('Escape');
    await expect(c).toBeFocused();
  });

  await test.step('Space on the forget gate\'s box', async () => {
    const f = diagram(page).getByTestId('cell-value-f');
    await f.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => form(dialog)).toBe('gate.sigmoid');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(await exact(page.getByTestId('unit-gate-f')));
    await page.keyboard.press('Escape');
    await expect(app.status).toHaveText('Forward · t = 3 of 6');
  });
});

test('axe finds nothing in the equations and the cell diagram with their numbers as controls, both phases', async ({ page, app }) => {
  for (const phase of ['forward', 'backward']) {
    await app.open(`cell=gru&H=3&T=5&seed=2&task=sine&unit=0&t=2&phase=${phase}`);
    await expect(equations(page).getByRole('button', { name: /how this number is made$/ }).first()).toBeVisible();
    await expect(diagram(page).getByRole('button').first()).toBeVisible();
    await axeClean(page, 'section.equations');
    await axeClean(page, 'svg.cell-diagram');
  }
});

test('in Korean, on the projector at 1920 × 1080: a number in an equation opens the dialog', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open(`lang=ko&proj=1&cell=lstm&H=6&T=8&seed=4&task=sine&unit=2&t=5`);
  const hs = await app.snapshotArray('hs');
  const h = equations(page).getByRole('button', { name: /^t = 5, 유닛 2의 h_5\[2\]: .* — 이 값이 나온 과정$/ });
  await h.scrollIntoViewIfNeeded();
  await h.click();
  const dialog = page.getByRole('dialog', { name: '이 값이 나온 과정' });
  await expect(dialog).toBeVisible();
  await expect.poll(() => form(dialog)).toBe('lstm.h');
  expect(await exact(dialog.getByTestId('explain-value'))).toBe(hs[6 * 6 + 2]);
  await expect(dialog.getByTestId('explain-plugged')).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1920 && box.y + box.height <= 1080).toBe(true);
  await page.screenshot({ path: 'e2e/output/explain-inline-ko-projector.png' });
});
