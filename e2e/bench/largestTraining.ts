/**
 * Part of `npm run bench:ui`: training at the largest sizes the app takes, for 60 s each, with the
 * long-task observer on. The page must stay responsive there too: no main-thread task over 50 ms
 * (the worker computes; the page only draws the snapshots it sends). Batch 1, so that snapshots
 * (the page's work) come as often as these sizes allow.
 */
import type { Page } from '@playwright/test';
import { ready, readout, settled } from './benchPage';
import { longest, readWatch, WATCH_LONG_TASKS } from './pageWatch';
import { BASE } from './server';

export const LARGEST_CASES = [
  // the largest one-layer network: an LSTM keeps the most per step
  { key: 'lstm_H256_T1000', label: 'LSTM H = 256, T = 1000', hash: 'cell=lstm&task=sine&H=256&T=1000&seed=1' },
  // the largest stacked two-way network at this length (see docs/limits.md)
  { key: 'lstm_H128_T400_L4_D2', label: 'LSTM H = 128, T = 400, 4 layers × 2 directions', hash: 'cell=lstm&task=sine&H=128&T=400&L=4&bi=1&seed=1' },
] as const;

export interface LargestTraining {
  seconds: number;
  iterations: number;
  longestTaskMs: number;
  longTasksOver50: number;
  frames: number;
}

export async function largestTraining(page: Page, seconds: number): Promise<Record<string, LargestTraining>> {
  const out: Record<string, LargestTraining> = {};
  for (const c of LARGEST_CASES) {
    await page.goto('about:blank');
    await page.goto(`${BASE}/#lang=en&${c.hash}`);
    await ready(page);
    await settled(page);
    const batch = page.getByRole('textbox', { name: 'Batch size' });
    await batch.fill('1');
    await batch.press('Enter');
    await page.waitForTimeout(500);
    await page.evaluate(WATCH_LONG_TASKS);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForTimeout(seconds * 1000);
    const w = await readWatch(page);
    await page.getByRole('button', { name: 'Pause training', exact: true }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
    const { iteration } = await readout(page);
    out[c.key] = { seconds, iterations: iteration, longestTaskMs: longest(w.longTasks), longTasksOver50: w.longTasks.filter((d) => d > 50).length, frames: w.frames };
    console.error(`largest training ${c.label}: ${iteration} iterations in ${seconds} s, longest task ${longest(w.longTasks).toFixed(0)} ms`);
  }
  return out;
}
