/** What every slice's actions work with: the store, the worker client and the other slices. */
import type { EngineClient } from '../../worker/client';
import type { SessionSnapshot } from '../../worker/protocol';
import type { Actions } from '../actions';
import type { AppState, AppStore } from '../store';

/** Calls between slices that are not part of the public Actions. */
export interface Internals {
  /** puts a session's snapshot on screen, keeping the cursor and selection where they still fit */
  showSnapshot(snap: SessionSnapshot): void;
  /** the same for a snapshot the training loop sent, in a task of its own; the loop is told when it is shown */
  showTrainingSnapshot(snap: SessionSnapshot): void;
  /** asks for the weight gradients accumulated at the cursor (backward phase only) */
  refreshGrads(): void;
  /** forgets the run's numbers (a new model or weights from the seed) */
  resetTraining(): void;
  /** stops playing */
  stopPlayback(): void;
  /**
   * after a worker restart: the run goes on from the weights the UI holds, trained `iteration`
   * times; the loss log and the rewind points past them go (the new worker never had them)
   */
  rewindTrainingTo(iteration: number): void;
  /** stops a running training loop without waiting for its answer */
  stopTraining(): void;
  /** the next session makes its weights from the seed */
  keepNoWeights(): void;
}

export interface SliceContext {
  get: AppStore['getState'];
  set: (patch: Partial<AppState>) => void;
  client: () => EngineClient;
  /** every slice's public actions (complete once all slices are made) */
  actions: Actions;
  internal: Internals;
}
