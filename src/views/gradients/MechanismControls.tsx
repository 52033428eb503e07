/**
 * What changes the mechanism: the scale of W_hh (a slider on a rough log grid, with 1 exactly on it),
 * the initialisation, the gate biases that open the shortcuts, the size of the inputs, and where the
 * loss sits. Each makes a new session; those that make the weights start again from the seed.
 */
import { useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../content/i18n';
import { CONFIG_LIMITS } from '../../state/config';
import { useActions, useApp, useT } from '../../state/context';
import { INIT_SCHEMES } from '../../state/model';
import { NumberField } from '../ui/NumberField';
import { fmt } from '../ui/scales';

/** Scales a click away: 1 exactly, and the range from vanishing to exploding on a rough log grid. */
export const SCALE_STEPS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.15, 1.2, 1.3, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 8] as const;

function nearestStep(v: number): number {
  let best = 0;
  for (let i = 1; i < SCALE_STEPS.length; i++) if (Math.abs(Math.log(SCALE_STEPS[i] / v)) < Math.abs(Math.log(SCALE_STEPS[best] / v))) best = i;
  return best;
}

export function MechanismControls() {
  const tr = useT();
  const actions = useActions();
  const config = useApp((s) => s.config);
  const origin = useApp((s) => s.snapshot?.model.origin ?? 'init');
  const [draft, setDraft] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useEffect(() => setDraft(null), [config.hhScale]);
  const value = draft ?? config.hhScale;
  const commitScale = (v: number) => {
    setDraft(v);
    if (timer.current) clearTimeout(timer.current);
    // dragging the slider makes one session when it rests, not one per position
    timer.current = setTimeout(() => {
      timer.current = null;
      actions.setConfig({ hhScale: Math.min(CONFIG_LIMITS.hhScale.max, Math.max(CONFIG_LIMITS.hhScale.min, v)) });
    }, 250);
  };
  return (
    <div className="gp-card gp-controls" data-testid="mechanism-controls">
      <h3>{tr('cfg.title')}</h3>
      <div className="gp-scale">
        <label htmlFor="gp-hh-scale">{tr('gp.v.scaleLabel')}</label>
        <input
          id="gp-hh-scale"
          type="range"
          min={0}
          max={SCALE_STEPS.length - 1}
          step={1}
          value={nearestStep(value)}
          aria-valuetext={tr('gp.v.scaleValue', { value: fmt(value) })}
          onChange={(e) => commitScale(SCALE_STEPS[Number(e.target.value)])}
        />
        <output htmlFor="gp-hh-scale" className="gp-scale-value" data-testid="hh-scale">
          ×{fmt(value)}
        </output>
      </div>
      <label className="field gp-field">
        <span>{tr('cfg.init')}</span>
        <select value={config.init} onChange={(e) => actions.setConfig({ init: e.target.value as typeof config.init })}>
          {INIT_SCHEMES.map((s) => (
            <option key={s} value={s}>
              {tr(`cfg.init.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {config.cell === 'lstm' ? (
        <NumberField label={tr('cfg.forgetBias')} name={tr('cfg.forgetBiasName')} value={config.forgetBias} {...CONFIG_LIMITS.gateBias} width={56} onCommit={(v) => actions.setConfig({ forgetBias: v })} />
      ) : null}
      {config.cell === 'gru' ? (
        <NumberField label={tr('cfg.updateBias')} name={tr('cfg.updateBiasName')} value={config.updateBias} {...CONFIG_LIMITS.gateBias} width={56} onCommit={(v) => actions.setConfig({ updateBias: v })} />
      ) : null}
      <NumberField label={tr('cfg.inputScale')} name={tr('cfg.inputScaleName')} value={config.inputScale} {...CONFIG_LIMITS.inputScale} width={64} onCommit={(v) => actions.setConfig({ inputScale: v })} />
      <label className="field gp-field">
        <span>{tr('cfg.lossSteps')}</span>
        <select value={config.lossSteps} onChange={(e) => actions.setConfig({ lossSteps: e.target.value as typeof config.lossSteps })}>
          <option value="all">{tr('cfg.loss.all')}</option>
          <option value="last">{tr('cfg.loss.last')}</option>
        </select>
      </label>
      {origin !== 'init' ? <p className="sub gp-tight">{tr('cfg.newWeights')}</p> : null}
    </div>
  );
}
