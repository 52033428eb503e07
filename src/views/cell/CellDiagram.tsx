/**
 * The cell of one timestep as an SVG diagram: React owns every element; the geometry is
 * plain data (cellLayout.ts) and the numbers are read from the snapshot (cellData.ts).
 */
import { useId, type ReactNode } from 'react';
import type { MessageKey } from '../../content/i18n';
import type { Phase } from '../../state/model';
import type { RowName, StepReader } from '../../state/moment';
import type { Layout, Prim, Sym } from './cellLayout';
import { rowColors } from './cellScales';
import { fmtFull } from '../ui/scales';
import { numberTarget, partsResult, type NumberTarget } from '../../state/numberRef';
import { DiagramValue } from './DiagramValue';

/** Units shown in a layer's strip at once; the unit grid below shows them all. */
export const STRIP_WINDOW = 16;

export function stripWindow(hidden: number, unit: number | null): { from: number; to: number } {
  const from = unit === null ? 0 : Math.floor(unit / STRIP_WINDOW) * STRIP_WINDOW;
  return { from, to: Math.min(hidden, from + STRIP_WINDOW) };
}

export interface CellDiagramProps {
  reader: StepReader;
  layout: Layout;
  phase: Phase;
  unit: number | null;
  /** the sub-step to light (others dim); null = the whole step */
  lit: string | null;
  cut: { cutHere: boolean; cutNext: boolean };
  background: string;
  title: string;
  description: string;
  tr: (key: MessageKey, vars?: Record<string, string | number>) => string;
  onSelect: (unit: number) => void;
}

export function CellDiagram(p: CellDiagramProps) {
  const uid = useId().replace(/:/g, '');
  const { layout, phase } = p;
  const back = phase === 'backward';
  const isLit = (parts: readonly string[]) => p.lit === null || parts.includes(p.lit);
  const cls = (base: string, parts: readonly string[]) => `${base}${p.lit !== null ? (isLit(parts) ? ' lit' : ' dim') : ''}`;
  const value = (name: RowName | 'x' | undefined): number | null => {
    if (!name) return null;
    if (name === 'x') return p.reader.x();
    return p.unit === null ? null : p.reader.value(name, p.unit);
  };
  /** what a drawn number opens: the quantity it is, or the one it is a term of (the sub-step it lights) */
  const target = (name: RowName | 'x' | undefined | null, parts: readonly string[]): NumberTarget | null => {
    if (!name || p.unit === null) return null;
    const r = p.reader;
    const place = { cell: r.cell, layer: r.layer, direction: r.direction, t: r.t, unit: p.unit, prevT: r.prevT, nextT: r.nextT, cutNext: p.cut.cutNext };
    return numberTarget(name, place, partsResult(r.cell, phase, parts));
  };
  // wires first, then layers and operations over them, then labels
  const order = { wire: 0, dot: 1, cut: 2, layer: 3, op: 4, label: 5 } as const;
  const prims = [...layout.prims].sort((a, b) => order[a.kind] - order[b.kind]);

  const draw = (q: Prim): ReactNode => {
    switch (q.kind) {
      case 'wire': {
        const marker = q.arrow === true || q.arrow === phase ? `url(#${uid}-${back ? 'bwd' : 'fwd'})` : undefined;
        return (
          <path
            key={q.id}
            d={q.d}
            className={cls(`wire ${back ? 'bwd' : 'fwd'}`, q.parts)}
            pathLength={back ? undefined : 1}
            markerEnd={back ? undefined : marker}
            markerStart={back ? marker : undefined}
          />
        );
      }
      case 'dot':
        return <circle key={`dot${q.x},${q.y}`} cx={q.x} cy={q.y} r={3.5} className={cls(`junction ${back ? 'bwd' : 'fwd'}`, q.parts)} />;
      case 'cut': {
        const show = q.reason === 'here' ? p.cut.cutHere : q.reason === 'next' ? p.cut.cutNext : false;
        if (!show) return null;
        return (
          <g key={q.id} className="cut" transform={`translate(${q.x},${q.y})`}>
            <title>{q.reason === 'here' ? p.tr('cellPanel.cutHere', { t: p.reader.t }) : p.tr('cellPanel.cutNext', { next: p.reader.nextT ?? p.reader.t + 1 })}</title>
            <rect x={-5} y={-13} width={10} height={26} className="cut-gap" />
            <path d="M-7,-12 L-1,12 M1,-12 L7,12" />
          </g>
        );
      }
      case 'layer':
        return <Layer key={q.id} q={q} {...p} target={target(q.row, q.parts)} className={cls(`layer role-${q.role}${back ? ' bwd' : ''}`, q.parts)} />;
      case 'op': {
        const v = value(q.value);
        return (
          <g key={q.id} className={cls(`op${back ? ' bwd' : ''}`, q.parts)}>
            {q.sym === 'tanh' ? <ellipse cx={q.cx} cy={q.cy} rx={21} ry={12} /> : <circle cx={q.cx} cy={q.cy} r={11} />}
            <text x={q.cx} y={q.cy} className={q.sym === 'tanh' || q.sym === '1−' ? 'op-sym small' : 'op-sym'} textAnchor="middle" dominantBaseline="central">
              {q.sym}
            </text>
            {v !== null && q.vx !== undefined && q.vy !== undefined && (
              <DiagramValue x={q.vx} y={q.vy} anchor={q.vAnchor} value={v} target={target(q.value, q.parts)} testId={`cell-value-${q.id}`} />
            )}
          </g>
        );
      }
      case 'label': {
        const v = value(q.value);
        return (
          <g key={q.id} className={cls('state-label', q.parts)}>
            <text x={q.x} y={q.y} textAnchor={q.anchor} className={`sym${q.role ? ` role-${q.role}` : ''}`}>
              <SymText sym={q.sym} />
            </text>
            {v !== null && (
              <DiagramValue x={q.x} y={q.vy ?? q.y + 16} anchor={q.anchor} value={v} target={target(q.value, q.parts)} testId={`cell-value-${q.id}`} />
            )}
            {q.value === 'x' && v === null && (
              <text x={q.x} y={q.vy ?? q.y + 16} textAnchor={q.anchor} className="val muted" data-testid="cell-input-size">
                {p.reader.layer > 0
                  ? p.tr('cellPanel.inputFromBelow', { below: p.reader.layer - 1, width: p.reader.inputs })
                  : p.tr('cellPanel.inputSize', { I: p.reader.inputs })}
              </text>
            )}
          </g>
        );
      }
    }
  };

  return (
    // a group, not an image: an image's children are hidden from assistive technology, and its numbers are controls
    <svg
      className={`cell-diagram ${phase}`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="group"
      aria-labelledby={`${uid}-title`}
      aria-describedby={`${uid}-desc`}
    >
      <title id={`${uid}-title`}>{p.title}</title>
      <desc id={`${uid}-desc`}>{p.description}</desc>
      <defs>
        <marker id={`${uid}-fwd`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow fwd" />
        </marker>
        <marker id={`${uid}-bwd`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow bwd" />
        </marker>
      </defs>
      {prims.map(draw)}
    </svg>
  );
}

function SymText({ sym }: { sym: Sym }) {
  return (
    <>
      {sym.delta ? 'δ' : ''}
      {sym.base}
      {sym.sub && (
        <tspan className="sub" dy="0.3em">
          {sym.sub}
        </tspan>
      )}
      {sym.sup && (
        <tspan className="sup" dy={sym.sub ? '-0.75em' : '-0.45em'}>
          {sym.sup}
        </tspan>
      )}
    </>
  );
}

function Layer({ q, className, target, ...p }: CellDiagramProps & { q: Extract<Prim, { kind: 'layer' }>; className: string; target: NumberTarget | null }) {
  const back = p.phase === 'backward';
  const x0 = q.cx - q.w / 2;
  const y0 = q.cy - q.h / 2;
  const row = q.row ? p.reader.row(q.row) : null;
  const v = q.row && p.unit !== null ? p.reader.value(q.row, p.unit) : null;
  if (q.fn === 'W') {
    return (
      <g className={className}>
        <rect x={x0} y={y0} width={q.w} height={q.h} rx={6} className="box" />
        {q.above === undefined ? (
          <text x={q.cx} y={q.cy} textAnchor="middle" dominantBaseline="central" className="fn">
            W<tspan className="sub" dy="0.3em">y</tspan>
          </text>
        ) : (
          <text x={q.cx} y={q.cy} textAnchor="middle" dominantBaseline="central" className="fn up" data-testid="cell-up-box">
            {p.tr('grid.layer', { layer: q.above })}
          </text>
        )}
      </g>
    );
  }
  const win = stripWindow(p.reader.hidden, p.unit);
  const n = win.to - win.from;
  const sw = q.w - 12;
  const cw = sw / Math.max(1, n);
  const colors = row && q.row ? rowColors(q.row, row, p.background) : null;
  const gateName = q.gate === 'a' ? 'a' : q.gate;
  const name = p.tr(`diagram.gate.${q.gate === 'a' ? 'h' : q.gate}` as MessageKey);
  return (
    <g className={className}>
      <title>{v !== null && p.unit !== null ? `${name} · ${p.tr('diagram.unit', { unit: p.unit })}: ${fmtFull(v)}` : name}</title>
      <rect x={x0} y={y0} width={q.w} height={q.h} rx={7} className="box" />
      <text x={x0 + 7} y={y0 + 15} className="gate-name">
        {back && q.gate === 'a' ? (
          'δa'
        ) : back ? (
          <>
            δa<tspan className="sup" dy="-0.45em">{gateName}</tspan>
          </>
        ) : q.gate === 'a' ? (
          'h'
        ) : (
          gateName
        )}
      </text>
      {!back && (
        <text x={x0 + q.w - 7} y={y0 + 15} textAnchor="end" className="fn">
          {q.fn}
        </text>
      )}
      {row && colors && (
        <g className="strip" aria-hidden="true">
          {Array.from({ length: n }, (_, k) => {
            const j = win.from + k;
            return (
              <rect
                key={j}
                x={x0 + 6 + k * cw}
                y={q.cy - 5}
                width={cw}
                height={11}
                fill={colors.color(row[j])}
                className={j === p.unit ? 'cell selected' : 'cell'}
                onClick={() => p.onSelect(j)}
              >
                <title>{`${p.tr('diagram.unit', { unit: j })}: ${fmtFull(row[j])}`}</title>
              </rect>
            );
          })}
          {p.unit !== null && p.unit >= win.from && p.unit < win.to && (
            <rect x={x0 + 6 + (p.unit - win.from) * cw - 1} y={q.cy - 7} width={cw + 2} height={15} className="strip-sel" />
          )}
        </g>
      )}
      {v !== null && <DiagramValue x={q.cx} y={y0 + q.h - 7} anchor="middle" value={v} target={target} testId={`cell-value-${q.id}`} />}
    </g>
  );
}
