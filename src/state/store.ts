/**
 * The app's state, in slices, in one zustand store. Components read single fields through
 * narrow selectors; only actions.ts writes (worker replies arrive there).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang, MessageKey } from '../content/i18n';
import type { LessonFocus } from '../content/lessons';
import type { AnalysisReply, CompareCell, GradCheckReply, GradsReply, SessionSnapshot, TrainSettings } from '../worker/protocol';
import type { AppConfig } from './config';
import type { Cursor } from './cursor';
import { defaultUrlState, type Notation, type ViewMode } from './url';

export type Theme = 'light' | 'dark';

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export interface ConfigSlice {
  config: AppConfig;
}

export interface SessionSlice {
  snapshot: SessionSnapshot | null;
  status: 'loading' | 'ready' | 'error';
  /** the engine's refusal of the current configuration, if any */
  engineError: string | null;
}

export interface CursorSlice {
  cursor: Cursor;
  substeps: boolean;
}

export interface SelectionSlice {
  /** the selected hidden unit (drives the diagram and the equations) */
  unit: number | null;
  /** a hovered cell of the timeline, for the shared-weights highlight */
  hoverT: number | null;
}

export interface PlaybackSlice {
  playing: boolean;
  /** steps per second */
  speed: number;
}

/** The tabs of the gradient band. */
export type GradTab = 'bptt' | 'weights' | 'vanish' | 'compare';

export interface UiSlice {
  /** the visible tab of the gradient band (the analysis is computed only while its tab shows) */
  gradTab: GradTab;
  lang: Lang;
  theme: Theme;
  view: ViewMode;
  notation: Notation;
  helpOpen: boolean;
  notices: Notice[];
}

export interface LessonSlice {
  /** the open chapter of the guided lesson (index into CHAPTERS), or null */
  lesson: number | null;
  /** the part of the screen the chapter points at */
  focus: LessonFocus | null;
  /** projector / presentation mode: large type, high contrast, only step and play */
  projector: boolean;
}

export interface GradsSlice {
  /** accumulated weight gradients at the backward cursor, when asked for */
  grads: GradsReply | null;
}

export interface AnalysisSlice {
  /** spectrum, influence and per-step factors of the current session (null until asked / while computing) */
  analysis: { version: number; data: AnalysisReply } | null;
  /** the three cells side by side on the current data */
  comparison: { key: string; cells: CompareCell[] } | null;
  comparing: boolean;
  gradcheck: { version: number; result: GradCheckReply } | null;
  gradchecking: boolean;
  /** clipping threshold on the global gradient norm (0 = off); the indicator shows whether it would clip */
  clip: number;
}

export interface TrainingSlice {
  training: {
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
    /** training stopped on a NaN/∞ loss; the last finite weights can be restored */
    diverged: boolean;
    /** text the model wrote (text task) */
    sample: string | null;
    temperature: number;
  };
}

export const DEFAULT_TRAIN_SETTINGS: Omit<TrainSettings, 'clip'> = { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, batch: 8 };

export type AppState = LessonSlice & TrainingSlice & ConfigSlice & SessionSlice & CursorSlice & SelectionSlice & PlaybackSlice & UiSlice & GradsSlice & AnalysisSlice;

export type AppStore = StoreApi<AppState>;

export function createAppStore(init: Partial<AppState> = {}): AppStore {
  const url = defaultUrlState();
  return createStore<AppState>()(() => ({
    config: url.config,
    snapshot: null,
    status: 'loading',
    engineError: null,
    cursor: url.cursor,
    substeps: false,
    unit: null,
    hoverT: null,
    playing: false,
    speed: 2,
    gradTab: 'bptt',
    lang: 'en',
    theme: 'light',
    view: 'unrolled',
    notation: 'lecture',
    helpOpen: false,
    notices: [],
    grads: null,
    analysis: null,
    comparison: null,
    comparing: false,
    gradcheck: null,
    gradchecking: false,
    clip: 1,
    lesson: null,
    focus: null,
    projector: false,
    training: {
      settings: DEFAULT_TRAIN_SETTINGS,
      running: false,
      busy: false,
      iteration: 0,
      loss: NaN,
      gradNorm: NaN,
      clipped: false,
      itPerSec: 0,
      losses: new Float64Array(0),
      lossFirst: 0,
      history: [],
      diverged: false,
      sample: null,
      temperature: 0.8,
    },
    ...init,
  }));
}
