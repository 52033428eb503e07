/** The guided lesson: which chapter is open, what it points at, and projector mode. */
import { CHAPTERS, type LessonFocus } from '../../content/lessons';
import type { AppConfig } from '../config';
import { effectiveSteps, walkOfConfig } from '../config';
import { changesModel } from '../specs';
import type { CellType } from '../../engine/params';
import { clampCursor } from '../cursor';
import { presetById, presetConfig, presetTraining, type PresetId } from '../presets';
import type { SliceContext } from './context';

export interface LessonState {
  /** the open chapter of the guided lesson (index into CHAPTERS), or null */
  lesson: number | null;
  /** the part of the screen the chapter points at */
  focus: LessonFocus | null;
  /** projector / presentation mode: large type, high contrast */
  projector: boolean;
}

export const lessonInitial = (): LessonState => ({ lesson: null, focus: null, projector: false });

export interface LessonActions {
  /** opens chapter `index` of the lesson and sets the app to what it talks about */
  openChapter(index: number): void;
  closeLesson(): void;
  nextChapter(): void;
  prevChapter(): void;
  setProjector(on: boolean): void;
  toggleProjector(): void;
  /** opens a preset: its network, data and (if it trains) its training settings; `cell` for the presets made for several cells */
  openPreset(id: PresetId, cell?: CellType): void;
}

export function createLessonActions(ctx: SliceContext): LessonActions {
  const { get, set } = ctx;
  const openChapter = (index: number) => {
    const i = Math.max(0, Math.min(CHAPTERS.length - 1, index));
    const ch = CHAPTERS[i];
    if (!ch) return;
    ctx.internal.stopPlayback();
    ctx.internal.stopTraining();
    const preset = ch.preset ? presetById(ch.preset.id) : null;
    const patch: Partial<AppConfig> = { ...ch.config, ...(preset ? presetConfig(preset, ch.preset!.cell) : {}) };
    const config: AppConfig = { ...get().config, ...patch };
    const changed = (Object.keys(patch) as (keyof AppConfig)[]).some((k) => get().config[k] !== config[k]);
    const T = effectiveSteps(config);
    const t = ch.t < 0 ? T + ch.t : Math.min(ch.t, T - 1);
    set({ lesson: i, focus: ch.focus, view: ch.view, unit: ch.unit, substeps: false, cursor: clampCursor({ phase: ch.phase, t, layer: ch.layer ?? 0, direction: 0, sub: null }, walkOfConfig(config), false) });
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
    closeLesson: () => set({ lesson: null, focus: null }),
    nextChapter() {
      const i = get().lesson;
      if (i === null) openChapter(0);
      else if (i < CHAPTERS.length - 1) openChapter(i + 1);
    },
    prevChapter() {
      const i = get().lesson;
      if (i !== null && i > 0) openChapter(i - 1);
    },
    setProjector: (projector) => set({ projector }),
    toggleProjector: () => set({ projector: !get().projector }),
  };
}
