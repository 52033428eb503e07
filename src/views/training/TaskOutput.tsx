/**
 * What the model does on its task: the prediction against the target, the copy answer, or text it writes.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { scaleLinear } from 'd3';
import { useActions, useApp, useT } from '../../state/context';
import type { SessionSnapshot } from '../../state/model';
import { seriesExtent, seriesPath, yScale } from './lossCurve';
import { fmt, fmtFull } from '../ui/scales';
import { useElementSize } from '../ui/useElementSize';
import { readMoment } from '../../state/moment';
import { useFrameValue } from './LossPanel';

const SAMPLE_LENGTH = 200;

export function TaskOutput() {
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
    return { x, y, pred: seriesPath(ys, steps, (k) => x(k), y), target: seriesPath(targets, steps, (k) => x(k), y), ticks: y.ticks(3), dots: T <= 40 ? steps : [], ys, targets };
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
