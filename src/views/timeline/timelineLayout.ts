/**
 * Geometry of the unrolled timeline: one column per timestep, bands of unit cells stacked
 * bottom-up as in the lecture's figures (x at the bottom, then the layer's h (and c), then y).
 * Pure functions of the sizes, so they are tested and shared by the canvas and SVG layers.
 */

export type BandId = 'y' | 'h' | 'c' | 'x';

export interface BandLayout {
  id: BandId;
  /** top of the band's first cell */
  y: number;
  /** number of unit rows drawn */
  rows: number;
  height: number;
}

export interface TimelineLayout {
  steps: number;
  /** width of a unit cell (a column's cells) */
  cell: number;
  /** height of a unit cell (one unit's row) */
  rowH: number;
  colWidth: number;
  /** x of column t's left edge */
  colX: (t: number) => number;
  /** left margin (labels) and total size */
  left: number;
  width: number;
  height: number;
  bands: BandLayout[];
  band: Record<BandId, BandLayout | null>;
  /** the layer box (around h and c) of a column */
  layerTop: number;
  layerBottom: number;
  /** label every n-th timestep */
  labelEvery: number;
  /** y of the time labels */
  axisY: number;
}

export interface LayoutInput {
  steps: number;
  /** unit rows of each band (x, h, c (0 = none), y) */
  xRows: number;
  hRows: number;
  cRows: number;
  yRows: number;
  /** height of one unit row in px */
  cell: number;
  /** width of a column's cells (defaults to the row height: square cells) */
  cellWidth?: number;
}

/** width of the band labels column, drawn outside the scrolling drawing */
export const LABEL_WIDTH = 64;
const MARGIN = 8;
const BAND_GAP = 18;
const LAYER_PAD = 5;
const TOP = 22;

export function layoutTimeline(inp: LayoutInput): TimelineLayout {
  const { steps } = inp;
  const rowH = inp.cell;
  const cell = inp.cellWidth ?? rowH;
  const colGap = Math.max(6, Math.min(28, Math.round(cell * 0.9)));
  const colWidth = cell + colGap;
  const left = MARGIN;
  const bands: BandLayout[] = [];
  let y = TOP;
  const push = (id: BandId, rows: number, gapAfter: number) => {
    if (rows <= 0) return;
    const height = rows * rowH;
    bands.push({ id, y, rows, height });
    y += height + gapAfter;
  };
  push('y', inp.yRows, BAND_GAP + LAYER_PAD);
  const layerTop = y - LAYER_PAD;
  push('c', inp.cRows, 8);
  push('h', inp.hRows, 0);
  const layerBottom = y + LAYER_PAD;
  y += LAYER_PAD + BAND_GAP;
  push('x', inp.xRows, 0);
  const axisY = y + 14;
  const band = { y: null, h: null, c: null, x: null } as Record<BandId, BandLayout | null>;
  for (const b of bands) band[b.id] = b;
  const labelEvery = niceEvery(Math.ceil(34 / colWidth));
  return {
    steps,
    cell,
    rowH,
    colWidth,
    colX: (t: number) => left + t * colWidth + colGap / 2,
    left,
    width: left + steps * colWidth + 12,
    height: axisY + 8,
    bands,
    band,
    layerTop,
    layerBottom,
    labelEvery,
    axisY,
  };
}

/** 1, 2, 5, 10, 20, 50 … at least n. */
export function niceEvery(n: number): number {
  if (n <= 1) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(n)));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** The cell size that fits the bands into `available` px of height (clamped to stay legible). */
export function fitCell(totalRows: number, bandsCount: number, available: number, min = 3, max = 30): number {
  const fixed = TOP + bandsCount * BAND_GAP + 2 * LAYER_PAD + 30;
  const c = Math.floor((available - fixed) / Math.max(1, totalRows));
  return Math.max(min, Math.min(max, c));
}

/** Which (t, band, row) a point of the drawing falls on, or null. */
export function hitTest(l: TimelineLayout, px: number, py: number): { t: number; band: BandId | null; row: number | null } | null {
  const t = Math.floor((px - l.left) / l.colWidth);
  if (t < 0 || t >= l.steps) return null;
  const x0 = l.colX(t);
  for (const b of l.bands) {
    if (py >= b.y && py < b.y + b.height && px >= x0 && px < x0 + l.cell) {
      return { t, band: b.id, row: Math.floor((py - b.y) / l.rowH) };
    }
  }
  return { t, band: null, row: null };
}
