/**
 * Geometry of the unrolled timeline: one column per timestep, bands of unit cells stacked
 * bottom-up as in the lecture's figures: x at the bottom, then each layer's h (and c) in a box,
 * layer 0 first (its forward direction, then its reverse one), then y at the top. Pure functions
 * of the sizes, so they are tested and shared by the canvas and SVG layers.
 */

export type BandId = 'y' | 'h' | 'c' | 'x';

export interface BandLayout {
  id: BandId;
  /** the recurrence (index l·D + d) an h or c band belongs to; −1 for x and y */
  rec: number;
  /** top of the band's first cell */
  y: number;
  /** number of unit rows drawn */
  rows: number;
  height: number;
}

/** The box of one recurrence (one layer in one direction): its h (and c) bands in every column. */
export interface RecurrenceBox {
  rec: number;
  layer: number;
  direction: number;
  top: number;
  bottom: number;
  /** y of the recurrent arrows between columns (the middle of the h band) */
  mid: number;
  /** its h band (every recurrence has one) */
  h: BandLayout;
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
  /** left margin and total size */
  left: number;
  width: number;
  height: number;
  bands: BandLayout[];
  /** the x and y bands (null when a size is 0) */
  x: BandLayout | null;
  y: BandLayout | null;
  /** one box per recurrence, index l·D + d */
  boxes: RecurrenceBox[];
  /** top of the row of input chips above the columns, and of the target chips under y (null: none) */
  inputChips: number | null;
  targetChips: number | null;
  /** the span of all the boxes */
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
  /** L and D (1 when absent) */
  layers?: number;
  directions?: number;
  /** height of one unit row in px */
  cell: number;
  /** width of a column's cells (defaults to the row height: square cells) */
  cellWidth?: number;
  /** width of a column, cell and gap (defaults to the cell width and a gap of about 0.9 of it) */
  colWidth?: number;
  /** a row of chips naming each step's input above the columns, and its target under y */
  chips?: boolean;
}

/** height of a row of step chips */
export const CHIP_H = 22;

/** width of the band labels column, drawn outside the scrolling drawing */
export const LABEL_WIDTH = 46;
/** …in projector mode, where the labels are set at 18 px */
export const PROJECTOR_LABEL_WIDTH = 110;
const MARGIN = 4;
const BAND_GAP = 18;
/** between the two directions of one layer: no arrow runs there */
const DIRECTION_GAP = 8;
const LAYER_PAD = 5;
const TOP = 22;

export function layoutTimeline(inp: LayoutInput): TimelineLayout {
  const { steps } = inp;
  const L = inp.layers ?? 1;
  const D = inp.directions ?? 1;
  const rowH = inp.cell;
  const cell = inp.cellWidth ?? rowH;
  // a given column width is kept (the cells must leave room for the arrows); else a gap of about 0.9 cell
  const colWidth = inp.colWidth ?? cell + Math.max(6, Math.min(28, Math.round(cell * 0.9)));
  const colGap = colWidth - cell;
  const left = MARGIN;
  const bands: BandLayout[] = [];
  let y = TOP;
  const inputChips = inp.chips ? y : null;
  if (inp.chips) y += CHIP_H + 8;
  const push = (id: BandId, rec: number, rows: number, gapAfter: number): BandLayout | null => {
    if (rows <= 0) return null;
    const height = rows * rowH;
    const b = { id, rec, y, rows, height };
    bands.push(b);
    y += height + gapAfter;
    return b;
  };
  const yBand = push('y', -1, inp.yRows, inp.chips ? 4 : BAND_GAP + LAYER_PAD);
  // the y band's label needs 14 px beside it, clear of the target row's label
  if (inp.chips && yBand && yBand.height < 14) y += 14 - yBand.height;
  const targetChips = inp.chips ? y : null;
  if (inp.chips) y += CHIP_H + BAND_GAP + LAYER_PAD;
  const layerTop = y - LAYER_PAD;
  const boxes: RecurrenceBox[] = [];
  // Drawn top-down: the last layer first; within a layer the reverse direction above the forward one.
  for (let layer = L - 1; layer >= 0; layer--) {
    for (let direction = D - 1; direction >= 0; direction--) {
      const rec = layer * D + direction;
      const top = y - LAYER_PAD;
      push('c', rec, inp.cRows, 8);
      const h = push('h', rec, inp.hRows, 0)!;
      const bottom = y + LAYER_PAD;
      boxes[rec] = { rec, layer, direction, top, bottom, mid: h.y + h.height / 2, h };
      const lastBox = layer === 0 && direction === 0;
      if (!lastBox) y += 2 * LAYER_PAD + (direction === 0 ? BAND_GAP : DIRECTION_GAP);
    }
  }
  const layerBottom = y + LAYER_PAD;
  y += LAYER_PAD + BAND_GAP;
  const xBand = push('x', -1, inp.xRows, 0);
  const axisY = y + 14;
  const labelEvery = niceEvery(Math.ceil(34 / colWidth));
  return {
    steps,
    cell,
    rowH,
    colWidth,
    colX: (t: number) => left + t * colWidth + colGap / 2,
    left,
    width: left + steps * colWidth + 4,
    height: axisY + 8,
    bands,
    x: xBand,
    y: yBand,
    boxes,
    inputChips,
    targetChips,
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

/**
 * The cell size that fits the bands into `available` px of height (clamped to stay legible).
 * `boxes` recurrence boxes each add their padding and a gap.
 */
export function fitCell(totalRows: number, bandsCount: number, available: number, min = 3, max = 30, boxes = 1, chips = false): number {
  const fixed = TOP + bandsCount * BAND_GAP + 2 * LAYER_PAD * boxes + (boxes - 1) * BAND_GAP + 30 + (chips ? 2 * CHIP_H + 12 : 0);
  const c = Math.floor((available - fixed) / Math.max(1, totalRows));
  return Math.max(min, Math.min(max, c));
}

/** What a point of the drawing falls on: the column t, and the band, its recurrence and row when on a cell. */
export interface TimelineHit {
  t: number;
  band: BandId | null;
  /** the recurrence of an h or c band (−1 for x and y), or of the box the point is in; null outside every box */
  rec: number | null;
  row: number | null;
}

/** Which (t, band, row) a point of the drawing falls on, or null. */
export function hitTest(l: TimelineLayout, px: number, py: number): TimelineHit | null {
  const t = Math.floor((px - l.left) / l.colWidth);
  if (t < 0 || t >= l.steps) return null;
  const x0 = l.colX(t);
  const inColumn = px >= x0 && px < x0 + l.cell;
  for (const b of l.bands) {
    if (py >= b.y && py < b.y + b.height && inColumn) {
      return { t, band: b.id, rec: b.rec, row: Math.floor((py - b.y) / l.rowH) };
    }
  }
  const box = l.boxes.find((b) => py >= b.top && py < b.bottom);
  return { t, band: null, rec: box ? box.rec : null, row: null };
}
