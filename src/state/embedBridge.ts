/**
 * Embed mode's postMessage API (docs/embedding.md): the page that embeds Unroll in an iframe steps,
 * seeks, plays and opens links; Unroll tells it where the cursor is. Only messages from the parent
 * window are read, and each is checked field by field; anything else gets an error reply and
 * changes nothing.
 */
import type { Actions } from './actions';
import type { AppStore } from './store';

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
  | { unroll: 'moment'; phase: 'forward' | 'backward'; t: number; T: number; layer: number; direction: number; loss: number | null; playing: boolean }
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

export function startEmbedBridge(store: AppStore, actions: Actions, parent: Window): () => void {
  const post = (event: EmbedEvent) => parent.postMessage(event, '*');
  const onMessage = (e: MessageEvent) => {
    if (e.source !== parent) return;
    const r = readEmbedRequest(e.data);
    if (typeof r === 'string') return post({ unroll: 'error', message: r });
    const s = store.getState();
    switch (r.unroll) {
      case 'step':
        return r.by === 1 ? actions.next() : actions.prev();
      case 'seek': {
        const T = s.snapshot?.steps ?? 0;
        if (r.t >= T) return post({ unroll: 'error', message: `"t" is ${r.t}; this sequence has steps 0 … ${T - 1}` });
        return actions.seek({ phase: r.phase, t: r.t, sub: null });
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
  let last = '';
  const unsubscribe = store.subscribe((s) => {
    if (!s.snapshot) return;
    const event: EmbedEvent = {
      unroll: 'moment',
      phase: s.cursor.phase,
      t: s.cursor.t,
      T: s.snapshot.steps,
      layer: s.cursor.layer,
      direction: s.cursor.direction,
      loss: Number.isFinite(s.snapshot.lossValue) ? s.snapshot.lossValue : null,
      playing: s.playing,
    };
    const key = JSON.stringify(event);
    if (key === last) return;
    last = key;
    post(event);
  });
  return () => {
    window.removeEventListener('message', onMessage);
    unsubscribe();
  };
}
