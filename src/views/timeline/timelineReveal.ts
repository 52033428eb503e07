/**
 * Which parts of the timeline the walk has reached, as rectangles: going forward, a cell's values
 * appear when its forward event is reached (the rest lies under a veil); going backward, its
 * gradient appears when its backward event is reached. Each recurrence box, the inputs and the
 * outputs reveal on their own, so a stacked or two-way network shows exactly what is computed.
 * Pure: a handful of rectangles per step, whatever T and H are.
 */
import { backwardShown, forwardShown, inputGradShown, inputRead, outputShown, type Cursor, type Walk } from '../../state/cursor';
import type { TimelineLayout } from './timelineLayout';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Reveal {
  /** what lies under the veil: not computed yet (forward), or not reached by the gradient yet (backward) */
  veiled: Rect[];
  /** where the gradient image shows (backward only) */
  gradient: Rect[];
}

/** A horizontal band of the drawing and which of its columns are reached. */
interface Strip {
  top: number;
  bottom: number;
  reached: (t: number) => boolean;
}

/** The runs of columns with the same `reached`, as rectangles, split into reached and not. */
function runs(layout: TimelineLayout, strip: Strip, reached: Rect[], other: Rect[]): void {
  const edge = (col: number) => layout.left + col * layout.colWidth;
  let start = 0;
  for (let t = 1; t <= layout.steps; t++) {
    if (t < layout.steps && strip.reached(t) === strip.reached(start)) continue;
    const rect = { x: edge(start), y: strip.top, width: edge(t) - edge(start), height: strip.bottom - strip.top };
    (strip.reached(start) ? reached : other).push(rect);
    start = t;
  }
}

export function revealRects(layout: TimelineLayout, c: Cursor, walk: Walk): Reveal {
  const backward = c.phase === 'backward';
  const strips: Strip[] = [];
  for (const box of layout.boxes) {
    const at = (t: number) => ({ t, layer: box.layer, direction: box.direction });
    strips.push({ top: box.top, bottom: box.bottom, reached: backward ? (t) => backwardShown(c, walk, at(t)) : (t) => forwardShown(c, walk, at(t)) });
  }
  if (layout.x) {
    const x = layout.x;
    // Going forward, an input is read once some direction of layer 0 has reached its step.
    strips.push({ top: x.y - 2, bottom: x.y + x.height + 2, reached: backward ? (t) => inputGradShown(c, walk, t) : (t) => inputRead(c, walk, t) });
  }
  if (layout.y) {
    const y = layout.y;
    // dL/dy_t is first used by the top layer's first backward direction at t.
    const top = { layer: walk.layers - 1, direction: walk.directions - 1 };
    strips.push({ top: y.y - 16, bottom: y.y + y.height + 2, reached: backward ? (t) => backwardShown(c, walk, { t, ...top }) : (t) => outputShown(c, walk, t) });
  }
  const reached: Rect[] = [];
  const veiled: Rect[] = [];
  for (const s of strips) runs(layout, s, reached, veiled);
  return { veiled, gradient: backward ? reached : [] };
}

/** A CSS clip-path that shows only these rectangles (nothing when there are none). */
export function clipPathOf(rects: Rect[]): string {
  if (rects.length === 0) return 'inset(0 0 0 100%)';
  return `path('${rects.map((r) => `M${r.x},${r.y}h${r.width}v${r.height}h${-r.width}Z`).join('')}')`;
}
