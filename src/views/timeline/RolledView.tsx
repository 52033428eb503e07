/**
 * The loop form: one layer, its input below, its output above, and h_t going back into the
 * same layer as h_{t-1} for the next step. It shows the current step's values. In a stacked or
 * two-way network it is the cursor's layer and direction: its input is the layer below's output
 * (layer l ≥ 1), its h_t goes up to the layer above (below the top), and in reverse the loop
 * carries h_t to step t − 1, so the step reads h_{t+1}.
 */
import { readMoment, recurrenceOf } from '../../state/moment';
import { useActions, useApp, useT } from '../../state/context';
import type { SessionSnapshot } from '../../state/model';
import { divergingColor, fmt, fmtFull, symmetricExtent } from '../ui/scales';
import { recurrenceName } from '../ui/where';

const MAX_SHOWN = 32;

export function RolledView({ snapshot }: { snapshot: SessionSnapshot }) {
  const t = useT();
  const a = useActions();
  const cursor = useApp((s) => s.cursor);
  const unit = useApp((s) => s.unit);
  const dark = useApp((s) => s.theme) === 'dark';
  const { hiddenSize: H, outputSize: O, cell } = snapshot.model;
  const step = cursor.t;
  const grad = cursor.phase === 'backward';
  // the loop of the cursor's layer and direction
  const m = readMoment(snapshot, cursor);
  const rec = recurrenceOf(snapshot, cursor);
  const at = m.step(step);
  const hRow = at.row(grad ? 'dh' : 'h')!;
  const hPrev = at.row('hPrev')!;
  const cRow = at.row(grad ? 'dc' : 'c');
  // layer 0 reads the data; a layer above reads the output of the one below (D·H numbers)
  const below = m.layer > 0;
  const xRow = below ? at.input() : m.inputRow(step);
  const yRow = m.outputRow(step);
  const top = m.feedsHead;
  const reverse = m.direction === 1;
  const where = recurrenceName(t, cursor, snapshot.model);
  const prevName = reverse ? 'hₜ₊₁' : 'hₜ₋₁';
  const hColor = divergingColor(grad ? symmetricExtent(rec.dhs) : 1, dark);
  const cColor = divergingColor(cell === 'lstm' ? symmetricExtent(grad ? rec.dcs : rec.cs) : 1, dark);
  const xColor = divergingColor(symmetricExtent(below ? rec.xs : snapshot.xs), dark);
  const yColor = divergingColor(symmetricExtent(snapshot.ys), dark);
  const n = Math.min(H, MAX_SHOWN);
  const size = Math.max(12, Math.min(28, Math.floor(300 / Math.max(n, 1))));
  const W = 520;
  const boxX = 170;
  const boxW = Math.max(160, n * (size + 3) + 24);
  const boxY = 120;
  const boxH = cRow ? 2 * size + 70 : size + 56;
  const cellsX = boxX + (boxW - n * (size + 3)) / 2;
  const row = (vals: Float64Array, y: number, color: (v: number) => string, label: string, selectable: boolean) =>
    Array.from({ length: n }, (_, j) => (
      <g key={label + j}>
        <rect
          x={cellsX + j * (size + 3)}
          y={y}
          width={size}
          height={size}
          rx={3}
          fill={color(vals[j])}
          className={selectable && unit === j ? 'sel' : undefined}
          onClick={selectable ? () => a.selectUnit(j) : undefined}
        >
          <title>{`${label}[${j}] = ${fmtFull(vals[j])}`}</title>
        </rect>
        {size >= 22 ? (
          <text x={cellsX + j * (size + 3) + size / 2} y={y + size / 2 + 4} textAnchor="middle" className="cell-num">
            {fmt(vals[j], 2)}
          </text>
        ) : null}
      </g>
    ));
  const hY = boxY + boxH - size - 18;
  const cY = boxY + 26;
  const loopX = boxX + boxW + 40;
  const height = boxY + boxH + 130;
  const viewW = Math.max(W, boxX + boxW + 120);
  // the layer below's D·H outputs may not fit at the h row's pitch: narrower cells then (the data's inputs keep theirs)
  const nIn = Math.min(xRow.length, MAX_SHOWN);
  const xPitch = below ? Math.min(size + 3, (viewW - cellsX - 8) / Math.max(1, nIn)) : size + 3;
  const xCell = Math.max(3, Math.min(size, 20, xPitch - 3));
  return (
    <div className="rolled roll-in">
      <svg viewBox={`0 0 ${viewW} ${height}`} role="img" aria-label={t('timeline.rolledA11y', { t: step })}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10Z" className={grad ? 'arrow-head bwd' : 'arrow-head'} />
          </marker>
        </defs>
        <text x={cellsX} y={34} className="band-title" data-testid="rolled-out">
          {top ? t('timeline.yNow') : t('rolled.upTo', { above: m.layer + 1 })}
        </text>
        {top
          ? Array.from({ length: Math.min(O, MAX_SHOWN) }, (_, j) => (
              <rect key={'y' + j} x={cellsX + j * (size + 3)} y={44} width={size} height={size} rx={3} fill={yColor(yRow[j])}>
                <title>{`y[${j}] = ${fmtFull(yRow[j])}`}</title>
              </rect>
            ))
          : null}
        <line x1={boxX + boxW / 2} x2={boxX + boxW / 2} y1={boxY} y2={44 + size + 6} className={grad ? 'flow bwd' : 'flow'} markerEnd="url(#arrow)" />
        <rect x={boxX} y={boxY} width={boxW} height={boxH} rx={12} className="layer-box-big" />
        <text x={boxX + 10} y={boxY + 16} className="layer-title">
          {cell.toUpperCase()} · t = {step}
          {where ? ` · ${where}` : ''}
        </text>
        {cRow ? (
          <>
            <text x={boxX - 8} y={cY + size / 2 + 4} textAnchor="end" className="band-title">
              {grad ? '∂L/∂cₜ' : 'cₜ'}
            </text>
            {row(cRow, cY, cColor, grad ? '∂L/∂c' : 'c', true)}
          </>
        ) : null}
        <text x={boxX - 8} y={hY + size / 2 + 4} textAnchor="end" className="band-title">
          {grad ? '∂L/∂hₜ' : 'hₜ'}
        </text>
        {row(hRow, hY, hColor, grad ? '∂L/∂h' : 'h', true)}
        <path
          d={`M${boxX + boxW},${hY + size / 2} H${loopX} V${boxY + boxH + 50} H${boxX - 40} V${hY + size / 2 + 8} H${boxX}`}
          className={grad ? 'loop bwd' : 'loop'}
          markerEnd={grad ? undefined : 'url(#arrow)'}
          markerStart={grad ? 'url(#arrow)' : undefined}
        />
        <text x={loopX - 6} y={boxY + boxH + 44} textAnchor="end" className="loop-label">
          {grad ? t(reverse ? 'rolled.loopBackReverse' : 'timeline.loopBack') : t(reverse ? 'rolled.loopReverse' : 'timeline.loop')} · W_hh
        </text>
        <text x={boxX - 44} y={boxY + boxH + 66} className="sub-label">
          {prevName}: {Array.from(hPrev.subarray(0, Math.min(4, H)), (v) => fmt(v, 2)).join(', ')}
          {H > 4 ? ', …' : ''}
        </text>
        <line x1={boxX + boxW / 2} x2={boxX + boxW / 2} y1={height - 40} y2={boxY + boxH + 2} className="flow" markerEnd="url(#arrow)" />
        <text x={cellsX} y={height - 6} className="band-title" data-testid="rolled-in">
          {below ? t('rolled.inputBelow', { below: m.layer - 1, width: xRow.length }) : t('timeline.xNow')}
        </text>
        {Array.from({ length: nIn }, (_, j) => (
          <rect key={'x' + j} x={cellsX + j * xPitch} y={height - 36} width={xCell} height={Math.min(size, 20)} rx={3} fill={xColor(xRow[j])}>
            <title>{`x[${j}] = ${fmtFull(xRow[j])}`}</title>
          </rect>
        ))}
      </svg>
      {H > MAX_SHOWN ? <p className="sub">{t('timeline.firstUnits', { n: MAX_SHOWN, H })}</p> : null}
      {below && xRow.length > MAX_SHOWN ? <p className="sub">{t('rolled.firstInputs', { n: MAX_SHOWN, width: xRow.length })}</p> : null}
    </div>
  );
}
