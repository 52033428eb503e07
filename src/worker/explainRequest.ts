/**
 * The worker's answer to "how is this number made": the open session's network, read as it is
 * (engine/explain.ts decomposes; nothing is run again), for one quantity at a time.
 */
import { explainQuantity, type Explanation, type QuantityRef } from '../engine/explain';
import type { StepSession } from '../engine/session';

export function explainInSession(session: StepSession, ref: QuantityRef): Explanation {
  return explainQuantity({ params: session.params, net: session.net, truncation: session.seq.truncation, grads: session.grads }, ref);
}
