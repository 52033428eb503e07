/**
 * Learning by doing: every number explains how it was made ("How this number is made", down to
 * inputs, weights and the previous step, with the sums shown), by mouse and by keyboard alone,
 * with no axe violation in the dialog.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { band, exactText } from './fixtures/app';
import { expect, test } from './fixtures/test';

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'How this number is made' });

/** The exact number a locator shows (a Num's data-exact). */
async function exact(loc: Locator): Promise<number> {
  return Number(await exactText(loc));
}

/** The shown level's value and the sum of its terms agree within 1e-12 relative; the dialog says so too. */
async function expectSumMakesValue(dialog: Locator): Promise<void> {
  const value = await exact(dialog.getByTestId('explain-value'));
  const sum = await exact(dialog.getByTestId('explain-sum'));
  expect(Math.abs(sum - value)).toBeLessThanOrEqual(1e-12 * Math.abs(value));
  await expect(dialog.getByTestId('explain-check')).toContainText('relative difference of');
}

async function form(dialog: Locator): Promise<string | null> {
  return dialog.getByTestId('explain-level').getAttribute('data-form');
}

test('h, a gate, dL/dh_t and a weight-gradient entry open into their terms, two levels down and back', async ({ page, app }) => {
  await app.open('cell=lstm&H=4&T=6&seed=3&task=sine&unit=1');
  const dialog = dialogOf(page);
  const hs = await app.snapshotArray('hs');

  await test.step('h_t opens into o_t and c_t; o_t into its pre-activation parts; the input part into inputs and weights', async () => {
    const h = page.getByTestId('unit-h');
    expect(await exact(h)).toBe(hs[1 * 4 + 1]);
    await h.click();
    await expect(dialog).toBeVisible();
    await expect.poll(() => form(dialog)).toBe('lstm.h');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(hs[1 * 4 + 1]);
    await expect(dialog.getByTestId('explain-check')).toContainText('relative difference of 0');
    await dialog.getByRole('button', { name: 'Open: how o_0[1] is made' }).click();
    await expect.poll(() => form(dialog)).toBe('gate.sigmoid');
    await dialog.getByRole('button', { name: 'Open: how a^x_o,0[1] is made' }).click();
    await expect.poll(() => form(dialog)).toBe('sum.gi');
    await expectSumMakesValue(dialog);
    const path = dialog.getByRole('navigation', { name: 'Levels opened' });
    await expect(path.getByRole('listitem')).toHaveCount(3);
    await path.getByRole('button', { name: /^1\. h_0\[1\]$/ }).click();
    await expect.poll(() => form(dialog)).toBe('lstm.h');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('a gate: f_t = σ(a^x + a^h), the numbers put in', async () => {
    await page.getByTestId('unit-gate-f').click();
    await expect.poll(() => form(dialog)).toBe('gate.sigmoid');
    await expect(dialog.getByTestId('explain-plugged')).toContainText('σ');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  await test.step('dL/dh_t is the part from above plus what the next step sends back, which is a sum over W_hh', async () => {
    await app.open('cell=lstm&H=4&T=6&seed=3&task=sine&unit=1&phase=backward&t=3');
    await page.getByTestId('step-dh').getByRole('button').click();
    await expect.poll(() => form(dialog)).toBe('dh');
    const value = await exact(dialog.getByTestId('explain-value'));
    expect(value).toBe(await exact(page.getByTestId('step-dh').getByRole('button')));
    await dialog.getByRole('button', { name: 'Open: how δh^back_4[1] is made' }).click();
    await expect.poll(() => form(dialog)).toBe('sum.dhSent');
    await expect(dialog.getByTestId('explain-addends').locator('tbody tr')).toHaveCount(16);
    await expectSumMakesValue(dialog);
    await dialog.getByRole('button', { name: 'Open: how δa_f,4[1] is made' }).click();
    await expect.poll(() => form(dialog)).toBe('dpre.lstm.f');
    await dialog.getByRole('button', { name: 'Up one level' }).click();
    await expect.poll(() => form(dialog)).toBe('sum.dhSent');
    await page.keyboard.press('Escape');
  });

  await test.step('a weight-gradient entry is the sum of one contribution per step reached so far', async () => {
    await app.open('cell=lstm&H=4&T=6&seed=3&task=sine&unit=1&phase=backward&t=0');
    await band(page).getByRole('tab', { name: 'Weight gradients' }).click();
    // the map of sums takes the arrow keys; the readout under it names the entry picked, with its sum
    await page.getByTestId('wgrad-sum').first().focus();
    await page.keyboard.press('ArrowRight');
    const sum = page.getByTestId('weights-readout').getByTestId('wgrad-sum');
    const shown = await exact(sum);
    await sum.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => form(dialog)).toBe('sum.wgrad');
    expect(await exact(dialog.getByTestId('explain-value'))).toBe(shown);
    await expect(dialog.getByTestId('explain-addends').locator('tbody tr')).toHaveCount(6);
    await expectSumMakesValue(dialog);
    await dialog.getByTestId('explain-addends').getByRole('button').first().click();
    await expect.poll(() => form(dialog)).toMatch(/^dpre\.lstm\./);
    await page.keyboard.press('Escape');
  });
});

test('the whole path with the keyboard only, and axe finds nothing in the dialog', async ({ page, app }) => {
  await app.open('cell=gru&H=3&T=5&seed=2&task=sine&unit=0&phase=backward&t=1&k=2');
  const dialog = dialogOf(page);
  const opener = page.getByTestId('step-dh').getByRole('button');
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect.poll(() => form(dialog)).toBe('dh.cut');
  await expect(dialog).toContainText('A truncation cut starts the next block here');
  // Tab walks to the first term that opens, Enter opens it (δh^↑, the part from the head)
  const target = dialog.getByRole('button', { name: 'Open: how δh^↑_1[0] is made' });
  for (let i = 0; i < 12 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => form(dialog)).toBe('sum.dhAbove.head');
  await expectSumMakesValue(dialog);
  // Tab stays inside the modal dialog
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
  }
  const result = await new AxeBuilder({ page }).include('dialog.explain').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('predict, then reveal: a wrong and a right answer to a number, both announced, counted, exported', async ({ page, app }) => {
  // a vanilla RNN going forward asks for h_t = tanh(a), a number
  await app.open('cell=rnn&H=4&T=6&seed=5&task=sine');
  await app.button('Predict').click();
  await expect(app.button('Predict')).toHaveAttribute('aria-pressed', 'true');
  const card = page.getByTestId('predict-card');
  const reveal = card.getByTestId('predict-reveal');
  const prompt = card.getByTestId('predict-prompt');
  const hs = await app.snapshotArray('hs');

  /** The step and unit the question names, and the engine's h there (from the worker's snapshot). */
  const asked = async () => {
    const m = /Step t = (\d+), unit (\d+)/.exec((await prompt.textContent()) ?? '');
    expect(m).not.toBeNull();
    const [t, u] = [Number(m![1]), Number(m![2])];
    return { t, u, h: hs[(t + 1) * 4 + u] };
  };

  await test.step('a wrong answer: "Not quite", the exact value, the tolerance and why', async () => {
    const q = await asked();
    expect(q.t).toBe(1);
    await card.getByRole('textbox', { name: 'Your answer' }).fill('5');
    await card.getByRole('button', { name: 'Check my answer' }).click();
    await expect(reveal).toContainText('Not quite.');
    await expect(reveal).toContainText('answers within ±0.02 count');
    expect(await exact(card.getByTestId('predict-exact'))).toBe(q.h);
    await expect(reveal).toContainText(`h = tanh(`);
    await expect(app.status).toHaveText('Forward · t = 0 of 6');
    await card.getByRole('button', { name: 'Show the step' }).click();
    await expect(app.status).toHaveText('Forward · t = 1 of 6');
  });

  await test.step('a right answer, typed with the keyboard', async () => {
    const q = await asked();
    expect(q.t).toBe(2);
    const input = card.getByRole('textbox', { name: 'Your answer' });
    await expect(input).toBeFocused();
    await page.keyboard.type(q.h.toFixed(3));
    await page.keyboard.press('Enter');
    await expect(reveal).toContainText('Right.');
    expect(await exact(card.getByTestId('predict-exact'))).toBe(q.h);
    await expect(card).toContainText('1 right of 2');
  });

  await test.step('the exact value opens how it is made; the answers export as JSON', async () => {
    await card.getByTestId('predict-exact').click();
    await expect.poll(() => form(dialogOf(page))).toBe('rnn.h');
    await page.keyboard.press('Escape');
    const [file] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Export my answers (JSON)' }).click()]);
    const json = JSON.parse(await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8'));
    expect(json).toEqual({ format: 'unroll-predict-progress', version: 1, chapters: [{ chapter: 'free', asked: 2, right: 1 }] });
  });
});

test('in Korean, on the projector at 1920 × 1080: predict, reveal, explain', async ({ page, app }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await app.open('lang=ko&proj=1&cell=lstm&H=6&T=8&seed=4&task=sine&unit=2&phase=backward&t=6');
  await app.button('예측하기').click();
  const card = page.getByTestId('predict-card');
  await expect(card.getByRole('heading', { name: '먼저 예측하고, 그다음 확인' })).toBeVisible();
  const number = card.getByRole('textbox', { name: '내 답' });
  const choices = card.getByRole('group', { name: '내 답' });
  await expect(number.or(choices)).toBeVisible();
  if (await number.isVisible()) {
    await number.fill('0');
    await card.getByRole('button', { name: '답 확인' }).click();
  } else await choices.getByRole('button').first().click();
  await expect(card.getByTestId('predict-reveal')).toContainText(/정답입니다|아쉽게도 틀렸습니다/);
  // the revealed exact value (a number question), else the step's own dL/dh_t, opens how it is made
  const revealed = card.getByTestId('predict-exact');
  if (await revealed.isVisible()) await revealed.click();
  else await page.getByTestId('unit-dh').click();
  const dialog = page.getByRole('dialog', { name: '이 값이 나온 과정' });
  await expect(dialog).toBeVisible();
  await expect.poll(() => form(dialog)).toMatch(/^dh/);
  await expect(dialog.getByTestId('explain-plugged')).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1920 && box.y + box.height <= 1080).toBe(true);
  await page.screenshot({ path: 'e2e/output/learn-predict-reveal-explain-ko.png' });
});

test('in the lesson the questions are the chapter’s, progress is kept per chapter, and the new controls are axe-clean', async ({ page, app }) => {
  await app.open('ch=5');
  await app.button('Predict each step of this chapter').click();
  await expect(app.button('Predict')).toHaveAttribute('aria-pressed', 'true');
  const card = page.getByTestId('predict-card');
  const number = card.getByRole('textbox', { name: 'Your answer' });
  const choices = card.getByRole('group', { name: 'Your answer' });
  await expect(number.or(choices)).toBeVisible();
  const violations = await new AxeBuilder({ page }).include('[data-testid=predict-card]').include('[data-testid=unit-numbers]').include('.controlbar').analyze();
  expect(violations.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  if (await number.isVisible()) {
    await number.fill('0');
    await page.keyboard.press('Enter');
  } else await choices.getByRole('button').first().click();
  await expect(card.getByTestId('predict-reveal')).toContainText(/Right\.|Not quite\./);
  await expect(card).toContainText(/This chapter so far: [01] right of 1\./);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('unroll.predict') ?? '{}'));
  expect(stored.bptt.asked).toBe(1);
  // a reload keeps the count
  await page.reload();
  await app.waitReady();
  await app.button('Predict').click();
  await expect(page.getByTestId('predict-card')).toContainText(/This chapter so far: [01] right of 1\./);
});

test('the shape question: sketch the gradient-norm curve by dragging, then see it and the score', async ({ page, app }) => {
  await app.open('cell=rnn&H=4&T=8&seed=2&task=sine');
  await app.button('Predict').click();
  const sketch = page.getByTestId('sketch');
  const surface = sketch.getByRole('slider', { name: 'Your sketch of ‖∂L/∂h_t‖ over the steps' });
  await expect(sketch.getByRole('button', { name: 'Reveal the curve' })).toBeDisabled();
  const axe = await new AxeBuilder({ page }).include('[data-testid=sketch]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const box = (await surface.boundingBox())!;
  // a straight line from 1e0 at the left to 1e-4 at the right (the y axis spans 1e2 … 1e-6)
  const yAt = (decade: number) => box.y + box.height * ((10 / 170) + ((2 - decade) / 8) * (136 / 170));
  await page.mouse.move(box.x + box.width * (52 / 560) + 1, yAt(0));
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * ((52 + (i / 10) * 496) / 560), yAt(-0.4 * i));
  await page.mouse.up();
  await expect(sketch.getByTestId('sketch-guess')).toBeVisible();
  await sketch.getByRole('button', { name: 'Reveal the curve' }).click();
  await expect(sketch.getByTestId('sketch-actual')).toBeVisible();
  await expect(sketch.getByTestId('sketch-score')).toContainText('powers of ten off the real curve');
  await expect(app.status).toHaveText('Forward · t = 0 of 8');

  // with the keyboard alone: one value at step 0 (10^−1.75) stands for every step; the score is its mean distance in decades to the engine's norms
  await sketch.getByRole('button', { name: 'Start again' }).click();
  await surface.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowUp');
  await expect(surface).toHaveAttribute('aria-valuetext', 'step 0: 10^-1.8');
  await sketch.getByRole('button', { name: 'Reveal the curve' }).click();
  const text = (await sketch.getByTestId('sketch-score').textContent()) ?? '';
  const m = /is ([\d.e+-]+) powers of ten off/.exec(text);
  expect(m, text).not.toBeNull();
  const norms = await app.snapshotArray('dhNorm');
  expect(norms).toHaveLength(8);
  const clampLog = (v: number) => (v > 0 ? Math.min(2, Math.max(-6, Math.log10(v))) : -6);
  const expected = norms.reduce((sum, v) => sum + Math.abs(-1.75 - clampLog(v)), 0) / 8;
  expect(Number(m![1])).toBe(Number(expected.toPrecision(2)));
});
