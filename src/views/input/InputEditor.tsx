/**
 * The input sequence, editable in place: the numbers of a time series or the text read one
 * character per step. A bad edit is refused next to the field and nothing else changes.
 */
import { useEffect, useId, useState } from 'react';
import type { MessageKey } from '../../content/i18n';
import { checkText, parseSeries, seriesRows } from '../../state/config';
import { useActions, useApp, useT } from '../../state/context';
import { fmt } from '../ui/scales';

export function InputEditor() {
  const t = useT();
  const a = useActions();
  const id = useId();
  const config = useApp((s) => s.config);
  const snapshot = useApp((s) => s.snapshot);
  const kind =
    config.task === 'text' ? 'text' : config.task === 'copy' || config.task === 'adding' ? 'fixed' : config.task === 'custom' && config.columns > 1 ? 'table' : 'series';
  const current = (): string => {
    if (kind === 'text') return config.text;
    if (config.task === 'custom') return config.series.join(', ');
    if (!snapshot || snapshot.model.inputSize !== 1) return '';
    // the inputs x_0 … x_{T-1} and the last target, so editing keeps T steps
    const xs = Array.from(snapshot.xs, (v) => fmt(v, 4));
    if (snapshot.loss === 'mse') xs.push(fmt(snapshot.targets[snapshot.steps - 1], 4));
    return xs.join(', ');
  };
  const [draft, setDraft] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const source = kind === 'text' ? config.text : config.task === 'custom' ? config.series.join(',') : snapshot?.version;
  useEffect(() => {
    setDraft(current());
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, kind]);

  const apply = () => {
    if (kind === 'text') {
      const check = checkText(draft);
      if (!check.ok) return setError(t(check.error.key, check.error.vars));
      setError(null);
      a.setConfig({ text: draft });
      return;
    }
    const parsed = parseSeries(draft);
    if (!parsed.ok) return setError(t(parsed.error.key, parsed.error.vars));
    setError(null);
    a.setConfig({ task: 'custom', series: parsed.values });
  };

  return (
    <section className="panel input-editor" aria-labelledby={id + '-title'}>
      <h2 id={id + '-title'}>
        {t('input.title')} <span className="sub">· {t(`task.${config.task}` as MessageKey)}</span>
      </h2>
      <p className="sub">{t(`task.${config.task}.about` as MessageKey)}</p>
      {kind === 'table' ? <p className="sub">{t('training.csv.tableNote', { rows: seriesRows(config), columns: config.columns })}</p> : null}
      {kind === 'fixed' || kind === 'table' ? null : (
        <div className="input-row">
          <label htmlFor={id} className="sub">
            {kind === 'text' ? t('input.text') : t('input.series')}
          </label>
          <textarea
            id={id}
            rows={2}
            value={draft}
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={error ? id + '-err' : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) apply();
            }}
          />
          <button type="button" onClick={apply}>
            {t('input.apply')}
          </button>
          {error ? (
            <p className="input-error" id={id + '-err'} role="alert">
              {error}
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
