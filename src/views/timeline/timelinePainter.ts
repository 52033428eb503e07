/**
 * Puts the timeline's cells on screen. Small grids (cells with a gap around them) are drawn cell
 * by cell into one canvas the size of the timeline; packed grids (rows under 5 px: the large
 * networks) go into one small canvas per band (cellPixels.ts), which the browser stretches.
 */
import { bandImage } from './cellPixels';
import { cellInset, paintCells, sourceOf, sourceValue, type BandSources } from './timelineDraw';
import type { TimelineLayout } from './timelineLayout';

/** Whether the layout's cells are packed (then they are painted as band images). */
export const packedCells = (layout: TimelineLayout): boolean => cellInset(layout.rowH) === 0;

/** Small grids: the whole timeline in one canvas at device scale. */
export function paintCanvas(canvas: HTMLCanvasElement | null, layout: TimelineLayout, sources: BandSources, dpr: number, empty: string): void {
  if (!canvas) return;
  const img = paintCells(layout, sources, dpr, empty);
  canvas.width = img.width;
  canvas.height = img.height;
  canvas.getContext('2d')?.drawImage(img, 0, 0);
}

/**
 * Packed grids: one canvas per band inside `box` (made or reused here), steps × rows pixels,
 * placed over the band's cells; the mask leaves the gap between columns for the arrows.
 */
export function paintBands(box: HTMLElement | null, layout: TimelineLayout, sources: BandSources, empty: string): void {
  if (!box) return;
  const { steps, colWidth, cell, rowH } = layout;
  while (box.children.length > layout.bands.length) box.lastChild!.remove();
  while (box.children.length < layout.bands.length) box.appendChild(document.createElement('canvas'));
  const gap = (colWidth - cell) / 2;
  const mask = `repeating-linear-gradient(to right, transparent 0 ${gap}px, #000 ${gap}px ${gap + cell}px, transparent ${gap + cell}px ${colWidth}px)`;
  layout.bands.forEach((band, i) => {
    const canvas = box.children[i] as HTMLCanvasElement;
    if (canvas.width !== steps || canvas.height !== band.rows) {
      canvas.width = steps;
      canvas.height = Math.max(1, band.rows);
    }
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
    const img = bandImage(sourceOf(sources, band), steps, band.rows, empty, (s, t, r) => sourceValue(s, steps, t, r));
    canvas.getContext('2d')?.putImageData(img, 0, 0);
  });
}
