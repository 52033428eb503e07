/**
 * A sign of life from long computations. The engine calls pulse() now and then inside its long
 * loops (every timestep of a pass); the worker installs a beat that posts "alive" to the page a
 * few times a second, so the page's watchdog can tell a long pass from a hung worker. Elsewhere
 * (Node, the CLI, the tests) the beat does nothing.
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
