/** The guided lesson: which chapter is open, what it points at, and projector mode. */
import { CHAPTERS, type Chapter, type Lesson, type LessonFocus } from '../../content/lessons';
import type { AppConfig } from '../config';
import { effectiveSteps, walkOfConfig } from '../config';
import { changesModel } from '../specs';
import type { CellType } from '../../engine/params';
import { clampCursor } from '../cursor';
import { presetById, presetConfig, presetTraining, type PresetId } from '../presets';
import { paramFields, paramSetOf } from '../model';
import type { SliceContext } from './context';
import type { AppState, StoredWeights } from '../store';

/** What opening the lesson replaced, to go back to when it closes. */
type Setup = Pick<AppState, 'config' | 'cursor' | 'substeps' | 'unit' | 'view' | 'gradTab' | 'clip'> & { settings: AppState['training']['settings']; weights: StoredWeights | null };

/** A lesson opened from a file or a link, in place of the built-in one. */
export interface CustomLesson {
  lesson: Lesson;
  /** the lesson as link text (lessonCodec.ts), or null when it is too long for a link */
  link: string | null;
}

export interface LessonState {
  /** the open chapter of the guided lesson (index into its chapters), or null */
  lesson: number | null;
  /** a teacher's lesson that replaces the built-in one, or null */
  customLesson: CustomLesson | null;
  /** the part of the screen the chapter points at */
  focus: LessonFocus | null;
  /** projector / presentation mode: large type, high contrast */
  projector: boolean;
}

export const lessonInitial = (): LessonState => ({ lesson: null, customLesson: null, focus: null, projector: false });

/** The chapters of the lesson in use: the teacher's, or the built-in ones. */
export function lessonChapters(s: Pick<LessonState, 'customLesson'>): readonly Chapter[] {
  return s.customLesson?.lesson.chapters ?? CHAPTERS;
}

/** The settings that fit only together, as a link fixes them: a chapter sets some and keeps the reader's others. */
function fitTogether(c: AppConfig): AppConfig {
  const T = effectiveSteps(c);
  return c.truncation > T || (c.bidirectional && c.truncation > 0) ? { ...c, truncation: 0 } : c;
}

export interface LessonActions {
  /** opens chapter `index` of the lesson and sets the app to what it talks about */
  openChapter(index: number): void;
  /** closes the lesson; when it had changed the network, a notice offers the setup from before it */
  closeLesson(): void;
  /** goes back to the setup the lesson replaced (its weights too, trained or imported) */
  restoreSetup(): void;
  /** the next or previous chapter; nothing when the lesson is closed */
  nextChapter(): void;
  prevChapter(): void;
  setProjector(on: boolean): void;
  toggleProjector(): void;
  /** opens a preset: its network, data and (if it trains) its training settings; `cell` for the presets made for several cells */
  openPreset(id: PresetId, cell?: CellType): void;
}

export function createLessonActions(ctx: SliceContext): LessonActions {
  const { get, set } = ctx;
  /** the setup before the lesson opened (kept until it is restored or the lesson opens again from a new setup) */
  let before: Setup | null = null;
  const remember = (): Setup => {
    const s = get();
    const snap = s.snapshot;
    // The UI holds a copy of the weights on screen: trained or imported ones come back with the setup.
    const weights: StoredWeights | null =
      snap && snap.model.origin !== 'init'
        ? { cell: snap.model.cell, hidden: snap.model.hiddenSize, layers: snap.model.numLayers, bidirectional: snap.model.directions === 2, seed: s.config.seed, origin: snap.model.origin, weights: paramSetOf(paramFields(snap.params).map((a) => a.slice())) }
        : null;
    return { config: s.config, cursor: s.cursor, substeps: s.substeps, unit: s.unit, view: s.view, gradTab: s.gradTab, clip: s.clip, settings: s.training.settings, weights };
  };
  const openChapter = (index: number) => {
    const chapters = lessonChapters(get());
    const i = Math.max(0, Math.min(chapters.length - 1, index));
    const ch = chapters[i];
    if (!ch) return;
    if (get().lesson === null) before = remember();
    ctx.internal.stopPlayback();
    ctx.internal.stopTraining();
    const preset = ch.preset ? presetById(ch.preset.id) : null;
    const patch: Partial<AppConfig> = { ...ch.config, ...(preset ? presetConfig(preset, ch.preset!.cell) : {}) };
    const config: AppConfig = fitTogether({ ...get().config, ...patch });
    const changed = (Object.keys(config) as (keyof AppConfig)[]).some((k) => get().config[k] !== config[k]);
    const T = effectiveSteps(config);
    const t = ch.t < 0 ? Math.max(0, T + ch.t) : Math.min(ch.t, T - 1);
    // (a teacher's chapter may keep the reader's size: a unit it does not have is no selection)
    const unit = ch.unit !== null && ch.unit < config.hidden ? ch.unit : null;
    set({ lesson: i, focus: ch.focus, view: ch.view, unit, substeps: false, cursor: clampCursor({ phase: ch.phase, t, layer: ch.layer ?? 0, direction: 0, sub: null }, walkOfConfig(config), false) });
    if (ch.tab) ctx.actions.setGradTab(ch.tab);
    const train = preset ? presetTraining(preset, get().training.settings) : null;
    if (train) set({ training: { ...get().training, settings: train.settings }, clip: train.clip });
    if (changed) {
      if (changesModel(get().config, patch)) ctx.internal.keepNoWeights();
      set({ config });
      void ctx.actions.openSession();
    } else ctx.internal.refreshGrads();
  };
  const openPreset = (id: PresetId, cell?: CellType) => {
    const p = presetById(id);
    ctx.internal.stopPlayback();
    ctx.internal.stopTraining();
    const patch = presetConfig(p, cell);
    const config: AppConfig = { ...get().config, ...patch };
    const train = presetTraining(p, get().training.settings);
    if (train) set({ training: { ...get().training, settings: train.settings }, clip: train.clip });
    ctx.internal.keepNoWeights();
    set({ config, cursor: clampCursor(get().cursor, walkOfConfig(config), get().substeps) });
    void ctx.actions.openSession();
  };
  return {
    openPreset,
    openChapter,
    closeLesson() {
      if (get().lesson === null) return;
      set({ lesson: null, focus: null });
      const b = before;
      const s = get();
      // Only when the lesson changed what the user had: the network, the data, or the weights on screen.
      const weightsChanged = b !== null && (b.weights !== null) !== (s.snapshot !== null && s.snapshot.model.origin !== 'init');
      if (b && (JSON.stringify(b.config) !== JSON.stringify(s.config) || weightsChanged)) ctx.actions.notify('info', 'lesson.setupKept', {}, 'restoreSetup');
    },
    restoreSetup() {
      const b = before;
      if (!b) return;
      before = null;
      ctx.internal.stopPlayback();
      ctx.internal.stopTraining();
      ctx.internal.resetTraining();
      set({ lesson: null, focus: null, config: b.config, cursor: b.cursor, substeps: b.substeps, unit: b.unit, view: b.view, gradTab: b.gradTab, clip: b.clip, training: { ...get().training, settings: b.settings } });
      set({ notices: get().notices.filter((n) => n.action !== 'restoreSetup') });
      if (b.weights) ctx.actions.restoreWeights(b.weights, true);
      else ctx.internal.keepNoWeights();
      void ctx.actions.openSession();
      ctx.actions.notify('info', 'lesson.backDone', {});
    },
    // The chapter keys act only inside the lesson: opening it replaces the setup, which takes the button.
    nextChapter() {
      const i = get().lesson;
      if (i !== null && i < lessonChapters(get()).length - 1) openChapter(i + 1);
    },
    prevChapter() {
      const i = get().lesson;
      if (i !== null && i > 0) openChapter(i - 1);
    },
    setProjector: (projector) => set({ projector }),
    toggleProjector: () => set({ projector: !get().projector }),
  };
}
