/** Driving the app's page in the UI benchmark (ui-bench.ts): waits, focus, and what it reads back. */
import type { Page } from '@playwright/test';

/** Gives the keyboard to the page (the shortcuts stand back while a control has the focus). */
export async function focusPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

export async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next step', exact: true }).waitFor();
  await page.waitForFunction(() => !(document.querySelector('button[aria-keyshortcuts="ArrowRight"]') as HTMLButtonElement | null)?.disabled);
}

/** Waits until the one-off work of a first load is over (fonts, the lazily loaded equation renderer). */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.locator('.katex').first().waitFor();
  await page.waitForTimeout(300);
}

/** The page's used JS heap in bytes, read after a full garbage collection so it counts what is kept. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  return page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN);
}

/** What the training panel's readout says: the iteration count and the rate. */
export async function readout(page: Page): Promise<{ iteration: number; itPerSec: number }> {
  const panel = page.getByTestId('training-readout');
  // Its spans run together in textContent (the loss's digits would meet the rate's): read each.
  const iteration = Number(((await panel.locator('b').first().textContent()) ?? '').replace(/[,\s]/g, ''));
  const rate = Number(((await panel.locator('.training-rate').textContent()) ?? '').match(/([\d.e+]+)\s*it\/s/)?.[1] ?? NaN);
  return { iteration, itPerSec: rate };
}
