import { describe, expect, it } from 'vitest';
import { START, type Cursor, type Walk } from '../../state/cursor';
import { hitTest, layoutTimeline } from './timelineLayout';
import { clipPathOf, revealRects } from './timelineReveal';

const base = { steps: 6, xRows: 1, hRows: 4, cRows: 4, yRows: 1, cell: 5, cellWidth: 10 };

describe('the grid of layers × time', () => {
  it('stacks one box per layer and direction, layer 0 at the bottom, each reverse box above its forward one', () => {
    const l = layoutTimeline({ ...base, layers: 2, directions: 2 });
    expect(l.boxes.map((b) => [b.rec, b.layer, b.direction])).toEqual([
      [0, 0, 0],
      [1, 0, 1],
      [2, 1, 0],
      [3, 1, 1],
    ]);
    // top to bottom: y, layer 1 reverse, layer 1 forward, layer 0 reverse, layer 0 forward, x
    const tops = [l.y!.y, l.boxes[3].top, l.boxes[2].top, l.boxes[1].top, l.boxes[0].top, l.x!.y];
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    for (const b of l.boxes) expect(b.h.y).toBeGreaterThan(b.top);
    // a point in layer 1 reverse's h band is that recurrence's unit
    const box = l.boxes[3];
    expect(hitTest(l, l.colX(2) + 1, box.h.y + 1)).toEqual({ t: 2, band: 'h', rec: 3, row: 0 });
  });

  it('one layer in one direction keeps the one-layer picture: one box between x and y', () => {
    const l = layoutTimeline(base);
    expect(l.boxes.length).toBe(1);
    expect(l.bands.map((b) => b.id)).toEqual(['y', 'c', 'h', 'x']);
    expect([l.inputChips, l.targetChips]).toEqual([null, null]);
  });

  it('columns take the width they are given, and the chip rows sit above y and under it', () => {
    const l = layoutTimeline({ ...base, colWidth: 100, chips: true });
    expect(l.colWidth).toBe(100);
    expect(l.colX(5) - l.colX(4)).toBe(100);
    expect(l.inputChips!).toBeLessThan(l.y!.y);
    expect(l.targetChips!).toBeGreaterThan(l.y!.y + l.y!.height - 1);
    expect(l.targetChips!).toBeLessThan(l.layerTop);
  });
});

describe('what the walk has reached, as rectangles', () => {
  const layout = layoutTimeline({ ...base, layers: 2, directions: 1 });
  const walk: Walk = { steps: 6, layers: 2, directions: 1, cell: 'lstm' };
  const at = (phase: Cursor['phase'], t: number, layer: number): Cursor => ({ ...START, phase, t, layer });
  const columns = (r: { x: number; width: number }) => [Math.round((r.x - layout.left) / layout.colWidth), Math.round((r.x + r.width - layout.left) / layout.colWidth)];

  it('forward at layer 1, t = 2: layer 0 and the inputs all shown, layer 1 veiled after t = 2, y veiled after t = 2', () => {
    const r = revealRects(layout, at('forward', 2, 1), walk);
    expect(r.gradient).toEqual([]);
    const veils = r.veiled.map((v) => ({ top: v.y, cols: columns(v) }));
    expect(veils).toContainEqual({ top: layout.boxes[1].top, cols: [3, 6] });
    expect(veils.some((v) => v.top === layout.boxes[0].top)).toBe(false);
    expect(veils.some((v) => v.top === layout.x!.y - 2)).toBe(false);
    expect(veils).toContainEqual({ top: layout.y!.y - 16, cols: [3, 6] });
  });

  it('backward at layer 0, t = 4: layer 1 all gradient, layer 0 from t = 4 on, the inputs’ gradient from t = 4 on', () => {
    const r = revealRects(layout, at('backward', 4, 0), walk);
    const grads = r.gradient.map((v) => ({ top: v.y, cols: columns(v) }));
    expect(grads).toContainEqual({ top: layout.boxes[1].top, cols: [0, 6] });
    expect(grads).toContainEqual({ top: layout.boxes[0].top, cols: [4, 6] });
    expect(grads).toContainEqual({ top: layout.x!.y - 2, cols: [4, 6] });
    expect(clipPathOf(r.gradient)).toMatch(/^path\('M/);
    expect(clipPathOf([])).toBe('inset(0 0 0 100%)');
  });
});
