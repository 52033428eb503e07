/**
 * A sign of life from long computations. The engine calls pulse() inside every loop that can run
 * long (a timestep of a pass, a piece of a sliced product, a row, a QR sweep, a column of a
 * reduction); the worker installs a beat that posts "alive" to the page up to ten times a second, so
 * the page's watchdog can tell a long computation from a hung worker, for any request. The beat
 * looks at the clock every PULSE_LOOK_EVERY-th call while calls are light and at every call while
 * they are heavy, so what must stay short is the work between two calls at the app's largest
 * sizes, on a busy machine too (src/worker/pulseGaps.bench.ts measures it, with a budget).
 * Elsewhere (Node, the CLI, the tests) the beat does nothing.
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
 * How many light pulses the worker's beat lets pass between two looks at the clock (a power of two).
 * Every 64th was cheap, but 64 pulses of an analysis at H = 256 span ~300 ms, and on a machine
 * loaded ten times over (a CI run with another beside it) that became seconds of silence: the
 * watchdog took a working analysis for a hang. Every 8th costs one clock read per 8 timesteps.
 */
export const PULSE_LOOK_EVERY = 8;

/** How often at most the worker's beat sends a sign of life to the page, ms. */
export const BEAT_EVERY_MS = 100;

/**
 * Pulses are heavy when PULSE_LOOK_EVERY of them took longer than this: from then on the beat looks
 * at the clock at every pulse, until a look finds them light again. A step of the Jacobian products
 * at H = 256 takes ~25 ms, so 8 of them were 0.2 s between looks; a clock read is ~50 ns, nothing
 * beside such a pulse, while tiny ones (a timestep at H = 2, ~0.3 µs) keep sharing one.
 */
export const HEAVY_PULSES_MS = 4;

/**
 * A beat that calls `send` at most once per `everyMs`, looking at the clock only every
 * PULSE_LOOK_EVERY-th call while pulses are light and at every call while they are heavy: cheap
 * enough to call per timestep, and never more than PULSE_LOOK_EVERY pulses late after light turns heavy.
 */
export function throttledBeat(send: () => void, now: () => number, everyMs: number): () => void {
  let calls = 0;
  let stride = PULSE_LOOK_EVERY;
  let lastLook = -Infinity;
  let lastSend = -Infinity;
  return () => {
    if (++calls < stride) return;
    calls = 0;
    const t = now();
    stride = t - lastLook > HEAVY_PULSES_MS ? 1 : PULSE_LOOK_EVERY;
    lastLook = t;
    if (t - lastSend < everyMs) return;
    lastSend = t;
    send();
  };
}
