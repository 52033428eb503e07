/**
 * The loss curve of every iteration and the history one can rewind to.
 */
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { scaleLinear } from 'd3';
import { ExportButtons } from '../ui/ExportButtons';
import { useActions, useApp, useT } from '../../state/context';
import { decimate, lossDomain, seriesPath, yScale } from './lossCurve';
import { logTickLabel, logTicks } from '../ui/logAxis';
import { fmt } from '../ui/scales';
import { useElementSize } from '../ui/useElementSize';

/** The latest value, handed on at most once per animation frame. */
export function useFrameValue<V>(value: V): V {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const frame = useRef(0);
  latest.current = value;
  useEffect(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setShown(() => latest.current);
    });
  }, [value]);
  useEffect(
    () => () => {
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );
  return shown;
}

export function LossPanel() {
  const t = useT();
  const a = useActions();
  const id = useId();
  const losses = useApp((s) => s.training.losses);
  const lossFirst = useApp((s) => s.training.lossFirst);
  const history = useApp((s) => s.training.history);
  const running = useApp((s) => s.training.running);
  const [log, setLog] = useState(true);
  // The scrubber's position: null follows the newest snapshot.
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(() => {
    if (running) setPicked(null);
  }, [running]);
  useEffect(() => {
    if (picked !== null && picked >= history.length) setPicked(null);
  }, [history.length, picked]);
  const data = useFrameValue(useMemo(() => ({ losses, lossFirst }), [losses, lossFirst]));
  const index = picked ?? Math.max(0, history.length - 1);
  const entry = history[index];
  // Rewind requests are coalesced: while one is on its way, only the newest position waits.
  const pending = useRef<{ busy: boolean; next: number | null }>({ busy: false, next: null });
  const rewind = (i: number) => {
    setPicked(i);
    const p = pending.current;
    if (p.busy) {
      p.next = i;
      return;
    }
    p.busy = true;
    void a.restoreHistory(i).finally(function done() {
      const n = p.next;
      p.next = null;
      if (n === null) p.busy = false;
      else void a.restoreHistory(n).finally(done);
    });
  };
  const valueText = !entry
    ? ''
    : entry.iteration === 0
      ? t('training.historyStart', { iteration: 0 })
      : Number.isNaN(entry.loss)
        ? t('training.historyPending', { iteration: entry.iteration })
        : t('training.historyValue', { iteration: entry.iteration, loss: fmt(entry.loss) });
  return (
    <div className="training-curve">
      <div className="training-curve-head">
        <h3 id={id + '-curve'}>{t('training.curve')}</h3>
        <ExportButtons target=".training-curve svg" name="unroll-loss-curve" label={t('training.curve')} />
        <label className="toggle">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
          {t('training.logScale')}
        </label>
      </div>
      <LossChart losses={data.losses} lossFirst={data.lossFirst} log={log} marker={picked !== null && entry ? entry.iteration : null} labelId={id + '-curve'} />
      <div className="training-history">
        <label htmlFor={id + '-hist'}>{t('training.history')}</label>
        <input
          id={id + '-hist'}
          type="range"
          min={0}
          max={Math.max(0, history.length - 1)}
          step={1}
          value={index}
          disabled={history.length < 2}
          aria-valuetext={valueText}
          aria-describedby={id + '-hist-help'}
          onChange={(e) => rewind(Number(e.target.value))}
        />
        <span className="training-history-value" aria-hidden="true">
          {history.length < 2 ? t('training.historyEmpty') : valueText}
        </span>
      </div>
      <p className="visually-hidden" id={id + '-hist-help'}>
        {t('training.historyHelp')}
      </p>
    </div>
  );
}

const CHART_M = { left: 44, right: 8, top: 6, bottom: 18 };

const LossChart = memo(function LossChart(props: { losses: Float64Array; lossFirst: number; log: boolean; marker: number | null; labelId: string }) {
  const { losses, lossFirst, log, marker, labelId } = props;
  const t = useT();
  const [ref, size] = useElementSize<HTMLDivElement>();
  const width = size.width;
  const height = size.height;
  const plotW = Math.max(10, width - CHART_M.left - CHART_M.right);
  const geometry = useMemo(() => {
    const n = losses.length;
    if (n === 0 || width === 0) return null;
    // one group per two pixels, its lowest and highest loss: about one point per pixel
    const indices = decimate(losses, plotW / 2);
    const domain = lossDomain(losses, indices, log);
    const y = yScale(domain, log, CHART_M.top, height - CHART_M.bottom);
    const x = scaleLinear()
      .domain([lossFirst + 1, lossFirst + Math.max(2, n)])
      .range([CHART_M.left, CHART_M.left + plotW]);
    const path = seriesPath(losses, indices, (i) => x(lossFirst + 1 + i), y);
    const yTicks = log ? logTicks(domain, 4) : y.ticks(3);
    const xTicks = x.ticks(Math.max(2, Math.floor(plotW / 90))).filter((v) => Number.isInteger(v));
    let min = Infinity;
    for (const i of indices) if (losses[i] < min) min = losses[i];
    return { path, y, x, yTicks, xTicks, n, min, aggregated: n > plotW ? n / plotW : 0 };
  }, [losses, lossFirst, log, width, height, plotW]);
  const summary = geometry
    ? t('training.curveSummary', { count: geometry.n, from: lossFirst + 1, to: lossFirst + geometry.n, last: fmt(losses[losses.length - 1]), min: fmt(geometry.min) })
    : t('training.curveEmpty');
  return (
    <div className="training-chart" ref={ref}>
      {geometry ? (
        <svg width={width} height={height} role="img" aria-labelledby={labelId} aria-describedby={labelId + '-sum'} data-testid="loss-curve">
          {geometry.yTicks.map((v) => (
            <g key={'y' + v} className="tick">
              <line x1={CHART_M.left} x2={CHART_M.left + plotW} y1={geometry.y(v)} y2={geometry.y(v)} />
              <text x={CHART_M.left - 4} y={geometry.y(v)} dy="0.32em" textAnchor="end">
                {log ? logTickLabel(v) : fmt(v)}
              </text>
            </g>
          ))}
          {geometry.xTicks.map((v) => (
            <text key={'x' + v} className="tick" x={geometry.x(v)} y={height - 4} textAnchor={geometry.x(v) > CHART_M.left + plotW - 16 ? 'end' : 'middle'}>
              {v}
            </text>
          ))}
          <line className="axis" x1={CHART_M.left} x2={CHART_M.left} y1={CHART_M.top} y2={height - CHART_M.bottom} />
          <path className="loss-line" d={geometry.path} />
          {marker !== null && marker >= lossFirst ? (
            <line
              className="history-marker"
              x1={geometry.x(Math.max(marker, lossFirst + 1))}
              x2={geometry.x(Math.max(marker, lossFirst + 1))}
              y1={CHART_M.top}
              y2={height - CHART_M.bottom}
            />
          ) : null}
        </svg>
      ) : null}
      <p className={geometry ? 'visually-hidden' : 'sub training-empty'} id={labelId + '-sum'}>
        {summary}
      </p>
      {geometry && geometry.aggregated > 0 ? <p className="training-aggregated">{t('training.curveAggregated', { per: fmt(geometry.aggregated, 2) })}</p> : null}
    </div>
  );
});
