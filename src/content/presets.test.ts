import { describe, expect, it } from 'vitest';
import { EVALUATION_SEQUENCES } from '../engine/evaluate';
import { EVAL_SEQUENCES } from './claimConstants';
import { checkLimits, UI_LIMITS } from '../engine/limits';
import { CELL_TYPES } from '../engine/params';
import { openPreset } from './experiment';
import { CHAPTERS } from './lessons';
import { PRESET_IDS, PRESETS } from './presets';

describe('presets', () => {
  for (const id of PRESET_IDS) {
    it(`${id}: opens on the engine within the app's limits, for every cell it is meant for`, () => {
      const p = PRESETS[id];
      expect(p.id).toBe(id);
      expect(CHAPTERS.some((c) => c.id === p.chapter), p.chapter).toBe(true);
      const cells = id === 'comparison' ? CELL_TYPES : id === 'longMemory' ? (['rnn', 'lstm'] as const) : [p.model.cell];
      for (const cell of cells) {
        const { params, data } = openPreset(p, p.model.seed, cell);
        expect(checkLimits(params, data.example.steps, UI_LIMITS)).toBeNull();
        expect(data.example.steps).toBe(p.data.steps);
        expect(data.example.lossSteps ?? 'all').toBe(p.data.lossSteps);
      }
      if ('training' in p) expect(p.training.iterations).toBeGreaterThan(0);
    });
  }
});

describe('the numbers the claims quote', () => {
  it('the long-memory claim is tested on as many fresh sequences as the app\'s test runs', () => {
    expect(EVAL_SEQUENCES).toBe(EVALUATION_SEQUENCES);
  });
});
