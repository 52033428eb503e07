/**
 * Training: controls, live loss curve, history you can rewind, the task's own output, and
 * weights and data in and out. Every number is the worker's (through the store); this view
 * only indexes, scales and formats. The loss curve redraws at most once per animation frame
 * however fast progress events arrive, and never draws more than a few points per pixel.
 */
import { useId } from 'react';
import type { MessageKey } from '../../content/i18n';
import { useActions, useApp, useT } from '../../state/context';
import { EVALUATION_SEQUENCES } from '../../state/model';
import { Num } from '../ui/Num';
import { fmt, fmtFull } from '../ui/scales';
import { Trans } from '../ui/Trans';
// one stylesheet per part of the panel, in the cascade order they were written in (later ones override)
import './trainingPanel.css';
import './trainingCurve.css';
import './taskOutput.css';
import './dataInOut.css';
import './trainingPanelMedia.css';
import { Controls } from './TrainingControls';
import { LossPanel } from './LossPanel';
import { TaskOutput } from './TaskOutput';
import { DataInOut } from './DataInOut';

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
      <Test />
      <Notes />
      <div className="training-body">
        <LossPanel />
        <TaskOutput />
      </div>
      <DataInOut />
    </section>
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

/** Tests the weights on fresh sequences of the task: the number the lesson's claims are about. */
function Test() {
  const t = useT();
  const a = useActions();
  const ready = useApp((s) => s.snapshot !== null && s.status === 'ready');
  const running = useApp((s) => s.training.running);
  const ev = useApp((s) => s.training.evaluation);
  const count = EVALUATION_SEQUENCES;
  return (
    <p className="training-test" data-testid="training-test">
      <button type="button" disabled={!ready || running} onClick={() => void a.evaluate()}>
        {t('training.test', { count })}
      </button>{' '}
      {ev ? (
        <span data-testid="training-test-result">
          {Number.isNaN(ev.accuracy) ? (
            <Trans k="training.testResultLoss" vars={{ iteration: ev.iteration, count: ev.count, loss: <Num value={ev.loss} /> }} />
          ) : (
            <Trans k="training.testResult" vars={{ iteration: ev.iteration, count: ev.count, accuracy: `${Math.round(ev.accuracy * 1000) / 10}%`, loss: <Num value={ev.loss} /> }} />
          )}
        </span>
      ) : null}
    </p>
  );
}

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
