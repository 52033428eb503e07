import { describe, expect, it } from 'vitest';
import { cellLayout } from './cellLayout';

describe('cell diagram layouts', () => {
  it('give every element a distinct id (React keys: a duplicate leaves stale shapes behind when the cell changes)', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      for (const phase of ['forward', 'backward'] as const) {
        const ids = cellLayout(cell, phase).prims.filter((q) => 'id' in q).map((q) => (q as { id: string }).id);
        expect(ids.filter((x, i) => ids.indexOf(x) !== i), `${cell} ${phase}`).toEqual([]);
      }
    }
  });
});
