/**
 * The worker's checks of what the page sends: the model, the data and the training settings,
 * each refusal an InputError naming the field.
 */
import { InputError } from '../engine/errors';
import { INIT_LIMITS, INIT_SCHEMES } from '../engine/init';
import { LOSS_STEPS } from '../engine/loss';
import { UI_LIMITS } from '../engine/limits';
import { CELL_TYPES } from '../engine/params';
import { TASK_IDS, TASK_LIMITS } from '../engine/tasks';
import { OPTIMIZERS, TRAIN_LIMITS, trainSettingsProblem } from '../engine/train';
import type { DataSpec, ModelSpec, TrainSettings } from './protocol';

export function checkModelSpec(m: ModelSpec): void {
  if (!m || !(CELL_TYPES as readonly string[]).includes(m.cell)) throw new InputError(`unknown cell type '${String(m?.cell)}'`, 'cell');
  if (!Number.isInteger(m.hidden) || m.hidden < 1) throw new InputError('hidden size: expected a whole number ≥ 1', 'hidden');
  if (m.hidden > UI_LIMITS.maxHidden) throw new InputError(`hidden size ${m.hidden} is over the limit of ${UI_LIMITS.maxHidden}`, 'hidden');
  if (!Number.isFinite(m.seed)) throw new InputError('seed: expected a number', 'seed');
  if (!(INIT_SCHEMES as readonly string[]).includes(m.init)) throw new InputError(`unknown initialisation '${String(m.init)}'`, 'init');
  const within = (v: unknown, r: { min: number; max: number }) => typeof v === 'number' && Number.isFinite(v) && v >= r.min && v <= r.max;
  if (!within(m.hhScale, INIT_LIMITS.hhScale)) throw new InputError(`W_hh scale: expected a number from ${INIT_LIMITS.hhScale.min} to ${INIT_LIMITS.hhScale.max}`, 'hhScale');
  for (const key of ['forgetBias', 'updateBias'] as const) {
    if (!within(m[key], INIT_LIMITS.gateBias)) throw new InputError(`${key}: expected a number from ${INIT_LIMITS.gateBias.min} to ${INIT_LIMITS.gateBias.max}`, key);
  }
}

/** The data spec's own sanity (sizes against the limits are checked once the shape is known). */
export function checkDataSpec(spec: DataSpec): void {
  if (!spec || !(TASK_IDS as readonly string[]).includes(spec.task)) throw new InputError(`unknown input task '${String(spec?.task)}'`, 'task');
  if (!Number.isInteger(spec.steps) || spec.steps < 1) throw new InputError('steps: expected a whole number ≥ 1', 'steps');
  if (spec.steps > UI_LIMITS.maxSteps) throw new InputError(`sequence length ${spec.steps} is over the limit of ${UI_LIMITS.maxSteps} steps`, 'steps');
  if (!Number.isInteger(spec.truncation) || spec.truncation < 0) throw new InputError('truncation: expected a whole number ≥ 0', 'truncation');
  if (spec.lossSteps !== undefined && !(LOSS_STEPS as readonly string[]).includes(spec.lossSteps)) throw new InputError(`loss steps: expected ${LOSS_STEPS.join(' or ')}`, 'lossSteps');
  const { min, max } = TASK_LIMITS.inputScale;
  if (spec.inputScale !== undefined && !(Number.isFinite(spec.inputScale) && spec.inputScale >= min && spec.inputScale <= max)) {
    throw new InputError(`input scale: expected a number from ${min} to ${max}`, 'inputScale');
  }
  if (spec.task === 'text') {
    const chars = [...(spec.text ?? '')];
    if (chars.length < 2) throw new InputError('the text needs at least 2 characters', 'text');
    if (new Set(chars).size > UI_LIMITS.maxInput) throw new InputError(`the text has more than ${UI_LIMITS.maxInput} different characters`, 'text');
  }
  if (spec.task === 'custom') {
    const rows = spec.series ?? [];
    if (!Array.isArray(rows) || rows.length < 2) throw new InputError('the series needs at least 2 rows', 'series');
    const C = Array.isArray(rows[0]) ? rows[0].length : 0;
    if (C < 1 || C > UI_LIMITS.maxInput) throw new InputError(`the series needs 1 to ${UI_LIMITS.maxInput} columns`, 'series');
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== C) throw new InputError(`series row ${i + 1} has ${Array.isArray(r) ? r.length : 0} values, row 1 has ${C}`, 'series');
      for (const v of r) if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`series row ${i + 1} has a value that is not a finite number`, 'series');
    });
  }
  if (spec.task === 'copy' && spec.symbols !== undefined && (!Number.isInteger(spec.symbols) || spec.symbols < 1 || spec.symbols > 64)) {
    throw new InputError('symbols: expected a whole number from 1 to 64', 'symbols');
  }
}

export function checkSettings(s: TrainSettings): void {
  const bad = trainSettingsProblem(s as unknown as Record<string, unknown>);
  if (bad === null) return;
  if (bad === 'optimizer') throw new InputError(`optimizer: expected one of ${OPTIMIZERS.join(', ')}`, bad);
  const { min, max } = TRAIN_LIMITS[bad];
  throw new InputError(`${bad}: expected a ${bad === 'batch' ? 'whole number' : 'number'} from ${min} to ${max}`, bad);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
