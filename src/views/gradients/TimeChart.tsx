/**
 * One chart over time for the gradient band: d3 computes the scales and paths, React draws the
 * SVG (as visx's LinePath does). Log or linear y, truncation cuts, the cursor's step, faded
 * steps not reached yet, and an inspected step moved by the pointer or the arrow keys (the
 * exact numbers are read out as text by the caller).
 */
import { scaleLinear, scaleLog } from 'd3';
import type { ReactNode } from 'react';
import { useElementSize } from '../ui/useElementSize';
import { onLogAxis, rangePath, timePath } from './gradientCharts';
import { logTickLabel, logTicks } from '../ui/logAxis';
import { fmt } from '../ui/scales';

export interface ChartSeries {
  id: string;
  values: ArrayLike<number>;
  /** a CSS colour (a theme variable is fine) */
  color: string;
  /** SVG dash pattern, '' for solid */
  dash: string;
  width?: number;
  marker?: 'circle' | 'square' | 'none';
  testId?: string;
  /** accessible name of the curve */
  label: string;
  /** a name written beside the curve's first point (direct labelling, not colour alone) */
  endLabel?: string;
}

export interface ChartBand {
  lo: ArrayLike<number>;
  hi: ArrayLike<number>;
  color: string;
}

interface Props {
  series: ChartSeries[];
  steps: number;
  log: boolean;
  domain: [number, number];
  height: number;
  /** steps whose values are on screen (default: all) */
  shown?: (t: number) => boolean;
  /** what the faded steps say (e.g. "not reached yet") */
  hiddenNote?: string;
  band?: ChartBand;
  /** steps a truncation block starts at: a dashed cut just before each */
  cuts?: readonly number[];
  cursorT?: number | null;
  inspectT: number | null;
  onInspect: (t: number | null) => void;
  /** click on a step (e.g. jump there) */
  onPick?: (t: number) => void;
  /** accessible name of the chart (it is a slider over the inspected step) */
  label: string;
  /** the text that reads out the inspected step */
  valueText: string;
  /** values exactly 0 get their own lane under a log axis */
  zeroLane?: boolean;
  testId?: string;
  children?: ReactNode;
}

const M = { left: 54, right: 10, top: 10, bottom: 20 };
const LANE = 14;

export function TimeChart(p: Props) {
  const [wrap, size] = useElementSize<HTMLDivElement>({ width: 480, height: 0 });
  const width = Math.max(160, size.width);

  const T = Math.max(1, p.steps);
  const lane = p.log && p.zeroLane ? LANE : 0;
  const plotBottom = p.height - M.bottom - lane;
  const colW = (width - M.left - M.right) / T;
  const x = (t: number) => M.left + (t + 0.5) * colW;
  const y = p.log
    ? scaleLog().domain(p.domain).range([plotBottom, M.top]).clamp(true)
    : scaleLinear().domain(p.domain).range([plotBottom, M.top]).clamp(true);
  const yOf = (v: number) => y(v);
  const shown = p.shown ?? (() => true);
  const ticks = p.log ? logTicks(p.domain, Math.max(2, Math.floor((plotBottom - M.top) / 22))) : y.ticks(4);
  const tickLabel = p.log ? logTickLabel : (v: number) => fmt(v);
  const tStep = niceStep(T, width - M.left - M.right);
  const laneY = plotBottom + LANE / 2 + 2;
  const markers = T <= 80;

  // runs of steps that are not on screen yet
  const hiddenRuns: [number, number][] = [];
  for (let t = 0; t < T; t++) {
    if (shown(t)) continue;
    const last = hiddenRuns[hiddenRuns.length - 1];
    if (last && last[1] === t - 1) last[1] = t;
    else hiddenRuns.push([t, t]);
  }

  const stepAt = (clientX: number, el: Element) => {
    const r = el.getBoundingClientRect();
    const t = Math.floor((clientX - r.left - M.left) / colW);
    return Math.min(T - 1, Math.max(0, t));
  };
  const onKey = (e: React.KeyboardEvent) => {
    const cur = p.inspectT ?? p.cursorT ?? T - 1;
    let next: number | null = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') next = Math.max(0, cur - 1);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') next = Math.min(T - 1, cur + 1);
    else if (e.key === 'PageDown') next = Math.max(0, cur - 10);
    else if (e.key === 'PageUp') next = Math.min(T - 1, cur + 10);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = T - 1;
    else if (e.key === 'Enter' && p.onPick) {
      p.onPick(cur);
      e.preventDefault();
      e.stopPropagation();
      return;
    } else if (e.key === 'Escape') {
      p.onInspect(null);
      e.stopPropagation();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    p.onInspect(next);
  };
  const inspected = p.inspectT;

  return (
    <div className="gp-chart" ref={wrap} data-testid={p.testId}>
      <div
        className="gp-chart-focus"
        tabIndex={0}
        role="slider"
        aria-label={p.label}
        aria-valuemin={0}
        aria-valuemax={T - 1}
        aria-valuenow={inspected ?? p.cursorT ?? T - 1}
        aria-valuetext={p.valueText}
        aria-orientation="horizontal"
        onKeyDown={onKey}
        onBlur={() => p.onInspect(null)}
      >
        <svg
          width={width}
          height={p.height}
          aria-hidden="true"
          onMouseMove={(e) => p.onInspect(stepAt(e.clientX, e.currentTarget))}
          onMouseLeave={() => p.onInspect(null)}
          onClick={p.onPick ? (e) => p.onPick!(stepAt(e.clientX, e.currentTarget)) : undefined}
        >
          {hiddenRuns.map(([a, b]) => (
            <rect key={a} className="gp-hidden" x={M.left + a * colW} y={M.top - 4} width={(b - a + 1) * colW} height={plotBottom - M.top + 4 + lane} />
          ))}
          <g className="gp-grid">
            {ticks.map((v) => (
              <g key={v}>
                <line x1={M.left} x2={width - M.right} y1={yOf(v)} y2={yOf(v)} />
                <text x={M.left - 5} y={yOf(v)} dy="0.32em" textAnchor="end">
                  {tickLabel(v)}
                </text>
              </g>
            ))}
            {lane ? (
              <text x={M.left - 5} y={laneY} dy="0.32em" textAnchor="end">
                0
              </text>
            ) : null}
          </g>
          <g className="gp-axis">
            <line x1={M.left} x2={width - M.right} y1={plotBottom + lane} y2={plotBottom + lane} />
            {Array.from({ length: Math.floor((T - 1) / tStep) + 1 }, (_, k) => k * tStep).map((t) => (
              <text key={t} x={x(t)} y={p.height - 5} textAnchor="middle">
                {t}
              </text>
            ))}
          </g>
          {p.band ? <path className="gp-band" d={rangePath(p.band.lo, p.band.hi, x, yOf, shown)} style={{ fill: p.band.color }} /> : null}
          {(p.cuts ?? []).map((t) => {
            const cx = M.left + t * colW;
            return (
              <g key={t} className="gp-cut" data-testid="cut">
                <line x1={cx} x2={cx} y1={M.top - 6} y2={plotBottom + lane} />
                <text x={cx} y={M.top - 1} textAnchor="middle">
                  ✂
                </text>
              </g>
            );
          })}
          {p.cursorT !== null && p.cursorT !== undefined ? <line className="gp-cursor" x1={x(p.cursorT)} x2={x(p.cursorT)} y1={M.top - 6} y2={plotBottom + lane} /> : null}
          {inspected !== null && inspected !== p.cursorT ? <line className="gp-inspect" x1={x(inspected)} x2={x(inspected)} y1={M.top} y2={plotBottom + lane} /> : null}
          {p.series.map((s) => (
            <g key={s.id} data-testid={s.testId} aria-label={s.label} className="gp-series">
              <path
                className="gp-line"
                d={timePath(s.values, x, yOf, shown, p.log, p.cuts)}
                style={{ stroke: s.color, strokeDasharray: s.dash || undefined, strokeWidth: s.width ?? 2 }}
              />
              {markers && s.marker !== 'none'
                ? Array.from({ length: T }, (_, t) => t)
                    .filter((t) => shown(t) && (p.log ? onLogAxis(s.values[t]) : Number.isFinite(s.values[t])))
                    .map((t) =>
                      s.marker === 'square' ? (
                        <rect key={t} className="gp-point" data-testid={s.testId ? `${s.testId}-point` : undefined} x={x(t) - 2.5} y={yOf(s.values[t]) - 2.5} width={5} height={5} style={{ fill: s.color }} />
                      ) : (
                        <circle key={t} className="gp-point" data-testid={s.testId ? `${s.testId}-point` : undefined} cx={x(t)} cy={yOf(s.values[t])} r={t === inspected ? 4 : 2.6} style={{ fill: s.color }} />
                      ),
                    )
                : null}
              {s.endLabel ? <EndLabel s={s} T={T} x={x} y={yOf} log={p.log} /> : null}
              {lane
                ? Array.from({ length: T }, (_, t) => t)
                    .filter((t) => shown(t) && s.values[t] === 0)
                    .map((t) => <circle key={t} className="gp-zero" cx={x(t)} cy={laneY} r={2.6} style={{ stroke: s.color }} />)
                : null}
            </g>
          ))}
          {p.hiddenNote && hiddenRuns.length > 0 ? (
            <text className="gp-hidden-note" x={M.left + ((hiddenRuns[0][0] + hiddenRuns[0][1] + 1) / 2) * colW} y={(M.top + plotBottom) / 2} textAnchor="middle">
              {(hiddenRuns[0][1] - hiddenRuns[0][0] + 1) * colW > 120 ? p.hiddenNote : ''}
            </text>
          ) : null}
        </svg>
      </div>
      {p.children}
    </div>
  );
}

function EndLabel({ s, T, x, y, log }: { s: ChartSeries; T: number; x: (t: number) => number; y: (v: number) => number; log: boolean }) {
  let t0 = -1;
  for (let t = 0; t < T; t++) {
    if (log ? onLogAxis(s.values[t]) : Number.isFinite(s.values[t])) {
      t0 = t;
      break;
    }
  }
  if (t0 < 0) return null;
  return (
    <text className="gp-end-label" x={x(t0) + 4} y={y(s.values[t0]) - 6} style={{ fill: s.color }}>
      {s.endLabel}
    </text>
  );
}

/** A step between time labels so they stay ≥ 28 px apart: 1, 2, 5, 10, 20, 50… */
function niceStep(T: number, width: number): number {
  const per = width / Math.max(1, T);
  for (const s of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]) if (s * per >= 28) return s;
  return 1000;
}

/** A short line sample for legends (dash pattern and marker, never colour alone). */
export function Swatch({ color, dash, marker = 'none' }: { color: string; dash: string; marker?: 'circle' | 'square' | 'none' }) {
  return (
    <svg className="gp-swatch" width={30} height={12} aria-hidden="true">
      <line x1={1} x2={29} y1={6} y2={6} style={{ stroke: color, strokeDasharray: dash || undefined }} />
      {marker === 'circle' ? <circle cx={15} cy={6} r={3} style={{ fill: color }} /> : null}
      {marker === 'square' ? <rect x={12} y={3} width={6} height={6} style={{ fill: color }} /> : null}
    </svg>
  );
}
