/**
 * ‖dL/dh_t‖ of every layer and direction at every step, for a stacked or two-way network: rows are
 * recurrences (the top layer first), columns are steps, colour is the norm on a log scale over the
 * 4 decades below the largest (as the timeline's gradients). A cell shows once the backward walk
 * has reached it. Hover or the arrow keys read a cell's exact value; a click or Enter moves the
 * cursor there. The numbers are the reader's (moment.dhNorms, the engine's layer means).
 */
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useActions, useApp, useDeferredApp, useT } from '../../state/context';
import { walkOf } from '../../state/cursor';
import type { SessionSnapshot } from '../../state/model';
import { layerMeanDhNorm, readMoment } from '../../state/moment';
import { Num } from '../ui/Num';
import { Rich } from '../ui/Rich';
import { gradientMagnitudeColor } from '../ui/scales';
import { THEMES } from '../ui/theme';
import { Trans } from '../ui/Trans';
import { useElementSize } from '../ui/useElementSize';
import { recurrenceName } from '../ui/where';
import './depthHeatmap.css';
import { AXIS_HEIGHT, cellAt, cellRect, depthLayout, depthReveal, depthRows, moveCell, rowOf, tickStep, type DepthCell } from './depthHeatmap';

/** decades of magnitude the colour scale shows below the largest norm (as the timeline's gradients) */
const DECADES = 4;

export function DepthHeatmap({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const actions = useActions();
  const cursor = useDeferredApp((s) => s.cursor);
  const theme = useApp((s) => s.theme);
  const readoutId = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [wrap, size] = useElementSize<HTMLDivElement>({ width: 520, height: 0 });
  const [hover, setHover] = useState<DepthCell | null>(null);
  const [picked, setPicked] = useState<DepthCell | null>(null);
  const { numLayers: L, directions: D } = snapshot.model;
  const T = snapshot.steps;
  const walk = walkOf(snapshot);
  const rows = useMemo(() => depthRows(L, D), [L, D]);
  const layout = useMemo(() => depthLayout(rows, T, Math.max(200, size.width)), [rows, T, size.width]);
  const norms = useMemo(() => rows.map((r) => readMoment(snapshot, r).dhNorms), [rows, snapshot]);
  const max = useMemo(() => largest(norms), [norms]);
  const shown = depthReveal(cursor, walk, rows);
  const revealKey = shown.map((r) => r.filter(Boolean).length).join(',');
  const done = shown.every((r) => r.every(Boolean));
  const dark = theme === 'dark';

  useLayoutEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    el.width = Math.ceil(layout.width * dpr);
    el.height = Math.ceil(layout.cellsHeight * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, layout.width, layout.cellsHeight);
    const color = gradientMagnitudeColor(max * Math.pow(10, -DECADES), max, dark);
    const veil = THEMES[theme].panelAlt;
    // a hairline between cells while they are wide enough to tell apart
    const gap = layout.cellW >= 6 ? 1 : 0;
    rows.forEach((_, r) => {
      for (let t = 0; t < T; t++) {
        const c = cellRect(layout, { row: r, t });
        ctx.fillStyle = shown[r][t] ? color(norms[r][t]) : veil;
        ctx.fillRect(c.x, c.y + 1, c.w - gap, c.h - 2);
      }
    });
    // the reveal changes one cell per step: revealKey stands for `shown`
  }, [layout, norms, max, dark, theme, revealKey, rows, T]);

  const cursorRow = cursor.phase === 'backward' ? rowOf(rows, cursor) : -1;
  const focus = hover ?? picked ?? (cursorRow >= 0 ? { row: cursorRow, t: cursor.t } : null);
  const nameOf = (r: number) => recurrenceName(tr, rows[r], snapshot.model);
  let readout: React.ReactNode;
  if (focus === null) readout = tr(cursor.phase === 'forward' ? 'depth.forward' : 'depth.hint');
  else if (!shown[focus.row][focus.t]) readout = tr('depth.notYet', { where: nameOf(focus.row), t: focus.t });
  else readout = <Trans k="depth.cell" vars={{ where: nameOf(focus.row), t: focus.t, value: <Num value={norms[focus.row][focus.t]} testId="depth-value" /> }} />;

  const goTo = (c: DepthCell) => actions.seek({ phase: 'backward', t: c.t, layer: rows[c.row].layer, direction: rows[c.row].direction, sub: null });
  const onKey = (e: React.KeyboardEvent) => {
    const from = picked ?? focus ?? { row: 0, t: T - 1 };
    if (e.key === 'Enter') goTo(from);
    else if (e.key === 'Escape') setPicked(null);
    else {
      const next = moveCell(from, e.key, rows.length, T);
      if (!next) return;
      setPicked(next);
    }
    e.preventDefault();
    e.stopPropagation();
  };
  const pointAt = (e: React.MouseEvent<SVGSVGElement>) => {
    const b = e.currentTarget.getBoundingClientRect();
    return cellAt(layout, e.clientX - b.left, e.clientY - b.top);
  };
  const ring = (c: DepthCell | null, cls: string) => {
    if (!c) return null;
    const r = cellRect(layout, c);
    return <rect className={cls} x={r.x - 1} y={r.y} width={Math.max(3, r.w) + 2} height={r.h} />;
  };
  const step = tickStep(T, layout.cellW);
  const topLayer = L - 1;

  return (
    <section className="gp-depth" data-testid="depth-heatmap" aria-labelledby={`${readoutId}-title`}>
      <h3 className="gp-chart-title" id={`${readoutId}-title`}>
        {tr('depth.title')}
      </h3>
      <div className="gp-legend">
        <span className="swatch-grad" aria-hidden="true" />
        <span className="sub">
          <Trans k={dark ? 'depth.legendDark' : 'depth.legend'} vars={{ n: DECADES, max: <Num value={max} testId="depth-max" /> }} />
        </span>
      </div>
      <div ref={wrap} className="gp-depth-wrap">
        <div
          className="gp-depth-map"
          role="group"
          tabIndex={0}
          aria-label={tr('depth.a11y', { L, D, T })}
          aria-describedby={readoutId}
          onKeyDown={onKey}
          onBlur={() => setPicked(null)}
          style={{ width: layout.width, height: layout.height }}
        >
          <canvas ref={canvas} style={{ width: layout.width, height: layout.cellsHeight }} aria-hidden="true" />
          <svg
            width={layout.width}
            height={layout.height}
            aria-hidden="true"
            onMouseMove={(e) => setHover(pointAt(e))}
            onMouseLeave={() => setHover(null)}
            onClick={(e) => {
              const c = pointAt(e);
              if (c) goTo(c);
            }}
          >
            {rows.map((r, k) => (
              <text key={k} className={r.layer === topLayer && r.direction === 0 ? 'gp-depth-label top' : 'gp-depth-label'} x={layout.labelWidth - 6} y={(k + 0.5) * layout.rowH} dy="0.32em" textAnchor="end">
                {D === 2 ? tr('grid.layerDir', { layer: r.layer, arrow: r.direction === 1 ? '←' : '→' }) : tr('grid.layer', { layer: r.layer })}
              </text>
            ))}
            {Array.from({ length: Math.floor((T - 1) / step) + 1 }, (_, k) => k * step).map((t) => (
              <text key={t} className="gp-depth-tick" x={layout.labelWidth + (t + 0.5) * layout.cellW} y={layout.cellsHeight + AXIS_HEIGHT - 4} textAnchor="middle">
                {t}
              </text>
            ))}
            {ring(cursorRow >= 0 ? { row: cursorRow, t: cursor.t } : null, 'gp-depth-cursor')}
            {ring(hover ?? picked, 'gp-heat-sel')}
          </svg>
        </div>
      </div>
      <p className="gp-readout" id={readoutId} aria-live="polite" data-testid="depth-readout">
        {readout}
      </p>
      <p className="sub gp-tight gp-depth-caption">
        <Rich text={tr(L === 1 ? 'depth.captionOneLayer' : D === 2 ? 'depth.captionBoth' : 'depth.caption')} />
      </p>
      {L > 1 ? (
        <p className="sub gp-tight" data-testid="depth-reading">
          {done ? (
            <Trans
              k={D === 2 ? 'depth.readBoth' : 'depth.read'}
              vars={{
                top: <Num value={layerMeanDhNorm(snapshot, topLayer)} testId="depth-mean-top" />,
                bottom: <Num value={layerMeanDhNorm(snapshot, 0)} testId="depth-mean-bottom" />,
                topLayer,
              }}
            />
          ) : (
            tr('depth.readLater')
          )}
        </p>
      ) : null}
    </section>
  );
}

/** The largest finite norm: the top of the colour scale (1 when every norm is 0). */
function largest(norms: readonly Float64Array[]): number {
  let m = 0;
  for (const a of norms) for (let k = 0; k < a.length; k++) if (a[k] > m && Number.isFinite(a[k])) m = a[k];
  return m > 0 ? m : 1;
}
