/**
 * A training run: the optimiser, a seeded stream of training sequences, the
 * loss log, a bounded history of weight snapshots to rewind to (always reaching back to iteration
 * 0), and the last weights whose loss was still good. Pure: the worker drives it in slices of time,
 * the claims test runs it to the end.
 */
import { cloneParams, copyParamsInto, fields, type Params } from './params';
import { createRng, type Rng } from './rng';
import type { Sequence } from './sequence';
import { sampleSequence, type TaskData, type TaskOptions } from './tasks';
import { finish, type Slices } from './slices';
import { Trainer, type StepReport, type TrainSettings } from './train';

export type { TrainSettings };

export interface HistoryEntry {
  iteration: number;
  loss: number;
  weights: Float64Array;
}

/** Weight snapshots kept to rewind to: a bounded, logarithmically thinned history (see thinHistory). */
export const HISTORY_CAPACITY = 100;
export const LOSS_LOG_CAPACITY = 200_000;
/** "Restore" after a divergence goes back to weights whose loss was at most this many times the best seen. */
export const GOOD_LOSS_FACTOR = 10;

export class TrainingRun {
  readonly params: Params;
  readonly trainer: Trainer;
  settings: TrainSettings;
  iteration = 0;
  /** loss of every iteration (the newest LOSS_LOG_CAPACITY), index = iteration − 1 − offset */
  private losses = new Float64Array(1024);
  private lossCount = 0;
  private lossOffset = 0;
  private readonly history: HistoryEntry[] = [];
  private readonly historyEvery: number;
  /** the last weights whose loss was finite and within GOOD_LOSS_FACTOR of the best loss seen, and their iteration */
  private readonly lastGood: Params;
  private lastGoodIteration = 0;
  private lastGoodLoss = NaN;
  private bestLoss = Infinity;
  /** the loss that goes with the weights a rewind brought back */
  private rewoundLoss = NaN;
  private readonly before: Params;
  private readonly rng: Rng;
  private next: Sequence[];
  lastReport: StepReport | null = null;

  constructor(
    params: Params,
    settings: TrainSettings,
    private readonly data: TaskData,
    private readonly taskOptions: TaskOptions,
    seed: number,
    historyEvery = 10,
    /** the iterations these weights already had (a run resumed in a restarted worker): the count and the loss log go on from there */
    startIteration = 0,
  ) {
    this.params = params;
    this.iteration = startIteration;
    this.lossOffset = startIteration;
    this.lastGoodIteration = startIteration;
    this.settings = { ...settings };
    this.trainer = new Trainer(params, settings);
    this.rng = createRng(seed ^ 0x5bd1e995);
    this.historyEvery = historyEvery;
    this.lastGood = cloneParams(params);
    this.before = cloneParams(params);
    this.next = this.sampleBatch();
    this.record();
  }

  configure(settings: TrainSettings): void {
    this.settings = { ...settings };
    this.trainer.config = { ...settings };
    if (this.next.length !== settings.batch) this.next = this.sampleBatch();
  }

  /** The sequences the next iteration will train on (the first is what the views step through). */
  get nextBatch(): readonly Sequence[] {
    return this.next;
  }

  /**
   * The loss that goes with the current weights: the last iteration's batch loss (measured before
   * its update), or after a rewind the loss recorded with the snapshot.
   */
  get currentLoss(): number {
    return this.lastReport ? this.lastReport.loss : this.rewoundLoss;
  }

  /** One optimisation step. On a non-finite loss nothing changes and the report says so. */
  step(): StepReport {
    return finish(this.stepSlices());
  }

  /**
   * step in pieces (slices.ts): the batch's gradient in pieces, then the update at once. Stopped
   * before its end (a pause), it has changed nothing: the next step starts the iteration over.
   */
  *stepSlices(): Slices<StepReport> {
    const gradient = yield* this.trainer.gradientSlices(this.next);
    // Training again after a rewind: the snapshots of the abandoned future go.
    while (this.history.length > 1 && this.history[this.history.length - 1].iteration > this.iteration) this.history.pop();
    copyParamsInto(this.before, this.params);
    const report = this.trainer.update(gradient);
    this.lastReport = report;
    if (!report.finite) return report;
    // The batch loss was measured at the weights before the update: the newest snapshot's weights.
    const newest = this.history[this.history.length - 1];
    if (newest.iteration === this.iteration && Number.isNaN(newest.loss)) newest.loss = report.loss;
    if (report.loss <= GOOD_LOSS_FACTOR * this.bestLoss) {
      copyParamsInto(this.lastGood, this.before);
      this.lastGoodIteration = this.iteration;
      this.lastGoodLoss = report.loss;
    }
    if (report.loss < this.bestLoss) this.bestLoss = report.loss;
    this.iteration++;
    this.pushLoss(report.loss);
    if (this.iteration % this.historyEvery === 0) this.record();
    this.next = this.sampleBatch();
    return report;
  }

  /** Losses of iterations [from, iteration), as far as the log still holds them. */
  lossesSince(from: number): { first: number; values: Float64Array } {
    const first = Math.max(from, this.lossOffset);
    const start = first - this.lossOffset;
    return { first, values: this.losses.slice(start, this.lossCount) };
  }

  historyList(): { iteration: number; loss: number }[] {
    return this.history.map(({ iteration, loss }) => ({ iteration, loss }));
  }

  /**
   * Goes back to history entry `index`: its weights, its iteration count and its loss; the loss log
   * ends there too (the optimiser's moments restart). Later snapshots stay until training goes on.
   */
  restore(index: number): boolean {
    const h = this.history[index];
    if (!h) return false;
    unflatten(h.weights, this.params);
    this.rewindTo(h.iteration, h.loss);
    return true;
  }

  /** Puts back the last weights whose loss was finite and not more than GOOD_LOSS_FACTOR × the best loss. */
  restoreLastGood(): void {
    copyParamsInto(this.params, this.lastGood);
    this.rewindTo(this.lastGoodIteration, this.lastGoodLoss);
    this.next = this.sampleBatch();
  }

  private rewindTo(iteration: number, loss: number): void {
    this.trainer.resetState();
    this.iteration = iteration;
    this.lastReport = null;
    this.rewoundLoss = loss;
    if (iteration <= this.lossOffset) {
      this.lossOffset = iteration;
      this.lossCount = 0;
    } else this.lossCount = Math.min(this.lossCount, iteration - this.lossOffset);
    copyParamsInto(this.lastGood, this.params);
    this.lastGoodIteration = iteration;
    this.lastGoodLoss = loss;
  }

  private sampleBatch(): Sequence[] {
    return Array.from({ length: this.settings.batch }, () => sampleSequence(this.data, this.rng, this.taskOptions));
  }

  private pushLoss(v: number): void {
    if (this.lossCount === this.losses.length) {
      if (this.losses.length < LOSS_LOG_CAPACITY) {
        const bigger = new Float64Array(Math.min(LOSS_LOG_CAPACITY, this.losses.length * 2));
        bigger.set(this.losses);
        this.losses = bigger;
      } else {
        // Drop the oldest half: the log stays bounded however long training runs.
        const half = this.losses.length >> 1;
        this.losses.copyWithin(0, half);
        this.lossCount -= half;
        this.lossOffset += half;
      }
    }
    this.losses[this.lossCount++] = v;
  }

  private record(): void {
    // The loss is filled in by the next iteration, which measures it at these weights.
    this.history.push({ iteration: this.iteration, loss: NaN, weights: flatten(this.params) });
    thinHistory(this.history, HISTORY_CAPACITY);
  }
}

/**
 * Keeps at most `capacity` snapshots, dense recently and sparse far back: while over capacity it
 * drops the snapshot whose removal leaves the smallest gap relative to its age, so gaps grow in
 * proportion to how long ago they are (logarithmic spacing). The first (iteration 0, "before
 * training") and the newest are never dropped.
 */
export function thinHistory(history: { iteration: number }[], capacity: number): void {
  while (history.length > capacity && history.length > 2) {
    const newest = history[history.length - 1].iteration;
    let drop = -1;
    let best = Infinity;
    for (let i = 1; i < history.length - 1; i++) {
      const gap = history[i + 1].iteration - history[i - 1].iteration;
      const age = newest - history[i - 1].iteration;
      const score = gap / age;
      if (score < best) {
        best = score;
        drop = i;
      }
    }
    history.splice(drop, 1);
  }
}

export function flatten(p: Params): Float64Array {
  const fs = fields(p);
  const out = new Float64Array(fs.reduce((n, a) => n + a.length, 0));
  let off = 0;
  for (const a of fs) {
    out.set(a, off);
    off += a.length;
  }
  return out;
}

export function unflatten(flat: Float64Array, into: Params): void {
  let off = 0;
  for (const a of fields(into)) {
    a.set(flat.subarray(off, off + a.length));
    off += a.length;
  }
}
