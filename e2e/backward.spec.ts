/**
 * Stepping backward through time: BPTT per timestep with real numbers, truncation, and
 * vanishing / exploding gradients made visible. Drives the built app in Chromium like a user.
 */
import { parseRequest } from '../src/engine/request';
import { computeTrace, stepsV1 } from '../src/engine/trace';
import { clipFactor } from '../src/engine/train';
import { band, exactText } from './fixtures/app';
import { expect, test } from './fixtures/test';

interface StoreHook {
  __unroll: { store: { getState(): Record<string, unknown> }; exportTrace(): Promise<string> };
}

test('walking the whole backward phase shows ∂L/∂h_t for every step, with the engine’s numbers', async ({ page, app }) => {
  const T = 12;
  const H = 8;
  const unit = 2;
  await app.open(`cell=lstm&H=${H}&T=${T}&seed=1&task=sine&unit=${unit}`);
  const readout = page.getByTestId('bptt-readout');
  const points = page.getByTestId('dh-norm-point');

  await test.step('in the forward phase no gradient is shown yet, and the band says when it comes', async () => {
    await expect(readout).toContainText('gradients are computed in the backward pass');
    await expect(points).toHaveCount(0);
  });

  // An independent run of the engine in Node on the request the app exports.
  const json = await page.evaluate(() => (window as unknown as StoreHook).__unroll.exportTrace());
  const { params, seq } = parseRequest(JSON.parse(json).request);
  const trace = computeTrace(params, seq);
  const dhNorm = await app.snapshotArray('dhNorm');
  const dhs = await app.snapshotArray('dhs');

  await test.step('stepping past the last forward step starts the backward pass at t = T − 1', async () => {
    await app.stepForward(T);
    await expect(app.status).toHaveText(`Backward · t = ${T - 1} of ${T}`);
  });

  for (let t = T - 1; t >= 0; t--) {
    await test.step(`backward at t = ${t}: ‖∂L/∂h_t‖ and ∂L/∂h_t[${unit}] are the engine’s, steps ${t} … ${T - 1} are revealed`, async () => {
      await expect(app.status).toHaveText(`Backward · t = ${t} of ${T}`);
      await expect.poll(() => exactText(readout)).toContain(`t = ${t}: ‖∂L/∂h_t‖ = ${dhNorm[t]}`);
      await expect(points).toHaveCount(T - t);
      await expect.poll(() => exactText(page.getByTestId('step-dh'))).toBe(String(stepsV1(trace)[t].dh[unit]));
      // the norm shown is the norm of the vector the engine computed
      let s = 0;
      for (let j = 0; j < H; j++) s += dhs[t * H + j] ** 2;
      expect(Math.abs(Math.sqrt(s) - dhNorm[t])).toBeLessThanOrEqual(1e-12 * dhNorm[t]);
    });
    if (t > 0) await app.stepForward(1);
  }

  await test.step('hovering or focusing the chart reads out any reached step', async () => {
    const chart = page.getByRole('slider', { name: /Gradient norm per step/ });
    await chart.focus();
    await page.keyboard.press('End');
    await expect.poll(() => exactText(readout)).toContain(`t = ${T - 1}: ‖∂L/∂h_t‖ = ${dhNorm[T - 1]}`);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => exactText(readout)).toContain(`t = ${T - 2}: ‖∂L/∂h_t‖ = ${dhNorm[T - 2]}`);
    // the arrow keys inspect the chart; they did not move the cursor
    await expect(app.status).toHaveText(`Backward · t = 0 of ${T}`);
  });

  await test.step('the weight gradients have filled in by t = 0', async () => {
    await band(page).getByRole('tab', { name: 'Weight gradients' }).click();
    await expect(band(page).getByText('Summed so far: steps 11 … 0')).toBeVisible();
    await page.getByTestId('wgrad-sum').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('weights-readout')).toContainText('sum of steps 11 … 0');
    await band(page).getByRole('tab', { name: '∂L/∂h through time' }).click();
  });

});

test('with truncation k = 4 no gradient crosses a cut', async ({ page, app }) => {
  const H = 8;
  const T = 24;
  const k = 4;
  const unit = 3;
  await app.open(`cell=rnn&H=${H}&T=${T}&seed=1&task=sine&k=${k}&unit=${unit}&phase=backward&t=19`);
  const dhHead = await app.snapshotArray('dhHead');
  const dhs = await app.snapshotArray('dhs');

  await test.step('a dashed cut is drawn before every multiple of k', async () => {
    await expect(page.getByTestId('bptt-chart').getByTestId('cut')).toHaveCount(T / k - 1);
    await expect(band(page)).toContainText(`cut every ${k} steps`);
  });

  await test.step('at the last step of a block, ∂L/∂h_t is the head’s part alone: nothing came from t + 1', async () => {
    await expect(app.status).toHaveText(`Backward · t = 19 of ${T}`);
    await expect.poll(() => exactText(page.getByTestId('step-dh'))).toBe(String(dhHead[19 * H + unit]));
    await expect.poll(() => exactText(page.getByTestId('step-dh-head'))).toBe(String(dhHead[19 * H + unit]));
    await expect(page.getByTestId('step-dh-next')).toHaveText('0');
    await expect(page.getByTestId('step-parts')).toContainText('cut: the block ends here');
  });

  await test.step('the engine agrees at every block end: ∂L/∂h_t equals the head’s part exactly', async () => {
    for (let t = k - 1; t < T; t += k) {
      for (let j = 0; j < H; j++) expect(dhs[t * H + j], `dL/dh[${t}][${j}]`).toBe(dhHead[t * H + j]);
    }
  });

  await test.step('inside a block the gradient from t + 1 does arrive', async () => {
    await app.stepForward(1); // backward t = 18
    await expect(app.status).toHaveText(`Backward · t = 18 of ${T}`);
    await expect(page.getByTestId('step-dh-next')).not.toHaveText('0');
  });

  await test.step('with every step reached, the curve is drawn block by block, never across a cut', async () => {
    await app.open(`cell=rnn&H=${H}&T=${T}&seed=1&task=sine&k=${k}&phase=backward&t=0`);
    await expect(app.status).toHaveText(`Backward · t = 0 of ${T}`);
    await expect(page.getByTestId('dh-norm-point')).toHaveCount(T);
    const d = await page.getByTestId('dh-norm').locator('path').getAttribute('d');
    expect((d ?? '').match(/M/g)?.length).toBe(T / k);
  });

});

test('the three cells compared: on the copy task the RNN forgets the first step fastest', async ({ page, app }) => {
  await app.open('task=copy&T=30&H=16&seed=1');

  await test.step('one click runs RNN, LSTM and GRU on the same input, seed and sizes', async () => {
    await band(page).getByRole('tab', { name: 'RNN · LSTM · GRU' }).click();
    await band(page).getByRole('button', { name: 'Compare RNN, LSTM and GRU' }).click();
  });

  await test.step('three curves are drawn, told apart by dash pattern as well as colour, and one line reads them at t = 0', async () => {
    for (const cell of ['rnn', 'lstm', 'gru']) await expect(page.getByTestId(`compare-${cell}`).locator('path').first()).toHaveAttribute('d', /^M/);
    const dashes = await Promise.all(
      ['rnn', 'lstm'].map((c) => page.getByTestId(`compare-${c}`).locator('path').first().evaluate((el) => getComputedStyle(el).strokeDasharray)),
    );
    expect(new Set(dashes).size).toBe(2);
    await expect(page.getByTestId('compare-reading')).not.toBeEmpty();
  });

  await test.step('the RNN’s dependence on t = 0 is smaller than the LSTM cell path’s, and the reading shows the engine’s numbers', async () => {
    const cells = await page.evaluate(() => {
      type Series = { value: Float64Array };
      type C = { cell: string; hPath: Series & { method: string }; hPathFrobenius: Float64Array; gated: { full: Series | null; shortcut: Float64Array } | null };
      const s = (window as unknown as StoreHook).__unroll.store.getState() as { comparison: { cells: C[] } | null };
      return (s.comparison?.cells ?? []).map((c) => ({
        cell: c.cell,
        h0: (c.hPath.method === 'unavailable' ? c.hPathFrobenius : c.hPath.value)[0],
        c0: c.gated?.full ? c.gated.full.value[0] : null,
      }));
    });
    expect(cells.map((c) => c.cell)).toEqual(['rnn', 'lstm', 'gru']);
    const rnn = cells[0].h0;
    const lstmCell = cells[1].c0!;
    expect(rnn).toBeGreaterThan(0);
    expect(rnn).toBeLessThan(lstmCell);
    const reading = await exactText(page.getByTestId('compare-reading'));
    expect(reading).toContain(String(rnn));
    expect(reading).toContain(String(lstmCell));
  });
});

test('the gradient check agrees with finite differences', async ({ page, app }) => {
  await app.open('task=copy&T=30&H=16&seed=1');
  await band(page).getByRole('tab', { name: 'Weight gradients' }).click();
  await band(page).getByRole('button', { name: 'Check against finite differences' }).click();
  const worst = page.getByTestId('gradcheck-worst');
  await expect(worst).toBeVisible({ timeout: 60_000 });
  const result = await page.evaluate(() => {
    const s = (window as unknown as StoreHook).__unroll.store.getState() as { gradcheck: { result: { worstRelError: number; checked: number; total: number } } };
    return s.gradcheck.result;
  });
  expect(Number(await worst.getAttribute('data-exact'))).toBe(result.worstRelError);
  expect(result.worstRelError).toBeLessThan(1e-4);
  await expect(page.getByTestId('gradcheck-result')).toContainText(`${result.checked} of ${result.total} parameters checked`);
});

test('clipping: the global norm against the threshold, with the engine’s factor', async ({ page, app }) => {
  await app.open('cell=gru&H=8&T=16&seed=2&task=sine');
  await band(page).getByRole('tab', { name: 'Weight gradients' }).click();
  const norm = await page.evaluate(async () => {
    const st = (window as unknown as StoreHook).__unroll.store;
    for (let i = 0; i < 100; i++) {
      const s = st.getState().snapshot as { gradNorm: number } | null;
      if (s) return s.gradNorm;
      await new Promise((r) => setTimeout(r, 50));
    }
    return NaN;
  });
  expect(norm).toBeGreaterThan(0);
  const field = band(page).getByLabel('Threshold');

  await test.step('a threshold under the norm says it would clip, and by how much', async () => {
    const max = Number((norm / 2).toPrecision(3));
    await field.fill(String(max));
    await field.press('Enter');
    await expect(page.getByTestId('clip-verdict')).toContainText('would be scaled by');
    await expect.poll(() => exactText(page.getByTestId('clip-verdict'))).toContain(String(clipFactor(norm, max)));
  });

  await test.step('a threshold over the norm does not clip; 0 turns clipping off', async () => {
    await field.fill(String(Math.ceil(norm * 2)));
    await field.press('Enter');
    await expect(page.getByTestId('clip-verdict')).toHaveText(/no clipping/);
    await field.fill('0');
    await field.press('Enter');
    await expect(page.getByTestId('clip-verdict')).toHaveText(/off/);
  });

  await test.step('a bad threshold is refused next to the field', async () => {
    await field.fill('-1');
    await field.press('Enter');
    await expect(page.getByRole('alert')).toHaveText(/^Enter a number from 0 to /);
  });
});

test('why it vanishes: W_hh scale moves the spectral radius, the LSTM forget bias is a field; all by keyboard', async ({ page, app }) => {
  await app.open('cell=rnn&H=8&T=20&seed=1&task=sine');
  const radius = () =>
    page.evaluate(() => {
      const s = (window as unknown as StoreHook).__unroll.store.getState() as { analysis: { data: { spectrum: { radius: number }[] } } | null };
      return s.analysis ? Math.max(...s.analysis.data.spectrum.map((b) => b.radius)) : null;
    });

  await test.step('the tabs move with the arrow keys', async () => {
    await band(page).getByRole('tab', { name: '∂L/∂h through time' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(band(page).getByRole('tab', { name: 'Vanishing & exploding' })).toHaveAttribute('aria-selected', 'true');
    await expect(band(page).getByRole('tab', { name: 'Vanishing & exploding' })).toBeFocused();
  });

  await expect(page.getByTestId('mechanism-chart')).toBeVisible();
  await expect.poll(radius).not.toBeNull();
  const r1 = (await radius())!;

  await test.step('the spectral radius is shown with the eigenvalues and the unit circle', async () => {
    await expect(page.getByRole('img', { name: `Eigenvalues of W_h in the complex plane: 8 values, largest |λ| = ${Number(r1.toPrecision(3))}, with the unit circle` })).toBeVisible();
  });

  await test.step('scaling W_hh by 1.3 scales the spectral radius by 1.3', async () => {
    const slider = page.getByRole('slider', { name: 'W_hh scale' });
    await slider.focus();
    // the grid from 1: 1.1, 1.15, 1.2, 1.3
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('hh-scale')).toHaveText('×1.3');
    await expect.poll(() => app.hash()).toContain('scale=1.3');
    await expect.poll(async () => Math.abs(((await radius()) ?? 0) / r1 - 1.3)).toBeLessThan(1e-9);
  });

  await test.step('the forget-gate bias is a field of the LSTM alone', async () => {
    const field = page.getByRole('textbox', { name: "Added to the LSTM forget gate's bias" });
    await expect(field).toHaveCount(0);
    await app.button('LSTM').click();
    await expect(field).toHaveValue('1');
    await field.fill('5');
    await field.press('Enter');
    await expect.poll(() => app.hash()).toContain('fb=5');
    // the LSTM's mechanism adds the cell-state highway, the product of the forget gates
    await expect(page.getByTestId('mech-highway-row')).toBeVisible();
  });
});
