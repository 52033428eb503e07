/**
 * How long the engine worker may stay silent before the client counts it as stopped or hung.
 * A running training loop answers pings between slices of ~15 ms and a long pass sends signs of
 * life as it goes (engine/pulse.ts), so silence of SILENCE_MS means it is gone: the app notices
 * within 2 s. A few requests compute in one piece for longer at the largest sizes the app allows
 * (eigenvalues, the three-cell comparison, a trace written as JSON): each has its own allowance.
 */
import type { EngineRequest } from './protocol';

export const SILENCE_MS = 1400;

const SLOW_REQUESTS: Partial<Record<EngineRequest['type'], number>> = {
  open: 20_000,
  analysis: 60_000,
  compare: 60_000,
  gradcheck: 60_000,
  exportTrace: 60_000,
  exportWeights: 20_000,
  importWeights: 20_000,
  evaluate: 30_000,
  sample: 20_000,
  grads: 10_000,
  restoreHistory: 20_000,
  restoreFinite: 20_000,
};

/**
 * The silence allowed with these requests outstanding and the training loop running or not;
 * null when there is nothing to wait for (an idle worker owes nothing).
 */
export function allowedSilence(pending: readonly EngineRequest['type'][], training: boolean): number | null {
  if (pending.length === 0 && !training) return null;
  let allowed = SILENCE_MS;
  for (const type of pending) allowed = Math.max(allowed, SLOW_REQUESTS[type] ?? SILENCE_MS);
  return allowed;
}
