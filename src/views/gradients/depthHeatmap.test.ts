import { describe, expect, it } from 'vitest';
import { fromOrder, type Cursor, type Walk } from '../../state/cursor';
import { AXIS_HEIGHT, cellAt, cellRect, depthLayout, depthReveal, depthRows, moveCell, rowOf, tickStep } from './depthHeatmap';

describe('depth heatmap geometry', () => {
  it('stacks the top layer first, forward before reverse within a layer', () => {
    expect(depthRows(3, 1)).toEqual([
      { layer: 2, direction: 0 },
      { layer: 1, direction: 0 },
      { layer: 0, direction: 0 },
    ]);
    expect(depthRows(2, 2)).toEqual([
      { layer: 1, direction: 0 },
      { layer: 1, direction: 1 },
      { layer: 0, direction: 0 },
      { layer: 0, direction: 1 },
    ]);
    expect(rowOf(depthRows(2, 2), { layer: 0, direction: 1 })).toBe(3);
    expect(rowOf(depthRows(2, 1), { layer: 0, direction: 1 })).toBe(-1);
  });

  it('fills the width with the steps beside the labels; lower rows when there are many', () => {
    const l = depthLayout(depthRows(2, 1), 10, 574, 74);
    expect([l.cellW, l.rowH, l.cellsWidth, l.cellsHeight, l.width, l.height]).toEqual([50, 22, 500, 44, 574, 44 + AXIS_HEIGHT]);
    expect(depthLayout(depthRows(4, 2), 10, 574, 74).rowH).toBe(16);
    // a long sequence in a narrow panel still gets cells, narrower than a pixel
    expect(depthLayout(depthRows(4, 2), 2000, 574, 74).cellW).toBe(0.5);
  });

  it('finds the cell under the pointer and the rectangle of a cell, each the other’s inverse', () => {
    const l = depthLayout(depthRows(2, 2), 12, 314, 74);
    expect(cellAt(l, 73, 5)).toBeNull();
    expect(cellAt(l, 74, -1)).toBeNull();
    expect(cellAt(l, 74 + l.cellsWidth, 5)).toBeNull();
    expect(cellAt(l, 74, l.cellsHeight)).toBeNull();
    for (const c of [{ row: 0, t: 0 }, { row: 3, t: 11 }, { row: 2, t: 5 }]) {
      const r = cellRect(l, c);
      expect(cellAt(l, r.x + r.w / 2, r.y + r.h / 2)).toEqual(c);
    }
  });

  it('moves the selection along time and between rows, never off the grid', () => {
    const c = { row: 1, t: 3 };
    expect(moveCell(c, 'ArrowLeft', 4, 12)).toEqual({ row: 1, t: 2 });
    expect(moveCell(c, 'ArrowRight', 4, 12)).toEqual({ row: 1, t: 4 });
    expect(moveCell(c, 'ArrowUp', 4, 12)).toEqual({ row: 0, t: 3 });
    expect(moveCell({ row: 0, t: 3 }, 'ArrowUp', 4, 12)).toEqual({ row: 0, t: 3 });
    expect(moveCell({ row: 3, t: 3 }, 'ArrowDown', 4, 12)).toEqual({ row: 3, t: 3 });
    expect(moveCell(c, 'PageUp', 4, 12)).toEqual({ row: 1, t: 11 });
    expect(moveCell(c, 'PageDown', 4, 12)).toEqual({ row: 1, t: 0 });
    expect(moveCell(c, 'End', 4, 12)).toEqual({ row: 1, t: 11 });
    expect(moveCell(c, 'Home', 4, 12)).toEqual({ row: 1, t: 0 });
    expect(moveCell(c, 'Enter', 4, 12)).toBeNull();
  });

  it('spaces the time labels at least 28 px apart', () => {
    expect(tickStep(12, 40)).toBe(1);
    expect(tickStep(200, 2.5)).toBe(20);
    expect(tickStep(12, 10)).toBe(5);
  });
});

describe('depth heatmap reveal', () => {
  const walk: Walk = { steps: 4, layers: 2, directions: 2, cell: 'gru' };
  const rows = depthRows(2, 2);
  const at = (i: number): Cursor => ({ ...fromOrder(i, walk), sub: null });
  const N = 2 * 2 * 4;
  const count = (r: boolean[][]) => r.flat().filter(Boolean).length;

  it('shows nothing going forward, everything at the end of the backward pass', () => {
    for (let i = 0; i < N; i++) expect(count(depthReveal(at(i), walk, rows))).toBe(0);
    expect(count(depthReveal(at(2 * N - 1), walk, rows))).toBe(N);
  });

  it('reveals one cell per backward event, in the engine’s order: the top layer first, its reverse row from t = 0 up', () => {
    for (let i = N; i < 2 * N; i++) expect(count(depthReveal(at(i), walk, rows))).toBe(i - N + 1);
    // the first backward event is the top layer's reverse direction at t = 0 (its forward walk ended there)
    expect(depthReveal(at(N), walk, rows)).toEqual([
      [false, false, false, false],
      [true, false, false, false],
      [false, false, false, false],
      [false, false, false, false],
    ]);
    // after the top layer's two directions, layer 0's reverse row starts at t = 0 as well
    const r = depthReveal(at(N + 8), walk, rows);
    expect(r.slice(0, 2).flat().every(Boolean)).toBe(true);
    expect(r[3]).toEqual([true, false, false, false]);
    expect(r[2]).toEqual([false, false, false, false]);
  });

  it('one layer in one direction: the backward pass reveals the steps from the last one back', () => {
    const w: Walk = { steps: 3, layers: 1, directions: 1, cell: 'rnn' };
    expect(depthReveal({ phase: 'backward', t: 1, layer: 0, direction: 0, sub: null }, w, depthRows(1, 1))).toEqual([[false, true, true]]);
  });
});
