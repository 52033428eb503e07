/**
 * "How this number is made": the dialog's trail of explanations, one level per opened term, each
 * asked of the worker (which decomposes the open session's numbers; the UI derives none).
 */
import type { Explanation, QuantityRef } from '../../worker/protocol';
import { errorMessage, latestWins } from '../requests';
import type { SliceContext } from './context';

export interface ExplainTrail {
  /** the session whose numbers these are: a new session closes the dialog */
  version: number;
  /** from the number opened first down to the one shown (the last) */
  trail: Explanation[];
  /** a term is being asked for */
  pending: boolean;
  error: string | null;
}

export interface ExplainState {
  /** the open "how this number is made" dialog, or null */
  explain: ExplainTrail | null;
}

export const explainInitial = (): ExplainState => ({ explain: null });

export interface ExplainActions {
  /** opens the dialog on one number */
  explainNumber(ref: QuantityRef): Promise<void>;
  /** opens one of the shown number's terms, a level down */
  explainTerm(ref: QuantityRef): Promise<void>;
  /** goes back up the trail to level `depth` (0: the number opened first) */
  explainBack(depth: number): void;
  closeExplain(): void;
}

export function createExplainActions({ get, set, client }: SliceContext): ExplainActions {
  const begin = latestWins();
  const ask = async (ref: QuantityRef, keep: Explanation[]) => {
    const snap = get().snapshot;
    if (!snap) return;
    const current = begin();
    set({ explain: { version: snap.version, trail: keep, pending: true, error: null } });
    try {
      const r = await client().request({ type: 'explain', ref });
      if (!current()) return;
      if (get().snapshot?.version !== snap.version) return set({ explain: null });
      set({ explain: { version: snap.version, trail: [...keep, r.explanation], pending: false, error: null } });
    } catch (e) {
      if (current()) set({ explain: { version: snap.version, trail: keep, pending: false, error: errorMessage(e) } });
    }
  };
  return {
    explainNumber: (ref) => ask(ref, []),
    explainTerm: (ref) => ask(ref, get().explain?.trail ?? []),
    explainBack(depth) {
      const e = get().explain;
      if (e) set({ explain: { ...e, trail: e.trail.slice(0, depth + 1), pending: false, error: null } });
    },
    closeExplain() {
      begin();
      set({ explain: null });
    },
  };
}
