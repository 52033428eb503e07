import { describe, expect, it } from 'vitest';
import { initParams } from './init';
import { CELL_TYPES } from './params';
import { createRng } from './rng';
import { sampleText } from './sample';

describe('sampleText', () => {
  const vocab = ['a', 'b', 'c'];
  for (const cell of CELL_TYPES) {
    it(`${cell}: one layer and a stack of three both write seeded text from the vocabulary`, () => {
      for (const numLayers of [1, 3]) {
        const p = initParams({ cell, inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers }, createRng(2), { scheme: 'pytorch' });
        const a = sampleText(p, vocab, 'a', 20, 1, createRng(5));
        expect(a).toMatch(/^[abc]{20}$/);
        expect(sampleText(p, vocab, 'a', 20, 1, createRng(5))).toBe(a);
      }
    });
  }

  it('a stack samples through every layer: changing layer 1 changes the text', () => {
    const p = initParams({ cell: 'gru', inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 2 }, createRng(3), { scheme: 'pytorch', hhScale: 3 });
    const before = sampleText(p, vocab, 'b', 40, 1, createRng(9));
    for (let i = 0; i < p.layers[1].wIh.length; i++) p.layers[1].wIh[i] *= -3;
    expect(sampleText(p, vocab, 'b', 40, 1, createRng(9))).not.toBe(before);
  });

  it('refuses a bidirectional model', () => {
    const p = initParams({ cell: 'rnn', inputSize: 3, hiddenSize: 4, outputSize: 3, directions: 2 }, createRng(2), { scheme: 'pytorch' });
    expect(() => sampleText(p, vocab, 'a', 5, 1, createRng(1))).toThrow(/bidirectional/);
  });
});
