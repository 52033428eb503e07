/** Where the walk through the network is, whether it plays, and the selected unit. */
import { walkOfConfig } from '../config';
import { clampCursor, isLast, next, prev, START, walkOf, type Cursor } from '../cursor';
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
  /** moves to a cell of the walk; a layer or direction left out stays the current one */
  seek(cursor: Partial<Cursor> & Pick<Cursor, 'phase' | 't'>): void;
  togglePlay(): void;
  pause(): void;
  setSpeed(stepsPerSecond: number): void;
  toggleSubsteps(): void;
  selectUnit(unit: number | null): void;
}

export function createPlaybackActions(ctx: SliceContext): PlaybackActions & { stopPlayback(): void } {
  const { get, set } = ctx;
  let timer: ReturnType<typeof setTimeout> | null = null;

  /** the walk on screen: the snapshot's, or before the first one the configuration's */
  const walk = () => {
    const snap = get().snapshot;
    return snap ? walkOf(snap) : walkOfConfig(get().config);
  };
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
    if (isLast(s.cursor, walkOf(s.snapshot), s.substeps)) {
      set({ playing: false });
      return stopTimer();
    }
    moveTo(next(s.cursor, walkOf(s.snapshot), s.substeps));
    timer = setTimeout(tick, 1000 / get().speed);
  };
  const first = (): Cursor => ({ ...START, sub: get().substeps ? 0 : null });

  return {
    stopPlayback,
    next() {
      const s = get();
      moveTo(next(s.cursor, walk(), s.substeps));
    },
    prev() {
      const s = get();
      moveTo(prev(s.cursor, walk(), s.substeps));
    },
    reset() {
      stopPlayback();
      moveTo(first());
    },
    seek(cursor) {
      moveTo(clampCursor({ ...get().cursor, ...cursor }, walk(), get().substeps));
    },
    togglePlay() {
      const s = get();
      if (s.playing) return stopPlayback();
      if (s.snapshot && isLast(s.cursor, walkOf(s.snapshot), s.substeps)) moveTo(first());
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
