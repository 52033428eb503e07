/** Where the walk through the network is, whether it plays, and the selected unit. */
import { walkOfConfig } from '../config';
import { clampCursor, isLast, START, walkOf, type Cursor, type Walk } from '../cursor';
import { clampT, firstInRange, lastInRange, nextInRange, prevInRange, rangeWithin, type StepRange } from '../stepRange';
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
  /** the link's step-range lock (`range=3-8`): the cursor stays within these steps; null: all steps */
  range: StepRange | null;
}

export const playbackInitial = (cursor: Cursor = { ...START }): PlaybackState => ({ cursor, substeps: false, playing: false, speed: 2, unit: null, range: null });

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
  /** the range lock as it applies to the walk on screen */
  const rangeOf = (w: Walk) => rangeWithin(get().range, w.steps);
  const moveTo = (cursor: Cursor) => {
    const r = rangeOf(walk());
    set({ cursor: r ? { ...cursor, t: clampT(cursor.t, r) } : cursor });
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
    const w = walkOf(s.snapshot);
    if (atEnd(s.cursor, w, s.substeps)) {
      set({ playing: false });
      return stopTimer();
    }
    moveTo(nextInRange(s.cursor, w, s.substeps, rangeOf(w)));
    timer = setTimeout(tick, 1000 / get().speed);
  };
  const atEnd = (c: Cursor, w: Walk, substeps: boolean) => {
    const r = rangeOf(w);
    return r ? lastInRange(c, w, substeps, r) : isLast(c, w, substeps);
  };
  const first = (): Cursor => {
    const w = walk();
    const r = rangeOf(w);
    return r ? firstInRange(w, get().substeps, r) : { ...START, sub: get().substeps ? 0 : null };
  };

  return {
    stopPlayback,
    next() {
      const s = get();
      const w = walk();
      moveTo(nextInRange(s.cursor, w, s.substeps, rangeOf(w)));
    },
    prev() {
      const s = get();
      const w = walk();
      moveTo(prevInRange(s.cursor, w, s.substeps, rangeOf(w)));
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
      if (s.snapshot && atEnd(s.cursor, walkOf(s.snapshot), s.substeps)) moveTo(first());
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
