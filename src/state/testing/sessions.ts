/**
 * Real sessions for the tests of the state layer and the views: the worker's engine host, run in
 * the test process, opens a session exactly as the app's worker would.
 */
import { EngineHost } from '../../worker/host';
import type { DataSpec, ModelSpec, SessionSnapshot } from '../../worker/protocol';

export function openSession(model: ModelSpec, data: DataSpec): SessionSnapshot {
  const { reply } = new EngineHost().handle({ type: 'open', id: 1, model, data, weights: null });
  if (reply.type !== 'open') throw new Error(JSON.stringify(reply));
  return reply.snapshot;
}
