/**
 * How long the engine worker may stay silent before the client counts it as stopped or hung.
 * A running training loop answers pings between slices of ~15 ms, and every request's long loops
 * send signs of life as they go (engine/pulse.ts: every timestep, row, QR sweep or piece of a
 * product; src/worker/pulseDensity.test.ts checks each formerly slow request), so silence of
 * SILENCE_MS means the worker is gone, whatever is outstanding: the app notices within 2 s.
 * An imported file is read in pieces (engine/jsonRead.ts), since one JSON.parse of a big one was
 * silent for seconds on a busy machine. Not covered: structured-cloning a huge reply, a single
 * native call of at most a few hundred ms at the app's largest sizes (src/worker/pulseGaps.bench.ts).
 */
import type { EngineRequest } from './protocol';

export const SILENCE_MS = 1400;

/**
 * The silence allowed with these requests outstanding and the training loop running or not;
 * null when there is nothing to wait for (an idle worker owes nothing).
 */
export function allowedSilence(pending: readonly EngineRequest['type'][], training: boolean): number | null {
  if (pending.length === 0 && !training) return null;
  return SILENCE_MS;
}
