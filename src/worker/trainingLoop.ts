/**
 * The worker's training loop: runs the training run in slices of ~15 ms between messages, each
 * slice made of pieces of ~1 ms (an iteration is cut into pieces, engine/slices.ts), so a Pause or
 * a ping is answered within a slice at any size the app allows; an iteration stopped halfway
 * changes nothing and starts over. It reports progress every 100 ms and a snapshot of the example
 * about every 300 ms, the snapshot built in pieces too. After sending a large snapshot it waits (at
 * most SHOWN_WAIT_MS) until the page says it has drawn it: on two cores the page's work on a large
 * snapshot otherwise shares the machine with this loop and takes two to three times as long.
 */
import { GATE_COUNT, type Params } from '../engine/params';
import type { Sequence } from '../engine/sequence';
import type { Slices } from '../engine/slices';
import type { TaskData, TaskOptions } from '../engine/tasks';
import type { StepReport } from '../engine/train';
import { TrainingRun } from '../engine/trainingRun';
import type { EngineReply, SessionSnapshot, TrainProgress, TrainSettings } from './protocol';
import { buffersOf } from './snapshotArrays';

export type Emit = (reply: EngineReply, transfer: Transferable[]) => void;

/** How long one training slice runs before the worker looks at its messages again. */
export const SLICE_MS = 15;
const PROGRESS_EVERY_MS = 100;
const SNAPSHOT_EVERY_MS = 300;
/** The longest the loop waits for the page to show a snapshot (a page in the background may never say). */
export const SHOWN_WAIT_MS = 500;
/** Snapshots smaller than this take the page a few ms: the loop does not wait for those. */
export const WAIT_FOR_SHOWN_BYTES = 4_000_000;

/** Multiply-adds of a pass small enough to compute inside an answer (a few ms). */
export const INLINE_PASS_WORK = 4_000_000;

/** About the multiply-adds of one forward and backward pass over T steps (the recurrent and input products). */
export function passWork(p: Params, T: number): number {
  const G = GATE_COUNT[p.cell];
  return 3 * T * p.numLayers * p.directions * G * p.hiddenSize * (p.hiddenSize + p.directions * p.hiddenSize + p.inputSize);
}

/** What the loop needs from the host that owns the session. */
export interface LoopHost {
  emit: Emit;
  now: () => number;
  schedule: (f: () => void) => void;
  /** calls f after ms (a timer) */
  later: (f: () => void, ms: number) => void;
  /** a session of the current weights on the task's example, built in pieces, as the UI's snapshot */
  exampleSession(): Slices<SessionSnapshot>;
  /** a session on the next iteration's first sequence, at once */
  nextSession(seq: Sequence): SessionSnapshot;
  /** the weights have had an update */
  trained(): void;
}

export class TrainingLoop {
  run: TrainingRun | null = null;
  running = false;
  /** the iteration at which the loop stops by itself (a training budget), or null */
  stopAt: number | null = null;
  private sentLosses = 0;
  private lastProgress = 0;
  private lastSnapshot = 0;
  private rate: { t: number; it: number }[] = [];
  /** the iteration in progress */
  private job: Slices<StepReport> | null = null;
  /** the example's snapshot in progress */
  private snapshotJob: Slices<SessionSnapshot> | null = null;
  /** the iteration of the weights the last example snapshot showed */
  private snapshotIteration = -1;
  /** when a snapshot went to the page that has not said it showed it yet, or null */
  private sentAt: number | null = null;
  /** the loop waits for the page (no slice is scheduled) */
  private parked = false;

  constructor(private readonly host: LoopHost) {}

  /** The run for these weights and settings: the current one, reconfigured, or a new one. */
  ensureRun(params: Params, settings: TrainSettings, data: TaskData, options: TaskOptions, seed: number, startIteration: number): TrainingRun {
    if (!this.run || this.run.params !== params) {
      this.run = new TrainingRun(params, settings, data, options, seed, undefined, startIteration);
      this.sentLosses = 0;
    } else this.run.configure(settings);
    // an iteration in progress started with the old settings (and batch): it starts over
    this.job = null;
    return this.run;
  }

  /** Starts the loop (a no-op when it runs). */
  start(): void {
    if (this.running) return;
    this.running = true;
    const now = this.host.now();
    this.rate = [{ t: now, it: this.run?.iteration ?? 0 }];
    this.snapshotIteration = this.run?.iteration ?? -1;
    this.lastProgress = now;
    this.lastSnapshot = now;
    this.host.schedule(() => this.slice());
  }

  /** Stops the loop; an iteration or a snapshot in progress is dropped (it changed nothing). */
  stop(): void {
    this.running = false;
    this.job = null;
    this.snapshotJob = null;
    this.sentAt = null;
    this.parked = false;
  }

  /** The page has shown the last snapshot: the loop goes on at once. */
  shown(): void {
    this.sentAt = null;
    this.unpark();
  }

  private unpark(): void {
    if (!this.parked) return;
    this.parked = false;
    this.sentAt = null;
    if (this.running) this.host.schedule(() => this.slice());
  }

  /** Stops and forgets the run (new weights). */
  reset(): void {
    this.stop();
    this.run = null;
  }

  /** One iteration at once ('train one'): no rate. */
  stepOnce(): StepReport {
    this.stop();
    this.rate = [];
    return this.requireRun().step();
  }

  /** Progress after a rewind: the whole (shortened) loss log again, no rate. */
  rewoundProgress(): TrainProgress {
    this.sentLosses = 0;
    this.rate = [];
    return this.progress();
  }

  progress(): TrainProgress {
    const run = this.requireRun();
    const now = this.host.now();
    let itPerSec = 0;
    if (this.rate.length > 0) {
      this.rate.push({ t: now, it: run.iteration });
      while (this.rate.length > 2 && now - this.rate[1].t > 1000) this.rate.shift();
      const first = this.rate[0];
      const dt = (now - first.t) / 1000;
      itPerSec = dt > 0 ? (run.iteration - first.it) / dt : 0;
    }
    const { first: lossFirst, values } = run.lossesSince(this.sentLosses);
    this.sentLosses = lossFirst + values.length;
    const r = run.lastReport;
    return {
      iteration: run.iteration,
      loss: run.currentLoss,
      gradNorm: r ? r.gradNorm : NaN,
      clipped: r ? r.clipped : false,
      finite: r ? r.finite : true,
      running: this.running,
      itPerSec,
      lossFirst,
      losses: values,
      history: run.historyList(),
    };
  }

  requireRun(): TrainingRun {
    if (!this.run) throw new Error('nothing has been trained yet');
    return this.run;
  }

  private emitProgress(snapshot: SessionSnapshot | null): void {
    const progress = this.progress();
    const buffers = snapshot ? buffersOf(snapshot) : [];
    // counted before they are sent: a buffer sent (transferred) is empty here
    let bytes = 0;
    for (const b of buffers) bytes += b.byteLength;
    this.host.emit({ type: 'event', id: 0, event: { kind: 'progress', progress, snapshot } }, [progress.losses.buffer as ArrayBuffer, ...buffers]);
    if (this.running && bytes >= WAIT_FOR_SHOWN_BYTES) this.sentAt = this.host.now();
  }

  private slice(): void {
    const run = this.run;
    if (!this.running || !run || this.parked) return;
    const start = this.host.now();
    if (this.sentAt !== null) {
      const left = SHOWN_WAIT_MS - (start - this.sentAt);
      if (left > 0) {
        this.parked = true;
        this.host.later(() => this.unpark(), left);
        return;
      }
      this.sentAt = null;
    }
    while (this.host.now() - start < SLICE_MS) {
      if (this.snapshotJob) {
        const piece = this.snapshotJob.next();
        if (!piece.done) continue;
        this.snapshotJob = null;
        this.emitProgress(piece.value);
        // the page takes it in before the loop computes on
        break;
      }
      if (!this.job) {
        if (this.stopAt !== null && run.iteration >= this.stopAt) {
          // The budget is reached: stop as a pause does, showing the next iteration's sequence.
          this.stop();
          this.stopAt = null;
          this.emitProgress(this.host.nextSession(run.nextBatch[0]));
          return;
        }
        this.job = run.stepSlices();
      }
      const piece = this.job.next();
      if (!piece.done) continue;
      this.job = null;
      if (!piece.value.finite) {
        this.stop();
        const progress = this.progress();
        this.host.emit({ type: 'event', id: 0, event: { kind: 'diverged', progress } }, [progress.losses.buffer as ArrayBuffer]);
        return;
      }
      this.host.trained();
    }
    const now = this.host.now();
    if (now - this.lastProgress >= PROGRESS_EVERY_MS) {
      this.lastProgress = now;
      // A new snapshot only for new weights: at the largest sizes an iteration takes minutes.
      if (!this.snapshotJob && now - this.lastSnapshot >= SNAPSHOT_EVERY_MS && run.iteration !== this.snapshotIteration) {
        this.lastSnapshot = now;
        this.snapshotIteration = run.iteration;
        this.snapshotJob = this.host.exampleSession();
      }
      this.emitProgress(null);
    }
    this.host.schedule(() => this.slice());
  }
}
