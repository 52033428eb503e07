import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../content/i18n';
import { recurrenceName, substepName } from './where';

const tr = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);

describe('names of a place in the network', () => {
  it('a recurrence: nothing for one layer in one direction, the layer, then the direction when there are two', () => {
    expect(recurrenceName(tr, { layer: 0, direction: 0 }, { numLayers: 1, directions: 1 })).toBe('');
    expect(recurrenceName(tr, { layer: 2, direction: 0 }, { numLayers: 3, directions: 1 })).toBe('layer 2');
    expect(recurrenceName(tr, { layer: 0, direction: 1 }, { numLayers: 1, directions: 2 })).toBe('layer 0 · reverse');
  });

  it('a sub-step: sent back to t + 1 in reverse, h going up below the top layer, else the usual name', () => {
    const one = { layer: 0, layers: 1, direction: 0 };
    expect(substepName(tr, 'dprev', one)).toBe(tr('substep.dprev'));
    expect(substepName(tr, 'y', one)).toBe(tr('substep.y'));
    expect(substepName(tr, 'dprev', { ...one, direction: 1 })).toBe('sent back to t + 1');
    expect(substepName(tr, 'y', { layer: 0, layers: 2, direction: 0 })).toBe('h goes up to layer 1');
    expect(substepName(tr, 'y', { layer: 1, layers: 2, direction: 1 })).toBe(tr('substep.y'));
    expect(substepName(tr, 'f', { layer: 0, layers: 2, direction: 1 })).toBe(tr('substep.f'));
  });
});
