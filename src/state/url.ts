/**
 * URL hash <-> what the user sees. A link holds the configuration, the cursor, the selection
 * and the view, so a reload or a shared link reproduces the same view bit for bit (the
 * weights come from the seed). A malformed hash never breaks the page: each bad field falls
 * back to its default and is named in a notice.
 *
 * Every field of a link is one row of FIELDS: its name, how it is read and how it is written.
 * Reading, writing and the list of known names all come from that table.
 */
import { SUBSTEPS } from '../engine/session';
import { isLang, type Lang } from '../content/i18n';
import { LESSON_LIMITS } from '../content/lessonFile/format';
import { CHAPTERS } from '../content/lessons';
import { LESSON_LINK_MAX } from './lessonCodec';
import { type AppConfig, CONFIG_LIMITS, DEFAULT_CONFIG, checkText, effectiveSteps, isCell, isInit, isTask, seriesRows } from './config';
import { type Cursor, START } from './cursor';
import { clampT, parseStepRange, writeStepRange, type StepRange } from './stepRange';

export type ViewMode = 'rolled' | 'unrolled';
/** The panels an embedded page may show (`embed=timeline,cell,equations`; docs/embedding.md). */
export const EMBED_PARTS = ['timeline', 'cell', 'equations', 'training', 'gradients'] as const;
export type EmbedPart = (typeof EMBED_PARTS)[number];

/** The tabs of the gradient band. */
export type GradTab = 'bptt' | 'weights' | 'vanish' | 'compare';
export type Notation = 'lecture' | 'pytorch';

export interface UrlState {
  /** open lesson chapter, or null */
  lesson: number | null;
  /** a teacher's lesson the link carries (lessonCodec.ts), or null for the built-in one */
  lessonLink: string | null;
  projector: boolean;
  config: AppConfig;
  cursor: Cursor;
  substeps: boolean;
  unit: number | null;
  view: ViewMode;
  notation: Notation;
  lang: Lang | null;
  gradTab: GradTab;
  /** embed mode: only these panels, no top bar (null: the whole app) */
  embed: EmbedPart[] | null;
  /** the step-range lock (`range=3-8`): the cursor stays within these steps (null: all) */
  range: StepRange | null;
}

/** Trained or imported weights a copied link carries (weightsCodec.ts), and how far they were trained. */
export interface LinkWeights {
  payload: string;
  iteration: number;
  origin: 'trained' | 'imported';
}

export interface ParsedUrl extends UrlState {
  weights: LinkWeights | null;
  /** the fields that could not be read, or were changed to fit (empty when all is well) */
  problems: string[];
}

/**
 * What a link sets in the store, but the language (which a first visit may take from the
 * browser instead): one place for every caller that applies a link. A link with a teacher's
 * lesson opens its chapter once the lesson is decoded (openLessonLink, with `lessonLink`).
 */
export function linkState(parsed: ParsedUrl): Omit<UrlState, 'lang' | 'lessonLink'> & { focus: (typeof CHAPTERS)[number]['focus'] | null; customLesson: null } {
  const builtin = parsed.lessonLink === null;
  return {
    config: parsed.config,
    cursor: parsed.cursor,
    substeps: parsed.substeps,
    unit: parsed.unit,
    view: parsed.view,
    notation: parsed.notation,
    lesson: builtin ? parsed.lesson : null,
    focus: builtin && parsed.lesson !== null ? CHAPTERS[parsed.lesson].focus : null,
    customLesson: null,
    projector: parsed.projector,
    gradTab: parsed.gradTab,
    embed: parsed.embed,
    range: parsed.range,
  };
}

const MAX_HASH = 100_000;

/** A plain decimal number, as the input field reads it (no hex, no empty item, no "Infinity"). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * One field of a link. `read` applies a value to the state being parsed and says whether it was
 * valid (an invalid value leaves the default and is named in the notice); `write` gives the
 * value to put in a link, or null to leave the field out (it is at its default).
 */
interface UrlField {
  key: string;
  read(value: string, s: ParsedUrl): boolean;
  write(s: UrlState): string | null;
}

function int(value: string, min: number, max: number): number | null {
  const v = Number(value);
  return /^-?\d+$/.test(value) && Number.isSafeInteger(v) && v >= min && v <= max ? v : null;
}

/** A field with a fixed set of values. */
function choice<V extends string>(key: string, ok: (v: string) => v is V, get: (s: UrlState) => V, set: (s: ParsedUrl, v: V) => void, fallback: V | null): UrlField {
  return {
    key,
    read(value, s) {
      if (!ok(value)) return false;
      set(s, value);
      return true;
    },
    write: (s) => (fallback !== null && get(s) === fallback ? null : get(s)),
  };
}

/** A whole-number field within bounds that may depend on what was read before it. */
function whole(key: string, bounds: (s: ParsedUrl) => [number, number], get: (s: UrlState) => number, set: (s: ParsedUrl, v: number) => void, fallback: number | null): UrlField {
  return {
    key,
    read(value, s) {
      const v = int(value, ...bounds(s));
      if (v === null) return false;
      set(s, v);
      return true;
    },
    write: (s) => (fallback !== null && get(s) === fallback ? null : String(get(s))),
  };
}

/** A decimal field within bounds. */
function decimal(key: string, range: { min: number; max: number }, get: (s: UrlState) => number, set: (s: ParsedUrl, v: number) => void, fallback: number): UrlField {
  return {
    key,
    read(value, s) {
      const v = Number(value);
      if (!DECIMAL.test(value) || !Number.isFinite(v) || v < range.min || v > range.max) return false;
      set(s, v);
      return true;
    },
    write: (s) => (get(s) === fallback ? null : String(get(s))),
  };
}

const is =
  <V extends string>(...values: V[]) =>
  (v: string): v is V =>
    (values as string[]).includes(v);

const D = DEFAULT_CONFIG;
const L = CONFIG_LIMITS;

/** Every field a link may hold, in reading order (a field may depend on the ones above it). */
const FIELDS: readonly UrlField[] = [
  choice('cell', isCell, (s) => s.config.cell, (s, v) => (s.config.cell = v), null),
  whole('H', () => [L.hidden.min, L.hidden.max], (s) => s.config.hidden, (s, v) => (s.config.hidden = v), null),
  whole('L', () => [L.layers.min, L.layers.max], (s) => s.config.layers, (s, v) => (s.config.layers = v), D.layers),
  {
    key: 'bi',
    read(value, s) {
      if (value !== '0' && value !== '1') return false;
      s.config.bidirectional = value === '1';
      return true;
    },
    write: (s) => (s.config.bidirectional ? '1' : null),
  },
  whole('T', () => [L.steps.min, L.steps.max], (s) => s.config.steps, (s, v) => (s.config.steps = v), null),
  whole('seed', () => [L.seed.min, L.seed.max], (s) => s.config.seed, (s, v) => (s.config.seed = v), null),
  choice('task', isTask, (s) => s.config.task, (s, v) => (s.config.task = v), null),
  whole('k', () => [0, L.steps.max], (s) => s.config.truncation, (s, v) => (s.config.truncation = v), D.truncation),
  choice('init', isInit, (s) => s.config.init, (s, v) => (s.config.init = v), D.init),
  decimal('scale', L.hhScale, (s) => s.config.hhScale, (s, v) => (s.config.hhScale = v), D.hhScale),
  decimal('fb', L.gateBias, (s) => s.config.forgetBias, (s, v) => (s.config.forgetBias = v), D.forgetBias),
  decimal('zb', L.gateBias, (s) => s.config.updateBias, (s, v) => (s.config.updateBias = v), D.updateBias),
  choice('loss', is('all', 'last'), (s) => s.config.lossSteps, (s, v) => (s.config.lossSteps = v), D.lossSteps),
  decimal('xs', L.inputScale, (s) => s.config.inputScale, (s, v) => (s.config.inputScale = v), D.inputScale),
  {
    key: 'text',
    read(value, s) {
      if (!checkText(value).ok) return false;
      s.config.text = value;
      return true;
    },
    write: (s) => (s.config.task === 'text' && s.config.text !== D.text ? s.config.text : null),
  },
  { ...whole('cols', () => [L.columns.min, L.columns.max], (s) => s.config.columns, (s, v) => (s.config.columns = v), null), write: (s) => (s.config.task === 'custom' && s.config.columns !== 1 ? String(s.config.columns) : null) },
  {
    key: 'series',
    read(value, s) {
      const items = value.split(',');
      const values = items.map(Number);
      const rows = values.length / s.config.columns;
      const ok =
        items.every((x) => DECIMAL.test(x)) &&
        Number.isInteger(rows) &&
        rows >= L.series.min &&
        rows <= L.series.max &&
        values.length <= L.seriesValues.max &&
        values.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e6);
      if (ok) s.config.series = values;
      return ok;
    },
    write: (s) => (s.config.task === 'custom' ? s.config.series.join(',') : null),
  },
  { ...whole('sym', () => [L.symbols.min, L.symbols.max], (s) => s.config.symbols, (s, v) => (s.config.symbols = v), null), write: (s) => (s.config.task === 'copy' && s.config.symbols !== D.symbols ? String(s.config.symbols) : null) },
  choice('phase', is('forward', 'backward'), (s) => s.cursor.phase, (s, v) => (s.cursor.phase = v), null),
  whole('t', (s) => [0, effectiveSteps(s.config) - 1], (s) => s.cursor.t, (s, v) => (s.cursor.t = v), null),
  whole('layer', (s) => [0, s.config.layers - 1], (s) => s.cursor.layer, (s, v) => (s.cursor.layer = v), 0),
  whole('dir', (s) => [0, s.config.bidirectional ? 1 : 0], (s) => s.cursor.direction, (s, v) => (s.cursor.direction = v), 0),
  {
    key: 'sub',
    read(value, s) {
      s.substeps = true;
      const v = int(value, 0, SUBSTEPS[s.config.cell][s.cursor.phase].length - 1);
      s.cursor.sub = v ?? 0;
      return v !== null;
    },
    write: (s) => (s.substeps && s.cursor.sub !== null ? String(s.cursor.sub) : null),
  },
  whole('unit', (s) => [0, s.config.hidden - 1], (s) => s.unit ?? -1, (s, v) => (s.unit = v), -1),
  choice('view', is('rolled', 'unrolled'), (s) => s.view, (s, v) => (s.view = v), 'unrolled'),
  choice('nota', is('lecture', 'pytorch'), (s) => s.notation, (s, v) => (s.notation = v), 'lecture'),
  choice('lang', isLang, (s) => s.lang ?? ('' as Lang), (s, v) => (s.lang = v), '' as Lang),
  {
    key: 'lesson',
    read(value, s) {
      if (value.length > LESSON_LINK_MAX || !/^[A-Za-z0-9_-]+$/.test(value)) return false;
      s.lessonLink = value;
      return true;
    },
    write: (s) => s.lessonLink,
  },
  whole('ch', (s) => [1, s.lessonLink ? LESSON_LIMITS.chapters.max : CHAPTERS.length], (s) => (s.lesson ?? -1) + 1, (s, v) => (s.lesson = v - 1), 0),
  {
    key: 'proj',
    read(value, s) {
      if (value !== '0' && value !== '1') return false;
      s.projector = value === '1';
      return true;
    },
    write: (s) => (s.projector ? '1' : null),
  },
  choice('tab', is('bptt', 'weights', 'vanish', 'compare'), (s) => s.gradTab, (s, v) => (s.gradTab = v), 'bptt'),
  {
    key: 'embed',
    read(value, s) {
      const parts = value.split(',');
      if (parts.length === 0 || parts.length > EMBED_PARTS.length || !parts.every((p) => (EMBED_PARTS as readonly string[]).includes(p)) || new Set(parts).size !== parts.length) return false;
      s.embed = parts as EmbedPart[];
      return true;
    },
    write: (s) => (s.embed ? s.embed.join(',') : null),
  },
  {
    key: 'range',
    read(value, s) {
      s.range = parseStepRange(value, effectiveSteps(s.config));
      return s.range !== null;
    },
    write: (s) => (s.range ? writeStepRange(s.range) : null),
  },
];

/**
 * The weights of a copied link: never in the address the app keeps writing (the tab keeps them in
 * session storage), only in the link Copy link makes. `w` is the payload, `it` the iteration count,
 * `wo` says the weights were imported rather than trained.
 */
const WEIGHT_FIELDS: readonly UrlField[] = [
  {
    key: 'w',
    read(value, s) {
      if (!/^[A-Za-z0-9_-]+$/.test(value)) return false;
      s.weights = { payload: value, iteration: s.weights?.iteration ?? 0, origin: s.weights?.origin ?? 'trained' };
      return true;
    },
    write: () => null,
  },
  {
    key: 'it',
    read(value, s) {
      const v = int(value, 0, Number.MAX_SAFE_INTEGER);
      if (v === null || !s.weights) return false;
      s.weights.iteration = v;
      return true;
    },
    write: () => null,
  },
  {
    key: 'wo',
    read(value, s) {
      if ((value !== 'trained' && value !== 'imported') || !s.weights) return false;
      s.weights.origin = value;
      return true;
    },
    write: () => null,
  },
];

const BY_KEY = new Map([...FIELDS, ...WEIGHT_FIELDS].map((f) => [f.key, f]));

export function defaultUrlState(): UrlState {
  return { lesson: null, lessonLink: null, projector: false, config: { ...DEFAULT_CONFIG }, cursor: { ...START }, substeps: false, unit: null, view: 'unrolled', notation: 'lecture', lang: null, gradTab: 'bptt', embed: null, range: null };
}

/** Whether every % of a raw link starts a complete escape of valid UTF-8 (URLSearchParams would silently replace it). */
function escapesAreValid(raw: string): boolean {
  for (const part of raw.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return false;
    }
  }
  return true;
}

const short = (s: string) => s.slice(0, 12);

export function parseHash(hash: string): ParsedUrl {
  const state: ParsedUrl = { ...defaultUrlState(), weights: null, problems: [] };
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.length === 0) return state;
  const bad = (name: string) => state.problems.push(name);
  if (raw.length > MAX_HASH) {
    bad('the link is too long');
    return state;
  }
  if (!escapesAreValid(raw)) bad('a %-escape');
  const params = new URLSearchParams(raw);
  const seen = new Map<string, string>();
  for (const [key, value] of params) {
    if (!BY_KEY.has(key)) bad(key === '' ? `=${short(value)}` : short(key) + (value === '' ? '' : `=${short(value)}`));
    else if (seen.has(key)) bad(`${key} twice`);
    else seen.set(key, value);
  }
  for (const field of [...FIELDS, ...WEIGHT_FIELDS]) {
    const value = seen.get(field.key);
    if (value !== undefined && !field.read(value, state)) bad(field.key === 'text' || field.key === 'series' ? field.key : `${field.key}=${short(value)}`);
  }
  // A link into a chapter shows the gradient view the chapter talks about, unless it names its own
  // (the app's own addresses name it whenever it is not the first).
  const chapterTab = state.lesson !== null && state.lessonLink === null ? CHAPTERS[state.lesson].tab : undefined;
  if (chapterTab && !seen.has('tab')) state.gradTab = chapterTab;
  // What fits only together: the custom task needs its values, k at most T, and without values one column.
  const c = state.config;
  if (c.series.length === 0) c.columns = 1;
  if (c.task === 'custom' && seriesRows(c) < L.series.min) {
    bad('task=custom without values');
    c.task = DEFAULT_CONFIG.task;
  }
  const T = effectiveSteps(c);
  if (c.truncation > T) {
    bad(`k=${c.truncation} is more than T = ${T}`);
    c.truncation = 0;
  }
  if (c.bidirectional && c.truncation > 0) {
    bad(`k=${c.truncation} with two directions`);
    c.truncation = 0;
  }
  if (state.cursor.t > T - 1) state.cursor.t = T - 1;
  if (state.range && state.range.to > T - 1) {
    bad(`range=${writeStepRange(state.range)} past the last step, ${T - 1}`);
    state.range = null;
  }
  state.cursor.t = clampT(state.cursor.t, state.range);
  return state;
}

/** The hash for a state; fields at their defaults are left out to keep links short. */
export function toHash(s: UrlState): string {
  const p = new URLSearchParams();
  for (const field of FIELDS) {
    const value = field.write(s);
    if (value !== null) p.set(field.key, value);
  }
  return '#' + p.toString();
}

/** The hash of a link that also carries weights (the payload is base64url: nothing to escape). */
export function toHashWithWeights(s: UrlState, w: LinkWeights): string {
  const hash = toHash(s);
  const extra = `w=${w.payload}&it=${w.iteration}` + (w.origin === 'imported' ? '&wo=imported' : '');
  return hash === '#' ? '#' + extra : `${hash}&${extra}`;
}
