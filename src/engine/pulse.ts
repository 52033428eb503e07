/**
 * A sign of life from long computations. The engine calls pulse() inside every loop that can run
 * long (a timestep of a pass, a piece of a sliced product, a row, a QR sweep, a column of a
 * reduction); the worker installs a beat that posts "alive" to the page a few times a second, so
 * the page's watchdog can tell a long computation from a hung worker, for any request. The beat
 * looks at the clock only every PULSE_LOOK_EVERY-th call, so that many calls in a row must stay well
 * under a second at the app's largest sizes, on a busy machine too (src/worker/pulseGaps.bench.ts
 * measures it). Elsewhere (Node, the CLI, the tests) the beat does nothing.
 */
let beat: () => void = () => undefined;

export function pulse(): void {
  beat();
}

/** Installs the beat (the worker only); returns the one it replaced. */
export function setPulse(f: () => void): () => void {
  const before = beat;
  beat = f;
  return before;
}

/**
 * How many pulses the worker's beat lets pass between two looks at the clock (a power of two).
 * Every 64th was cheap, but 64 pulses of an analysis at H = 256 span ~300 ms, and on a machine
 * loaded ten times over (a CI run with another beside it) that became seconds of silence: the
 * watchdog took a working analysis for a hang. Every 8th costs one clock read per 8 timesteps.
 */
export const PULSE_LOOK_EVERY = 8;

/**
 * A beat that calls `send` at most once per `everyMs`, looking at the clock only every
 * PULSE_LOOK_EVERY-th call: cheap enough to call per timestep.
 */
export function throttledBeat(send: () => void, now: () => number, everyMs: number): () => void {
  let calls = 0;
  let last = -Infinity;
  return () => {
    if ((++calls & (PULSE_LOOK_EVERY - 1)) !== 0) return;
    const t = now();
    if (t - last < everyMs) return;
    last = t;
    send();
  };
}
