/**
 * The configuration a user chooses: plain data that fits in a URL. Limits here are the
 * interactive app's (tighter than the engine's), enforced before anything is allocated.
 */
import { CONFIG_LIMITS } from '../engine/fieldLimits';
import { INIT_SCHEMES, type InitScheme } from '../engine/init';
import type { LossSteps } from '../engine/loss';
import { CELL_TYPES, type CellType } from '../engine/params';
import { TASK_IDS, type TaskId } from '../engine/tasks';
import type { Walk } from './cursor';

export interface AppConfig {
  cell: CellType;
  hidden: number;
  /** stacked layers L (PyTorch's num_layers) */
  layers: number;
  /** two directions (PyTorch's bidirectional); needs truncation 0 */
  bidirectional: boolean;
  steps: number;
  seed: number;
  task: TaskId;
  truncation: number;
  init: InitScheme;
  hhScale: number;
  /** LSTM forget-gate bias offset (0 = PyTorch's init as is, 1 = the common 'unit forget bias') */
  forgetBias: number;
  /** GRU update-gate bias offset (the GRU's counterpart of the forget bias) */
  updateBias: number;
  /** which steps the loss counts: every step, or the last one only (many-to-one) */
  lossSteps: LossSteps;
  /** multiplies every input: small keeps tanh in its linear region */
  inputScale: number;
  /** the text of the text task */
  text: string;
  /** the user's own values (custom task), row by row: `columns` numbers per row */
  series: number[];
  /** custom task: numbers per row of `series` (1 = a single column) */
  columns: number;
  /** copy task: number of symbols */
  symbols: number;
}

export const DEFAULT_TEXT = '안녕 RNN, hello RNN. 순서가 있는 데이터를 기억한다.';

export const DEFAULT_CONFIG: AppConfig = {
  cell: 'lstm',
  hidden: 8,
  layers: 1,
  bidirectional: false,
  steps: 12,
  seed: 1,
  task: 'sine',
  truncation: 0,
  init: 'pytorch',
  hhScale: 1,
  forgetBias: 1,
  updateBias: 0,
  lossSteps: 'all',
  inputScale: 1,
  text: DEFAULT_TEXT,
  series: [],
  columns: 1,
  symbols: 4,
};

/** The app's field limits live with the engine's size limits, where lesson files and the CLI read them too. */
export { CONFIG_LIMITS };

export function isCell(v: unknown): v is CellType {
  return typeof v === 'string' && (CELL_TYPES as readonly string[]).includes(v);
}
export function isTask(v: unknown): v is TaskId {
  return typeof v === 'string' && (TASK_IDS as readonly string[]).includes(v);
}
export function isInit(v: unknown): v is InitScheme {
  return typeof v === 'string' && (INIT_SCHEMES as readonly string[]).includes(v);
}

/** Steps the session really has: the custom series gives T = rows − 1, the rest use `steps`. */
export function effectiveSteps(c: AppConfig): number {
  return c.task === 'custom' ? Math.max(1, seriesRows(c) - 1) : c.steps;
}

/** The walk a configuration's session has (its steps, layers and directions). */
export function walkOfConfig(c: AppConfig): Walk {
  return { steps: effectiveSteps(c), layers: c.layers, directions: c.bidirectional ? 2 : 1, cell: c.cell };
}

/** Rows of the custom series. */
export function seriesRows(c: Pick<AppConfig, 'series' | 'columns'>): number {
  return Math.floor(c.series.length / Math.max(1, c.columns));
}

/** The custom series as rows of `columns` numbers. */
export function seriesTable(c: Pick<AppConfig, 'series' | 'columns'>): number[][] {
  const C = Math.max(1, c.columns);
  return Array.from({ length: seriesRows(c) }, (_, r) => c.series.slice(r * C, r * C + C));
}

export type SeriesParse = { ok: true; values: number[] } | { ok: false; error: { key: 'input.invalidNumber' | 'input.tooFew' | 'input.tooMany' | 'input.notFinite'; vars: Record<string, string | number> } };

/** Parses "0.1, 0.5 -2e-3 …" into numbers, refusing with the position of the first bad item. */
export function parseSeries(text: string): SeriesParse {
  const items = text.split(/[\s,;]+/).filter((s) => s.length > 0);
  if (items.length > CONFIG_LIMITS.series.max) return { ok: false, error: { key: 'input.tooMany', vars: { max: CONFIG_LIMITS.series.max } } };
  const values: number[] = [];
  for (let k = 0; k < items.length; k++) {
    const s = items[k];
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) {
      return { ok: false, error: { key: 'input.invalidNumber', vars: { index: k + 1, text: s.slice(0, 24) } } };
    }
    const v = Number(s);
    if (!Number.isFinite(v) || Math.abs(v) > 1e6) return { ok: false, error: { key: 'input.notFinite', vars: { index: k + 1 } } };
    values.push(v);
  }
  if (values.length < CONFIG_LIMITS.series.min) return { ok: false, error: { key: 'input.tooFew', vars: { min: CONFIG_LIMITS.series.min } } };
  return { ok: true, values };
}

export type TextCheck = { ok: true } | { ok: false; error: { key: 'input.tooShortText' | 'input.tooLongText' | 'input.tooManyChars'; vars: Record<string, string | number> } };

export function checkText(text: string): TextCheck {
  const chars = [...text];
  if (chars.length < CONFIG_LIMITS.textChars.min) return { ok: false, error: { key: 'input.tooShortText', vars: {} } };
  if (chars.length > CONFIG_LIMITS.textChars.max) return { ok: false, error: { key: 'input.tooLongText', vars: { max: CONFIG_LIMITS.textChars.max } } };
  if (new Set(chars).size > CONFIG_LIMITS.vocab.max) return { ok: false, error: { key: 'input.tooManyChars', vars: { max: CONFIG_LIMITS.vocab.max } } };
  return { ok: true };
}
