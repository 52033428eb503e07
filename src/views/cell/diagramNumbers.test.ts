/**
 * Every number the cell diagram draws for the selected unit opens "How this number is made": the
 * quantity it is (the worker's value is the number drawn, to the bit) or the one it is a term of.
 */
import { describe, expect, it } from 'vitest';
import { CELL_TYPES, type SessionSnapshot } from '../../state/model';
import { readMoment, type RowName, type StepReader } from '../../state/moment';
import { numberTarget, partsResult } from '../../state/numberRef';
import { openExplaining } from '../../state/testing/sessions';
import { cellLayout, type Prim } from './cellLayout';

/** The value names a layout draws, with the sub-steps each one lights. */
function drawn(prims: readonly Prim[]): { id: string; name: RowName | 'x'; parts: readonly string[] }[] {
  return prims.flatMap((q) => {
    if (q.kind === 'layer' && q.row) return [{ id: q.id, name: q.row, parts: q.parts }];
    if ((q.kind === 'op' || q.kind === 'label') && q.value) return [{ id: q.id, name: q.value, parts: q.parts }];
    return [];
  });
}

const valueOf = (r: StepReader, name: RowName | 'x', unit: number) => (name === 'x' ? r.x() : r.value(name, unit));

describe('the numbers of the cell diagram', () => {
  it('each opens an explanation the worker gives, for every cell, phase, step and cut', () => {
    let own = 0;
    let part = 0;
    for (const cell of CELL_TYPES) {
      const { snapshot, explain } = openExplaining(
        { cell, hidden: 3, seed: 2, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 },
        { task: 'sine', steps: 6, truncation: 4 },
      );
      const m = readMoment(snapshot as SessionSnapshot);
      for (const phase of ['forward', 'backward'] as const) {
        const names = drawn(cellLayout(cell, phase).prims);
        for (let t = 0; t < snapshot.steps; t++) {
          const r = m.step(t);
          for (const unit of [0, 2]) {
            const place = { cell, layer: 0, direction: 0, t, unit, prevT: r.prevT, nextT: r.nextT, cutNext: m.cut(t).cutNext };
            for (const { id, name, parts } of names) {
              const value = valueOf(r, name, unit);
              if (value === null) continue;
              const target = numberTarget(name, place, partsResult(cell, phase, parts));
              if (target === null) {
                // what reaches the initial cell state is not a quantity the dialog explains
                expect([name, r.prevT]).toEqual(['dcPrev', null]);
                continue;
              }
              const e = explain(target.ref);
              if (target.own) {
                expect(Object.is(e.value, value), `${cell} ${phase} ${id} t=${t}`).toBe(true);
                own++;
              } else part++;
            }
          }
        }
      }
    }
    expect(own).toBeGreaterThan(150);
    expect(part).toBeGreaterThan(60);
  });
});
