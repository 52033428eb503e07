/**
 * Puts the timeline's cells on screen. Small grids (cells with a gap around them) are drawn cell
 * by cell into one canvas the size of the timeline; packed grids (rows under 5 px: the large
 * networks) go into one small canvas per band (cellPixels.ts), which the browser stretches.
 */
import { bandWords } from './cellPixels';
import { cellInset, paintCells, sourceOf, type BandSources } from './timelineDraw';
import type { TimelineLayout } from './timelineLayout';
import { messageTask } from '../ui/messageTask';

/** Whether the layout's cells are packed (then they are painted as band images). */
export const packedCells = (layout: TimelineLayout): boolean => cellInset(layout.rowH) === 0;

/** Small grids: the whole timeline in one canvas at device scale. */
export function paintCanvas(canvas: HTMLCanvasElement | null, layout: TimelineLayout, sources: BandSources, dpr: number, empty: string): void {
  if (canvas) paintCells(canvas, layout, sources, dpr, empty);
}

/** Cells painted in one task at most: a large band is painted a slice of rows per task (a few ms each). */
const CELLS_PER_TASK = 20_000;

/** One buffer for every slice (putImageData copies it): no megabytes of garbage per snapshot. */
let scratch = new Uint32Array(0);
function scratchWords(n: number): Uint32Array {
  if (scratch.length < n) scratch = new Uint32Array(n);
  return scratch.subarray(0, n);
}

/**
 * Packed grids: one canvas per band inside `box` (made or reused here), steps × rows pixels,
 * placed over the band's cells; the mask leaves the gap between columns for the arrows. Large
 * bands are painted a slice of rows per task, after the commit that brought their snapshot, so that a
 * snapshot of T = 1000, H = 256 never holds the page for long; until then a band keeps its last
 * picture. Returns the cancel of what is still to paint (a newer snapshot starts over).
 */
export function paintBands(box: HTMLElement | null, layout: TimelineLayout, sources: BandSources, empty: string): () => void {
  if (!box) return () => undefined;
  const { steps, colWidth, cell, rowH } = layout;
  while (box.children.length > layout.bands.length) box.lastChild!.remove();
  while (box.children.length < layout.bands.length) box.appendChild(document.createElement('canvas'));
  const gap = (colWidth - cell) / 2;
  const mask = `repeating-linear-gradient(to right, transparent 0 ${gap}px, #000 ${gap}px ${gap + cell}px, transparent ${gap + cell}px ${colWidth}px)`;
  const later: (() => void)[] = [];
  layout.bands.forEach((band, i) => {
    const canvas = box.children[i] as HTMLCanvasElement;
    if (canvas.width !== steps || canvas.height !== band.rows) {
      canvas.width = steps;
      canvas.height = Math.max(1, band.rows);
    }
    // placed once per layout: writing the same styles on every snapshot made the page restyle
    const geometry = `${layout.left} ${band.y} ${steps} ${colWidth} ${cell} ${band.rows} ${rowH}`;
    if (canvas.dataset.geometry !== geometry) {
      canvas.dataset.geometry = geometry;
      Object.assign(canvas.style, {
        left: `${layout.left}px`,
        top: `${band.y}px`,
        width: `${steps * colWidth}px`,
        height: `${band.rows * rowH}px`,
        maskImage: mask,
        webkitMaskImage: mask,
      });
      // what the export needs to draw the cells with their gaps (exportView.ts)
      canvas.dataset.colWidth = String(colWidth);
      canvas.dataset.cell = String(cell);
    }
    const src = sourceOf(sources, band);
    const ctx = canvas.getContext('2d');
    const rowsPerTask = Math.max(1, Math.floor(CELLS_PER_TASK / steps));
    for (let from = 0; from < Math.max(1, band.rows); from += rowsPerTask) {
      const to = Math.min(Math.max(1, band.rows), from + rowsPerTask);
      const paint = () => {
        const words = bandWords(src, steps, to, empty, from, scratchWords(steps * (to - from)));
        ctx?.putImageData(new ImageData(new Uint8ClampedArray(words.buffer as ArrayBuffer, words.byteOffset, words.length * 4), steps, to - from), 0, from);
      };
      if (steps * band.rows <= CELLS_PER_TASK) paint();
      else later.push(paint);
    }
  });
  let cancel: () => void = () => undefined;
  const next = () => {
    const paint = later.shift();
    if (!paint) return;
    paint();
    if (later.length > 0) cancel = messageTask(next);
  };
  if (later.length > 0) cancel = messageTask(next);
  return () => cancel();
}
