/**
 * Stacked and two-way networks as PyTorch defines them: a state_dict of nn.LSTM(num_layers=2,
 * bidirectional=True) plus a head goes in with its module prefix and comes out as the trace the CLI
 * computes; a three-layer GRU is walked layer by layer; an incomplete layer is refused.
 */
import { execFileSync } from 'node:child_process';
import { parseRequest } from '../src/engine/request';
import { computeTrace } from '../src/engine/trace';
import { createRng } from '../src/engine/rng';
import { band } from './fixtures/app';
import { expect, test } from './fixtures/test';

/** A state_dict of nn.LSTM(1, H, num_layers=2, bidirectional=True) under 'lstm.', and a Linear(2H, 1) head. */
function twoLayerTwoWayLstm(H: number, seed: number): Record<string, number[] | number[][]> {
  const r = createRng(seed);
  const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => (r.next() * 2 - 1) / Math.sqrt(H)));
  const vector = (n: number) => Array.from({ length: n }, () => (r.next() * 2 - 1) / Math.sqrt(H));
  const out: Record<string, number[] | number[][]> = {};
  for (const l of [0, 1]) {
    for (const suffix of ['', '_reverse']) {
      out[`lstm.weight_ih_l${l}${suffix}`] = matrix(4 * H, l === 0 ? 1 : 2 * H);
      out[`lstm.weight_hh_l${l}${suffix}`] = matrix(4 * H, H);
      out[`lstm.bias_ih_l${l}${suffix}`] = vector(4 * H);
      out[`lstm.bias_hh_l${l}${suffix}`] = vector(4 * H);
    }
  }
  out['head.weight'] = matrix(1, 2 * H);
  out['head.bias'] = vector(1);
  return out;
}

test('a two-layer two-way LSTM state_dict with its module prefix imports, and its exported trace is the CLI’s', async ({ app, training }) => {
  const weights = twoLayerTwoWayLstm(3, 11);
  await app.open('cell=gru&H=8&T=9&seed=4&task=sine');
  await test.step('import the state_dict: the model becomes what the file describes', async () => {
    await training.chooseFile('Import weights', 'lstm-2x2.json', JSON.stringify(weights));
    await expect(training.root.getByTestId('weights-message')).toContainText('Loaded LSTM weights with H = 3');
    await expect(app.button('LSTM')).toHaveAttribute('aria-pressed', 'true');
    const info = await app.page.evaluate(() => {
      const w = window as unknown as { __unroll: { store: { getState(): { snapshot: { model: { numLayers: number; directions: number; origin: string } } } } } };
      return w.__unroll.store.getState().snapshot.model;
    });
    expect([info.numLayers, info.directions, info.origin]).toEqual([2, 2, 'imported']);
  });
  await test.step('the exported trace is the engine’s in Node and the CLI’s, number for number', async () => {
    const { name, text } = await training.download('Export trace');
    // the file name says what the network is
    expect(name).toMatch(/^unroll-lstm-h3-l2-bi-sine/);
    const { request, ...trace } = JSON.parse(text);
    expect(Object.keys(request.state_dict)).toContain('weight_hh_l1_reverse');
    const { params, seq } = parseRequest(request);
    expect(trace).toEqual(JSON.parse(JSON.stringify(computeTrace(params, seq))));
    const cli = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/trace.ts'], { encoding: 'utf8', input: text }));
    expect(trace).toEqual(cli);
  });
  await test.step('exported weights are the imported ones, under the same keys', async () => {
    const { text } = await training.download('Export weights');
    expect(JSON.parse(text)).toEqual(weights);
  });
});

test('a three-layer GRU is walked layer by layer: the status names the layer, and the heatmap shows every layer', async ({ page, app }) => {
  await app.open('cell=gru&H=4&T=12&L=3&seed=1&task=sine');
  await test.step('forward: layer 0 first', async () => {
    await expect(app.status).toHaveText('Forward · layer 0 · t = 0 of 12');
  });
  await test.step('stepping on reaches the backward pass of the top layer, then layer 2 at t = 5', async () => {
    let seen = '';
    for (let i = 0; i < 120 && seen !== 'Backward · layer 2 · t = 5 of 12'; i++) {
      await app.button('Next step').click();
      seen = ((await app.status.textContent()) ?? '').split(' · ').slice(0, 3).join(' · ');
    }
    await expect(app.status).toHaveText(/^Backward · layer 2 · t = 5 of 12/);
  });
  await test.step('the depth heatmap has a row per layer', async () => {
    await band(page).getByRole('tab', { name: '∂L/∂h through time' }).click();
    const heatmap = page.getByTestId('depth-heatmap');
    await expect(heatmap).toBeVisible();
    for (const l of [0, 1, 2]) await expect(heatmap).toContainText(`layer ${l}`);
  });
});

test('a layer given in part (weight_ih_l1 without weight_hh_l1) is refused with its reason, and nothing changes', async ({ app, training }) => {
  await app.open('cell=lstm&H=3&T=9&seed=4&task=sine&L=2');
  const before = await training.snapshot();
  const weights = twoLayerTwoWayLstm(3, 5);
  // one direction only: drop the reverse arrays, and layer 1's recurrent weights
  for (const k of Object.keys(weights)) if (k.endsWith('_reverse') || k === 'lstm.weight_hh_l1') delete weights[k];
  weights['lstm.weight_ih_l1'] = (weights['lstm.weight_ih_l1'] as number[][]).map((row) => row.slice(0, 3));
  weights['head.weight'] = (weights['head.weight'] as number[][]).map((row) => row.slice(0, 3));
  await training.chooseFile('Import weights', 'partial.json', JSON.stringify(weights));
  await expect(training.root.getByTestId('weights-message')).toContainText('weight_hh_l1');
  await expect(app.status).toHaveText('Forward · layer 0 · t = 0 of 9');
  const after = await training.snapshot();
  expect(after.version).toBe(before.version);
  expect(after.params).toEqual(before.params);
  expect(after.origin).toBe('init');
});
