/** Product name, cell type, H, T, input, the other settings behind one button, the lesson, language and theme. */
import { CELL_TYPES, TASK_IDS, type TaskId } from '../../state/model';
import { LANGS, type Lang, type MessageKey } from '../../content/i18n';
import { CONFIG_LIMITS } from '../../state/config';
import { useActions, useApp, useT } from '../../state/context';
import { NumberField } from '../ui/NumberField';
import { SettingsMenu } from './SettingsMenu';

export function TopBar() {
  const t = useT();
  const a = useActions();
  const config = useApp((s) => s.config);
  const lang = useApp((s) => s.lang);
  const theme = useApp((s) => s.theme);
  const lesson = useApp((s) => s.lesson);
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
      <SettingsMenu />
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
