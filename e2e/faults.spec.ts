/**
 * The app holds under faults it cannot see as errors: an engine worker that stops silently
 * (self.close()) or hangs in a loop that never yields, mid-training, is noticed, said, restarted
 * from the weights and iteration on screen, and training goes on counting from there. Weights that
 * overflow the pass are refused at import with the reason, and an export that fails says why.
 * (How fast a fault is noticed is measured in `npm run bench:ui`, e2e/bench/faults-bench.ts.)
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test';

type Hook = {
  close(): void;
  hang(ms: number): void;
  store: {
    getState(): { notices: { key: string }[]; training: { iteration: number; running: boolean }; snapshot: { iteration: number; model: { origin: string } } | null };
    subscribe(l: (s: ReturnType<Hook['store']['getState']>) => void): () => void;
  };
};

/**
 * Injects the fault, then follows the store: the iteration count and the snapshot's when the
 * fault was injected, and every count the app showed after it noticed, until training has gone
 * `further` iterations past the count at the fault.
 */
async function faultWhileTraining(page: Page, fault: 'close' | 'hang', further: number) {
  return page.evaluate(
    ([f, n]) =>
      new Promise<{ atFault: number; snapshotAtFault: number; after: number[] }>((resolve) => {
        const w = window as unknown as { __unroll: Hook };
        const s0 = w.__unroll.store.getState();
        const atFault = s0.training.iteration;
        const snapshotAtFault = s0.snapshot!.iteration;
        const after: number[] = [];
        let noticed = false;
        const stop = w.__unroll.store.subscribe((s) => {
          if (!noticed && s.notices.some((x) => x.key === 'notice.workerRestarted')) noticed = true;
          if (!noticed) return;
          after.push(s.training.iteration);
          if (s.training.running && s.training.iteration >= atFault + n) {
            stop();
            resolve({ atFault, snapshotAtFault, after });
          }
        });
        // 40 s: far longer than the app waits before it gives up on the worker
        if (f === 'close') w.__unroll.close();
        else w.__unroll.hang(40_000);
      }),
    [fault, further] as const,
  );
}

for (const fault of ['close', 'hang'] as const) {
  const what = fault === 'close' ? 'stops silently (self.close())' : 'hangs in a 40 s loop';
  test(`a worker that ${what} mid-training is noticed, restarted, and training counts on`, async ({ page, app, training }) => {
    test.setTimeout(180_000);
    await app.open('cell=lstm&H=8&T=12&seed=1&task=sine');
    await test.step('train until the views show trained weights', async () => {
      await training.trainButton.click();
      await expect(training.pauseButton).toBeVisible();
      await expect.poll(async () => (await training.snapshot()).iteration, { timeout: 60_000 }).toBeGreaterThan(5);
    });
    const seen = await test.step(`the worker ${what}; follow the count until it passes where it was`, () => faultWhileTraining(page, fault, 10));
    await test.step('the app said what happened', async () => {
      const note = page.getByRole('note').filter({ hasText: 'The engine stopped (' });
      await expect(note).toContainText(/no answer for \d+\.\d s/);
      await expect(note).toContainText('was restarted; your session was restored.');
    });
    await test.step('the count went on from the weights on screen, not from 0', async () => {
      expect(seen.snapshotAtFault).toBeGreaterThan(5);
      expect(Math.min(...seen.after), `counts shown after the restart: ${seen.after.join(', ')}`).toBeGreaterThanOrEqual(seen.snapshotAtFault);
      expect(seen.after.at(-1)!).toBeGreaterThanOrEqual(seen.atFault + 10);
      const s = await training.snapshot();
      expect(s.origin).toBe('trained');
    });
    await test.step('Pause answers the new worker', async () => {
      await training.pause();
      expect((await training.state()).running).toBe(false);
      await app.stepForward(1);
      await expect(app.status).toContainText('t = ');
    });
  });
}

test('weights of 1e308 are refused at import with the reason, and nothing changes', async ({ page, app, training }) => {
  await app.open('cell=lstm&H=4&T=8&seed=2&task=sine');
  const before = await training.snapshot();
  const { text } = await training.download('Export weights');
  const weights = JSON.parse(text) as Record<string, unknown>;
  const dict = ((weights as { state_dict?: unknown }).state_dict ?? weights) as Record<string, number[][]>;
  const head = Object.keys(dict).find((k) => k.endsWith('head.weight') || k === 'head.weight')!;
  dict[head][0][0] = 1e308;
  await training.chooseFile('Import weights', 'huge.json', JSON.stringify(weights));
  const message = page.getByTestId('weights-message');
  await expect(message).toContainText('the computation overflowed');
  await expect(message).toContainText('the largest weight is 1e+308 in head.weight');
  await expect(page.getByText(/Loaded .* weights/)).toHaveCount(0);
  const after = await training.snapshot();
  expect(after.params).toEqual(before.params);
  expect(after.origin).toBe('init');
  await expect(app.status).not.toContainText('Infinity');
});

test('an export that fails says why on screen, and the page goes on', async ({ page, app }) => {
  await app.open('cell=rnn&H=4&T=8&seed=1&task=sine');
  let downloads = 0;
  page.on('download', () => downloads++);
  // The worker is busy when the export is asked for, and is stopped before it answers: the
  // export's request fails, as it would when a worker dies mid-export.
  await page.evaluate(() => (window as unknown as { __unroll: Hook }).__unroll.hang(5000));
  await app.button('Export trace').click();
  await page.evaluate(() => (window as unknown as { __unroll: { kill(): void } }).__unroll.kill());
  const alert = page.getByRole('alert').filter({ hasText: 'Could not save the trace' });
  await expect(alert).toContainText('the engine worker was stopped');
  expect(downloads).toBe(0);
  await expect(page.getByRole('note').filter({ hasText: 'The engine stopped (' })).toBeVisible();
  await app.stepForward(1);
  await expect(app.status).toContainText('t = 1');
  // and a second try, with the restarted worker, saves the file
  const download = page.waitForEvent('download');
  await app.button('Export trace').click();
  expect((await download).suggestedFilename()).toMatch(/trace\.json$/);
});

test('in the Korean UI the refusal of 1e308 weights is said in Korean', async ({ page, app, training }) => {
  await app.open('cell=rnn&H=3&T=6&seed=1&task=sine&lang=ko');
  const { text } = await training.download('가중치 내보내기');
  const weights = JSON.parse(text) as Record<string, unknown>;
  const dict = ((weights as { state_dict?: unknown }).state_dict ?? weights) as Record<string, number[][]>;
  dict[Object.keys(dict).find((k) => k.endsWith('head.weight'))!][0][0] = -1e308;
  await training.chooseFile('가중치 가져오기', 'huge.json', JSON.stringify(weights));
  await expect(page.getByTestId('weights-message')).toHaveText(/^계산이 넘쳤습니다: .+ 값이 유한한 수가 아닙니다\. 입력이나 가중치를 줄이세요 \(가장 큰 가중치는 head\.weight의 -1e\+308\)$/);
});
