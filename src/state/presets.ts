/** A preset (content/presets.ts) as the app's configuration and training settings. */
import type { CellType } from '../engine/params';
import { PRESETS, type Preset, type PresetId } from '../content/presets';
import type { AppConfig } from './config';
import type { TrainingRunState } from './slices/training';

export { PRESETS, PRESET_IDS, type PresetId } from '../content/presets';

/** The settings a preset sets (the rest of the configuration stays). */
export function presetConfig(p: Preset, cell: CellType = p.model.cell): Partial<AppConfig> {
  const { model: m, data: d } = p;
  const config: Partial<AppConfig> = {
    cell,
    hidden: m.hidden,
    layers: m.layers ?? 1,
    bidirectional: m.bidirectional ?? false,
    seed: m.seed,
    init: m.init,
    hhScale: m.hhScale,
    forgetBias: m.forgetBias,
    updateBias: m.updateBias,
    task: d.task,
    steps: d.steps,
    truncation: d.truncation,
    lossSteps: d.lossSteps,
    inputScale: d.inputScale ?? 1,
  };
  if (d.symbols !== undefined) config.symbols = d.symbols;
  return config;
}

/** The optimiser settings and the clipping threshold of a preset that trains, or null. */
export function presetTraining(p: Preset, current: TrainingRunState['settings']): { settings: TrainingRunState['settings']; clip: number; iterations: number } | null {
  if (!p.training) return null;
  const { optimizer, lr, clip, batch, iterations } = p.training;
  return { settings: { ...current, optimizer, lr, batch }, clip, iterations };
}

export function presetById(id: PresetId): Preset {
  return PRESETS[id];
}
