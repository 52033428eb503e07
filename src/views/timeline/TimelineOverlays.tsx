/**
 * What is drawn over the timeline image: the layer boxes and arrows that never change, and what moves with the cursor (the current column, gradients flowing back, truncation cuts, the loss bars, the shared-layer highlight).
 */
import { forwardShown } from '../../state/cursor';
import { type Moment } from '../../state/moment';
import { type TimelineLayout } from './timelineLayout';

/** Layer boxes (the same layer in every column), forward arrows, block cuts, time axis. */
export function StaticOverlay({ layout, cuts }: { layout: TimelineLayout; cuts: readonly number[] }) {
  const { steps, cell, colWidth } = layout;
  const h = layout.band.h!;
  const mid = h.y + h.height / 2;
  const boxes: string[] = [];
  const arrows: string[] = [];
  const ups: string[] = [];
  const pad = 3;
  for (let t = 0; t < steps; t++) {
    const x = layout.colX(t);
    boxes.push(`M${x - pad},${layout.layerTop}h${cell + 2 * pad}v${layout.layerBottom - layout.layerTop}h${-(cell + 2 * pad)}Z`);
    if (t + 1 < steps) {
      const x1 = x + cell + pad;
      const x2 = layout.colX(t + 1) - pad;
      if (x2 - x1 >= 3) arrows.push(`M${x1},${mid}H${x2}`);
    }
    const xs = layout.band.x;
    const ys = layout.band.y;
    const cx = x + cell / 2;
    if (xs) ups.push(`M${cx},${xs.y - 2}V${layout.layerBottom + 1}`);
    if (ys) ups.push(`M${cx},${layout.layerTop - 1}V${ys.y + ys.height + 2}`);
  }
  const heads: string[] = [];
  if (colWidth - cell >= 8) {
    for (let t = 1; t < steps; t++) {
      const x2 = layout.colX(t) - pad;
      heads.push(`M${x2},${mid}l-4,-3v6Z`);
    }
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

/** What changes with the cursor: the current column, backward arrows, the selected unit, loss bars. */
export function DynamicOverlay({
  layout,
  phase,
  t,
  unit,
  hoverT,
  moment,
  lossTerms,
}: {
  layout: TimelineLayout;
  phase: 'forward' | 'backward';
  t: number;
  unit: number | null;
  hoverT: number | null;
  moment: Moment;
  lossTerms: Float64Array;
}) {
  const { cell, steps } = layout;
  const h = layout.band.h!;
  const mid = h.y + h.height / 2 + Math.min(4, layout.rowH / 3);
  const x = layout.colX(t);
  const pad = 3;
  let back = '';
  let cutMarks: number[] = [];
  if (phase === 'backward') {
    for (let s = Math.max(1, t); s < steps; s++) {
      if (moment.cut(s).cutHere) {
        cutMarks.push(s);
        continue;
      }
      const x2 = layout.colX(s) - pad;
      const x1 = layout.colX(s - 1) + cell + pad;
      if (x2 - x1 >= 3) back += `M${x2},${mid}H${x1}` + (x2 - x1 >= 8 ? `M${x1},${mid}l4,-3v6Z` : '');
    }
    if (t > 0 && moment.cut(t).cutHere) cutMarks = [...cutMarks, t];
  }
  const yb = layout.band.y;
  // Scaled to the largest finite term; an infinite term (extreme weights) is a full bar, NaN none.
  let maxLoss = 0;
  for (let s = 0; s < lossTerms.length; s++) if (Number.isFinite(lossTerms[s])) maxLoss = Math.max(maxLoss, lossTerms[s]);
  const lossBars: string[] = [];
  if (yb && (maxLoss > 0 || lossTerms.includes(Infinity))) {
    for (let s = 0; s < steps; s++) {
      if (!forwardShown({ phase, t, sub: null }, s) || Number.isNaN(lossTerms[s])) continue;
      const bh = Number.isFinite(lossTerms[s]) ? (lossTerms[s] / maxLoss) * 12 : 12;
      lossBars.push(`M${layout.colX(s)},${yb.y - 3}h${cell}v${-bh}h${-cell}Z`);
    }
  }
  return (
    <g className="dynamic">
      {hoverT !== null ? <path className="shared-highlight" d={sharedBoxes(layout)} /> : null}
      <path className="loss-bars" d={lossBars.join('')} />
      {back ? <path className={`bwd-arrows`} d={back} /> : null}
      {cutMarks.map((s) => (
        <text key={s} className="cut-mark" x={layout.colX(s) - (layout.colWidth - cell) / 2} y={mid - 6} textAnchor="middle">
          ✂
        </text>
      ))}
      {unit !== null && unit < h.rows ? <rect className="unit-row" x={2} y={h.y + unit * layout.rowH - 1} width={layout.width - 4} height={layout.rowH + 2} /> : null}
      <rect className={`current-col ${phase}`} x={x - pad - 1} y={4} width={cell + 2 * pad + 2} height={layout.axisY - 2} rx={4} />
      {hoverT !== null && hoverT !== t ? <rect className="hover-col" x={layout.colX(hoverT) - pad} y={6} width={cell + 2 * pad} height={layout.axisY - 6} rx={3} /> : null}
    </g>
  );
}

function sharedBoxes(layout: TimelineLayout): string {
  let d = '';
  const pad = 3;
  for (let t = 0; t < layout.steps; t++) {
    const x = layout.colX(t);
    d += `M${x - pad},${layout.layerTop}h${layout.cell + 2 * pad}v${layout.layerBottom - layout.layerTop}h${-(layout.cell + 2 * pad)}Z`;
  }
  return d;
}
