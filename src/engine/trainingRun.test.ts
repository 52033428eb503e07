/**
 * The training run's bookkeeping: what a rewind brings back (weights, iteration, loss log), how
 * far back the history reaches after a long run, and which weights "restore" returns after a
 * divergence.
 */
import { describe, expect, it } from 'vitest';
import { initParams } from './init';
import { createRng } from './rng';
import { runSequence } from './sequence';
import { taskData, type TaskOptions } from './tasks';
import { flatten, GOOD_LOSS_FACTOR, HISTORY_CAPACITY, thinHistory, TrainingRun, type TrainSettings } from './trainingRun';

const SETTINGS: TrainSettings = { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1, batch: 2 };

function sineRun(settings = SETTINGS, cell: 'rnn' | 'lstm' = 'lstm') {
  const options: TaskOptions = { steps: 8, truncation: 0 };
  const data = taskData('sine', createRng(5), options);
  const params = initParams({ cell, inputSize: 1, hiddenSize: 4, outputSize: 1 }, createRng(1), { scheme: 'pytorch' });
  return new TrainingRun(params, settings, data, options, 1);
}

describe('rewinding', () => {
  it('to iteration 0 brings back the weights, the count, the loss and a loss log that ends there', () => {
    const run = sineRun();
    const w0 = flatten(run.params);
    const firstLoss = run.step().loss;
    for (let i = 1; i < 25; i++) run.step();
    expect(run.iteration).toBe(25);
    expect(run.restore(0)).toBe(true);
    expect(Array.from(flatten(run.params))).toEqual(Array.from(w0));
    expect(run.iteration).toBe(0);
    expect(run.lossesSince(0).values.length).toBe(0);
    // the loss shown with the restored weights is the one measured at them
    expect(run.currentLoss).toBe(firstLoss);
    expect(run.lastReport).toBeNull();
  });

  it('numbers the next iteration after the snapshot, and drops the abandoned future', () => {
    const run = sineRun();
    for (let i = 0; i < 25; i++) run.step();
    const entries = run.historyList();
    const at10 = entries.findIndex((e) => e.iteration === 10);
    expect(run.restore(at10)).toBe(true);
    expect(run.iteration).toBe(10);
    // the snapshots after it stay until training goes on (so one can scrub forward again)
    expect(run.historyList().at(-1)!.iteration).toBe(20);
    run.step();
    expect(run.iteration).toBe(11);
    const log = run.lossesSince(0);
    expect(log.first + log.values.length).toBe(11);
    expect(run.historyList().at(-1)!.iteration).toBe(10);
  });

  it('pairs each snapshot with the loss measured at its own weights (the next iteration, before its update)', () => {
    const run = sineRun();
    for (let i = 0; i < 21; i++) run.step();
    const log = run.lossesSince(0).values; // log[k] is iteration k + 1's loss, measured at the weights after k
    const byIt = new Map(run.historyList().map((e) => [e.iteration, e.loss]));
    expect(byIt.get(0)).toBe(log[0]);
    expect(byIt.get(10)).toBe(log[10]);
    expect(byIt.get(20)).toBe(log[20]);
  });
});

describe('the history after a long run', () => {
  it('reaches back to iteration 0 after 20,000 iterations, within the same capacity, dense recently and sparse far back', () => {
    const history: { iteration: number }[] = [];
    for (let it = 0; it <= 20_000; it += 10) {
      history.push({ iteration: it });
      thinHistory(history, HISTORY_CAPACITY);
    }
    expect(history.length).toBe(HISTORY_CAPACITY);
    expect(history[0].iteration).toBe(0);
    expect(history.at(-1)!.iteration).toBe(20_000);
    const gaps = history.slice(1).map((h, i) => h.iteration - history[i].iteration);
    // the most recent gaps are the recording interval or close to it; the oldest are much wider
    expect(Math.max(...gaps.slice(-5))).toBeLessThanOrEqual(30);
    expect(Math.max(...gaps.slice(0, 5))).toBeGreaterThan(1000);
    // gaps never shrink by more than the recording step going back in time
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThanOrEqual(gaps[i - 1] * 3 + 10);
  });

  it('a real run of 20,000 iterations can still be rewound to iteration 0', () => {
    const options: TaskOptions = { steps: 3, truncation: 0 };
    const data = taskData('sine', createRng(5), options);
    const params = initParams({ cell: 'rnn', inputSize: 1, hiddenSize: 2, outputSize: 1 }, createRng(1), { scheme: 'pytorch' });
    const w0 = flatten(params);
    const run = new TrainingRun(params, { ...SETTINGS, batch: 1 }, data, options, 1);
    for (let i = 0; i < 20_000; i++) run.step();
    const h = run.historyList();
    expect(h.length).toBeLessThanOrEqual(HISTORY_CAPACITY);
    expect(h[0].iteration).toBe(0);
    expect(run.restore(0)).toBe(true);
    expect(Array.from(flatten(run.params))).toEqual(Array.from(w0));
    expect(run.iteration).toBe(0);
  });
});

describe('restoring after a divergence', () => {
  it('returns weights whose loss was finite and within GOOD_LOSS_FACTOR of the best loss seen', () => {
    const run = sineRun({ ...SETTINGS, optimizer: 'sgd', lr: 3, clip: 0, batch: 1 }, 'rnn');
    const losses: number[] = [];
    let diverged = false;
    for (let i = 0; i < 2000 && !diverged; i++) {
      const r = run.step();
      if (!r.finite) diverged = true;
      else losses.push(r.loss);
    }
    expect(diverged).toBe(true);
    const best = Math.min(...losses);
    // the run went far above its best before it broke down: the plain "last finite" weights are bad
    expect(Math.max(...losses.slice(-3))).toBeGreaterThan(GOOD_LOSS_FACTOR * best);
    run.restoreLastGood();
    const loss = run.nextBatch.reduce((s, seq) => s + runSequence(run.params, seq).loss, 0) / run.nextBatch.length;
    expect(Number.isFinite(loss)).toBe(true);
    expect(run.currentLoss).toBeLessThanOrEqual(GOOD_LOSS_FACTOR * best);
    expect(run.iteration).toBeLessThan(losses.length);
  });
});
