/**
 * Everything that changes the app state, as plain functions outside React, made from the slices'
 * actions. The only place that talks to the engine worker: requests go out from the slices and
 * replies land in the store.
 */
import type { EngineClient } from '../worker/client';
import { createAnalysisActions, type AnalysisActions } from './slices/analysis';
import { createExplainActions, type ExplainActions } from './slices/explain';
import { createPredictActions, type PredictActions } from './slices/predict';
import type { Internals, SliceContext } from './slices/context';
import { createLessonActions, type LessonActions } from './slices/lesson';
import { createLessonFileActions, type LessonFileActions } from './slices/lessonFile';
import { createPlaybackActions, type PlaybackActions } from './slices/playback';
import { createSessionActions, type SessionActions } from './slices/session';
import { createShareActions, type ShareActions } from './slices/share';
import { createTrainingActions, type TrainingActions } from './slices/training';
import { createUiActions, type UiActions } from './slices/ui';
import type { AppState, AppStore } from './store';

export type Actions = SessionActions & PlaybackActions & TrainingActions & AnalysisActions & LessonActions & LessonFileActions & UiActions & ShareActions & ExplainActions & PredictActions;

export function createActions(store: AppStore, getClient: () => EngineClient): Actions {
  const ctx = {
    get: store.getState,
    set: (patch: Partial<AppState>) => store.setState(patch),
    client: getClient,
    actions: {} as Actions,
    internal: {} as Internals,
  } satisfies SliceContext;
  const session = createSessionActions(ctx);
  const playback = createPlaybackActions(ctx);
  const training = createTrainingActions(ctx);
  const { showSnapshot, showTrainingSnapshot, refreshGrads, keepNoWeights, ...sessionActions } = session;
  const { stopPlayback, ...playbackActions } = playback;
  const { resetTraining, rewindTrainingTo, stopTraining, ...trainingActions } = training;
  Object.assign(ctx.internal, { showSnapshot, showTrainingSnapshot, refreshGrads, keepNoWeights, stopPlayback, resetTraining, rewindTrainingTo, stopTraining } satisfies Internals);
  Object.assign(ctx.actions, sessionActions, playbackActions, trainingActions, createAnalysisActions(ctx), createLessonActions(ctx), createLessonFileActions(ctx), createUiActions(ctx), createShareActions(ctx), createExplainActions(ctx), createPredictActions(ctx));
  return ctx.actions;
}
