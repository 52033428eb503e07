/** Reset · Previous · Play/Pause · Next · speed · status · sharing, always visible; keyboard does the same. */
import { SUBSTEPS } from '../../state/model';
import { useActions, useApp, useT } from '../../state/context';
import { rangeWithin } from '../../state/stepRange';
import { Icon } from '../ui/icons';
import { substepName } from '../ui/where';
import { SessionButtons } from './SessionButtons';

const SPEEDS = [0.5, 1, 2, 4, 8, 16];

export function ControlBar() {
  const t = useT();
  const a = useActions();
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const substeps = useApp((s) => s.substeps);
  const ready = useApp((s) => s.snapshot !== null);
  const projector = useApp((s) => s.projector);
  const predictOn = useApp((s) => s.predictOn);
  // A frame shows no predict card, help or top bar: only the controls that act on what it shows.
  const embedded = useApp((s) => s.embed !== null);
  const predict = (
    <button type="button" className="quiet" aria-pressed={predictOn} onClick={() => a.togglePredict()}>
      {t('predict.toggle')}
    </button>
  );
  return (
    // Projector mode keeps every control (a chapter may ask for any of them), only larger.
    <div className={projector ? 'controlbar projector-bar' : 'controlbar'} role="toolbar" aria-label={t('controls.toolbar')}>
      <div className="group">
        <button type="button" onClick={a.reset} disabled={!ready} aria-keyshortcuts="Home">
          <Icon name="reset" /> {t('controls.reset')}
        </button>
        <button type="button" onClick={a.prev} disabled={!ready} aria-keyshortcuts="ArrowLeft PageUp">
          <Icon name="prev" /> {t('controls.prev')}
        </button>
        <button type="button" className="primary" onClick={a.togglePlay} disabled={!ready} aria-keyshortcuts="Space">
          <Icon name={playing ? 'pause' : 'play'} /> {playing ? t('controls.pause') : t('controls.play')}
        </button>
        <button type="button" onClick={a.next} disabled={!ready} aria-keyshortcuts="ArrowRight PageDown">
          {t('controls.next')} <Icon name="next" />
        </button>
        <label className="speed">
          <span>{t('controls.speed')}</span>
          <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))} aria-label={t('controls.speed')}>
            {SPEEDS.map((v) => (
              <option key={v} value={v}>
                {t('controls.speedValue', { value: v })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Status />
      <div className="group">
        <label className="toggle">
          <input type="checkbox" checked={substeps} onChange={a.toggleSubsteps} />
          <span>{t('controls.substeps')}</span>
        </label>
        {embedded ? null : (
          <>
            {predict}
            <SessionButtons />
            <button type="button" className="quiet" aria-pressed={projector} onClick={() => a.setProjector(!projector)} aria-keyshortcuts="p" title={projector ? t('projector.exit') : undefined}>
              {t('projector.label')}
            </button>
            <button type="button" className="icon quiet" onClick={() => a.toggleHelp(true)} aria-label={t('controls.shortcuts')} aria-keyshortcuts="?">
              ?
            </button>
          </>
        )}
      </div>
    </div>
  );
}

function Status() {
  const t = useT();
  const cursor = useApp((s) => s.cursor);
  const steps = useApp((s) => s.snapshot?.steps ?? 0);
  const cell = useApp((s) => s.snapshot?.model.cell ?? s.config.cell);
  const status = useApp((s) => s.status);
  const layers = useApp((s) => s.snapshot?.model.numLayers ?? 1);
  const directions = useApp((s) => s.snapshot?.model.directions ?? 1);
  const rangeFrom = useApp((s) => rangeWithin(s.range, steps)?.from ?? null);
  const rangeTo = useApp((s) => rangeWithin(s.range, steps)?.to ?? null);
  let text: string;
  if (status === 'loading') text = t('app.loading');
  else if (layers === 1 && directions === 1) text = t(cursor.phase === 'forward' ? 'status.forward' : 'status.backward', { t: cursor.t, T: steps });
  else {
    // which cell of the grid: "layer 2", and "reverse" when it runs backwards in time
    let where = layers > 1 ? t('status.where', { layer: cursor.layer }) : '';
    if (directions === 2) where += (where ? ' ' : '') + t(cursor.direction === 1 ? 'dir.reverse' : 'dir.forward');
    text = t(cursor.phase === 'forward' ? 'status.forwardAt' : 'status.backwardAt', { where, t: cursor.t, T: steps });
  }
  if (status !== 'loading' && cursor.sub !== null) {
    const part = SUBSTEPS[cell][cursor.phase][cursor.sub];
    if (part) text += t('status.sub', { part: substepName(t, part, { layer: cursor.layer, layers, direction: cursor.direction }) });
  }
  if (status !== 'loading' && rangeFrom !== null) text += t('status.range', { from: rangeFrom, to: rangeTo ?? rangeFrom });
  return (
    <div className={`status ${cursor.phase}`} role="status" aria-live="polite" aria-atomic="true" data-testid="status-bar">
      {text}
    </div>
  );
}
