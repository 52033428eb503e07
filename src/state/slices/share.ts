/**
 * Sharing a moment: a link that carries the trained or imported weights (exact, compressed), and a
 * session file for a model too big for a link. Opening either puts back the same configuration,
 * data, weights, cursor and view, so the loss the engine computes is the original's bit for bit.
 */
import { paramFields, paramSetOf } from '../model';
import { linkState, parseHash, toHash, toHashWithWeights, type LinkWeights, type ParsedUrl, type UrlState } from '../url';
import { decodeWeights, encodeWeights, WeightsPayloadError } from '../weightsCodec';
import type { AppState } from '../store';
import type { SliceContext } from './context';

/** The longest link Copy link makes (parseHash refuses a longer hash, and chat tools cut long links). */
export const LINK_LIMIT = 100_000;

export const SESSION_FORMAT = 'unroll-session';

/** What a session file holds (docs/sharing.md). */
export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: 1;
  /** configuration, data, cursor and view, as the hash of a link */
  state: string;
  /** the weights as link text (weightsCodec.ts), or null for the seeded ones */
  weights: string | null;
  origin: 'trained' | 'imported' | 'init';
  /** training iterations behind the weights */
  iteration: number;
  /** the loss the engine computed on the sequence shown when the file was saved (for the reader; not read back) */
  loss: number | null;
}

export interface ShareState {
  /** the last link Copy link made (with the weights), for copying by hand when the clipboard refuses */
  sharedLink: string | null;
}

export const shareInitial = (): ShareState => ({ sharedLink: null });

export interface ShareActions {
  /** copies the link to this exact moment, weights included; resolves to whether it worked */
  copyLink(): Promise<boolean>;
  /** the session as the text of a file */
  sessionText(): Promise<string>;
  /** opens a session file's text; a bad file changes nothing and says why in a notice; resolves to whether it opened */
  openSessionText(text: string): Promise<boolean>;
  /** opens the weights a link carried (after its other fields were applied) */
  openLinkWeights(w: LinkWeights): Promise<void>;
}

/** Why these arrays cannot be a network of this configuration's layers and directions, or null. */
function countProblem(arrays: Float64Array[], c: AppState['config']): string | null {
  const want = 4 * c.layers * (c.bidirectional ? 2 : 1) + 2;
  return arrays.length === want ? null : `${arrays.length} arrays for a network that has ${want}`;
}

export function urlStateOf(s: AppState): UrlState {
  // a teacher's lesson too long for a link is left out, and so is its chapter (the built-in one would open)
  const custom = s.customLesson;
  return { lesson: custom && !custom.link ? null : s.lesson, lessonLink: custom?.link ?? null, projector: s.projector, config: s.config, cursor: s.cursor, substeps: s.substeps, unit: s.unit, view: s.view, notation: s.notation, lang: s.lang, gradTab: s.gradTab, embed: s.embed, range: s.range };
}

export function createShareActions(ctx: SliceContext): ShareActions {
  const { get, set } = ctx;

  /** the weights on screen as link text, or null when they are the seed's (the link's other fields make those) */
  const currentWeights = async (): Promise<LinkWeights | null> => {
    const snap = get().snapshot;
    if (!snap || snap.model.origin === 'init') return null;
    try {
      return { payload: await encodeWeights(paramFields(snap.params)), iteration: get().training.iteration, origin: snap.model.origin };
    } catch (e) {
      // A browser without CompressionStream: say so rather than share seeded weights in silence.
      throw new WeightsPayloadError(e instanceof Error ? e.message : String(e));
    }
  };

  /** Puts the weights in place for the next session (the session slice sends them to the engine) and opens it. */
  const openWith = async (arrays: Float64Array[] | null, w: { iteration: number; origin: 'trained' | 'imported' } | null) => {
    const c = get().config;
    ctx.internal.stopPlayback();
    ctx.internal.stopTraining();
    ctx.internal.resetTraining();
    if (arrays && w) {
      ctx.actions.restoreWeights({ cell: c.cell, hidden: c.hidden, layers: c.layers, bidirectional: c.bidirectional, seed: c.seed, origin: w.origin, weights: paramSetOf(arrays) }, true);
    } else ctx.internal.keepNoWeights();
    await ctx.actions.openSession();
    const snap = get().snapshot;
    if (w && snap && snap.model.origin !== 'init') ctx.actions.notify('info', w.origin === 'trained' ? 'share.restoredTrained' : 'share.restoredImported', { iteration: w.iteration });
  };

  const applyState = (parsed: ParsedUrl) => {
    set({ ...linkState(parsed), ...(parsed.lang ? { lang: parsed.lang } : {}) });
    if (parsed.lessonLink) void ctx.actions.openLessonLink(parsed.lessonLink, parsed.lesson);
  };

  return {
    async copyLink() {
      // From the state itself: the address bar is updated a moment later.
      const base = location.href.split('#')[0];
      let w: LinkWeights | null;
      try {
        w = await currentWeights();
      } catch (e) {
        ctx.actions.notify('error', 'share.cannotPack', { reason: e instanceof Error ? e.message : String(e) });
        return false;
      }
      const url = base + (w ? toHashWithWeights(urlStateOf(get()), w) : toHash(urlStateOf(get())));
      if (url.length > LINK_LIMIT) {
        set({ sharedLink: null });
        ctx.actions.notify('warning', 'share.tooBig', { size: Math.ceil(url.length / 1000), limit: LINK_LIMIT / 1000 }, 'saveSession');
        return false;
      }
      set({ sharedLink: url });
      try {
        await navigator.clipboard.writeText(url);
        const key = get().customLesson?.link === null ? 'lessonFile.copiedWithout' : !w ? 'notice.linkCopied' : w.origin === 'imported' ? 'share.copiedWithImported' : 'share.copiedWithWeights';
        ctx.actions.notify('info', key, { iteration: w?.iteration ?? 0 });
        return true;
      } catch {
        ctx.actions.notify('warning', 'notice.linkNotCopied', { url });
        return false;
      }
    },
    async sessionText() {
      // (a browser that cannot pack the weights cannot save them either: the error reaches the caller)
      const w = await currentWeights();
      const snap = get().snapshot;
      const file: SessionFile = {
        format: SESSION_FORMAT,
        version: 1,
        state: toHash(urlStateOf(get())),
        weights: w?.payload ?? null,
        origin: w?.origin ?? 'init',
        iteration: w?.iteration ?? 0,
        loss: snap ? snap.lossValue : null,
      };
      return JSON.stringify(file, null, 1);
    },
    async openSessionText(text) {
      const refuse = (reason: string) => {
        ctx.actions.notify('error', 'share.badSession', { reason });
        return false;
      };
      let o: Partial<SessionFile>;
      try {
        o = JSON.parse(text) as Partial<SessionFile>;
      } catch {
        return refuse('not JSON');
      }
      if (!o || typeof o !== 'object' || o.format !== SESSION_FORMAT || o.version !== 1 || typeof o.state !== 'string') return refuse(`not a ${SESSION_FORMAT} file of version 1`);
      const weighted = typeof o.weights === 'string' && (o.origin === 'trained' || o.origin === 'imported');
      const iteration = Number.isSafeInteger(o.iteration) && o.iteration! >= 0 ? o.iteration! : 0;
      let arrays: Float64Array[] | null = null;
      if (weighted) {
        try {
          arrays = await decodeWeights(o.weights!);
        } catch (e) {
          return refuse(e instanceof WeightsPayloadError ? e.message : String(e));
        }
      }
      // Read whole before anything changes: a bad file leaves the page as it was.
      const parsed = parseHash(o.state);
      const wrong = arrays && countProblem(arrays, parsed.config);
      if (wrong) return refuse(wrong);
      if (parsed.problems.length > 0) ctx.actions.notify('warning', 'notice.badHash', { detail: parsed.problems.slice(0, 3).join(', ') });
      applyState(parsed);
      await openWith(arrays, arrays ? { iteration, origin: o.origin as 'trained' | 'imported' } : null);
      return true;
    },
    async openLinkWeights(w) {
      let arrays: Float64Array[];
      try {
        arrays = await decodeWeights(w.payload);
        const wrong = countProblem(arrays, get().config);
        if (wrong) throw new WeightsPayloadError(wrong);
      } catch (e) {
        const reason = e instanceof WeightsPayloadError ? e.message : String(e);
        ctx.actions.notify('warning', 'share.linkWeightsRefused', { reason });
        // Nothing else of the link is lost: its configuration opens with the seed's weights.
        await ctx.actions.openSession();
        return;
      }
      await openWith(arrays, w);
    },
  };
}
