/**
 * A sign of life from long computations. The engine calls pulse() inside every loop that can run
 * long (a timestep of a pass, a piece of a sliced product, a row, a QR sweep, a column of a
 * reduction); the worker installs a beat that posts "alive" to the page a few times a second, so
 * the page's watchdog can tell a long computation from a hung worker, for any request. The beat
 * looks at the clock only every 64th call, so 64 calls in a row must stay well under a second at
 * the app's largest sizes (src/worker/pulseGaps.bench.ts measures it). Elsewhere (Node, the CLI, the
 * tests) the beat does nothing.
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
 * A beat that calls `send` at most once per `everyMs`, looking at the clock only every 64th
 * call: cheap enough to call per timestep.
 */
export function throttledBeat(send: () => void, now: () => number, everyMs: number): () => void {
  let calls = 0;
  let last = -Infinity;
  return () => {
    if ((++calls & 63) !== 0) return;
    const t = now();
    if (t - last < everyMs) return;
    last = t;
    send();
  };
}
