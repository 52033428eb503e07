/**
 * Notices a worker that stopped without an error (self.close(), a crash the browser did not report)
 * or that hangs in a loop that never yields. While something is outstanding (a request, or a
 * training loop that should be sending progress) it pings the worker every tick; any message from
 * the worker counts as a sign of life. Silence longer than what the outstanding work allows is a
 * hang. The worker answers pings between its training slices, so while training the allowance is
 * short; a request that may compute for long (a session at the largest sizes, an analysis) raises it.
 */

export interface WatchdogTimers {
  now: () => number;
  setInterval: (f: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

export interface WatchdogOptions {
  /** how often to ping and judge, ms */
  tickMs: number;
  /** how late a tick may fire before the page itself counts as stalled (then nothing is judged), ms */
  stallMs: number;
}

export const WATCHDOG_DEFAULTS: WatchdogOptions = { tickMs: 200, stallMs: 750 };

const realTimers: WatchdogTimers = {
  now: () => Date.now(),
  setInterval: (f, ms) => setInterval(f, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export class Watchdog {
  private handle: unknown = null;
  private lastLife = 0;
  private lastTick = 0;
  private readonly opts: WatchdogOptions;
  private readonly timers: WatchdogTimers;

  /**
   * @param allowedSilence how long the worker may stay silent now, ms; null when nothing is outstanding
   * @param ping asks the worker for a sign of life
   * @param onHung called once when the silence outlasts the allowance (the watchdog then stops)
   */
  constructor(
    private readonly allowedSilence: () => number | null,
    private readonly ping: () => void,
    private readonly onHung: (silentMs: number) => void,
    opts: Partial<WatchdogOptions> = {},
    timers: WatchdogTimers = realTimers,
  ) {
    this.opts = { ...WATCHDOG_DEFAULTS, ...opts };
    this.timers = timers;
  }

  /** A message came from the worker. */
  alive(): void {
    this.lastLife = this.timers.now();
  }

  /** Something became outstanding (or finished): starts ticking when there is anything to watch. */
  update(): void {
    if (this.handle !== null || this.allowedSilence() === null) return;
    // The clock starts now: a worker idle for minutes was not silent, it had nothing to say.
    this.lastLife = this.lastTick = this.timers.now();
    this.handle = this.timers.setInterval(() => this.tick(), this.opts.tickMs);
    this.ping();
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearInterval(this.handle);
    this.handle = null;
  }

  get watching(): boolean {
    return this.handle !== null;
  }

  private tick(): void {
    const now = this.timers.now();
    const late = now - this.lastTick > this.opts.stallMs;
    this.lastTick = now;
    const allowed = this.allowedSilence();
    if (allowed === null) {
      this.stop();
      return;
    }
    if (late) {
      // The page was stalled (a long render, a background tab): the worker's answers may be
      // waiting in the page's queue behind this tick. Judge from now on, not that gap.
      this.lastLife = now;
    }
    const silent = now - this.lastLife;
    if (silent > allowed) {
      this.stop();
      this.onHung(silent);
      return;
    }
    this.ping();
  }
}
