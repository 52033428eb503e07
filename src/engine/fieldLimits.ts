/**
 * The interactive app's limits on each setting (tighter than the engine's): the fields, links and
 * lesson files of the app all check these, before anything is allocated.
 */
import { INIT_LIMITS } from './init';
import { UI_LIMITS } from './limits';
import { TASK_LIMITS } from './tasks';

export const CONFIG_LIMITS = {
  hidden: { min: 1, max: UI_LIMITS.maxHidden },
  layers: { min: 1, max: UI_LIMITS.maxLayers },
  steps: { min: 1, max: 1000 },
  seed: { min: 0, max: 4294967295 },
  hhScale: INIT_LIMITS.hhScale,
  gateBias: INIT_LIMITS.gateBias,
  inputScale: TASK_LIMITS.inputScale,
  textChars: { min: 2, max: 2000 },
  vocab: { max: 96 },
  /** rows of the custom series (a single column: values) */
  series: { min: 2, max: 1001 },
  /** columns of the custom series (the input and output size) */
  columns: { min: 1, max: 16 },
  /** all numbers of the custom series together (rows × columns) */
  seriesValues: { max: 4004 },
  symbols: { min: 2, max: 8 },
} as const;
