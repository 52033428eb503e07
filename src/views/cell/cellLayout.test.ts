import { describe, expect, it } from 'vitest';
import { cellLayout, type Layout, type Prim } from './cellLayout';
import { placeLayout, UP_BOX_WIDTH } from './cellPlace';

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

describe('the diagram for where the cell sits', () => {
  const labels = (l: Layout) => Object.fromEntries(l.prims.flatMap((q) => (q.kind === 'label' ? [[q.id, q.sym]] : [])));
  const head = (l: Layout) => l.prims.find((q) => q.kind === 'layer' && q.id === 'head') as Extract<Prim, { kind: 'layer' }>;

  it('one layer in one direction: the layout itself', () => {
    const l = cellLayout('lstm', 'backward');
    expect(placeLayout(l, { layer: 0, layers: 1, direction: 0, directions: 1 })).toBe(l);
  });

  it('reverse: the state comes from t + 1 and the gradient from t − 1', () => {
    const fwd = labels(cellLayout('lstm', 'backward'));
    const rev = labels(placeLayout(cellLayout('lstm', 'backward'), { layer: 0, layers: 1, direction: 1, directions: 2 }));
    expect([fwd['h.prev'].sub, rev['h.prev'].sub]).toEqual(['t−1', 't+1']);
    expect([fwd['c.prev'].sub, rev['c.prev'].sub]).toEqual(['t−1', 't+1']);
    expect([fwd['h.next'].sup, rev['h.next'].sup]).toEqual(['(t+1)', '(t−1)']);
    expect(rev.x).toEqual(fwd.x);
  });

  it('layer l ≥ 1 reads x^{(l)}; below the top h_t goes up to layer l + 1 and its gradient part is marked ↑', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const fwd = placeLayout(cellLayout(cell, 'forward'), { layer: 1, layers: 3, direction: 0, directions: 1 });
      expect(labels(fwd).x).toEqual({ base: 'x', sub: 't', sup: '(1)' });
      expect(labels(fwd).y).toBeUndefined();
      expect(head(fwd)).toMatchObject({ above: 2, w: UP_BOX_WIDTH });
      const back = placeLayout(cellLayout(cell, 'backward'), { layer: 1, layers: 3, direction: 0, directions: 1 });
      expect(labels(back).y).toMatchObject({ base: 'h', delta: true, sup: '(↑)' });
      // the top layer keeps the head
      const top = placeLayout(cellLayout(cell, 'forward'), { layer: 2, layers: 3, direction: 0, directions: 1 });
      expect(head(top).above).toBeUndefined();
      expect(labels(top).y).toEqual({ base: 'y', sub: 't' });
    }
  });
});
