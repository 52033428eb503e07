/**
 * Embed mode's postMessage API (docs/embedding.md): the page that embeds Unroll in an iframe steps,
 * seeks, plays and opens links; Unroll tells it where the cursor is. Only messages from the parent
 * window are read, and each is checked field by field; anything else gets an error reply and
 * changes nothing.
 */
import type { Actions } from './actions';
import type { AppState, AppStore } from './store';
import { rangeWithin, type StepRange } from './stepRange';

/** What the embedding page may send. */
export type EmbedRequest =
  | { unroll: 'step'; by: 1 | -1 }
  | { unroll: 'seek'; phase: 'forward' | 'backward'; t: number }
  | { unroll: 'play' }
  | { unroll: 'pause' }
  | { unroll: 'reset' }
  /** a link's hash (`#cell=gru&H=6…`); it may carry weights, as Copy link writes them */
  | { unroll: 'open'; hash: string };

/** What Unroll sends to the embedding page. */
export type EmbedEvent =
  | {
      unroll: 'moment';
      phase: 'forward' | 'backward';
      t: number;
      T: number;
      layer: number;
      direction: number;
      loss: number | null;
      playing: boolean;
      /** the link's step-range lock as it applies to this sequence (null: every step) */
      range: StepRange | null;
      /** this moment answers a seek or step that the range held back (the cursor went to the range's edge, or stayed) */
      clamped: boolean;
    }
  | { unroll: 'error'; message: string };

/** Reads a message; a string says what is wrong with it. */
export function readEmbedRequest(data: unknown): EmbedRequest | string {
  if (!data || typeof data !== 'object' || typeof (data as { unroll?: unknown }).unroll !== 'string') return 'expected an object with an "unroll" field';
  const m = data as Record<string, unknown>;
  switch (m.unroll) {
    case 'step':
      return m.by === 1 || m.by === -1 ? { unroll: 'step', by: m.by } : '"step" needs "by": 1 or -1';
    case 'seek':
      if (m.phase !== 'forward' && m.phase !== 'backward') return '"seek" needs "phase": "forward" or "backward"';
      if (typeof m.t !== 'number' || !Number.isSafeInteger(m.t) || m.t < 0) return '"seek" needs "t": a whole number from 0';
      return { unroll: 'seek', phase: m.phase, t: m.t };
    case 'play':
    case 'pause':
    case 'reset':
      return { unroll: m.unroll };
    case 'open':
      return typeof m.hash === 'string' && m.hash.length <= 100_000 ? { unroll: 'open', hash: m.hash } : '"open" needs "hash": a link\'s hash';
    default:
      return `unknown request "${String(m.unroll).slice(0, 20)}"`;
  }
}

/** Keeps the embed mode's part of a new hash: opening a link inside the frame stays embedded. */
export function withEmbed(hash: string, embed: string): string {
  const raw = hash.replace(/^#/, '');
  const params = new URLSearchParams(raw);
  if (params.has('embed')) return '#' + raw;
  return '#' + (raw ? `${raw}&embed=${embed}` : `embed=${embed}`);
}

/** The moment Unroll reports for a state (null before the first snapshot). */
export function momentOf(s: AppState, clamped: boolean): EmbedEvent | null {
  if (!s.snapshot) return null;
  return {
    unroll: 'moment',
    phase: s.cursor.phase,
    t: s.cursor.t,
    T: s.snapshot.steps,
    layer: s.cursor.layer,
    direction: s.cursor.direction,
    loss: Number.isFinite(s.snapshot.lossValue) ? s.snapshot.lossValue : null,
    playing: s.playing,
    range: rangeWithin(s.range, s.snapshot.steps),
    clamped,
  };
}

const samePlace = (a: AppState['cursor'], b: AppState['cursor']) => a.phase === b.phase && a.t === b.t && a.layer === b.layer && a.direction === b.direction && a.sub === b.sub;

export function startEmbedBridge(store: AppStore, actions: Actions, parent: Window): () => void {
  const post = (event: EmbedEvent) => parent.postMessage(event, '*');
  let last = '';
  const report = (clamped: boolean) => {
    const event = momentOf(store.getState(), clamped);
    if (!event) return;
    // Only a change is sent (the key leaves out `clamped`: a later store change, such as the
    // gradients arriving, is not news), and every held-back request is answered, moved or not.
    const key = JSON.stringify({ ...event, clamped: undefined });
    if (key === last && !clamped) return;
    last = key;
    post(event);
  };
  let quiet = false;
  /** Carries out a step or a seek; true when the range lock held it back. */
  const move = (r: Extract<EmbedRequest, { unroll: 'step' | 'seek' }>, before: AppState): boolean => {
    if (r.unroll === 'step') {
      if (r.by === 1) actions.next();
      else actions.prev();
      // at the range's edge the step goes nowhere
      return before.range !== null && samePlace(store.getState().cursor, before.cursor);
    }
    const T = before.snapshot?.steps ?? 0;
    if (r.t >= T) {
      post({ unroll: 'error', message: `"t" is ${r.t}; this sequence has steps 0 … ${T - 1}` });
      return false;
    }
    actions.seek({ phase: r.phase, t: r.t, sub: null });
    return store.getState().cursor.t !== r.t;
  };
  const onMessage = (e: MessageEvent) => {
    if (e.source !== parent) return;
    const r = readEmbedRequest(e.data);
    if (typeof r === 'string') return post({ unroll: 'error', message: r });
    const s = store.getState();
    switch (r.unroll) {
      case 'step':
      case 'seek': {
        // One report for the request, after it is done, saying whether the range held it back.
        quiet = true;
        let clamped = false;
        try {
          clamped = move(r, s);
        } finally {
          quiet = false;
        }
        return report(clamped);
      }
      case 'play':
        return s.playing ? undefined : actions.togglePlay();
      case 'pause':
        return s.playing ? actions.togglePlay() : undefined;
      case 'reset':
        return actions.reset();
      case 'open':
        // The address is the one way in for a link (persist.ts reads it, weights included).
        location.hash = withEmbed(r.hash, (s.embed ?? []).join(','));
        return;
    }
  };
  window.addEventListener('message', onMessage);
  const unsubscribe = store.subscribe(() => {
    if (!quiet) report(false);
  });
  return () => {
    window.removeEventListener('message', onMessage);
    unsubscribe();
  };
}
