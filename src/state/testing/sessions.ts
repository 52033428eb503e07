/**
 * Real sessions for the tests of the state layer and the views: the worker's engine host, run in
 * the test process, opens a session exactly as the app's worker would.
 */
import { EngineHost } from '../../worker/host';
import type { DataSpec, Explanation, ModelSpec, QuantityRef, SessionSnapshot } from '../../worker/protocol';

export function openSession(model: ModelSpec, data: DataSpec): SessionSnapshot {
  const { reply } = new EngineHost().handle({ type: 'open', id: 1, model, data, weights: null });
  if (reply.type !== 'open') throw new Error(JSON.stringify(reply));
  return reply.snapshot;
}

/** A session and the worker's "how this number is made" about its numbers. */
export function openExplaining(model: ModelSpec, data: DataSpec): { snapshot: SessionSnapshot; explain: (ref: QuantityRef) => Explanation } {
  const host = new EngineHost();
  const { reply } = host.handle({ type: 'open', id: 1, model, data, weights: null });
  if (reply.type !== 'open') throw new Error(JSON.stringify(reply));
  const explain = (ref: QuantityRef) => {
    const r = host.handle({ type: 'explain', id: 2, ref }).reply;
    if (r.type !== 'explain') throw new Error(`${JSON.stringify(ref)}: ${r.type === 'error' ? r.message : r.type}`);
    return r.explanation;
  };
  return { snapshot: reply.snapshot, explain };
}
