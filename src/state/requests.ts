/** Small helpers for talking to the worker. */

/**
 * "Latest request wins": `begin()` starts a request and returns a check that stays true only until
 * the next `begin()`. A reply whose check is false is stale: a newer request has been sent since.
 */
export function latestWins(): () => () => boolean {
  let seq = 0;
  return () => {
    const mine = ++seq;
    return () => mine === seq;
  };
}

/** The text of an error for a notice. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
