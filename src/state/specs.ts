/** The worker's model and data specs of a configuration (what a session request carries). */
import type { DataSpec, ModelSpec } from '../worker/protocol';
import { type AppConfig, effectiveSteps, seriesTable } from './config';

export function modelSpecOf(c: AppConfig): ModelSpec {
  return { cell: c.cell, hidden: c.hidden, layers: c.layers, bidirectional: c.bidirectional, seed: c.seed, init: c.init, hhScale: c.hhScale, forgetBias: c.forgetBias, updateBias: c.updateBias };
}

export function dataSpecOf(c: AppConfig): DataSpec {
  const spec: DataSpec = { task: c.task, steps: effectiveSteps(c), truncation: c.truncation };
  if (c.task === 'text') spec.text = c.text;
  if (c.task === 'custom') spec.series = seriesTable(c);
  if (c.task === 'copy') spec.symbols = c.symbols;
  if (c.lossSteps !== 'all') spec.lossSteps = c.lossSteps;
  if (c.inputScale !== 1) spec.inputScale = c.inputScale;
  return spec;
}

/** The settings that make the weights: changing one of them means new weights from the seed. */
export const MODEL_KEYS = ['cell', 'hidden', 'layers', 'bidirectional', 'seed', 'init', 'hhScale', 'forgetBias', 'updateBias'] as const satisfies readonly (keyof AppConfig)[];

export function changesModel(from: AppConfig, patch: Partial<AppConfig>): boolean {
  return MODEL_KEYS.some((k) => k in patch && patch[k] !== from[k]);
}

/** What a comparison depends on: data, seed, sizes and init, not which cell is shown (it runs all three). */
export function comparisonKey(c: AppConfig): string {
  return JSON.stringify([{ ...modelSpecOf(c), cell: null }, dataSpecOf(c)]);
}
