/**
 * The training controls: train, pause, one iteration, and the optimiser settings (their bounds
 * are the engine's TRAIN_LIMITS, the same the worker checks).
 */
import type { MessageKey } from '../../content/i18n';
import { useActions, useApp, useT } from '../../state/context';
import { OPTIMIZERS, TRAIN_LIMITS, type TrainSettings } from '../../state/model';
import { Icon } from '../ui/icons';
import { NumberField } from '../ui/NumberField';

export function Controls() {
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
      <button type="button" className="primary" disabled={!ready || busy} onClick={() => (running ? void a.trainPause() : a.trainStart())}>
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
      <NumberField
        className="training-number"
        label={t('training.lrShort')}
        name={t('training.lr')}
        value={settings.lr}
        {...TRAIN_LIMITS.lr}
        onCommit={(v) => a.setTrainSettings({ lr: v })}
      />
      <NumberField
        className="training-number"
        label={t('training.clipShort')}
        name={t('training.clip')}
        value={clip}
        {...TRAIN_LIMITS.clip}
        zeroLabel={t('training.clipOff')}
        onCommit={setClip}
      />
      <NumberField
        className="training-number short"
        label={t('training.batchShort')}
        name={t('training.batch')}
        value={settings.batch}
        {...TRAIN_LIMITS.batch}
        integer
        onCommit={(v) => a.setTrainSettings({ batch: v })}
      />
    </div>
  );
}
