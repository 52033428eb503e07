/**
 * Paints the timeline's unit cells into off-screen canvases once per session (forward values,
 * and gradients for the backward phase). A step then only composes these images, so moving
 * the cursor costs the same at T = 400, H = 128 as at toy sizes.
 */
import type { SessionSnapshot } from '../../state/model';
import { divergingColor, gradientMagnitudeColor, symmetricExtent } from '../ui/scales';
import type { BandId, BandLayout, TimelineLayout } from './timelineLayout';

export interface BandSource {
  /** flat values, row-major: one row of `width` per timestep (in processing order for a reverse recurrence) */
  data: Float64Array;
  /** first row of the first step (1 for hs and cs, whose row 0 is the initial state) */
  rowOffset: number;
  width: number;
  /** rows run from t = T − 1 down (a reverse recurrence's processing order) */
  reverse: boolean;
  color: (v: number) => string;
  /** the colour scale's range, for the legend */
  extent: number;
  log: boolean;
  /** the colour scale's name when `color` depends on v / extent only (the packed timeline keeps its colour table) */
  palette?: string;
  /** one scale per row instead (a custom series' columns, which may differ in size by orders of magnitude) */
  rows?: { color: (v: number) => string; extent: number }[];
}

/** x and y, and h and c of every recurrence (index l·D + d), on one colour scale per kind. */
export interface BandSources {
  x?: BandSource;
  y?: BandSource;
  h: BandSource[];
  c: BandSource[];
}

/** The value of a band's source at step t, row r. */
export function sourceValue(src: BandSource, steps: number, t: number, r: number): number {
  const row = (src.reverse ? steps - 1 - t : t) + src.rowOffset;
  return src.data[row * src.width + r];
}

/** The source a band of the layout paints from. */
export function sourceOf(sources: BandSources, band: BandLayout): BandSource | undefined {
  if (band.id === 'x' || band.id === 'y') return sources[band.id];
  return sources[band.id][band.rec];
}

/** The largest finite |v| over several arrays (the rows from `offset` on): one scale for all (1 when all are 0). */
function sharedExtent(arrays: Float64Array[], offset = 0): number {
  let m = 0;
  for (const a of arrays) {
    for (let k = offset; k < a.length; k++) {
      const v = Math.abs(a[k]);
      if (v > m && Number.isFinite(v)) m = v;
    }
  }
  return m > 1e-12 ? m : 1;
}

/** The largest finite |v| of column c of row-major arrays `width` wide (1 when all are 0). */
function columnExtent(arrays: Float64Array[], width: number, c: number): number {
  let m = 0;
  for (const a of arrays) {
    for (let k = c; k < a.length; k += width) {
      const v = Math.abs(a[k]);
      if (v > m && Number.isFinite(v)) m = v;
    }
  }
  return m > 1e-12 ? m : 1;
}

/** A scale per column: the user's own columns (a time index next to a ±1 signal) each keep their range. */
function perColumn(arrays: Float64Array[], width: number, dark: boolean): BandSource['rows'] {
  return Array.from({ length: width }, (_, c) => {
    const extent = columnExtent(arrays, width, c);
    return { color: divergingColor(extent, dark), extent };
  });
}

/** Forward values of each band, with their colour scales (all layers' h on one scale, all c on another). */
export function forwardSources(s: SessionSnapshot, dark = false): BandSources {
  const { inputSize: I, hiddenSize: H, outputSize: O, cell } = s.model;
  const xExt = symmetricExtent(s.xs);
  const hExt = sharedExtent(
    s.layers.map((r) => r.hs),
    H,
  );
  const yExt = Math.max(symmetricExtent(s.ys), s.loss === 'mse' ? symmetricExtent(s.targets) : 0);
  const hColor = divergingColor(hExt, dark);
  const diverging = dark ? 'diverging-dark' : 'diverging';
  const out: BandSources = {
    x: { data: s.xs, rowOffset: 0, width: I, reverse: false, color: divergingColor(xExt, dark), extent: xExt, log: false, palette: diverging },
    y: { data: s.ys, rowOffset: 0, width: O, reverse: false, color: divergingColor(yExt, dark), extent: yExt, log: false, palette: diverging },
    h: s.layers.map((r) => ({ data: r.hs, rowOffset: 1, width: H, reverse: r.direction === 1, color: hColor, extent: hExt, log: false, palette: diverging })),
    c: [],
  };
  if (s.task === 'custom' && I > 1) {
    out.x!.rows = perColumn([s.xs], I, dark);
    out.y!.rows = perColumn(s.loss === 'mse' ? [s.ys, s.targets] : [s.ys], O, dark);
  }
  if (cell === 'lstm') {
    const cExt = sharedExtent(
      s.layers.map((r) => r.cs),
      H,
    );
    const cColor = divergingColor(cExt, dark);
    out.c = s.layers.map((r) => ({ data: r.cs, rowOffset: 1, width: H, reverse: r.direction === 1, color: cColor, extent: cExt, log: false, palette: diverging }));
  }
  return out;
}

/**
 * Gradients dL/dx, dL/dh, dL/dc, dL/dy by magnitude on a log scale over the 4 decades below the
 * largest (light = small, dark = large): vanishing reads as fading, along time and down the layers
 * alike (one scale for every layer's dL/dh). The sign is in the readout.
 */
export function backwardSources(s: SessionSnapshot, dark = false): BandSources {
  const { inputSize: I, hiddenSize: H, outputSize: O, cell } = s.model;
  // four decades below the top: the colour depends on |v| / top only
  const scale = (ext: number) => gradientMagnitudeColor(ext * 1e-4, ext, dark);
  const palette = dark ? 'magnitude-dark' : 'magnitude';
  const src = (data: Float64Array, width: number): BandSource => {
    const ext = symmetricExtent(data);
    return { data, rowOffset: 0, width, reverse: false, color: scale(ext), extent: ext, log: true, palette };
  };
  const perRec = (arrays: Float64Array[]): BandSource[] => {
    const ext = sharedExtent(arrays);
    const color = scale(ext);
    return arrays.map((data, i) => ({ data, rowOffset: 0, width: H, reverse: s.layers[i].direction === 1, color, extent: ext, log: true, palette }));
  };
  return {
    x: src(s.dxs, I),
    y: src(s.dys, O),
    h: perRec(s.layers.map((r) => r.dhs)),
    c: cell === 'lstm' ? perRec(s.layers.map((r) => r.dcs)) : [],
  };
}

const sourcesCache = new WeakMap<SessionSnapshot, Map<boolean, { fwd: BandSources; bwd: BandSources }>>();

/**
 * Both phases' sources of a snapshot, made once per snapshot and theme: the grid and its legend
 * read the same (at the largest sizes the extents alone pass over megabytes).
 */
export function timelineSources(s: SessionSnapshot, dark: boolean): { fwd: BandSources; bwd: BandSources } {
  let byTheme = sourcesCache.get(s);
  if (!byTheme) sourcesCache.set(s, (byTheme = new Map()));
  let both = byTheme.get(dark);
  if (!both) byTheme.set(dark, (both = { fwd: forwardSources(s, dark), bwd: backwardSources(s, dark) }));
  return both;
}

/**
 * Draws every band's cells for all timesteps into `canvas` at device scale `dpr`, one fillRect
 * each (small grids). Straight into the canvas on the page: drawn into a canvas of its own and
 * copied over, the first view paid for a second 2D context and the copy.
 */
export function paintCells(canvas: HTMLCanvasElement, layout: TimelineLayout, sources: BandSources, dpr: number, empty: string): void {
  // (setting the size clears the canvas, also when it is unchanged)
  canvas.width = Math.max(1, Math.ceil(layout.width * dpr));
  canvas.height = Math.max(1, Math.ceil(layout.height * dpr));
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  const { cell, rowH } = layout;
  const inset = cellInset(rowH);
  for (const band of layout.bands) {
    const src = sourceOf(sources, band);
    for (let t = 0; t < layout.steps; t++) {
      const x = layout.colX(t);
      for (let r = 0; r < band.rows; r++) {
        ctx.fillStyle = !src || r >= src.width ? empty : (src.rows?.[r].color ?? src.color)(sourceValue(src, layout.steps, t, r));
        ctx.fillRect(x + inset, band.y + r * rowH + inset, cell - 2 * inset, rowH - 2 * inset);
      }
    }
  }
}

/** The gap around a cell: none once rows are thinner than 5 px (then cells are packed). */
export function cellInset(rowH: number): number {
  return rowH >= 8 ? 1 : rowH >= 5 ? 0.5 : 0;
}

export type { BandId };
