/**
 * Faults and reloads: the engine worker killed or crashed mid-training comes back with the weights
 * on screen, and a reload mid-session brings back the settings, the data, the cursor and the weights.
 */
import { readFileSync } from 'node:fs';
import { config, snap } from './fixtures/stress';
import { expect, test } from './fixtures/test';

// ---- 5. the worker killed or crashed mid-training ---------------------------------------------

for (const fault of ['kill', 'crash'] as const) {
  test(`the engine worker ${fault === 'kill' ? 'terminated' : 'throwing an uncaught error'} mid-training: restarted, the trained weights restored, training goes on`, async ({ page, app, training }) => {
    await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
    const initial = await snap(page);
    await test.step('train until a trained snapshot is on screen', async () => {
      await training.trainButton.click();
      await expect(training.pauseButton).toBeVisible();
      await expect.poll(async () => (await training.state()).iteration).toBeGreaterThan(0);
      await expect.poll(async () => (await snap(page)).origin).toBe('trained');
    });
    type Seen = { params: Record<string, number[]>; iteration: number; version: number };
    const { atFault, reopened } = await test.step(`${fault} the worker; record the weights on screen when the app notices, and the restarted engine's first snapshot`, async () =>
      page.evaluate(async (f) => {
        type S = { notices: { key: string }[]; snapshot: { params: Record<string, Float64Array>; version: number; iteration: number } | null; training: { iteration: number } };
        const w = window as unknown as { __unroll: { kill(): void; crash(): void; flatParams(p: unknown): Record<string, Float64Array>; store: { getState(): S; subscribe(l: (s: S, p: S) => void): () => void } } };
        const seen = (s: S) => {
          const params: Record<string, number[]> = {};
          for (const [k, v] of Object.entries(w.__unroll.flatParams(s.snapshot!.params))) params[k] = Array.from(v);
          return { params, iteration: s.snapshot!.iteration, version: s.snapshot!.version };
        };
        const both = new Promise<{ atFault: Seen; reopened: Seen }>((resolve) => {
          let atFault: Seen | null = null;
          const stop = w.__unroll.store.subscribe((s, p) => {
            const restarted = (x: S) => x.notices.some((n) => n.key === 'notice.workerRestarted');
            if (restarted(s) && !restarted(p)) atFault = seen(s);
            else if (atFault && s.snapshot && s.snapshot.version !== atFault.version) {
              stop();
              resolve({ atFault, reopened: seen(s) });
            }
          });
        });
        if (f === 'kill') w.__unroll.kill();
        else w.__unroll.crash();
        return both;
      }, fault),
    );
    expect(atFault.iteration).toBeGreaterThan(0);
    expect(atFault.params, 'training had changed the weights').not.toEqual(initial.params);

    await test.step('the app says the engine stopped and was restarted', async () => {
      const reason = fault === 'kill' ? 'the engine worker was stopped' : 'crash requested by a test';
      await expect(page.getByRole('note').filter({ hasText: 'The engine stopped (' })).toContainText(reason);
      await expect(page.getByRole('note').filter({ hasText: 'The engine stopped (' })).toContainText('was restarted; your session was restored.');
    });
    await test.step('the restarted engine opens the trained weights, bit for bit, at the iteration they had', async () => {
      expect(reopened.params).toEqual(atFault.params);
      expect(reopened.iteration).toBe(atFault.iteration);
    });
    await test.step('training goes on by itself from the restored weights, and pauses', async () => {
      await expect(training.pauseButton).toBeVisible();
      await expect.poll(async () => (await training.state()).iteration, { timeout: 45_000 }).toBeGreaterThan(atFault.iteration + 20);
      await training.pause();
      const s = await training.state();
      expect(s.diverged).toBe(false);
      expect(s.losses.every(Number.isFinite)).toBe(true);
      const after = await snap(page);
      expect(after.origin).toBe('trained');
      expect(after.params).not.toEqual(atFault.params);
      await app.stepForward(2);
      await expect(app.status).toHaveText('Forward · t = 2 of 12');
    });
  });
}

// ---- 6. a reload mid-session ------------------------------------------------------------------

test('a reload mid-session brings back the settings, the typed and uploaded data, the cursor, the unit and the language', async ({ page, app }) => {
  await app.open('cell=gru&H=6&T=10&seed=3&task=sine');
  const typed = '0.5, 0.25, -0.5, 1, 0, 0.75, -1';
  await test.step('type a series, step, pick a unit, switch to Korean', async () => {
    await page.getByLabel('Values, separated by commas or spaces').fill(typed);
    await app.button('Use this input').click();
    await expect(app.status).toHaveText('Forward · t = 0 of 6');
    await app.stepForward(3);
    const unit2 = page.getByRole('listbox', { name: /^Units of the step/ }).first().getByRole('option', { name: /^unit 2:/ });
    await unit2.click();
    await expect(unit2).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await expect(app.status).toHaveText('순전파 · t = 3 / 6');
    await expect.poll(() => app.hash()).toMatch(/series=.*t=3.*unit=2.*lang=ko/);
  });
  await test.step('after a reload, all of it is back', async () => {
    await page.reload();
    await expect(app.status).toHaveText('순전파 · t = 3 / 6');
    await expect(page.getByRole('button', { name: '다음 단계' })).toBeEnabled();
    expect(await config(page)).toMatchObject({ cell: 'gru', hidden: 6, task: 'custom', columns: 1, series: [0.5, 0.25, -0.5, 1, 0, 0.75, -1] });
    await expect(page.getByLabel('값 목록(쉼표나 공백으로 구분)')).toHaveValue(typed);
    await expect(page.getByRole('combobox', { name: '언어' })).toHaveValue('ko');
    await expect(page.getByRole('listbox', { name: /^이 시점의 유닛들/ }).first().getByRole('option', { name: /^유닛 2:/ })).toHaveAttribute('aria-selected', 'true');
    expect(await page.evaluate(() => localStorage.getItem('unroll.lang'))).toBe('ko');
    await page.getByRole('button', { name: '다음 단계' }).click();
    await expect(app.status).toHaveText('순전파 · t = 4 / 6');
  });
  await test.step('a CSV upload of two columns survives a reload', async () => {
    const csv = ['a,b', ...Array.from({ length: 12 }, (_, k) => `${(k / 10).toFixed(1)},${(-k / 20).toFixed(2)}`)].join('\n');
    await page.getByLabel('CSV 올리기', { exact: true }).setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(app.status).toHaveText('순전파 · t = 4 / 11');
    await expect.poll(() => app.hash()).toContain('cols=2');
    const xs = await app.snapshotArray('xs');
    expect(xs.slice(0, 4)).toEqual([0, 0, 0.1, -0.05]);
    await page.reload();
    await expect(app.status).toHaveText('순전파 · t = 4 / 11');
    expect(await app.snapshotArray('xs')).toEqual(xs);
    expect(await config(page)).toMatchObject({ cell: 'gru', hidden: 6, task: 'custom', columns: 2 });
    await expect(page.getByRole('combobox', { name: '언어' })).toHaveValue('ko');
  });
});

test('weights trained one iteration at a time survive a reload', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  const initial = await snap(page);
  for (let k = 1; k <= 3; k++) {
    await training.oneButton.click();
    await expect.poll(async () => (await training.state()).iteration).toBe(k);
  }
  const trained = await snap(page);
  expect(trained.origin).toBe('trained');
  expect(trained.params).not.toEqual(initial.params);
  // a user reloading a moment later
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitReady();
  const after = await snap(page);
  expect(after.origin, 'the weights on screen after the reload').toBe('trained');
  expect(after.params).toEqual(trained.params);
});

// While training runs the weights are saved every 2 s; pausing and leaving the page save at once.
test('weights trained by a running loop survive a reload right after pausing', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  await training.trainUntil(30);
  const trained = await snap(page);
  expect(trained.origin).toBe('trained');
  // a user reloading a moment after pausing
  await page.waitForTimeout(300);
  await page.reload();
  await app.waitReady();
  const after = await snap(page);
  expect(after.origin, 'the weights on screen after the reload').toBe('trained');
  expect(after.params).toEqual(trained.params);
});

test('imported weights survive a reload', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  const sd = JSON.parse(readFileSync('src/engine/__fixtures__/sample-1-rnn-mse.request.json', 'utf8')).state_dict as Record<string, number[][] | number[]>;
  const weights = { ...sd, weight_ih_l0: (sd.weight_ih_l0 as number[][]).map((row) => [row[0]]) };
  await page.getByLabel('Import weights', { exact: true }).setInputFiles({ name: 'rnn.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(weights)) });
  await expect(training.root.getByTestId('weights-message')).toHaveText('Loaded RNN weights with H = 3.');
  const imported = await snap(page);
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitReady();
  const after = await snap(page);
  expect(after).toMatchObject({ cell: 'rnn', hidden: 3, origin: 'imported' });
  expect(after.params).toEqual(imported.params);
});

// The optimizer, learning rate, clipping threshold and batch size are kept in local storage.
test('the training settings the user typed survive a reload', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
  await training.setOptimizer('SGD + momentum');
  await training.setNumber('Learning rate', '0.05');
  await training.setNumber('Clipping threshold', '2.5');
  await training.setNumber('Batch size', '16');
  await page.waitForTimeout(500);
  await page.reload();
  await app.waitReady();
  await expect(page.getByRole('combobox', { name: 'Optimizer' })).toHaveValue('momentum');
  await expect(training.root.getByRole('textbox', { name: 'Learning rate' })).toHaveValue('0.05');
  await expect(training.root.getByRole('textbox', { name: 'Clipping threshold' })).toHaveValue('2.5');
  await expect(training.root.getByRole('textbox', { name: 'Batch size' })).toHaveValue('16');
});
