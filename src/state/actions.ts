/**
 * Everything that changes the app state, as plain functions outside React. The only module
 * that talks to the engine worker: requests go out from here and replies land in the store.
 */
import type { Lang, MessageKey } from '../content/i18n';
import { CHAPTERS } from '../content/lessons';
import { EngineError, WorkerCrashed, type EngineClient } from '../worker/client';
import type { DataSpec, ModelSpec, ParamArrays, SessionSnapshot, TrainEvent, TrainProgress, TrainSettings } from '../worker/protocol';
import { type AppConfig, DEFAULT_CONFIG, effectiveSteps, seriesTable } from './config';
import { clampCursor, isLast, next, prev, START, type Cursor } from './cursor';
import type { AppState, AppStore, GradTab, Notice, Theme, TrainingSlice } from './store';
import { toHash, type Notation, type ViewMode } from './url';

export interface Actions {
  openSession(): Promise<void>;
  setConfig(patch: Partial<AppConfig>): void;
  next(): void;
  prev(): void;
  reset(): void;
  seek(cursor: Cursor): void;
  togglePlay(): void;
  pause(): void;
  setSpeed(stepsPerSecond: number): void;
  toggleSubsteps(): void;
  selectUnit(unit: number | null): void;
  setHover(t: number | null): void;
  setLang(lang: Lang): void;
  setTheme(theme: Theme): void;
  setView(view: ViewMode): void;
  /** shows a tab of the gradient band (the vanishing tab asks for the analysis) */
  setGradTab(tab: GradTab): void;
  setNotation(n: Notation): void;
  toggleHelp(open?: boolean): void;
  notify(kind: Notice['kind'], key: MessageKey, vars?: Record<string, string | number>): void;
  dismissNotice(id: number): void;
  /** asks the worker for the spectrum / influence / factors of the current session */
  requestAnalysis(): void;
  /** runs the three cells on the current data, seed and sizes */
  compareCells(): void;
  /** finite-difference check of the current gradients */
  runGradCheck(): void;
  setClip(v: number): void;
  /** the trace JSON of the current session with its request (the CLI's format) */
  exportTrace(): Promise<string>;
  /** opens chapter `index` of the lesson and sets the app to what it talks about */
  openChapter(index: number): void;
  closeLesson(): void;
  nextChapter(): void;
  prevChapter(): void;
  setProjector(on: boolean): void;
  toggleProjector(): void;
  /** copies the link to this exact moment; resolves to whether it worked */
  copyLink(): Promise<boolean>;
  trainStart(): void;
  trainPause(): Promise<void>;
  trainOne(): Promise<void>;
  setTrainSettings(patch: Partial<TrainingSlice['training']['settings']>): void;
  setTemperature(v: number): void;
  restoreHistory(index: number): Promise<void>;
  restoreFinite(): Promise<void>;
  /** loads a PyTorch state_dict JSON; resolves to an error message, or null when it worked */
  importWeights(json: string): Promise<string | null>;
  exportWeights(): Promise<string>;
  /** the loss history as CSV (iteration,loss) */
  lossCsv(): string;
  sampleText(length: number): Promise<void>;
  /** what the worker sends while training */
  onTrainEvent(event: TrainEvent): void;
  /** called by the client after it restarted a crashed worker */
  workerRestarted(reason: string): void;
  /** weights from an earlier visit, for the first session */
  restoreWeights(w: StoredWeights): void;
}

/** Trained or imported weights kept across a reload (persist.ts reads and writes them). */
export interface StoredWeights {
  cell: AppConfig['cell'];
  hidden: number;
  /** the seed of the configuration they were trained from */
  seed: number;
  origin: 'imported' | 'trained';
  weights: ParamArrays;
}

export function modelSpecOf(c: AppConfig): ModelSpec {
  return { cell: c.cell, hidden: c.hidden, seed: c.seed, init: c.init, hhScale: c.hhScale, forgetBias: c.forgetBias };
}

/** What a comparison depends on: data, seed, sizes and init, not which cell is shown (it runs all three). */
export function comparisonKey(c: AppConfig): string {
  return JSON.stringify([{ ...modelSpecOf(c), cell: null }, dataSpecOf(c)]);
}

export function dataSpecOf(c: AppConfig): DataSpec {
  const spec: DataSpec = { task: c.task, steps: effectiveSteps(c), truncation: c.truncation };
  if (c.task === 'text') spec.text = c.text;
  if (c.task === 'custom') spec.series = seriesTable(c);
  if (c.task === 'copy') spec.symbols = c.symbols;
  return spec;
}

export function createActions(store: AppStore, getClient: () => EngineClient): Actions {
  const get = store.getState;
  const set = (patch: Partial<AppState>) => store.setState(patch);
  let openSeq = 0;
  let gradsSeq = 0;
  let noticeId = 1;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const notify: Actions['notify'] = (kind, key, vars) => {
    const notices = get().notices.filter((n) => !(n.key === key && JSON.stringify(n.vars) === JSON.stringify(vars)));
    set({ notices: [...notices.slice(-3), { id: noticeId++, kind, key, vars }] });
  };

  const steps = () => get().snapshot?.steps ?? effectiveSteps(get().config);
  const cell = () => get().snapshot?.model.cell ?? get().config.cell;

  /** Asks for the accumulated weight gradients whenever the cursor is in the backward phase. */
  const refreshGrads = () => {
    const s = get();
    if (!s.snapshot || s.cursor.phase !== 'backward') {
      if (s.grads) set({ grads: null });
      return;
    }
    const t = s.cursor.t;
    const mine = ++gradsSeq;
    getClient()
      .request({ type: 'grads', t })
      .then((r) => {
        if (mine === gradsSeq) set({ grads: r.grads });
      })
      .catch(() => undefined);
  };

  const moveTo = (cursor: Cursor) => {
    set({ cursor });
    refreshGrads();
  };

  /** Puts a new snapshot on screen, keeping the cursor and selection where they still fit. */
  const showSnapshot = (snap: SessionSnapshot) => {
    const s = get();
    const cursor = clampCursor(s.cursor, snap.steps, snap.model.cell, s.substeps);
    const unit = s.unit !== null && s.unit < snap.model.hiddenSize ? s.unit : null;
    set({ snapshot: snap, status: 'ready', engineError: null, cursor, unit, grads: null });
    refreshGrads();
    // The analysis (eigenvalues, influence) is work: only for the tab that shows it.
    if (s.gradTab === 'vanish') requestAnalysis();
  };

  /** Trained or imported weights to carry into the next session (null: make them from the seed). */
  let keepWeights = true;
  /** weights remembered from an earlier visit, used by the first session when they fit */
  let restored: StoredWeights | null = null;
  const carriedWeights = (): { weights: ParamArrays | null; origin?: 'imported' | 'trained' } => {
    const snap = get().snapshot;
    const c = get().config;
    if (!snap && restored) {
      const r = restored;
      restored = null;
      if (r.cell === c.cell && r.hidden === c.hidden) return { weights: r.weights, origin: r.origin };
    }
    if (!keepWeights || !snap || snap.model.origin === 'init' || snap.model.cell !== c.cell || snap.model.hiddenSize !== c.hidden) return { weights: null };
    const w = snap.params;
    return {
      weights: { wIh: w.wIh.slice(), wHh: w.wHh.slice(), bIh: w.bIh.slice(), bHh: w.bHh.slice(), headW: w.headW.slice(), headB: w.headB.slice() },
      origin: snap.model.origin,
    };
  };

  /** the configuration of the session on screen: what a refused configuration gives way to */
  let shownConfig: AppConfig | null = null;

  const openSession = async () => {
    const mine = ++openSeq;
    const config = get().config;
    set({ status: get().snapshot ? 'ready' : 'loading' });
    const carried = carriedWeights();
    keepWeights = true;
    try {
      let reply;
      try {
        reply = await getClient().request({ type: 'open', model: modelSpecOf(config), data: dataSpecOf(config), weights: carried.weights, origin: carried.origin });
      } catch (e) {
        // Weights that no longer fit the data (other input or output size) give way to the seed's.
        if (!carried.weights || !(e instanceof EngineError) || mine !== openSeq) throw e;
        reply = await getClient().request({ type: 'open', model: modelSpecOf(config), data: dataSpecOf(config), weights: null });
      }
      if (mine !== openSeq) return;
      if (carried.weights === null || reply.snapshot.model.origin === 'init') resetTraining();
      shownConfig = config;
      showSnapshot(reply.snapshot);
    } catch (e) {
      if (mine !== openSeq) return;
      if (e instanceof WorkerCrashed) return; // the restart handler reopens
      const message = e instanceof EngineError ? e.message : String(e);
      // Keep whatever was on screen; say what was refused.
      notify('error', 'notice.engineError', { message });
      // The configuration goes back to the one on screen (at the first session, the defaults), so
      // the fields and the link say what is shown, and a reload opens a session.
      const fallback = shownConfig ?? DEFAULT_CONFIG;
      if (JSON.stringify(fallback) !== JSON.stringify(get().config)) {
        const unit = get().unit;
        set({
          config: { ...fallback },
          cursor: clampCursor(get().cursor, effectiveSteps(fallback), fallback.cell, get().substeps),
          unit: unit !== null && unit < fallback.hidden ? unit : null,
          engineError: message,
        });
        if (!get().snapshot) void openSession();
        return;
      }
      set({ status: get().snapshot ? 'ready' : 'error', engineError: message });
    }
  };

  const stopTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const tick = () => {
    const s = get();
    if (!s.playing || !s.snapshot) return stopTimer();
    if (isLast(s.cursor, s.snapshot.steps, s.snapshot.model.cell, s.substeps)) {
      set({ playing: false });
      return stopTimer();
    }
    moveTo(next(s.cursor, s.snapshot.steps, s.snapshot.model.cell, s.substeps));
    timer = setTimeout(tick, 1000 / get().speed);
  };

  let analysisSeq = 0;
  const requestAnalysis = () => {
    const snap = get().snapshot;
    if (!snap) return;
    if (get().analysis?.version === snap.version) return;
    const mine = ++analysisSeq;
    getClient()
      .request({ type: 'analysis' })
      .then((r) => {
        if (mine === analysisSeq && get().snapshot?.version === snap.version) set({ analysis: { version: snap.version, data: r.analysis } });
      })
      .catch(() => undefined);
  };

  const setTraining = (patch: Partial<TrainingSlice['training']>) => set({ training: { ...get().training, ...patch } });
  const resetTraining = () =>
    setTraining({ running: false, iteration: 0, loss: NaN, gradNorm: NaN, clipped: false, itPerSec: 0, losses: new Float64Array(0), lossFirst: 0, history: [], diverged: false, sample: null });
  const settings = (): TrainSettings => ({ ...get().training.settings, clip: get().clip });
  const applyProgress = (p: TrainProgress) => {
    const tr = get().training;
    // Append the new losses to what we hold (bounded like the worker's log).
    let losses = tr.losses;
    let first = tr.lossFirst;
    if (p.lossFirst !== first + losses.length) {
      losses = p.losses;
      first = p.lossFirst;
    } else if (p.losses.length > 0) {
      const joined = new Float64Array(losses.length + p.losses.length);
      joined.set(losses);
      joined.set(p.losses, losses.length);
      losses = joined;
      if (losses.length > 200_000) {
        const drop = losses.length - 100_000;
        losses = losses.slice(drop);
        first += drop;
      }
    }
    setTraining({
      running: p.running,
      iteration: p.iteration,
      loss: p.loss,
      gradNorm: p.gradNorm,
      clipped: p.clipped,
      itPerSec: p.itPerSec,
      losses,
      lossFirst: first,
      history: p.history,
    });
  };
  const failed = (e: unknown) => {
    setTraining({ busy: false });
    if (e instanceof WorkerCrashed) return;
    notify('error', 'notice.engineError', { message: e instanceof Error ? e.message : String(e) });
  };

  const openChapter = (index: number) => {
    const ch = CHAPTERS[Math.max(0, Math.min(CHAPTERS.length - 1, index))];
    if (!ch) return;
    const i = CHAPTERS.indexOf(ch);
    stopTimer();
    if (get().training.running) void getClient().request({ type: 'pauseTraining' }).catch(() => undefined);
    const config = { ...get().config, ...ch.config };
    const changed = (Object.keys(ch.config) as (keyof AppConfig)[]).some((k) => get().config[k] !== config[k]);
    const T = effectiveSteps(config);
    const t = ch.t < 0 ? T + ch.t : Math.min(ch.t, T - 1);
    set({ lesson: i, focus: ch.focus, view: ch.view, unit: ch.unit, playing: false, substeps: false, cursor: { phase: ch.phase, t, sub: null } });
    if (changed) {
      const modelKeys: (keyof AppConfig)[] = ['cell', 'hidden', 'seed', 'init', 'hhScale', 'forgetBias'];
      if (modelKeys.some((k) => get().config[k] !== config[k])) keepWeights = false;
      set({ config });
      void openSession();
    } else refreshGrads();
  };

  return {
    openSession,
    requestAnalysis,
    openChapter,
    closeLesson() {
      set({ lesson: null, focus: null });
    },
    nextChapter() {
      const i = get().lesson;
      if (i === null) openChapter(0);
      else if (i < CHAPTERS.length - 1) openChapter(i + 1);
    },
    prevChapter() {
      const i = get().lesson;
      if (i !== null && i > 0) openChapter(i - 1);
    },
    setProjector(on) {
      set({ projector: on });
    },
    toggleProjector() {
      set({ projector: !get().projector });
    },
    async copyLink() {
      // From the state itself: the address bar is updated a moment later.
      const s = get();
      const url = location.href.split('#')[0] + toHash({ lesson: s.lesson, projector: s.projector, config: s.config, cursor: s.cursor, substeps: s.substeps, unit: s.unit, view: s.view, notation: s.notation, lang: s.lang });
      try {
        await navigator.clipboard.writeText(url);
        notify('info', 'notice.linkCopied', {});
        return true;
      } catch {
        notify('warning', 'notice.linkNotCopied', { url });
        return false;
      }
    },
    trainStart() {
      if (get().training.running) return;
      setTraining({ running: true, diverged: false });
      getClient()
        .request({ type: 'train', settings: settings(), mode: 'start' })
        .then((r) => applyProgress(r.progress))
        .catch((e) => {
          setTraining({ running: false });
          failed(e);
        });
    },
    async trainPause() {
      setTraining({ busy: true });
      try {
        const r = await getClient().request({ type: 'pauseTraining' });
        if (r.progress) applyProgress(r.progress);
        setTraining({ running: false, busy: false });
        if (r.snapshot) showSnapshot(r.snapshot);
      } catch (e) {
        failed(e);
      }
    },
    async trainOne() {
      setTraining({ busy: true, diverged: false });
      try {
        const r = await getClient().request({ type: 'train', settings: settings(), mode: 'one' });
        applyProgress(r.progress);
        setTraining({ busy: false, running: false, diverged: !r.progress.finite });
        if (r.snapshot) showSnapshot(r.snapshot);
        if (!r.progress.finite) notify('error', 'notice.diverged', {});
      } catch (e) {
        failed(e);
      }
    },
    setTrainSettings(patch) {
      setTraining({ settings: { ...get().training.settings, ...patch } });
      // A running loop picks the new settings up at once.
      if (get().training.running) void getClient().request({ type: 'train', settings: settings(), mode: 'start' }).catch(() => undefined);
    },
    setTemperature(v) {
      setTraining({ temperature: Math.min(3, Math.max(0.05, v)) });
    },
    async restoreHistory(index) {
      try {
        const r = await getClient().request({ type: 'restoreHistory', index });
        applyProgress(r.progress);
        setTraining({ running: false, diverged: false });
        showSnapshot(r.snapshot);
      } catch (e) {
        failed(e);
      }
    },
    async restoreFinite() {
      try {
        const r = await getClient().request({ type: 'restoreFinite' });
        applyProgress(r.progress);
        setTraining({ running: false, diverged: false });
        showSnapshot(r.snapshot);
      } catch (e) {
        failed(e);
      }
    },
    async importWeights(json) {
      try {
        const r = await getClient().request({ type: 'importWeights', json });
        const m = r.snapshot.model;
        // The weights define the model: take their cell and size without re-initialising.
        set({ config: { ...get().config, cell: m.cell, hidden: m.hiddenSize } });
        shownConfig = get().config;
        resetTraining();
        showSnapshot(r.snapshot);
        return null;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    },
    async exportWeights() {
      const r = await getClient().request({ type: 'exportWeights' });
      return r.json;
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
        const r = await getClient().request({ type: 'sample', start, length, temperature: get().training.temperature });
        setTraining({ sample: start + r.text });
      } catch (e) {
        failed(e);
      }
    },
    onTrainEvent(event) {
      applyProgress(event.progress);
      if (event.kind === 'diverged') {
        setTraining({ running: false, diverged: true });
        notify('error', 'notice.diverged', {});
      } else if (event.snapshot) showSnapshot(event.snapshot);
    },
    compareCells() {
      const config = get().config;
      const key = comparisonKey(config);
      if (get().comparison?.key === key || get().comparing) return;
      set({ comparing: true });
      getClient()
        .request({ type: 'compare', model: modelSpecOf(config), data: dataSpecOf(config) })
        .then((r) => set({ comparison: { key, cells: r.cells }, comparing: false }))
        .catch((e) => {
          set({ comparing: false });
          if (!(e instanceof WorkerCrashed)) notify('error', 'notice.engineError', { message: e instanceof Error ? e.message : String(e) });
        });
    },
    runGradCheck() {
      const snap = get().snapshot;
      if (!snap || get().gradchecking) return;
      set({ gradchecking: true });
      getClient()
        .request({ type: 'gradcheck' })
        .then((r) => set({ gradcheck: { version: snap.version, result: r.result }, gradchecking: false }))
        .catch(() => set({ gradchecking: false }));
    },
    setClip(v) {
      set({ clip: Number.isFinite(v) && v >= 0 ? v : 0 });
    },
    setConfig(patch) {
      const modelKeys: (keyof AppConfig)[] = ['cell', 'hidden', 'seed', 'init', 'hhScale', 'forgetBias'];
      if (modelKeys.some((k) => k in patch && patch[k] !== get().config[k])) keepWeights = false;
      if (get().training.running) {
        void getClient().request({ type: 'pauseTraining' }).catch(() => undefined);
        setTraining({ running: false });
      }
      const config = { ...get().config, ...patch };
      // New values without a column count are one column (the input editor's list).
      if ('series' in patch && !('columns' in patch)) config.columns = 1;
      const T = effectiveSteps(config);
      if (config.truncation > T) config.truncation = 0;
      set({ config, cursor: clampCursor(get().cursor, T, config.cell, get().substeps) });
      void openSession();
    },
    next() {
      const s = get();
      moveTo(next(s.cursor, steps(), cell(), s.substeps));
    },
    prev() {
      const s = get();
      moveTo(prev(s.cursor, steps(), cell(), s.substeps));
    },
    reset() {
      stopTimer();
      set({ playing: false });
      moveTo({ ...START, sub: get().substeps ? 0 : null });
    },
    seek(cursor) {
      moveTo(clampCursor(cursor, steps(), cell(), get().substeps));
    },
    togglePlay() {
      const s = get();
      if (s.playing) {
        set({ playing: false });
        return stopTimer();
      }
      if (s.snapshot && isLast(s.cursor, s.snapshot.steps, s.snapshot.model.cell, s.substeps)) moveTo({ ...START, sub: s.substeps ? 0 : null });
      set({ playing: true });
      stopTimer();
      timer = setTimeout(tick, 1000 / get().speed);
    },
    pause() {
      set({ playing: false });
      stopTimer();
    },
    setSpeed(v) {
      set({ speed: Math.min(60, Math.max(0.25, v)) });
    },
    toggleSubsteps() {
      const s = get();
      const substeps = !s.substeps;
      set({ substeps, cursor: { ...s.cursor, sub: substeps ? 0 : null } });
    },
    selectUnit(unit) {
      set({ unit });
    },
    setHover(t) {
      if (get().hoverT !== t) set({ hoverT: t });
    },
    setLang(lang) {
      set({ lang });
    },
    setTheme(theme) {
      set({ theme });
    },
    setView(view) {
      set({ view });
    },
    setGradTab(gradTab) {
      set({ gradTab });
      if (gradTab === 'vanish') requestAnalysis();
    },
    setNotation(notation) {
      set({ notation });
    },
    toggleHelp(open) {
      set({ helpOpen: open ?? !get().helpOpen });
    },
    notify,
    async exportTrace() {
      const r = await getClient().request({ type: 'exportTrace' });
      return r.json;
    },
    dismissNotice(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) });
    },
    restoreWeights(w) {
      restored = w;
    },
    workerRestarted(reason) {
      notify('warning', 'notice.workerRestarted', { reason });
      // The new worker starts a fresh run from the restored weights: its counts and history are new.
      resetTraining();
      setTraining({ busy: false });
      void openSession();
    },
  };
}
