/**
 * A hang is noticed within seconds even while a request that computes for long is outstanding.
 * Before, such requests (an analysis, a trace export) were allowed up to 60 s of silence, so a
 * hang behind one went unnoticed for a minute; now every long loop of the engine sends signs of
 * life (engine/pulse.ts) and every request gets the same 4 s (worker/deadlines.ts).
 *
 * At the largest one-layer size the app allows (LSTM H = 256, T = 1000) the analysis computes for
 * seconds: it must come through without being taken for a hang. Then the worker hangs for 40 s
 * with a trace export waiting behind it: the notice must come within the default expect timeout
 * (30 s; the export's old allowance was 60 s), with no timing figure of its own in the test.
 */
import { expect, test } from './fixtures/test';
import { band } from './fixtures/app';

type Hook = {
  hang(ms: number): void;
  store: {
    getState(): { notices: { key: string }[]; analysis: unknown };
    subscribe(l: (s: ReturnType<Hook['store']['getState']>) => void): () => void;
  };
};

test('a hang behind a long analysis and a trace export is noticed, and the long analysis is not taken for one', async ({ page, app }) => {
  test.setTimeout(240_000);
  await app.open('cell=lstm&H=256&T=1000&seed=1&task=sine');
  // what the store held when the restart was first said: the analysis had come through before it
  await page.evaluate(() => {
    const w = window as unknown as { __unroll: Hook; __noticed?: { analysis: boolean } };
    const stop = w.__unroll.store.subscribe((s) => {
      if (!s.notices.some((n) => n.key === 'notice.workerRestarted')) return;
      w.__noticed = { analysis: s.analysis !== null };
      stop();
    });
  });
  await band(page).getByRole('tab', { name: 'Vanishing & exploding' }).click();
  // the chart waits for the analysis, seconds at this size and many more on a loaded machine
  await expect(page.getByTestId('mechanism-chart')).toBeVisible({ timeout: 120_000 });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __unroll: Hook }).__unroll.store.getState().analysis !== null), { timeout: 120_000 }).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __noticed?: unknown }).__noticed ?? null), 'no restart during the analysis').toBeNull();

  // the worker hangs; the export waits behind the hang, and the watchdog watches it
  await page.evaluate(() => (window as unknown as { __unroll: Hook }).__unroll.hang(40_000));
  await app.button('Export trace').click();
  await expect(page.getByRole('note').filter({ hasText: 'The engine stopped (' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __noticed?: { analysis: boolean } }).__noticed)).toEqual({ analysis: true });
});
