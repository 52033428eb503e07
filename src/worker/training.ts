/**
 * A training run inside the worker: the optimiser, a seeded stream of training sequences, the
 * loss log, a bounded ring of weight snapshots to rewind to, and the last weights whose loss was
 * finite. Pure: the worker drives it in slices of time.
 */
import { cloneParams, copyParamsInto, fields, type Params } from '../engine/params';
import { createRng, type Rng } from '../engine/rng';
import type { Sequence } from '../engine/sequence';
import { sampleSequence, type TaskData, type TaskOptions } from '../engine/tasks';
import { Trainer, type StepReport, type TrainConfig } from '../engine/train';

export interface TrainSettings extends TrainConfig {
  /** sequences per iteration */
  batch: number;
}

export interface HistoryEntry {
  iteration: number;
  loss: number;
  weights: Float64Array;
}

export const HISTORY_CAPACITY = 100;
export const LOSS_LOG_CAPACITY = 200_000;

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
  /** the weights at which a finite loss was last seen (the start of the last finite step) */
  private readonly lastFinite: Params;
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
  ) {
    this.params = params;
    this.settings = { ...settings };
    this.trainer = new Trainer(params, settings);
    this.rng = createRng(seed ^ 0x5bd1e995);
    this.historyEvery = historyEvery;
    this.lastFinite = cloneParams(params);
    this.before = cloneParams(params);
    this.next = this.sampleBatch();
    this.record(NaN);
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

  /** One optimisation step. On a non-finite loss nothing changes and the report says so. */
  step(): StepReport {
    copyParamsInto(this.before, this.params);
    const report = this.trainer.step(this.next);
    this.lastReport = report;
    if (!report.finite) return report;
    copyParamsInto(this.lastFinite, this.before);
    this.iteration++;
    this.pushLoss(report.loss);
    if (this.iteration % this.historyEvery === 0) this.record(report.loss);
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

  /** Puts the weights of history entry `index` back (the optimiser's moments restart). */
  restore(index: number): boolean {
    const h = this.history[index];
    if (!h) return false;
    unflatten(h.weights, this.params);
    this.trainer.resetState();
    return true;
  }

  /** Puts back the weights from before the step that went non-finite. */
  restoreLastFinite(): void {
    copyParamsInto(this.params, this.lastFinite);
    this.trainer.resetState();
    this.next = this.sampleBatch();
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

  private record(loss: number): void {
    this.history.push({ iteration: this.iteration, loss, weights: flatten(this.params) });
    if (this.history.length > HISTORY_CAPACITY) this.history.shift();
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
