/**
 * How long the engine worker may stay silent before the client counts it as stopped or hung.
 *
 * A running training loop answers pings between slices of ~15 ms made of ~1 ms pieces, so while it
 * is all that is outstanding, silence of SILENCE_MS means the worker is gone: the app notices a
 * hang while training within 2 s (`npm run bench:faults` holds it to that).
 *
 * A request computes in one go and speaks only through the signs of life of its long loops
 * (engine/pulse.ts: every timestep, row, QR sweep or piece of a product; src/worker/pulseDensity.test.ts
 * checks each formerly slow request). The stretches between them are short but not tiny: at the
 * largest sizes the app allows, up to ~0.2 s on a quiet machine (allocating a pass's arrays, the
 * collector; `npm run bench:pulse` measures them). A machine loaded eight times over (two CI runs
 * side by side on two cores, load average ~17) stretched one of them past 1.4 s, and the watchdog
 * took a working analysis for a hang. So a request gets REQUEST_SILENCE_MS: room for a tenfold
 * slowdown, and a hang behind it is still noticed within 5 s.
 * Not covered: structured-cloning a huge reply.
 */
import type { EngineRequest } from './protocol';

export const SILENCE_MS = 1400;
export const REQUEST_SILENCE_MS = 4000;

/** Requests the worker answers at once, between two pieces of the training loop. */
const ANSWERED_AT_ONCE: ReadonlySet<EngineRequest['type']> = new Set(['pauseTraining']);

/**
 * The silence allowed with these requests outstanding and the training loop running or not;
 * null when there is nothing to wait for (an idle worker owes nothing).
 */
export function allowedSilence(pending: readonly EngineRequest['type'][], training: boolean): number | null {
  if (pending.length === 0 && !training) return null;
  return pending.some((type) => !ANSWERED_AT_ONCE.has(type)) ? REQUEST_SILENCE_MS : SILENCE_MS;
}
