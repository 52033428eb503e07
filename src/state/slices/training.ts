/** Training in the worker: settings, progress, the loss log, rewinding, weights in and out. */
import { DEFAULT_TRAIN_SETTINGS as ENGINE_TRAIN_DEFAULTS } from '../../engine/train';
import { WorkerCrashed } from '../../worker/client';
import { EVALUATION_SEQUENCES, type Evaluation } from '../../engine/evaluate';
import type { TrainEvent, TrainProgress, TrainSettings } from '../../worker/protocol';
import { errorMessage } from '../requests';
import type { SliceContext } from './context';

const { clip: DEFAULT_CLIP, ...defaults } = ENGINE_TRAIN_DEFAULTS;
/** The optimiser settings the app starts with: the engine's defaults (the clipping threshold is kept apart, as `clip`). */
export const DEFAULT_TRAIN_SETTINGS: Omit<TrainSettings, 'clip'> = defaults;

/** The loss log the UI keeps (like the worker's, bounded). */
const LOSS_LOG_LIMIT = 200_000;

export interface TrainingRunState {
  /** optimiser settings (the clipping threshold is `clip`, shared with the gradient band) */
  settings: Omit<TrainSettings, 'clip'>;
  running: boolean;
  /** a training request is on its way */
  busy: boolean;
  iteration: number;
  loss: number;
  gradNorm: number;
  clipped: boolean;
  itPerSec: number;
  /** loss of iterations [lossFirst, lossFirst + losses.length) */
  losses: Float64Array;
  lossFirst: number;
  history: { iteration: number; loss: number }[];
  /** training stopped on a NaN/∞ loss; the last good weights can be restored */
  diverged: boolean;
  /** text the model wrote (text task) */
  sample: string | null;
  /** how the weights did on fresh sequences, and at which iteration they were tested */
  evaluation: (Evaluation & { iteration: number }) | null;
  temperature: number;
}

export interface TrainingState {
  training: TrainingRunState;
  /** clipping threshold on the global gradient norm (0 = off); the gradient band shows whether it would clip */
  clip: number;
}

const freshRun = () => ({ running: false, busy: false, iteration: 0, loss: NaN, gradNorm: NaN, clipped: false, itPerSec: 0, losses: new Float64Array(0), lossFirst: 0, history: [], diverged: false, sample: null, evaluation: null });

export const trainingInitial = (): TrainingState => ({ training: { settings: DEFAULT_TRAIN_SETTINGS, temperature: 0.8, ...freshRun() }, clip: DEFAULT_CLIP });

export interface TrainingActions {
  /** trains until paused, or for `iterations` more when given (the loop stops by itself) */
  trainStart(iterations?: number): void;
  /** tests the weights on fresh sequences of the task */
  evaluate(count?: number): Promise<void>;
  trainPause(): Promise<void>;
  trainOne(): Promise<void>;
  setTrainSettings(patch: Partial<TrainingRunState['settings']>): void;
  setTemperature(v: number): void;
  setClip(v: number): void;
  restoreHistory(index: number): Promise<void>;
  restoreFinite(): Promise<void>;
  /** the loss history as CSV (iteration,loss) */
  lossCsv(): string;
  sampleText(length: number): Promise<void>;
  /** what the worker sends while training */
  onTrainEvent(event: TrainEvent): void;
}

/** Appends what a progress report brings to the loss log held (or replaces it when they do not join). */
export function joinLosses(held: { losses: Float64Array; lossFirst: number }, p: TrainProgress): { losses: Float64Array; lossFirst: number } {
  if (p.lossFirst !== held.lossFirst + held.losses.length) return { losses: p.losses, lossFirst: p.lossFirst };
  if (p.losses.length === 0) return held;
  let losses = new Float64Array(held.losses.length + p.losses.length);
  losses.set(held.losses);
  losses.set(p.losses, held.losses.length);
  let lossFirst = held.lossFirst;
  if (losses.length > LOSS_LOG_LIMIT) {
    const drop = losses.length - LOSS_LOG_LIMIT / 2;
    losses = losses.slice(drop);
    lossFirst += drop;
  }
  return { losses, lossFirst };
}

export function createTrainingActions(ctx: SliceContext): TrainingActions & { resetTraining(): void; rewindTrainingTo(iteration: number): void; stopTraining(): void } {
  const { get, set, client } = ctx;
  const setTraining = (patch: Partial<TrainingRunState>) => set({ training: { ...get().training, ...patch } });
  const settings = (): TrainSettings => ({ ...get().training.settings, clip: get().clip });
  const applyProgress = (p: TrainProgress) => {
    const { losses, lossFirst } = joinLosses(get().training, p);
    setTraining({ running: p.running, iteration: p.iteration, loss: p.loss, gradNorm: p.gradNorm, clipped: p.clipped, itPerSec: p.itPerSec, losses, lossFirst, history: p.history });
  };
  const failed = (e: unknown) => {
    setTraining({ busy: false });
    if (e instanceof WorkerCrashed) return;
    ctx.actions.notify('error', 'notice.engineError', { message: errorMessage(e) });
  };
  /** after a rewind: the weights, the count and the loss log the worker went back to */
  const rewound = (r: { snapshot: Parameters<typeof ctx.internal.showSnapshot>[0]; progress: TrainProgress }) => {
    applyProgress(r.progress);
    setTraining({ running: false, diverged: false });
    ctx.internal.showSnapshot(r.snapshot);
  };

  return {
    resetTraining: () => setTraining(freshRun()),
    rewindTrainingTo(iteration) {
      const t = get().training;
      const kept = iteration >= t.lossFirst ? { losses: t.losses.slice(0, Math.max(0, iteration - t.lossFirst)), lossFirst: t.lossFirst } : { losses: new Float64Array(0), lossFirst: iteration };
      setTraining({ ...kept, running: false, busy: false, itPerSec: 0, iteration, history: t.history.filter((h) => h.iteration <= iteration) });
    },
    stopTraining() {
      if (!get().training.running) return;
      void client().request({ type: 'pauseTraining' }).catch(() => undefined);
      setTraining({ running: false });
    },
    trainStart(iterations) {
      if (get().training.running) return;
      setTraining({ running: true, diverged: false });
      const stopAt = iterations !== undefined ? get().training.iteration + iterations : undefined;
      client()
        .request({ type: 'train', settings: settings(), mode: 'start', stopAt })
        .then((r) => applyProgress(r.progress))
        .catch((e) => {
          setTraining({ running: false });
          failed(e);
        });
    },
    async trainPause() {
      setTraining({ busy: true });
      try {
        const r = await client().request({ type: 'pauseTraining' });
        if (r.progress) applyProgress(r.progress);
        setTraining({ running: false, busy: false });
        if (r.snapshot) ctx.internal.showSnapshot(r.snapshot);
      } catch (e) {
        failed(e);
      }
    },
    async trainOne() {
      setTraining({ busy: true, diverged: false });
      try {
        const r = await client().request({ type: 'train', settings: settings(), mode: 'one' });
        applyProgress(r.progress);
        setTraining({ busy: false, running: false, diverged: !r.progress.finite });
        if (r.snapshot) ctx.internal.showSnapshot(r.snapshot);
        if (!r.progress.finite) ctx.actions.notify('error', 'notice.diverged', {});
      } catch (e) {
        failed(e);
      }
    },
    setTrainSettings(patch) {
      setTraining({ settings: { ...get().training.settings, ...patch } });
      // A running loop picks the new settings up at once.
      if (get().training.running) void client().request({ type: 'train', settings: settings(), mode: 'start' }).catch(() => undefined);
    },
    async evaluate(count = EVALUATION_SEQUENCES) {
      try {
        const r = await client().request({ type: 'evaluate', count });
        setTraining({ evaluation: { ...r.evaluation, iteration: get().training.iteration } });
      } catch (e) {
        failed(e);
      }
    },
    setTemperature(v) {
      setTraining({ temperature: Math.min(3, Math.max(0.05, v)) });
    },
    setClip(v) {
      set({ clip: Number.isFinite(v) && v >= 0 ? v : 0 });
    },
    async restoreHistory(index) {
      try {
        rewound(await client().request({ type: 'restoreHistory', index }));
      } catch (e) {
        failed(e);
      }
    },
    async restoreFinite() {
      try {
        rewound(await client().request({ type: 'restoreFinite' }));
      } catch (e) {
        failed(e);
      }
    },
    lossCsv() {
      const { losses, lossFirst } = get().training;
      const rows = ['iteration,loss'];
      for (let k = 0; k < losses.length; k++) rows.push(`${lossFirst + k + 1},${losses[k]}`);
      return rows.join('\n') + '\n';
    },
    async sampleText(length) {
      const snap = get().snapshot;
      if (!snap?.vocab) return;
      try {
        const start = snap.vocab[Math.round(snap.xs.subarray(0, snap.model.inputSize).indexOf(1))] ?? snap.vocab[0];
        const r = await client().request({ type: 'sample', start, length, temperature: get().training.temperature });
        setTraining({ sample: start + r.text });
      } catch (e) {
        failed(e);
      }
    },
    onTrainEvent(event) {
      applyProgress(event.progress);
      if (event.kind === 'diverged') {
        setTraining({ running: false, diverged: true });
        ctx.actions.notify('error', 'notice.diverged', {});
      } else if (event.snapshot) ctx.internal.showTrainingSnapshot(event.snapshot);
    },
  };
}
