/**
 * The app's state: one zustand store made of slices (slices/*.ts), each with its state and its
 * actions. Components read single fields through narrow selectors; only actions write, and worker
 * replies arrive only through them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { analysisInitial, type AnalysisState } from './slices/analysis';
import { explainInitial, type ExplainState } from './slices/explain';
import { predictInitial, type PredictState } from './slices/predict';
import { lessonInitial, type LessonState } from './slices/lesson';
import { playbackInitial, type PlaybackState } from './slices/playback';
import { sessionInitial, type SessionState } from './slices/session';
import { shareInitial, type ShareState } from './slices/share';
import { trainingInitial, type TrainingState } from './slices/training';
import { uiInitial, type UiState } from './slices/ui';
import { defaultUrlState } from './url';

export type { GradTab, Notice, NoticeAction, Theme } from './slices/ui';
export type { StoredWeights } from './slices/session';
export { DEFAULT_TRAIN_SETTINGS } from './slices/training';

export type AppState = SessionState & PlaybackState & TrainingState & AnalysisState & LessonState & UiState & ShareState & ExplainState & PredictState;

export type AppStore = StoreApi<AppState>;

export function createAppStore(init: Partial<AppState> = {}): AppStore {
  const url = defaultUrlState();
  return createStore<AppState>()(() => ({
    ...sessionInitial(url.config),
    ...playbackInitial(url.cursor),
    ...trainingInitial(),
    ...analysisInitial(),
    ...lessonInitial(),
    ...uiInitial(),
    ...shareInitial(),
    ...explainInitial(),
    ...predictInitial(),
    ...init,
  }));
}
