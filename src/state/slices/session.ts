/**
 * The session on screen: the configuration, the snapshot of one sequence's forward and backward
 * pass that the worker computed for it, and the weight gradients at the cursor.
 */
import { EngineError, WorkerCrashed } from '../../worker/client';
import type { GradsReply, ParamArrays, SessionSnapshot } from '../../worker/protocol';
import { type AppConfig, DEFAULT_CONFIG, effectiveSteps, walkOfConfig } from '../config';
import { clampCursor, walkOf } from '../cursor';
import { clampT, rangeWithin } from '../stepRange';
import { paramFields, paramSetOf } from '../model';
import { afterPanelsDrawn, nextTask } from '../nextTask';
import { errorMessage, latestWins } from '../requests';
import { changesModel, dataSpecOf, modelSpecOf } from '../specs';
import type { SliceContext } from './context';

export interface SessionState {
  config: AppConfig;
  snapshot: SessionSnapshot | null;
  status: 'loading' | 'ready' | 'error';
  /** the engine's refusal of the current configuration, if any */
  engineError: string | null;
  /** accumulated weight gradients at the backward cursor, when asked for */
  grads: GradsReply | null;
}

export const sessionInitial = (config: AppConfig): SessionState => ({ config, snapshot: null, status: 'loading', engineError: null, grads: null });

/** Trained or imported weights kept across a reload (persist.ts reads and writes them). */
export interface StoredWeights {
  cell: AppConfig['cell'];
  hidden: number;
  layers: number;
  bidirectional: boolean;
  /** the seed of the configuration they were trained from */
  seed: number;
  origin: 'imported' | 'trained';
  weights: ParamArrays;
}

export interface SessionActions {
  openSession(): Promise<void>;
  setConfig(patch: Partial<AppConfig>): void;
  /** the trace JSON of the current session with its request (the CLI's format) */
  exportTrace(): Promise<string>;
  /** loads a PyTorch state_dict JSON; resolves to an error message, or null when it worked */
  importWeights(json: string): Promise<string | null>;
  /** the current weights as a PyTorch state_dict JSON */
  exportWeights(): Promise<string>;
  /** called by the client after it restarted a crashed worker */
  workerRestarted(reason: string): void;
  /**
   * weights for the next session: from an earlier visit, a link or a session file. `announce`: when
   * they do not fit (another size, refused by the engine), say so in a notice; the seed's are used.
   */
  restoreWeights(w: StoredWeights, announce?: boolean): void;
}

/** Which weights a new session starts from (and, after a restart, how many iterations they had). */
type WeightsChoice = { weights: ParamArrays | 'keep' | null; origin?: 'imported' | 'trained'; iteration?: number };

export function createSessionActions(ctx: SliceContext): SessionActions & { showSnapshot(s: SessionSnapshot): void; showTrainingSnapshot(s: SessionSnapshot): void; refreshGrads(): void; keepNoWeights(): void } {
  const { get, set, client } = ctx;
  const openRequest = latestWins();
  const gradsRequest = latestWins();
  /** the configuration of the session on screen: what a refused configuration gives way to */
  let shownConfig: AppConfig | null = null;
  /** the next session makes weights from the seed (a setting that makes the weights changed) */
  let fromSeed = false;
  /** the worker was restarted and holds no weights: send the copy the UI keeps */
  let recovering = false;
  /** training was running when the worker was restarted: it goes on once the session is back */
  let resumeTraining = false;
  /** weights from an earlier visit, a link or a session file, used by the next session when they fit */
  let stored: StoredWeights | null = null;
  /** a refusal of `stored` is said in a notice (they came from a link or a file, not from this tab) */
  let announce = false;
  const refused = (reason: string) => {
    if (announce) ctx.actions.notify('warning', 'share.linkWeightsRefused', { reason });
    announce = false;
  };

  const weightsFor = (c: AppConfig): WeightsChoice => {
    const snap = get().snapshot;
    if (stored) {
      const r = stored;
      stored = null;
      if (r.cell === c.cell && r.hidden === c.hidden && r.layers === c.layers && r.bidirectional === c.bidirectional) return { weights: r.weights, origin: r.origin };
      refused(`they are for ${r.cell} with H = ${r.hidden}, not ${c.cell} with H = ${c.hidden}`);
    }
    const m = snap?.model;
    if (fromSeed || !snap || !m || m.origin === 'init' || m.cell !== c.cell || m.hiddenSize !== c.hidden || m.numLayers !== c.layers || (m.directions === 2) !== c.bidirectional) {
      return { weights: null };
    }
    // The weights live in the worker; the UI's copy only replaces them after a crash.
    if (!recovering) return { weights: 'keep' };
    return { weights: paramSetOf(paramFields(snap.params).map((a) => a.slice())), origin: m.origin, iteration: snap.iteration };
  };

  const refreshGrads = () => {
    const s = get();
    if (!s.snapshot || s.cursor.phase !== 'backward') {
      if (s.grads) set({ grads: null });
      return;
    }
    const current = gradsRequest();
    client()
      .request({ type: 'grads', t: s.cursor.t, layer: s.cursor.layer, direction: s.cursor.direction })
      .then((r) => {
        if (current()) set({ grads: r.grads });
      })
      .catch(() => undefined);
  };

  /**
   * counts the snapshots put on screen, the sessions asked for and the worker's restarts: a
   * training snapshot waiting for its task is dropped when any of these came after it arrived (a
   * restarted worker's session must not be replaced by the last words of the one that died)
   */
  let snapshotEpoch = 0;

  const showSnapshot = (snap: SessionSnapshot) => {
    snapshotEpoch++;
    const s = get();
    const inWalk = clampCursor(s.cursor, walkOf(snap), s.substeps);
    const cursor = { ...inWalk, t: clampT(inWalk.t, rangeWithin(s.range, snap.steps)) };
    const unit = s.unit !== null && s.unit < snap.model.hiddenSize ? s.unit : null;
    set({ snapshot: snap, status: 'ready', engineError: null, cursor, unit, grads: null });
    refreshGrads();
    // The analysis (eigenvalues, influence) is work: only for the tab that shows it.
    if (s.gradTab === 'vanish') ctx.actions.requestAnalysis();
  };

  const openSession = async () => {
    snapshotEpoch++;
    const current = openRequest();
    const config = get().config;
    set({ status: get().snapshot ? 'ready' : 'loading' });
    const chosen = weightsFor(config);
    fromSeed = false;
    const open = (w: WeightsChoice) => client().request({ type: 'open', model: modelSpecOf(config), data: dataSpecOf(config), weights: w.weights, origin: w.origin, iteration: w.iteration });
    try {
      let reply;
      try {
        reply = await open(chosen);
      } catch (e) {
        // Weights that no longer fit the data (other input or output size) give way to the seed's.
        if (chosen.weights === null || !(e instanceof EngineError) || !current()) throw e;
        refused(errorMessage(e));
        reply = await open({ weights: null });
      }
      announce = false;
      if (!current()) return;
      recovering = false;
      if (chosen.weights === null || reply.snapshot.model.origin === 'init') ctx.internal.resetTraining();
      shownConfig = config;
      showSnapshot(reply.snapshot);
      if (resumeTraining) {
        resumeTraining = false;
        ctx.actions.trainStart();
      }
    } catch (e) {
      if (!current()) return;
      if (e instanceof WorkerCrashed) return; // the restart handler reopens
      const message = errorMessage(e);
      // Keep whatever was on screen; say what was refused.
      ctx.actions.notify('error', 'notice.engineError', { message });
      // The configuration goes back to the one on screen (at the first session, the defaults), so
      // the fields and the link say what is shown, and a reload opens a session.
      const fallback = shownConfig ?? DEFAULT_CONFIG;
      if (JSON.stringify(fallback) !== JSON.stringify(get().config)) {
        const unit = get().unit;
        set({
          config: { ...fallback },
          cursor: clampCursor(get().cursor, walkOfConfig(fallback), get().substeps),
          unit: unit !== null && unit < fallback.hidden ? unit : null,
          engineError: message,
        });
        if (!get().snapshot) void openSession();
        return;
      }
      set({ status: get().snapshot ? 'ready' : 'error', engineError: message });
    }
  };

  /**
   * A snapshot the training loop sent: put on screen in a task of its own, after the one that read
   * it (at the largest sizes each is tens of ms); once the frames showing it (the timeline, then
   * the panels) are drawn the loop is told, so it computes on (it waits for that with a large
   * snapshot, not to share the cores).
   */
  const showTrainingSnapshot = (snap: SessionSnapshot) => {
    const before = snapshotEpoch;
    nextTask(() => {
      if (snapshotEpoch === before) showSnapshot(snap);
      afterPanelsDrawn(() => client().snapshotShown());
    });
  };

  return {
    openSession,
    showSnapshot,
    showTrainingSnapshot,
    refreshGrads,
    keepNoWeights() {
      fromSeed = true;
    },
    setConfig(patch) {
      if (changesModel(get().config, patch)) fromSeed = true;
      ctx.internal.stopTraining();
      const config = { ...get().config, ...patch };
      // New values without a column count are one column (the input editor's list).
      if ('series' in patch && !('columns' in patch)) config.columns = 1;
      const T = effectiveSteps(config);
      if (config.truncation > T) config.truncation = 0;
      // Two directions have no truncated form: whichever of the two was asked for last wins, and says so.
      if (config.bidirectional && config.truncation > 0) {
        if ('truncation' in patch) config.bidirectional = false;
        else config.truncation = 0;
        ctx.actions.notify('info', 'notice.noTruncationBothWays', {});
      }
      set({ config, cursor: clampCursor(get().cursor, walkOfConfig(config), get().substeps) });
      void openSession();
    },
    async exportTrace() {
      const r = await client().request({ type: 'exportTrace' });
      return r.json;
    },
    async importWeights(json) {
      try {
        const r = await client().request({ type: 'importWeights', json });
        const m = r.snapshot.model;
        // The weights define the model: take their cell and size without re-initialising.
        set({ config: { ...get().config, cell: m.cell, hidden: m.hiddenSize, layers: m.numLayers, bidirectional: m.directions === 2 } });
        shownConfig = get().config;
        ctx.internal.resetTraining();
        showSnapshot(r.snapshot);
        return null;
      } catch (e) {
        return errorMessage(e);
      }
    },
    async exportWeights() {
      const r = await client().request({ type: 'exportWeights' });
      return r.json;
    },
    restoreWeights(w, loud = false) {
      stored = w;
      announce = loud;
    },
    workerRestarted(reason) {
      snapshotEpoch++;
      ctx.actions.notify('warning', 'notice.workerRestarted', { reason });
      // The new worker goes on from the weights on screen and the iterations they had; a loop that
      // was running (not being paused) runs again.
      const { running, busy } = get().training;
      resumeTraining = running && !busy;
      ctx.internal.rewindTrainingTo(get().snapshot?.iteration ?? 0);
      recovering = true;
      void openSession();
    },
  };
}
