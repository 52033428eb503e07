/**
 * Geometry of the depth heatmap: ‖dL/dh_t‖ of every recurrence (rows: the top layer first, each
 * direction its own row) at every step (columns). Which cells the backward walk has reached, where
 * a pointer is, where the arrow keys go. Pure: no drawing, no numbers of the model.
 */
import { backwardShown, type Cursor, type Walk } from '../../state/cursor';

/** A row: one layer in one direction. */
export interface DepthRow {
  layer: number;
  direction: number;
}

/** A cell: a row index (into the rows) and a step. */
export interface DepthCell {
  row: number;
  t: number;
}

export interface DepthLayout {
  rows: DepthRow[];
  steps: number;
  /** left of the cells: the row labels */
  labelWidth: number;
  cellW: number;
  rowH: number;
  /** the cells' area and the whole drawing (the time axis under the cells) */
  cellsWidth: number;
  cellsHeight: number;
  width: number;
  height: number;
}

export const AXIS_HEIGHT = 16;

/** The rows as the heatmap stacks them: the top layer first (the gradient enters there), forward before reverse within a layer. */
export function depthRows(layers: number, directions: number): DepthRow[] {
  const rows: DepthRow[] = [];
  for (let layer = layers - 1; layer >= 0; layer--) for (let direction = 0; direction < directions; direction++) rows.push({ layer, direction });
  return rows;
}

/** Cells filling `width` beside the labels; rows lower when there are many of them. */
export function depthLayout(rows: DepthRow[], steps: number, width: number, labelWidth = 74): DepthLayout {
  const T = Math.max(1, steps);
  const cellW = Math.max(0.5, (width - labelWidth) / T);
  const rowH = rows.length <= 4 ? 22 : 16;
  const cellsWidth = cellW * T;
  const cellsHeight = rowH * rows.length;
  return { rows, steps: T, labelWidth, cellW, rowH, cellsWidth, cellsHeight, width: labelWidth + cellsWidth, height: cellsHeight + AXIS_HEIGHT };
}

/** The rectangle of a cell. */
export function cellRect(l: DepthLayout, c: DepthCell): { x: number; y: number; w: number; h: number } {
  return { x: l.labelWidth + c.t * l.cellW, y: c.row * l.rowH, w: l.cellW, h: l.rowH };
}

/** The cell under a point of the drawing, or null outside the cells. */
export function cellAt(l: DepthLayout, px: number, py: number): DepthCell | null {
  const x = px - l.labelWidth;
  if (x < 0 || x >= l.cellsWidth || py < 0 || py >= l.cellsHeight) return null;
  return { row: Math.min(l.rows.length - 1, Math.floor(py / l.rowH)), t: Math.min(l.steps - 1, Math.floor(x / l.cellW)) };
}

/** The row of a recurrence (−1 when the rows have none). */
export function rowOf(rows: DepthRow[], where: DepthRow): number {
  return rows.findIndex((r) => r.layer === where.layer && r.direction === where.direction);
}

/** Where a key moves the selection: ← → along time (Page keys by 10, Home / End to the ends), ↑ ↓ between rows; null for other keys. */
export function moveCell(c: DepthCell, key: string, rows: number, steps: number): DepthCell | null {
  const t = (v: number) => Math.min(steps - 1, Math.max(0, v));
  const r = (v: number) => Math.min(rows - 1, Math.max(0, v));
  switch (key) {
    case 'ArrowLeft':
      return { row: c.row, t: t(c.t - 1) };
    case 'ArrowRight':
      return { row: c.row, t: t(c.t + 1) };
    // as the time charts: Page Up later, Page Down earlier
    case 'PageUp':
      return { row: c.row, t: t(c.t + 10) };
    case 'PageDown':
      return { row: c.row, t: t(c.t - 10) };
    case 'Home':
      return { row: c.row, t: 0 };
    case 'End':
      return { row: c.row, t: steps - 1 };
    case 'ArrowUp':
      return { row: r(c.row - 1), t: c.t };
    case 'ArrowDown':
      return { row: r(c.row + 1), t: c.t };
    default:
      return null;
  }
}

/** Which cells show their gradient at this cursor: those whose backward event the walk has reached ([row][t]). */
export function depthReveal(c: Cursor, w: Walk, rows: DepthRow[]): boolean[][] {
  return rows.map((r) => Array.from({ length: w.steps }, (_, t) => backwardShown(c, w, { t, layer: r.layer, direction: r.direction })));
}

/** A step between time labels so they stay ≥ 28 px apart: 1, 2, 5, 10, 20, 50… */
export function tickStep(steps: number, cellW: number): number {
  for (const s of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]) if (s * cellW >= 28) return s;
  return Math.max(1000, steps);
}
