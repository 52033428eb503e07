/**
 * Paints the timeline's unit cells into off-screen canvases once per session (forward values,
 * and gradients for the backward phase). A step then only composes these images, so moving
 * the cursor costs the same at T = 400, H = 128 as at toy sizes.
 */
import type { SessionSnapshot } from '../../state/model';
import { divergingColor, gradientMagnitudeColor, symmetricExtent } from '../ui/scales';
import type { BandId, TimelineLayout } from './timelineLayout';

export interface BandSource {
  /** flat values, row-major: row index = timestep (offset rows for hs/cs) */
  data: Float64Array;
  /** first row of timestep 0 (1 for hs and cs, whose row 0 is the initial state) */
  rowOffset: number;
  width: number;
  color: (v: number) => string;
  /** the colour scale's range, for the legend */
  extent: number;
  log: boolean;
}

export type BandSources = Partial<Record<BandId, BandSource>>;

/** Forward values of each band, with their colour scales. */
export function forwardSources(s: SessionSnapshot, dark = false): BandSources {
  const { inputSize: I, hiddenSize: H, outputSize: O, cell } = s.model;
  const xExt = symmetricExtent(s.xs);
  const hExt = symmetricExtent(s.hs, H);
  const yExt = Math.max(symmetricExtent(s.ys), s.loss === 'mse' ? symmetricExtent(s.targets) : 0);
  const out: BandSources = {
    x: { data: s.xs, rowOffset: 0, width: I, color: divergingColor(xExt, dark), extent: xExt, log: false },
    h: { data: s.hs, rowOffset: 1, width: H, color: divergingColor(hExt, dark), extent: hExt, log: false },
    y: { data: s.ys, rowOffset: 0, width: O, color: divergingColor(yExt, dark), extent: yExt, log: false },
  };
  if (cell === 'lstm') {
    const cExt = symmetricExtent(s.cs, H);
    out.c = { data: s.cs, rowOffset: 1, width: H, color: divergingColor(cExt, dark), extent: cExt, log: false };
  }
  return out;
}

/**
 * Gradients dL/dx, dL/dh, dL/dc, dL/dy by magnitude on a log scale over the 4 decades below the
 * largest (light = small, dark = large): vanishing reads as fading. The sign is in the readout.
 */
export function backwardSources(s: SessionSnapshot, dark = false): BandSources {
  const { inputSize: I, hiddenSize: H, outputSize: O, cell } = s.model;
  const src = (data: Float64Array, width: number): BandSource => {
    const ext = symmetricExtent(data);
    return { data, rowOffset: 0, width, color: gradientMagnitudeColor(ext * 1e-4, ext, dark), extent: ext, log: true };
  };
  const out: BandSources = { x: src(s.dxs, I), h: src(s.dhs, H), y: src(s.dys, O) };
  if (cell === 'lstm') out.c = src(s.dcs, H);
  return out;
}

function makeCanvas(w: number, h: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.ceil(w));
  c.height = Math.max(1, Math.ceil(h));
  return c;
}

/** Draws every band's cells for all timesteps at device scale `dpr`. */
export function paintCells(layout: TimelineLayout, sources: BandSources, dpr: number, empty: string): HTMLCanvasElement {
  const canvas = makeCanvas(layout.width * dpr, layout.height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.scale(dpr, dpr);
  const { cell, rowH } = layout;
  const inset = rowH >= 8 ? 1 : rowH >= 5 ? 0.5 : 0;
  for (const band of layout.bands) {
    const src = sources[band.id];
    for (let t = 0; t < layout.steps; t++) {
      const x = layout.colX(t);
      for (let r = 0; r < band.rows; r++) {
        if (!src || r >= src.width) {
          ctx.fillStyle = empty;
        } else {
          const v = src.data[(t + src.rowOffset) * src.width + r];
          ctx.fillStyle = src.color(v);
        }
        ctx.fillRect(x + inset, band.y + r * rowH + inset, cell - 2 * inset, rowH - 2 * inset);
      }
    }
  }
  return canvas;
}
