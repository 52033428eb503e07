/** Where the walk through the network is, whether it plays, and the selected unit. */
import { effectiveSteps } from '../config';
import { clampCursor, isLast, next, prev, START, type Cursor } from '../cursor';
import type { SliceContext } from './context';

export interface PlaybackState {
  cursor: Cursor;
  /** walking gate by gate */
  substeps: boolean;
  playing: boolean;
  /** steps per second */
  speed: number;
  /** the selected hidden unit (drives the diagram and the equations) */
  unit: number | null;
}

export const playbackInitial = (cursor: Cursor = { ...START }): PlaybackState => ({ cursor, substeps: false, playing: false, speed: 2, unit: null });

export interface PlaybackActions {
  next(): void;
  prev(): void;
  reset(): void;
  seek(cursor: Cursor): void;
  togglePlay(): void;
  pause(): void;
  setSpeed(stepsPerSecond: number): void;
  toggleSubsteps(): void;
  selectUnit(unit: number | null): void;
}

export function createPlaybackActions(ctx: SliceContext): PlaybackActions & { stopPlayback(): void } {
  const { get, set } = ctx;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const steps = () => get().snapshot?.steps ?? effectiveSteps(get().config);
  const cell = () => get().snapshot?.model.cell ?? get().config.cell;
  const moveTo = (cursor: Cursor) => {
    set({ cursor });
    ctx.internal.refreshGrads();
  };
  const stopTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const stopPlayback = () => {
    stopTimer();
    if (get().playing) set({ playing: false });
  };
  const tick = () => {
    const s = get();
    if (!s.playing || !s.snapshot) return stopTimer();
    if (isLast(s.cursor, s.snapshot.steps, s.snapshot.model.cell, s.substeps)) {
      set({ playing: false });
      return stopTimer();
    }
    moveTo(next(s.cursor, s.snapshot.steps, s.snapshot.model.cell, s.substeps));
    timer = setTimeout(tick, 1000 / get().speed);
  };
  const first = (): Cursor => ({ ...START, sub: get().substeps ? 0 : null });

  return {
    stopPlayback,
    next() {
      const s = get();
      moveTo(next(s.cursor, steps(), cell(), s.substeps));
    },
    prev() {
      const s = get();
      moveTo(prev(s.cursor, steps(), cell(), s.substeps));
    },
    reset() {
      stopPlayback();
      moveTo(first());
    },
    seek(cursor) {
      moveTo(clampCursor(cursor, steps(), cell(), get().substeps));
    },
    togglePlay() {
      const s = get();
      if (s.playing) return stopPlayback();
      if (s.snapshot && isLast(s.cursor, s.snapshot.steps, s.snapshot.model.cell, s.substeps)) moveTo(first());
      set({ playing: true });
      stopTimer();
      timer = setTimeout(tick, 1000 / get().speed);
    },
    pause: stopPlayback,
    setSpeed(v) {
      set({ speed: Math.min(60, Math.max(0.25, v)) });
    },
    toggleSubsteps() {
      const s = get();
      const substeps = !s.substeps;
      set({ substeps, cursor: { ...s.cursor, sub: substeps ? 0 : null } });
    },
    selectUnit(unit) {
      set({ unit });
    },
  };
}
