/** Product name, cell type, sizes, input, seed, truncation, language and theme. */
import { CELL_TYPES, TASK_IDS, type TaskId } from '../../state/model';
import { LANGS, type Lang, type MessageKey } from '../../content/i18n';
import { CONFIG_LIMITS, effectiveSteps } from '../../state/config';
import { useActions, useApp, useT } from '../../state/context';
import { NumberField } from '../ui/NumberField';

export function TopBar() {
  const t = useT();
  const a = useActions();
  const config = useApp((s) => s.config);
  const lang = useApp((s) => s.lang);
  const theme = useApp((s) => s.theme);
  const lesson = useApp((s) => s.lesson);
  const T = effectiveSteps(config);
  return (
    <div className="topbar">
      <div className="brand">
        <span className="logo" aria-hidden="true" />
        <h1 className="name">{t('app.name')}</h1>
        <span className="tagline">{t('app.tagline')}</span>
      </div>
      <div className="segmented" role="group" aria-label={t('cell.label')}>
        {CELL_TYPES.map((c) => (
          <button key={c} type="button" aria-pressed={config.cell === c} onClick={() => a.setConfig({ cell: c })}>
            {t(`cell.${c}` as MessageKey)}
          </button>
        ))}
      </div>
      <NumberField integer width={56} label="H" value={config.hidden} min={CONFIG_LIMITS.hidden.min} max={CONFIG_LIMITS.hidden.max} onCommit={(v) => a.setConfig({ hidden: v })} />
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
      {config.task !== 'custom' ? (
        <NumberField integer width={56} label="T" value={config.steps} min={CONFIG_LIMITS.steps.min} max={CONFIG_LIMITS.steps.max} onCommit={(v) => a.setConfig({ steps: v })} />
      ) : null}
      <label className="field">
        <span>{t('task.label')}</span>
        <select value={config.task} onChange={(e) => a.setConfig({ task: e.target.value as TaskId })}>
          {TASK_IDS.filter((id) => id !== 'custom' || config.series.length >= 2).map((id) => (
            <option key={id} value={id}>
              {t(`task.${id}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <NumberField integer label={t('seed.label')} value={config.seed} min={CONFIG_LIMITS.seed.min} max={CONFIG_LIMITS.seed.max} width={72} onCommit={(v) => a.setConfig({ seed: v })} />
      <NumberField integer width={56}
        label={t('truncation.label')}
        value={config.truncation}
        min={0}
        max={T}
        zeroLabel={t('truncation.full')}
        disabledReason={config.bidirectional ? t('controls.truncationOffBoth') : undefined}
        onCommit={(v) => a.setConfig({ truncation: v })}
      />
      <span className="spacer" />
      <button type="button" aria-pressed={lesson !== null} onClick={() => (lesson === null ? a.openChapter(0) : a.closeLesson())}>
        {t('lesson.open')}
      </button>
      <label className="field">
        <span>{t('language.label')}</span>
        <select aria-label={t('language.label')} value={lang} onChange={(e) => a.setLang(e.target.value as Lang)}>
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {l === 'ko' ? '한국어' : 'English'}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="icon"
        aria-label={t('theme.label')}
        aria-pressed={theme === 'dark'}
        title={theme === 'dark' ? t('theme.light') : t('theme.dark')}
        onClick={() => a.setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </div>
  );
}
