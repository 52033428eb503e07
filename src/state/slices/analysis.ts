/** Why gradients vanish or explode (spectrum, influence), the three cells compared, the gradient check. */
import { WorkerCrashed } from '../../worker/client';
import type { AnalysisReply, CompareCell, GradCheckReply } from '../../worker/protocol';
import { errorMessage, latestWins } from '../requests';
import { comparisonKey, dataSpecOf, modelSpecOf } from '../specs';
import type { SliceContext } from './context';

export interface AnalysisState {
  /** spectrum, influence and per-step factors of the current session and one layer (data.layer; null until asked) */
  analysis: { version: number; data: AnalysisReply } | null;
  /** the three cells side by side on the current data */
  comparison: { key: string; cells: CompareCell[] } | null;
  comparing: boolean;
  gradcheck: { version: number; result: GradCheckReply } | null;
  gradchecking: boolean;
}

export const analysisInitial = (): AnalysisState => ({ analysis: null, comparison: null, comparing: false, gradcheck: null, gradchecking: false });

export interface AnalysisActions {
  /** asks the worker for the spectrum / influence / factors of the current session, for the cursor's layer */
  requestAnalysis(): void;
  /** runs the three cells on the current data, seed and sizes */
  compareCells(): void;
  /** finite-difference check of the current gradients */
  runGradCheck(): void;
}

export function createAnalysisActions({ get, set, client, actions }: SliceContext): AnalysisActions {
  const analysisRequest = latestWins();
  return {
    requestAnalysis() {
      const snap = get().snapshot;
      if (!snap) return;
      // the cursor's layer (its forward direction: the worker analyses one recurrence per layer)
      const layer = Math.min(get().cursor.layer, snap.model.numLayers - 1);
      const have = get().analysis;
      if (have?.version === snap.version && have.data.layer === layer) return;
      const current = analysisRequest();
      client()
        .request({ type: 'analysis', layer })
        .then((r) => {
          if (current() && get().snapshot?.version === snap.version) set({ analysis: { version: snap.version, data: r.analysis } });
        })
        .catch(() => undefined);
    },
    compareCells() {
      const config = get().config;
      const key = comparisonKey(config);
      if (get().comparison?.key === key || get().comparing) return;
      set({ comparing: true });
      client()
        .request({ type: 'compare', model: modelSpecOf(config), data: dataSpecOf(config) })
        .then((r) => set({ comparison: { key, cells: r.cells }, comparing: false }))
        .catch((e) => {
          set({ comparing: false });
          if (!(e instanceof WorkerCrashed)) actions.notify('error', 'notice.engineError', { message: errorMessage(e) });
        });
    },
    runGradCheck() {
      const snap = get().snapshot;
      if (!snap || get().gradchecking) return;
      set({ gradchecking: true });
      client()
        .request({ type: 'gradcheck' })
        .then((r) => set({ gradcheck: { version: snap.version, result: r.result }, gradchecking: false }))
        .catch(() => set({ gradchecking: false }));
    },
  };
}
