/**
 * Training: controls, live loss curve, history you can rewind, the task's own output, and
 * weights and data in and out. Every number is the worker's (through the store); this view
 * only indexes, scales and formats. The loss curve redraws at most once per animation frame
 * however fast progress events arrive, and never draws more than a few points per pixel.
 */
import { memo, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { scaleLinear } from 'd3';
import type { MessageKey } from '../../content/i18n';
import { parseCsv } from '../../state/csv';
import { download } from '../ui/download';
import { ExportButtons } from '../ui/ExportButtons';
import { useActions, useApp, useT } from '../../state/context';
import type { TrainSettings, SessionSnapshot } from '../../state/model';
import { Icon } from '../ui/icons';
import { decadeLabel, decadeTicks, decimate, lossDomain, seriesExtent, seriesPath, yScale } from './lossCurve';
import { fmt, fmtFull } from '../ui/scales';
import { useElementSize } from '../ui/useElementSize';
import { readMoment } from '../../state/moment';
import './trainingPanel.css';

type T = ReturnType<typeof useT>;

const MAX_FILE_MB = 20;
const OPTIMIZERS: TrainSettings['optimizer'][] = ['sgd', 'momentum', 'adam'];
const SAMPLE_LENGTH = 200;

export function TrainingPanel() {
  const t = useT();
  const id = useId();
  const task = useApp((s) => s.config.task);
  return (
    <section className="panel training" aria-labelledby={id + '-title'}>
      <div className="training-head">
        <h2 id={id + '-title'}>{t('training.title')}</h2>
        <p className="sub training-about">{t(`task.${task}.about` as MessageKey)}</p>
      </div>
      <Controls />
      <Readout />
      <Notes />
      <div className="training-body">
        <LossPanel />
        <TaskOutput />
      </div>
      <DataInOut />
    </section>
  );
}

// ---- controls ----------------------------------------------------------------------------

function Controls() {
  const t = useT();
  const a = useActions();
  const ready = useApp((s) => s.snapshot !== null && s.status === 'ready');
  const running = useApp((s) => s.training.running);
  const busy = useApp((s) => s.training.busy);
  const settings = useApp((s) => s.training.settings);
  const clip = useApp((s) => s.clip);
  const setClip = (v: number) => {
    a.setClip(v);
    // a running loop takes the new threshold with the next settings it receives
    if (running) a.setTrainSettings({});
  };
  return (
    <div className="training-controls" role="group" aria-label={t('training.controls')}>
      <button
        type="button"
        className="primary"
        disabled={!ready || busy}
        onClick={() => (running ? void a.trainPause() : a.trainStart())}
      >
        <Icon name={running ? 'pause' : 'play'} /> {running ? t('training.pause') : t('training.train')}
      </button>
      <button type="button" disabled={!ready || busy || running} onClick={() => void a.trainOne()}>
        {t('training.one')}
      </button>
      <label className="field">
        <span>{t('training.optimizer')}</span>
        <select value={settings.optimizer} onChange={(e) => a.setTrainSettings({ optimizer: e.target.value as TrainSettings['optimizer'] })}>
          {OPTIMIZERS.map((o) => (
            <option key={o} value={o}>
              {t(`training.opt.${o}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <DecimalField label={t('training.lrShort')} name={t('training.lr')} value={settings.lr} min={0} max={10} onCommit={(v) => a.setTrainSettings({ lr: v })} />
      <DecimalField
        label={t('training.clipShort')}
        name={t('training.clip')}
        value={clip}
        min={0}
        max={1e6}
        zeroLabel={t('training.clipOff')}
        onCommit={setClip}
      />
      <DecimalField label={t('training.batchShort')} name={t('training.batch')} value={settings.batch} min={1} max={256} integer onCommit={(v) => a.setTrainSettings({ batch: v })} />
    </div>
  );
}

/** A decimal number field (learning rate, clipping threshold): commits on Enter or blur. */
function DecimalField(props: { label: string; name: string; value: number; min: number; max: number; zeroLabel?: string; integer?: boolean; onCommit: (v: number) => void }) {
  const { label, name, value, min, max, zeroLabel, integer, onCommit } = props;
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(String(value));
    setError(null);
  }, [value]);
  const commit = () => {
    const s = draft.trim().replace(',', '.');
    const v = Number(s);
    if (s === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      setError(integer ? t('field.wholeNumber', { min, max }) : t('training.field.decimal', { min, max: fmt(max) }));
      return;
    }
    setError(null);
    if (v !== value) onCommit(v);
    else setDraft(String(value));
  };
  return (
    <span className="field">
      <label htmlFor={id} title={name}>
        {label}
      </label>
      <input
        id={id}
        className={integer ? 'training-number short' : 'training-number'}
        inputMode={integer ? 'numeric' : 'decimal'}
        aria-label={name}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={error ? id + '-err' : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(String(value));
            setError(null);
          }
        }}
      />
      {zeroLabel && value === 0 && !error ? <span className="hint">{zeroLabel}</span> : null}
      {error ? (
        <span className="field-error" id={id + '-err'} role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Iteration, loss, speed and gradient norm of the last iteration, as the worker reported them. */
function Readout() {
  const t = useT();
  const iteration = useApp((s) => s.training.iteration);
  const loss = useApp((s) => s.training.loss);
  const itPerSec = useApp((s) => s.training.itPerSec);
  const gradNorm = useApp((s) => s.training.gradNorm);
  const clipped = useApp((s) => s.training.clipped);
  const running = useApp((s) => s.training.running);
  const diverged = useApp((s) => s.training.diverged);
  /** NaN means "nothing yet", except after a divergence, where it is the value itself */
  const value = (v: number) => (Number.isNaN(v) ? (diverged ? 'NaN' : '–') : v === Infinity ? '∞' : v === -Infinity ? '−∞' : fmt(v));
  return (
    <p className="training-readout" aria-label={t('training.readout')} data-testid="training-readout">
      <span>
        <span className="k">{t('training.iteration')}</span> <b>{iteration}</b>
      </span>
      <span>
        <span className="k">{t('training.loss')}</span> <b title={fmtFull(loss)}>{value(loss)}</b>
      </span>
      <span className="training-rate">{t('training.itPerSec', { value: running || itPerSec > 0 ? fmt(itPerSec) : '–' })}</span>
      <span title={Number.isNaN(gradNorm) ? undefined : fmtFull(gradNorm)}>{t('training.gradNorm', { value: value(gradNorm) })}</span>
      {iteration > 0 && !Number.isNaN(gradNorm) ? (
        <span className={clipped ? 'training-clipped on' : 'training-clipped'} title={clipped ? t('training.clippedHelp') : undefined}>
          {clipped ? t('training.clipped') : t('training.notClipped')}
        </span>
      ) : null}
    </p>
  );
}

// ---- notes: which sequence the views show, divergence ------------------------------------

function Notes() {
  const t = useT();
  const a = useActions();
  const sequence = useApp((s) => s.snapshot?.sequence ?? 'example');
  const running = useApp((s) => s.training.running);
  const iteration = useApp((s) => s.training.iteration);
  const diverged = useApp((s) => s.training.diverged);
  if (!diverged && (running || sequence !== 'next')) return null;
  return (
    <>
      {diverged ? (
        <div className="training-diverged" role="alert">
          <p>{t('training.diverged', { iteration: iteration + 1 })}</p>
          <button type="button" onClick={() => void a.restoreFinite()} aria-describedby="restore-good-help">
            {t('training.restoreFinite')}
          </button>
          <span className="sub" id="restore-good-help">
            {t('training.restoreFiniteHelp')}
          </span>
        </div>
      ) : null}
      {!diverged && !running && sequence === 'next' ? (
        <p className="training-note" data-testid="training-next-note">
          {t('training.nextNote')}
        </p>
      ) : null}
    </>
  );
}

// ---- loss curve and history ----------------------------------------------------------------

/** The latest value, handed on at most once per animation frame. */
function useFrameValue<V>(value: V): V {
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

function LossPanel() {
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
    const yTicks = log ? decadeTicks(domain[0], domain[1], 4) : y.ticks(3);
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
                {log ? decadeLabel(v) : fmt(v)}
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
            <line className="history-marker" x1={geometry.x(Math.max(marker, lossFirst + 1))} x2={geometry.x(Math.max(marker, lossFirst + 1))} y1={CHART_M.top} y2={height - CHART_M.bottom} />
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

// ---- the task's own output --------------------------------------------------------------

function TaskOutput() {
  const task = useApp((s) => s.config.task);
  const snapshot = useApp((s) => s.snapshot);
  if (task === 'text') return <TextSample />;
  if (!snapshot) return <div className="training-output" />;
  if (task === 'copy' && snapshot.loss === 'cross_entropy') return <CopyResult snapshot={snapshot} />;
  if (snapshot.loss === 'mse') return <FitPlot snapshot={snapshot} />;
  return <div className="training-output" />;
}

const FIT_M = { left: 34, right: 6, top: 6, bottom: 6 };

function FitPlot({ snapshot }: { snapshot: SessionSnapshot }) {
  const t = useT();
  const id = useId();
  const shown = useFrameValue(snapshot);
  const [ref, size] = useElementSize<HTMLDivElement>();
  const { steps: T, model } = shown;
  const O = model.outputSize;
  const width = size.width;
  const height = size.height;
  const which = t(shown.sequence === 'next' ? 'training.seq.next' : 'training.seq.example');
  const geometry = useMemo(() => {
    if (width === 0 || height === 0) return null;
    const steps = Array.from({ length: T }, (_, k) => k);
    const m = readMoment(shown);
    const ys = Float64Array.from(steps, (k) => m.output(k, 0));
    const targets = Float64Array.from(steps, (k) => m.target(k, 0) ?? NaN);
    const domain = seriesExtent(ys, targets);
    const y = yScale(domain, false, FIT_M.top, height - FIT_M.bottom);
    const x = scaleLinear()
      .domain([0, Math.max(1, T - 1)])
      .range([FIT_M.left, width - FIT_M.right]);
    return {
      x,
      y,
      pred: seriesPath(ys, steps, (k) => x(k), y),
      target: seriesPath(targets, steps, (k) => x(k), y),
      ticks: y.ticks(3),
      dots: T <= 40 ? steps : [],
      ys,
      targets,
    };
  }, [shown, O, T, width, height]);
  return (
    <div className="training-output">
      <h3 id={id + '-title'}>
        {t('training.fit')} <span className="training-which">· {which}</span>
      </h3>
      <div className="training-fit" ref={ref}>
        {geometry ? (
          <svg width={width} height={height} role="img" aria-labelledby={id + '-title'} aria-describedby={id + '-sum'} data-testid="fit-plot">
            {geometry.ticks.map((v) => (
              <g key={v} className="tick">
                <line x1={FIT_M.left} x2={width - FIT_M.right} y1={geometry.y(v)} y2={geometry.y(v)} />
                <text x={FIT_M.left - 4} y={geometry.y(v)} dy="0.32em" textAnchor="end">
                  {fmt(v)}
                </text>
              </g>
            ))}
            <path className="fit-target" d={geometry.target} />
            <path className="fit-pred" d={geometry.pred} />
            {geometry.dots.map((k) => (
              <circle key={k} className="fit-pred-dot" cx={geometry.x(k)} cy={geometry.y(geometry.ys[k])} r={2} />
            ))}
          </svg>
        ) : null}
      </div>
      <p className="training-legend">
        <span className="swatch target" aria-hidden="true" /> {t('training.target')} <span className="swatch pred" aria-hidden="true" /> {t('training.prediction')}
        <span className="sub training-legend-extra">{t('training.seqLoss', { loss: fmt(shown.lossValue) })}</span>
        {O > 1 ? <span className="sub training-legend-extra">{t('training.column', { count: O })}</span> : null}
      </p>
      <p className="visually-hidden" id={id + '-sum'}>
        {t('training.fitSummary', { steps: T, which, loss: fmt(shown.lossValue) })}
      </p>
    </div>
  );
}

function CopyResult({ snapshot }: { snapshot: SessionSnapshot }) {
  const t = useT();
  const id = useId();
  const m = readMoment(snapshot);
  const last = m.steps - 1;
  const predicted = m.predictedClass(last);
  const correct = m.targetClass(last) ?? 0;
  const name = (k: number) => (k === 0 ? t('training.copyBlank') : t('training.copySymbol', { k }));
  const right = predicted === correct;
  const p = (k: number) => m.prob(last, k) ?? NaN;
  const which = t(snapshot.sequence === 'next' ? 'training.seq.next' : 'training.seq.example');
  return (
    <div className="training-output">
      <h3 id={id + '-title'}>
        {t('training.copyTitle')} <span className="training-which">· {which}</span>
      </h3>
      <p className="copy-verdict" data-testid="copy-result">
        <span className={right ? 'verdict right' : 'verdict wrong'}>{right ? '✓ ' + t('training.copyRight') : '✗ ' + t('training.copyWrong')}</span>{' '}
        <span>{t('training.copyAnswer', { symbol: name(predicted) })}</span> · <span>{t('training.copyCorrect', { symbol: name(correct) })}</span>
      </p>
      <ul className="copy-probs" aria-label={t('training.copyProbs')}>
        {Array.from({ length: m.outputs }, (_, k) => (
          <li key={k} className={k === correct ? 'correct' : undefined}>
            <span className="copy-name">{name(k)}</span>
            <span className="copy-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(0, Math.min(1, p(k))) * 100}%` }} />
            </span>
            <span className="copy-p" title={fmtFull(p(k))}>
              {fmt(p(k))}
            </span>
          </li>
        ))}
      </ul>
      <p className="sub training-hint">{t('training.seqLoss', { loss: fmt(snapshot.lossValue) })}</p>
    </div>
  );
}

function TextSample() {
  const t = useT();
  const a = useActions();
  const id = useId();
  const sample = useApp((s) => s.training.sample);
  const temperature = useApp((s) => s.training.temperature);
  const running = useApp((s) => s.training.running);
  const iteration = useApp((s) => s.training.iteration);
  const ready = useApp((s) => s.snapshot?.vocab != null);
  // A fresh sample whenever training stops (and after each single iteration).
  useEffect(() => {
    if (!running && ready && iteration > 0) void a.sampleText(SAMPLE_LENGTH);
  }, [running, ready, iteration, a]);
  const [draftT, setDraftT] = useState(temperature);
  useEffect(() => setDraftT(temperature), [temperature]);
  const commitT = () => {
    if (draftT === temperature) return;
    a.setTemperature(draftT);
    if (ready) void a.sampleText(SAMPLE_LENGTH);
  };
  return (
    <div className="training-output">
      <h3 id={id + '-title'}>{t('training.sample')}</h3>
      <div className="sample-controls">
        <label htmlFor={id + '-temp'}>{t('training.temperature')}</label>
        <input
          id={id + '-temp'}
          type="range"
          min={0.1}
          max={2}
          step={0.05}
          value={draftT}
          aria-valuetext={fmt(draftT)}
          aria-describedby={id + '-temp-help'}
          onChange={(e) => setDraftT(Number(e.target.value))}
          onPointerUp={commitT}
          onKeyUp={commitT}
          onBlur={commitT}
        />
        <span className="sample-temp" aria-hidden="true">
          {fmt(draftT)}
        </span>
        <button type="button" disabled={!ready} onClick={() => void a.sampleText(SAMPLE_LENGTH)}>
          {t('training.sampleButton')}
        </button>
      </div>
      <p className="sub training-hint" id={id + '-temp-help'}>
        {t('training.temperatureHelp')}
      </p>
      <p className="sample-text" tabIndex={0} aria-labelledby={id + '-title'} data-testid="sample-text">
        {sample ?? t('training.sampleEmpty')}
      </p>
    </div>
  );
}

// ---- weights and data in and out ----------------------------------------------------------

/** A button that opens the file picker of a hidden file input and hands over the file's text. */
function FileButton(props: { label: string; accept: string; onText: (text: string) => void; onError: (message: string) => void; disabled?: boolean; children?: ReactNode }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        tabIndex={-1}
        aria-label={props.label}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          if (file.size > MAX_FILE_MB * 1024 * 1024) return props.onError(t('training.fileTooBig', { max: MAX_FILE_MB }));
          file.text().then(props.onText, () => props.onError(t('training.fileUnreadable')));
        }}
      />
    </>
  );
}

function DataInOut() {
  const t = useT();
  const a = useActions();
  const id = useId();
  const [snippetOpen, setSnippetOpen] = useState(false);
  const ready = useApp((s) => s.snapshot !== null);
  const hasLosses = useApp((s) => s.training.losses.length > 0);
  const cell = useApp((s) => s.snapshot?.model.cell ?? s.config.cell);
  const hidden = useApp((s) => s.snapshot?.model.hiddenSize ?? s.config.hidden);
  const task = useApp((s) => s.config.task);
  const iteration = useApp((s) => s.training.iteration);
  const [weightsMsg, setWeightsMsg] = useState<{ error: boolean; text: string } | null>(null);
  const [imported, setImported] = useState(false);
  const [csvMsg, setCsvMsg] = useState<{ error: boolean; text: string } | null>(null);
  const base = `unroll-${cell}-h${hidden}-${task}`;
  const importWeights = async (json: string) => {
    const error = await a.importWeights(json);
    setWeightsMsg(error ? { error: true, text: error } : null);
    setImported(!error);
  };
  const uploadCsv = (text: string) => {
    const parsed = parseCsv(text);
    if (!parsed.ok) return setCsvMsg({ error: true, text: t(parsed.error.key as MessageKey, parsed.error.vars) });
    const { rows, columns } = parsed.table;
    setCsvMsg({ error: false, text: t('training.csvLoaded', { rows: rows.length, columns }) });
    a.setConfig({ task: 'custom', series: rows.flat(), columns });
  };
  return (
    <div className="training-data" role="group" aria-label={t('training.data')}>
      <div className="training-data-row">
        <span className="training-file">
          <FileButton label={t('training.import')} accept=".json,application/json" disabled={!ready} onText={(s) => void importWeights(s)} onError={(text) => setWeightsMsg({ error: true, text })} />
        </span>
        <button type="button" disabled={!ready} onClick={() => void a.exportWeights().then((json) => download(json, `${base}-weights-it${iteration}.json`, 'application/json'))}>
          {t('training.export')}
        </button>
        <button type="button" disabled={!ready} onClick={() => void a.exportTrace().then((json) => download(json, `${base}-trace.json`, 'application/json'))}>
          {t('training.exportTrace')}
        </button>
        <button type="button" disabled={!hasLosses} onClick={() => download(a.lossCsv(), `${base}-loss.csv`, 'text/csv')}>
          {t('training.exportCsv')}
        </button>
        <span className="training-file">
          <FileButton label={t('training.uploadCsv')} accept=".csv,.tsv,.txt,text/csv,text/plain" onText={uploadCsv} onError={(text) => setCsvMsg({ error: true, text })} />
        </span>
        <button type="button" className="training-disclosure" aria-expanded={snippetOpen} aria-controls={id + '-snippet'} onClick={() => setSnippetOpen((o) => !o)}>
          <span aria-hidden="true">{snippetOpen ? '▾' : '▸'}</span> {t('training.snippet.summary')}
        </button>
      </div>
      <div className="training-messages">
        {weightsMsg ? (
          <p className="training-error" role="alert" data-testid="weights-message">
            {weightsMsg.text}
          </p>
        ) : imported ? (
          <p className="training-ok" data-testid="weights-message">
            {t('training.imported', { cell: t(`cell.${cell}` as MessageKey), hidden })}
          </p>
        ) : null}
        {csvMsg ? (
          <p className={csvMsg.error ? 'training-error' : 'training-ok'} role={csvMsg.error ? 'alert' : undefined} data-testid="csv-message">
            {csvMsg.text}
          </p>
        ) : null}
      </div>
      {snippetOpen ? <Snippet t={t} id={id + '-snippet'} /> : null}
    </div>
  );
}

function Snippet({ t, id }: { t: T; id: string }) {
  return (
    <div className="training-snippet" id={id}>
      <p className="sub">{t('training.snippet.intro')}</p>
      <pre tabIndex={0} aria-label={t('training.snippet.summary')}>
        <code>{t('training.snippet.code')}</code>
      </pre>
    </div>
  );
}
