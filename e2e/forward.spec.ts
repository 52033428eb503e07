/**
 * Watching the forward pass unroll. Drives the built app in Chromium like a user.
 */
import { parseRequest } from '../src/engine/request';
import { computeTrace, stepsV1 } from '../src/engine/trace';
import { exactText } from './fixtures/app';
import { expectFitsViewport } from './fixtures/layout';
import { BACKWARD_STATES, FORWARD_STATES, SCREENS } from './fixtures/states';
import { expect, test } from './fixtures/test';

test('stepping forward N times shows h_N and the status says so', async ({ app }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine&unit=2');
  await test.step('starts at the first step', async () => {
    await expect(app.status).toHaveText('Forward · t = 0 of 12');
  });
  await test.step('three steps forward', async () => {
    await app.stepForward(3);
    await expect(app.status).toHaveText('Forward · t = 3 of 12');
    await expect(app.readout).toContainText('h[2] at t = 3:');
  });
  await test.step('the readout shows the engine value of h_3 for unit 2, in full precision', async () => {
    const hs = await app.snapshotArray('hs');
    const H = 8;
    const v = hs[(3 + 1) * H + 2];
    await expect.poll(() => exactText(app.readout)).toContain(String(v));
  });
  await test.step('one step back', async () => {
    await app.stepBack();
    await expect(app.status).toHaveText('Forward · t = 2 of 12');
  });
  await test.step('the URL holds the cursor', async () => {
    await expect.poll(() => app.hash()).toContain('t=2');
  });
});

test('the numbers shown for a unit match the engine trace of the same request', async ({ page, app }) => {
  for (const [cell, task] of [['rnn', 'sine'], ['lstm', 'text'], ['gru', 'sine_mix'], ['lstm', 'adding']] as const) {
    await app.open(`cell=${cell}&H=5&T=9&seed=7&task=${task}&unit=4&t=6&k=4`);
    const json = await page.evaluate(() => (window as unknown as { __unroll: { exportTrace(): Promise<string> } }).__unroll.exportTrace());
    const exported = JSON.parse(json);
    // An independent run of the engine in Node on the exported request.
    const { params, seq } = parseRequest(exported.request);
    const trace = computeTrace(params, seq);
    const want = stepsV1(trace)[6].h[4];
    await expect.poll(() => exactText(app.readout)).toContain(`h[4] at t = 6: ${want}`);
    // the whole trace the browser computed equals Node's, number for number, to the bit
    const { request: _request, ...browserTrace } = exported;
    expect(browserTrace).toEqual(JSON.parse(JSON.stringify(trace)));
  }
});

test('keyboard: arrows step, Home resets, Space plays and pauses, ? opens the shortcuts', async ({ page, app }) => {
  await app.open('T=12');
  await app.focusPage();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(app.status).toHaveText('Forward · t = 2 of 12');
  await page.keyboard.press('ArrowLeft');
  await expect(app.status).toHaveText('Forward · t = 1 of 12');
  await page.keyboard.press('Home');
  await expect(app.status).toHaveText('Forward · t = 0 of 12');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.keyboard.press(' ');
  await expect(app.button('Pause')).toBeVisible();
  await expect(app.status).not.toHaveText('Forward · t = 0 of 12');
  await page.keyboard.press(' ');
  await expect(app.button('Play')).toBeVisible();
});

test('reload restores the same view from the URL', async ({ page, app }) => {
  await app.open('cell=gru&H=6&T=10&seed=3&task=sine&unit=1');
  await app.stepForward(4);
  await expect(app.status).toHaveText('Forward · t = 4 of 10');
  const before = await app.readout.textContent();
  await expect.poll(() => app.hash()).toContain('t=4');
  await page.reload();
  await app.waitReady();
  await expect(app.status).toHaveText('Forward · t = 4 of 10');
  await expect(app.readout).toHaveText(before!);
  await expect(app.button('GRU')).toHaveAttribute('aria-pressed', 'true');
});

test('a link opened right after a step wins over the pending address update', async ({ page, app }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  // Each step queues an address update a moment later; the new link arrives while one waits and
  // the page is busy (as with a large network), so the update may run before the hashchange.
  // Several rounds, because the race is one of task order.
  for (const [cell, T, name] of [
    ['gru', 9, 'GRU'],
    ['rnn', 7, 'RNN'],
    ['lstm', 11, 'LSTM'],
    ['gru', 8, 'GRU'],
  ] as const) {
    await app.stepForward(2);
    await page.evaluate(() => {
      const busy = setInterval(() => {
        const end = performance.now() + 40;
        while (performance.now() < end) {
          /* a slow frame */
        }
      }, 45);
      setTimeout(() => clearInterval(busy), 1500);
    });
    await page.keyboard.press('ArrowRight');
    await page.goto(`/#cell=${cell}&H=5&T=${T}&seed=2&task=sine&lang=en`);
    await expect(app.status).toHaveText(`Forward · t = 0 of ${T}`);
    await expect(app.button(name)).toHaveAttribute('aria-pressed', 'true');
    await page.waitForTimeout(1600);
    expect(await app.hash()).toContain(`cell=${cell}`);
    await expect(app.status).toHaveText(`Forward · t = 0 of ${T}`);
  }
});

test('a broken link shows a notice and falls back to defaults, never a blank page', async ({ page, app }) => {
  await page.goto('/#cell=banana&H=100000&T=-3&seed=x&phase=sideways&lang=en');
  await app.waitReady();
  await expect(page.getByText(/could not read/)).toBeVisible();
  await expect(app.button('LSTM')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.status).toHaveText('Forward · t = 0 of 12');
  await page.goto('/#%E0%A4%A&&&==&lang=en');
  await app.waitReady();
  await expect(app.status).toContainText('Forward');
});

test('an invalid input edit is refused next to the field and changes nothing', async ({ page, app }) => {
  await app.open('task=sine&T=12');
  const field = page.getByLabel('Values, separated by commas or spaces');
  const before = await field.inputValue();
  await field.fill('0.1, 0.2, banana, 0.4');
  await app.button('Use this input').click();
  await expect(page.getByRole('alert')).toHaveText('Item 3 ("banana") is not a number.');
  await expect(app.status).toHaveText('Forward · t = 0 of 12');
  await field.fill(before);
  await field.fill('0.5, 0.25, -0.5, 1, 0');
  await app.button('Use this input').click();
  await expect(app.status).toHaveText('Forward · t = 0 of 4');
});

test('the text input is editable and refuses a one-character text', async ({ page, app }) => {
  await app.open('task=text&T=10');
  const field = page.getByLabel('Text to read, one character per step');
  await field.fill('a');
  await app.button('Use this input').click();
  await expect(page.getByRole('alert')).toHaveText('Give at least 2 characters.');
  await field.fill('abcabcabc');
  await app.button('Use this input').click();
  await expect.poll(async () => (await app.snapshotInfo()).steps).toBe(10);
  await expect.poll(() => app.hash()).toContain('text=abcabcabc');
});

// How smoothly it plays (no main-thread task over 50 ms) is a figure of `npm run bench:ui`; here,
// only that playing moves the cursor through the sequence and pausing stops it.
test('playing walks through the sequence and pausing stops it where it is', async ({ page, app }) => {
  await app.open('cell=lstm&H=32&T=100&seed=1&task=sine');
  const t = async () => Number((await app.status.textContent())?.match(/t = (\d+)/)?.[1] ?? NaN);
  await test.step('at speed 16 the cursor moves on by itself', async () => {
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('16');
    await app.button('Play').click();
    await expect(app.button('Pause')).toBeVisible();
    await expect.poll(t, { timeout: 30_000 }).toBeGreaterThan(20);
  });
  await test.step('pause: the cursor stays where it was and the URL holds it', async () => {
    await app.button('Pause').click();
    await expect(app.button('Play')).toBeVisible();
    const paused = await t();
    await expect.poll(() => app.hash()).toMatch(new RegExp(`[#&]t=${paused}(&|$)`));
    // a frame later, and another: nothing moved
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await t()).toBe(paused);
  });
});

test('the worker restarts after a crash and the session comes back', async ({ page, app }) => {
  await app.open('cell=rnn&H=4&T=8&unit=1');
  await app.stepForward(2);
  await page.evaluate(() => (window as unknown as { __unroll: { kill(): void } }).__unroll.kill());
  await expect(page.getByText(/engine stopped/)).toBeVisible();
  await expect(app.status).toHaveText('Forward · t = 2 of 8');
  await app.stepForward(1);
  await expect(app.status).toHaveText('Forward · t = 3 of 8');
  await expect(app.readout).toContainText('h[1] at t = 3');
});

// Screenshots of these views, to look at: `npm run shots` (e2e/shots/).
for (const [width, height] of SCREENS) {
  test(`the main views fit a ${width}×${height} screen, with legible text`, async ({ page, app }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height });
    for (const [name, hash] of [...FORWARD_STATES, ...BACKWARD_STATES]) {
      await test.step(name, async () => {
        await app.open(hash);
        await expect(page.locator('.cell-panel .katex').first()).toBeVisible();
        await expectFitsViewport(page, `${name} at ${width}×${height}`);
      });
    }
  });
}

test('the equations switch between the lecture notation (h W) and PyTorch (W h)', async ({ page, app }) => {
  await app.open('cell=lstm&H=8&T=12&t=3&unit=1');
  // every typeset line's TeX (the symbolic lines and, for the selected unit, their numbers), as
  // they are typeset: the lines may appear one after another
  const tex = async () => (await page.locator('.eq-list annotation').allTextContents()).join('\n');
  await expect(page.locator('.eq-list annotation').first()).toBeAttached();
  await expect.poll(tex).toContain('W_x^');
  await page.getByRole('button', { name: 'W h (PyTorch)' }).click();
  await expect.poll(tex).toContain('W_{if}');
  await expect.poll(() => app.hash()).toContain('nota=pytorch');
  await expect(page.getByRole('button', { name: 'W h (PyTorch)' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'h W (lecture)' }).click();
  await expect.poll(tex).toContain('W_x^');
});
