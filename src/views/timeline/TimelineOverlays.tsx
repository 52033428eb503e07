/**
 * What is drawn over the timeline image: the layer boxes and arrows that never change, and what
 * moves with the cursor (the current cell, gradients flowing back, truncation cuts, the loss bars,
 * the shared-layer highlight). A reverse recurrence's arrows run right to left.
 */
import { backwardShown, outputShown, type Cursor, type Walk } from '../../state/cursor';
import { type Moment } from '../../state/moment';
import { type RecurrenceBox, type TimelineLayout } from './timelineLayout';

const PAD = 3;

/** The box of column t of a recurrence, as a path. */
function boxPath(layout: TimelineLayout, box: RecurrenceBox, t: number): string {
  const x = layout.colX(t);
  return `M${x - PAD},${box.top}h${layout.cell + 2 * PAD}v${box.bottom - box.top}h${-(layout.cell + 2 * PAD)}Z`;
}

/** Layer boxes (the same layer in every column), recurrent arrows, the arrows up, block cuts, time axis. */
export function StaticOverlay({ layout, cuts }: { layout: TimelineLayout; cuts: readonly number[] }) {
  const { steps, cell, colWidth } = layout;
  const boxes: string[] = [];
  const arrows: string[] = [];
  const heads: string[] = [];
  const ups: string[] = [];
  const withHeads = colWidth - cell >= 8;
  for (const box of layout.boxes) {
    const reverse = box.direction === 1;
    for (let t = 0; t < steps; t++) {
      boxes.push(boxPath(layout, box, t));
      if (t + 1 >= steps) continue;
      const x1 = layout.colX(t) + cell + PAD;
      const x2 = layout.colX(t + 1) - PAD;
      if (x2 - x1 < 3) continue;
      arrows.push(`M${x1},${box.mid}H${x2}`);
      if (withHeads) heads.push(reverse ? `M${x1},${box.mid}l4,-3v6Z` : `M${x2},${box.mid}l-4,-3v6Z`);
    }
  }
  // Up: x into layer 0, each layer into the one above (both directions of it), the last into y.
  const L = layout.boxes.reduce((n, b) => Math.max(n, b.layer + 1), 0);
  const layerSpan = (l: number) => {
    const own = layout.boxes.filter((b) => b.layer === l);
    return { top: Math.min(...own.map((b) => b.top)), bottom: Math.max(...own.map((b) => b.bottom)) };
  };
  for (let t = 0; t < steps; t++) {
    const cx = layout.colX(t) + cell / 2;
    if (layout.x) ups.push(`M${cx},${layout.x.y - 2}V${layerSpan(0).bottom + 1}`);
    for (let l = 0; l + 1 < L; l++) ups.push(`M${cx},${layerSpan(l).top - 1}V${layerSpan(l + 1).bottom + 1}`);
    if (layout.y) ups.push(`M${cx},${layerSpan(L - 1).top - 1}V${layout.y.y + layout.y.height + 2}`);
  }
  return (
    <g className="static">
      <path className="layer-boxes" d={boxes.join('')} />
      <path className="up-arrows" d={ups.join('')} />
      <path className="fwd-arrows" d={arrows.join('')} />
      <path className="fwd-heads" d={heads.join('')} />
      {cuts.map((t) => {
        const x = layout.colX(t) - (colWidth - cell) / 2;
        return <line key={t} className="cut-line" x1={x} x2={x} y1={6} y2={layout.axisY - 10} />;
      })}
      <g className="axis">
        {Array.from({ length: steps }, (_, t) => t)
          .filter((t) => t % layout.labelEvery === 0)
          .map((t) => (
            <text key={t} x={layout.colX(t) + cell / 2} y={layout.axisY} textAnchor="middle">
              {t}
            </text>
          ))}
      </g>
    </g>
  );
}

export interface DynamicProps {
  layout: TimelineLayout;
  cursor: Cursor;
  walk: Walk;
  unit: number | null;
  /** the hovered column and the recurrence under the pointer */
  hoverT: number | null;
  hoverRec: number | null;
  /** one reader per recurrence, index l·D + d */
  moments: Moment[];
  lossTerms: Float64Array;
}

/** What changes with the cursor: the current cell, backward arrows, the selected unit, loss bars. */
export function DynamicOverlay({ layout, cursor, walk, unit, hoverT, hoverRec, moments, lossTerms }: DynamicProps) {
  const { cell, steps } = layout;
  const t = cursor.t;
  const x = layout.colX(t);
  const current = layout.boxes[cursor.layer * walk.directions + cursor.direction] ?? layout.boxes[0];
  let back = '';
  const cutMarks: { t: number; y: number }[] = [];
  if (cursor.phase === 'backward') {
    for (const box of layout.boxes) {
      const m = moments[box.rec];
      const reverse = box.direction === 1;
      const mid = box.mid + Math.min(4, layout.rowH / 3);
      const reached = (s: number) => backwardShown(cursor, walk, { t: s, layer: box.layer, direction: box.direction });
      // The gradient a step sends back to the step before it in its direction (s − 1, or s + 1 in reverse).
      for (let s = 0; s < steps; s++) {
        const prev = reverse ? s + 1 : s - 1;
        if (prev < 0 || prev >= steps || !reached(s)) continue;
        if (m.cut(s).cutHere) {
          cutMarks.push({ t: s, y: mid - 6 });
          continue;
        }
        const left = Math.min(s, prev);
        const x1 = layout.colX(left) + cell + PAD;
        const x2 = layout.colX(left + 1) - PAD;
        if (x2 - x1 < 3) continue;
        back += reverse ? `M${x1},${mid}H${x2}` + (x2 - x1 >= 8 ? `M${x2},${mid}l-4,-3v6Z` : '') : `M${x2},${mid}H${x1}` + (x2 - x1 >= 8 ? `M${x1},${mid}l4,-3v6Z` : '');
      }
    }
  }
  const yb = layout.y;
  // Scaled to the largest finite term; an infinite term (extreme weights) is a full bar, NaN none.
  let maxLoss = 0;
  for (let s = 0; s < lossTerms.length; s++) if (Number.isFinite(lossTerms[s])) maxLoss = Math.max(maxLoss, lossTerms[s]);
  const lossBars: string[] = [];
  if (yb && (maxLoss > 0 || lossTerms.includes(Infinity))) {
    for (let s = 0; s < steps; s++) {
      if (!outputShown(cursor, walk, s) || Number.isNaN(lossTerms[s])) continue;
      const bh = Number.isFinite(lossTerms[s]) ? (lossTerms[s] / maxLoss) * 12 : 12;
      lossBars.push(`M${layout.colX(s)},${yb.y - 3}h${cell}v${-bh}h${-cell}Z`);
    }
  }
  const shared = hoverT !== null && hoverRec !== null && layout.boxes[hoverRec] ? layout.boxes[hoverRec] : null;
  const many = layout.boxes.length > 1;
  return (
    <g className="dynamic">
      {shared ? <path className="shared-highlight" d={Array.from({ length: steps }, (_, s) => boxPath(layout, shared, s)).join('')} /> : null}
      <path className="loss-bars" d={lossBars.join('')} />
      {back ? <path className={`bwd-arrows`} d={back} /> : null}
      {cutMarks.map((c) => (
        <text key={`${c.t}-${c.y}`} className="cut-mark" x={layout.colX(c.t) - (layout.colWidth - cell) / 2} y={c.y} textAnchor="middle">
          ✂
        </text>
      ))}
      {unit !== null && unit < current.h.rows
        ? layout.boxes.map((b) => <rect key={b.rec} className="unit-row" x={2} y={b.h.y + unit * layout.rowH - 1} width={layout.width - 4} height={layout.rowH + 2} />)
        : null}
      <rect className={`current-col ${cursor.phase}`} x={x - PAD - 1} y={4} width={cell + 2 * PAD + 2} height={layout.axisY - 2} rx={4} />
      {many ? <rect className={`current-cell ${cursor.phase}`} x={x - PAD - 2} y={current.top - 2} width={cell + 2 * PAD + 4} height={current.bottom - current.top + 4} rx={3} /> : null}
      {hoverT !== null && hoverT !== t ? <rect className="hover-col" x={layout.colX(hoverT) - PAD} y={6} width={cell + 2 * PAD} height={layout.axisY - 6} rx={3} /> : null}
    </g>
  );
}
