/**
 * URL hash <-> what the user sees. A link holds the configuration, the cursor, the selection
 * and the view, so a reload or a shared link reproduces the same view bit for bit (the
 * weights come from the seed). A malformed hash never breaks the page: each bad field falls
 * back to its default and is named in a notice.
 */
import { SUBSTEPS } from '../engine/session';
import { isLang, type Lang } from '../content/i18n';
import { CHAPTERS } from '../content/lessons';
import { type AppConfig, CONFIG_LIMITS, DEFAULT_CONFIG, checkText, effectiveSteps, isCell, isInit, isTask, seriesRows } from './config';
import { type Cursor, START } from './cursor';

export type ViewMode = 'rolled' | 'unrolled';
export type Notation = 'lecture' | 'pytorch';

export interface UrlState {
  /** open lesson chapter, or null */
  lesson: number | null;
  projector: boolean;
  config: AppConfig;
  cursor: Cursor;
  substeps: boolean;
  unit: number | null;
  view: ViewMode;
  notation: Notation;
  lang: Lang | null;
}

export interface ParsedUrl extends UrlState {
  /** the fields that could not be read (empty when all is well) */
  problems: string[];
}

const MAX_HASH = 100_000;

/** The fields a link may hold; any other name is named in the notice. */
const KNOWN_KEYS = new Set(['cell', 'task', 'H', 'T', 'seed', 'k', 'sym', 'init', 'scale', 'fb', 'text', 'cols', 'series', 'sub', 'phase', 't', 'unit', 'view', 'nota', 'ch', 'proj', 'lang']);
/** A plain decimal number, as the input field reads it (no hex, no empty item, no "Infinity"). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function defaultUrlState(): UrlState {
  return { lesson: null, projector: false, config: { ...DEFAULT_CONFIG }, cursor: { ...START }, substeps: false, unit: null, view: 'unrolled', notation: 'lecture', lang: null };
}

export function parseHash(hash: string): ParsedUrl {
  const state: ParsedUrl = { ...defaultUrlState(), problems: [] };
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.length === 0) return state;
  if (raw.length > MAX_HASH) {
    state.problems.push('the link is too long');
    return state;
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(raw);
  } catch {
    state.problems.push('the link');
    return state;
  }
  const c = state.config;
  const bad = (name: string) => state.problems.push(name);
  const int = (name: string, min: number, max: number, set: (v: number) => void) => {
    const s = params.get(name);
    if (s === null) return;
    const v = Number(s);
    if (!/^-?\d+$/.test(s) || !Number.isSafeInteger(v) || v < min || v > max) bad(`${name}=${s.slice(0, 12)}`);
    else set(v);
  };
  const cell = params.get('cell');
  if (cell !== null) {
    if (isCell(cell)) c.cell = cell;
    else bad(`cell=${cell.slice(0, 12)}`);
  }
  const task = params.get('task');
  if (task !== null) {
    if (isTask(task)) c.task = task;
    else bad(`task=${task.slice(0, 12)}`);
  }
  int('H', CONFIG_LIMITS.hidden.min, CONFIG_LIMITS.hidden.max, (v) => (c.hidden = v));
  int('T', CONFIG_LIMITS.steps.min, CONFIG_LIMITS.steps.max, (v) => (c.steps = v));
  int('seed', CONFIG_LIMITS.seed.min, CONFIG_LIMITS.seed.max, (v) => (c.seed = v));
  int('k', 0, CONFIG_LIMITS.steps.max, (v) => (c.truncation = v));
  int('sym', CONFIG_LIMITS.symbols.min, CONFIG_LIMITS.symbols.max, (v) => (c.symbols = v));
  const init = params.get('init');
  if (init !== null) {
    if (isInit(init)) c.init = init;
    else bad(`init=${init.slice(0, 12)}`);
  }
  const scale = params.get('scale');
  if (scale !== null) {
    const v = Number(scale);
    if (!DECIMAL.test(scale) || !Number.isFinite(v) || v < CONFIG_LIMITS.hhScale.min || v > CONFIG_LIMITS.hhScale.max) bad(`scale=${scale.slice(0, 12)}`);
    else c.hhScale = v;
  }
  const fb = params.get('fb');
  if (fb !== null) {
    if (fb === '0' || fb === '1') c.forgetBias = Number(fb);
    else bad(`fb=${fb.slice(0, 12)}`);
  }
  const text = params.get('text');
  if (text !== null) {
    if (checkText(text).ok) c.text = text;
    else bad('text');
  }
  int('cols', CONFIG_LIMITS.columns.min, CONFIG_LIMITS.columns.max, (v) => (c.columns = v));
  const series = params.get('series');
  if (series !== null) {
    const items = series.split(',');
    const values = items.map(Number);
    const rows = values.length / c.columns;
    if (
      !items.every((s) => DECIMAL.test(s)) ||
      !Number.isInteger(rows) ||
      rows < CONFIG_LIMITS.series.min ||
      rows > CONFIG_LIMITS.series.max ||
      values.length > CONFIG_LIMITS.seriesValues.max ||
      values.some((v) => !Number.isFinite(v) || Math.abs(v) > 1e6)
    )
      bad('series');
    else c.series = values;
  }
  if (c.series.length === 0) c.columns = 1;
  if (c.task === 'custom' && seriesRows(c) < CONFIG_LIMITS.series.min) {
    bad('task=custom without values');
    c.task = DEFAULT_CONFIG.task;
  }
  const T = effectiveSteps(c);
  if (c.truncation > T) c.truncation = 0;

  const sub = params.get('sub');
  state.substeps = sub !== null;
  const phase = params.get('phase');
  if (phase !== null && phase !== 'forward' && phase !== 'backward') bad(`phase=${phase.slice(0, 12)}`);
  const cursor: Cursor = { phase: phase === 'backward' ? 'backward' : 'forward', t: 0, sub: null };
  int('t', 0, T - 1, (v) => (cursor.t = v));
  if (sub !== null) {
    const n = SUBSTEPS[c.cell][cursor.phase].length;
    const v = Number(sub);
    if (!/^\d+$/.test(sub) || v >= n) bad(`sub=${sub.slice(0, 12)}`);
    else cursor.sub = v;
    if (cursor.sub === null) cursor.sub = 0;
  }
  state.cursor = cursor;
  int('unit', 0, c.hidden - 1, (v) => (state.unit = v));
  const view = params.get('view');
  if (view !== null) {
    if (view === 'rolled' || view === 'unrolled') state.view = view;
    else bad(`view=${view.slice(0, 12)}`);
  }
  const nota = params.get('nota');
  if (nota !== null) {
    if (nota === 'lecture' || nota === 'pytorch') state.notation = nota;
    else bad(`nota=${nota.slice(0, 12)}`);
  }
  const ch = params.get('ch');
  if (ch !== null) {
    const v = Number(ch);
    if (/^\d+$/.test(ch) && v >= 1 && v <= CHAPTERS.length) state.lesson = v - 1;
    else bad(`ch=${ch.slice(0, 12)}`);
  }
  const proj = params.get('proj');
  if (proj !== null) state.projector = proj === '1';
  const lang = params.get('lang');
  if (lang !== null) {
    if (isLang(lang)) state.lang = lang;
    else bad(`lang=${lang.slice(0, 12)}`);
  }
  for (const [key, value] of params) {
    if (!KNOWN_KEYS.has(key)) bad(key === '' ? `=${value.slice(0, 12)}` : key.slice(0, 12) + (value === '' ? '' : `=${value.slice(0, 12)}`));
  }
  return state;
}

/** The hash for a state; fields at their defaults are left out to keep links short. */
export function toHash(s: UrlState): string {
  const c = s.config;
  const d = DEFAULT_CONFIG;
  const p = new URLSearchParams();
  p.set('cell', c.cell);
  p.set('H', String(c.hidden));
  p.set('T', String(c.steps));
  p.set('seed', String(c.seed));
  p.set('task', c.task);
  if (c.truncation !== d.truncation) p.set('k', String(c.truncation));
  if (c.init !== d.init) p.set('init', c.init);
  if (c.hhScale !== d.hhScale) p.set('scale', String(c.hhScale));
  if (c.forgetBias !== d.forgetBias) p.set('fb', String(c.forgetBias));
  if (c.task === 'text' && c.text !== d.text) p.set('text', c.text);
  if (c.task === 'custom') p.set('series', c.series.join(','));
  if (c.task === 'custom' && c.columns !== 1) p.set('cols', String(c.columns));
  if (c.task === 'copy' && c.symbols !== d.symbols) p.set('sym', String(c.symbols));
  p.set('phase', s.cursor.phase);
  p.set('t', String(s.cursor.t));
  if (s.substeps && s.cursor.sub !== null) p.set('sub', String(s.cursor.sub));
  if (s.unit !== null) p.set('unit', String(s.unit));
  if (s.view !== 'unrolled') p.set('view', s.view);
  if (s.notation !== 'lecture') p.set('nota', s.notation);
  if (s.lang) p.set('lang', s.lang);
  if (s.lesson !== null) p.set('ch', String(s.lesson + 1));
  if (s.projector) p.set('proj', '1');
  return '#' + p.toString();
}
