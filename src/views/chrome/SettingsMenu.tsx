/**
 * The settings one changes less often (layers, directions, seed, truncation), behind one button in
 * the top bar that says what they are set to. A disclosure: Escape or a click elsewhere closes it.
 */
import { useEffect, useRef } from 'react';
import { CONFIG_LIMITS, effectiveSteps } from '../../state/config';
import { useActions, useApp, useT } from '../../state/context';
import { NumberField } from '../ui/NumberField';

export function SettingsMenu() {
  const t = useT();
  const a = useActions();
  const config = useApp((s) => s.config);
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const el = ref.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !el.contains(e.target as Node)) {
        el.open = false;
        if (e instanceof KeyboardEvent) el.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  const parts = [
    config.layers === 1 ? t('settings.layer') : t('settings.layers', { n: config.layers }),
    config.bidirectional ? t('settings.bothWays') : null,
    t('settings.seed', { seed: config.seed }),
    config.truncation > 0 ? t('settings.truncated', { k: config.truncation }) : null,
  ].filter((p) => p !== null);
  return (
    <details className="settings-menu" ref={ref}>
      <summary>
        <span className="settings-title">{t('settings.title')}</span>{' '}
        <span className="settings-now">{parts.join(' · ')}</span>
      </summary>
      <div className="menu-panel" role="group" aria-label={t('settings.title')}>
        <label className="field" title={t('controls.layersHint')}>
          <span>{t('controls.layers')}</span>
          <select value={config.layers} onChange={(e) => a.setConfig({ layers: Number(e.target.value) })}>
            {Array.from({ length: CONFIG_LIMITS.layers.max }, (_, k) => k + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="field check" title={t('controls.bidirectionalHint')}>
          <input type="checkbox" checked={config.bidirectional} onChange={(e) => a.setConfig({ bidirectional: e.target.checked })} />
          <span>{t('controls.bidirectional')}</span>
        </label>
        <NumberField integer label={t('seed.label')} value={config.seed} min={CONFIG_LIMITS.seed.min} max={CONFIG_LIMITS.seed.max} width={96} onCommit={(v) => a.setConfig({ seed: v })} />
        <NumberField
          integer
          width={64}
          label={t('truncation.label')}
          value={config.truncation}
          min={0}
          max={effectiveSteps(config)}
          zeroLabel={t('truncation.full')}
          disabledReason={config.bidirectional ? t('controls.truncationOffBoth') : undefined}
          onCommit={(v) => a.setConfig({ truncation: v })}
        />
        <p className="sub menu-note">{t('settings.note')}</p>
      </div>
    </details>
  );
}
