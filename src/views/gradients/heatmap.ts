/**
 * The weight-gradient heat maps, as pure functions: which blocks a model's gradients make (in the
 * lecture's notation or PyTorch's), where they go, which entry a pixel is, and the colour tables.
 */
import type { ParamArrays } from '../../state/model';

/** The arrays one heatmap shows: one layer and direction's four, and the head's two. */
export type LayerAndHead = Record<'wIh' | 'wHh' | 'bIh' | 'bHh' | 'headW' | 'headB', Float64Array>;

/** The arrays of recurrence l·D + d of a parameter set, with the head. */
export function layerAndHead(p: ParamArrays, index: number): LayerAndHead {
  const l = p.layers[index];
  return { wIh: l.wIh, wHh: l.wHh, bIh: l.bIh, bHh: l.bHh, headW: p.headW, headB: p.headB };
}
import { color } from 'd3';
import { divergingColor, signedLogColor } from '../ui/scales';

export type BlockKey = 'wIh' | 'wHh' | 'b' | 'headW' | 'headB';

/** One drawn matrix: its size as displayed, its slot in a small grid of blocks, its orientation. */
export interface HeatBlock {
  key: BlockKey;
  gridRow: number;
  gridCol: number;
  rows: number;
  cols: number;
  /** drawn transposed (the lecture's row-vector notation: W_x = W_ihᵀ, W_h = W_hhᵀ, W_y = W_headᵀ) */
  transposed: boolean;
}

export interface HeatShape {
  /** the layer's input width (I for layer 0, D·H above) */
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  /** the head's input width, D·H */
  headCols: number;
  /** gates per cell: rnn 1, lstm 4, gru 3 */
  gates: number;
}

/**
 * Which weight gradient goes where. PyTorch notation (column vectors): W_ih, W_hh and the two
 * biases side by side, sharing the G·H gate rows, with the head under W_hh (both have a column
 * per hidden unit). Lecture notation (row vectors): the transposes stacked as in
 * x W_x + h W_h + b, with W_y beside W_h (both have a row per hidden unit).
 */
export function heatBlocks(s: HeatShape, lecture: boolean): HeatBlock[] {
  const { inputSize: I, hiddenSize: H, outputSize: O } = s;
  const GH = s.gates * H;
  if (!lecture) {
    return [
      { key: 'wIh', gridRow: 0, gridCol: 0, rows: GH, cols: I, transposed: false },
      { key: 'wHh', gridRow: 0, gridCol: 1, rows: GH, cols: H, transposed: false },
      { key: 'b', gridRow: 0, gridCol: 2, rows: GH, cols: 2, transposed: false },
      { key: 'headW', gridRow: 1, gridCol: 1, rows: O, cols: s.headCols, transposed: false },
      { key: 'headB', gridRow: 1, gridCol: 2, rows: O, cols: 1, transposed: false },
    ];
  }
  return [
    { key: 'wIh', gridRow: 0, gridCol: 0, rows: I, cols: GH, transposed: true },
    { key: 'wHh', gridRow: 1, gridCol: 0, rows: H, cols: GH, transposed: true },
    { key: 'b', gridRow: 2, gridCol: 0, rows: 2, cols: GH, transposed: true },
    { key: 'headW', gridRow: 1, gridCol: 1, rows: s.headCols, cols: O, transposed: true },
    { key: 'headB', gridRow: 2, gridCol: 1, rows: 1, cols: O, transposed: true },
  ];
}

export interface PlaceOptions {
  /** narrowest block (px), so a one-column matrix still has room for its caption */
  minWidth: number;
  /** caption height above each block */
  caption: number;
  /** space between blocks */
  gap: number;
}

/** A block with its place (px, top-left of the matrix; the caption sits above) and cell size. */
export interface PlacedBlock extends HeatBlock {
  x: number;
  y: number;
  w: number;
  h: number;
  cellW: number;
  cellH: number;
}

export interface HeatPlacement {
  blocks: PlacedBlock[];
  width: number;
  height: number;
  /** cell width and height (px) before a narrow block is widened; below 1, values are aggregated */
  cellW: number;
  cellH: number;
}

/**
 * Places the blocks for a cell size: a grid column is as wide as its widest block, a grid row
 * as tall as its tallest. Cells need not be square (a heatmap reads by colour, not by shape).
 */
export function placeBlocks(blocks: readonly HeatBlock[], cellW: number, cellH: number, o: PlaceOptions): HeatPlacement {
  const nr = Math.max(...blocks.map((b) => b.gridRow)) + 1;
  const nc = Math.max(...blocks.map((b) => b.gridCol)) + 1;
  const colW = new Array<number>(nc).fill(0);
  const rowH = new Array<number>(nr).fill(0);
  for (const b of blocks) {
    colW[b.gridCol] = Math.max(colW[b.gridCol], Math.max(b.cols * cellW, o.minWidth));
    rowH[b.gridRow] = Math.max(rowH[b.gridRow], b.rows * cellH);
  }
  const colX: number[] = [];
  const rowY: number[] = [];
  let x = 0;
  for (let c = 0; c < nc; c++) {
    colX.push(x);
    x += colW[c] + (c < nc - 1 ? o.gap : 0);
  }
  let y = 0;
  for (let r = 0; r < nr; r++) {
    rowY.push(y + o.caption);
    y += o.caption + rowH[r] + (r < nr - 1 ? o.gap : 0);
  }
  const placed = blocks.map((b) => {
    const w = Math.max(b.cols * cellW, o.minWidth);
    const h = b.rows * cellH;
    return { ...b, x: colX[b.gridCol], y: rowY[b.gridRow], w, h, cellW: w / b.cols, cellH };
  });
  return { blocks: placed, width: x, height: y, cellW, cellH };
}

/**
 * The largest cells (each side ≤ max, neither more than `aspect` times the other) at which the
 * blocks fit the box; a side may fall below 1 px (then the values are aggregated).
 */
export function fitBlocks(blocks: readonly HeatBlock[], width: number, height: number, o: PlaceOptions, max = 14, aspect = 2.5): HeatPlacement {
  const largest = (fits: (c: number) => boolean) => {
    if (fits(max)) return max;
    let lo = 0.02;
    let hi = max;
    for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  // The width depends only on the cell width, the height only on the cell height.
  let cw = largest((c) => placeBlocks(blocks, c, 1, o).width <= width);
  let ch = largest((c) => placeBlocks(blocks, 1, c, o).height <= height);
  cw = Math.min(cw, ch * aspect);
  ch = Math.min(ch, cw * aspect);
  return placeBlocks(blocks, cw, ch, o);
}

/** Where (row, col) of a displayed block reads in the parameter arrays: field and flat index. */
export function entryIndex(b: HeatBlock, s: HeatShape, r: number, c: number): { field: keyof LayerAndHead; index: number } {
  const { inputSize: I, hiddenSize: H } = s;
  // (pr, pc) in PyTorch's own layout
  const pr = b.transposed ? c : r;
  const pc = b.transposed ? r : c;
  switch (b.key) {
    case 'wIh':
      return { field: 'wIh', index: pr * I + pc };
    case 'wHh':
      return { field: 'wHh', index: pr * H + pc };
    case 'b':
      return { field: pc === 0 ? 'bIh' : 'bHh', index: pr };
    case 'headW':
      return { field: 'headW', index: pr * s.headCols + pc };
    case 'headB':
      return { field: 'headB', index: pr };
  }
}

/**
 * A reader of a displayed block's values, (row, col) → value, without allocating per entry
 * (the painter reads every entry of every block at every step). Same mapping as entryIndex.
 */
export function blockReader(b: HeatBlock, s: HeatShape, p: LayerAndHead): (r: number, c: number) => number {
  const { inputSize: I, hiddenSize: H } = s;
  const t = b.transposed;
  switch (b.key) {
    case 'wIh': {
      const a = p.wIh;
      return t ? (r, c) => a[c * I + r] : (r, c) => a[r * I + c];
    }
    case 'wHh': {
      const a = p.wHh;
      return t ? (r, c) => a[c * H + r] : (r, c) => a[r * H + c];
    }
    case 'b': {
      const bi = p.bIh;
      const bh = p.bHh;
      return t ? (r, c) => (r === 0 ? bi : bh)[c] : (r, c) => (c === 0 ? bi : bh)[r];
    }
    case 'headW': {
      const a = p.headW;
      const K = s.headCols;
      return t ? (r, c) => a[c * K + r] : (r, c) => a[r * K + c];
    }
    case 'headB': {
      const a = p.headB;
      return t ? (_r, c) => a[c] : (r) => a[r];
    }
  }
}

/** The entry under a point (px), or null over a gap, a caption or outside. */
export function hitBlock(blocks: readonly PlacedBlock[], px: number, py: number): HeatSelection | null {
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    const x = px - b.x;
    const y = py - b.y;
    if (x < 0 || y < 0 || x >= b.w || y >= b.h) continue;
    return { block: k, r: Math.min(b.rows - 1, Math.floor(y / b.cellH)), c: Math.min(b.cols - 1, Math.floor(x / b.cellW)) };
  }
  return null;
}

export interface HeatSelection {
  block: number;
  r: number;
  c: number;
}

/** Arrow-key movement over the entries: within a block, then on to the next / previous block. */
export function moveSelection(blocks: readonly HeatBlock[], sel: HeatSelection, key: string): HeatSelection {
  const b = blocks[sel.block];
  const n = blocks.length;
  const clampTo = (k: number, r: number, c: number): HeatSelection => {
    const bb = blocks[k];
    return { block: k, r: Math.min(Math.max(0, r), bb.rows - 1), c: Math.min(Math.max(0, c), bb.cols - 1) };
  };
  switch (key) {
    case 'ArrowRight':
      if (sel.c + 1 < b.cols) return { ...sel, c: sel.c + 1 };
      return sel.block + 1 < n ? clampTo(sel.block + 1, sel.r, 0) : sel;
    case 'ArrowLeft':
      if (sel.c > 0) return { ...sel, c: sel.c - 1 };
      return sel.block > 0 ? clampTo(sel.block - 1, sel.r, Infinity) : sel;
    case 'ArrowDown':
      if (sel.r + 1 < b.rows) return { ...sel, r: sel.r + 1 };
      return sel.block + 1 < n ? clampTo(sel.block + 1, 0, sel.c) : sel;
    case 'ArrowUp':
      if (sel.r > 0) return { ...sel, r: sel.r - 1 };
      return sel.block > 0 ? clampTo(sel.block - 1, Infinity, sel.c) : sel;
    case 'Home':
      return clampTo(0, 0, 0);
    case 'End':
      return clampTo(n - 1, Infinity, Infinity);
    default:
      return sel;
  }
}

/** 256 RGB entries of the diverging scale over [−extent, extent], for painting many cells fast. */
export function divergingLut(extent: number): Uint8ClampedArray {
  const f = divergingColor(extent);
  const lut = new Uint8ClampedArray(256 * 3);
  for (let k = 0; k < 256; k++) {
    const c = color(f(-extent + (2 * extent * k) / 255))?.rgb();
    lut[3 * k] = c?.r ?? 0;
    lut[3 * k + 1] = c?.g ?? 0;
    lut[3 * k + 2] = c?.b ?? 0;
  }
  return lut;
}

/** LUT slot of a value on [−extent, extent] (clamped; NaN in the middle). */
export function lutIndex(v: number, extent: number): number {
  if (Number.isNaN(v)) return 128;
  const k = Math.round(((v / extent + 1) / 2) * 255);
  return Math.min(255, Math.max(0, k));
}

/**
 * 257 RGB entries of the signed log scale (scales.ts signedLogColor): slot 128 is 0, slots
 * 129 … 256 positive and 127 … 0 negative values from `decades` below `extent` up to it.
 */
export function signedLogLut(extent: number, decades: number): Uint8ClampedArray {
  const f = signedLogColor(extent, decades);
  const top = Math.log10(Math.max(extent, 1e-300));
  const lut = new Uint8ClampedArray(257 * 3);
  for (let k = 0; k < 257; k++) {
    const m = k - 128;
    const v = m === 0 ? 0 : Math.sign(m) * Math.pow(10, top - decades + ((Math.abs(m) - 1) / 127) * decades);
    const c = color(f(v))?.rgb();
    lut[3 * k] = c?.r ?? 0;
    lut[3 * k + 1] = c?.g ?? 0;
    lut[3 * k + 2] = c?.b ?? 0;
  }
  return lut;
}

/** Slot of a value in signedLogLut (clamped to the decades shown; 0 and NaN in the middle). */
export function signedLogIndex(v: number, extent: number, decades: number): number {
  const a = Math.abs(v);
  if (!(a > 0)) return 128;
  const top = Math.log10(Math.max(extent, 1e-300));
  const depth = Math.min(1, Math.max(0, (Math.log10(a) - (top - decades)) / decades));
  return 128 + Math.sign(v) * (1 + Math.round(depth * 127));
}
