/**
 * The guided lesson: one chapter at a time, in the reader's language, with the app set to
 * what the chapter talks about. Formulas in the text are our own TeX.
 */
import type { MessageKey } from '../../content/i18n';
import { claimText, CLAIMS } from '../../content/claims';
import { PRESETS } from '../../state/presets';
import { useActions, useApp, useT } from '../../state/context';
import { lessonChapters } from '../../state/slices/lesson';
import { Rich } from '../ui/Rich';
import { LessonSource } from './LessonSource';
import './lesson.css';

export function LessonPanel() {
  const t = useT();
  const a = useActions();
  const index = useApp((s) => s.lesson);
  const lang = useApp((s) => s.lang);
  const running = useApp((s) => s.training.running);
  const predictOn = useApp((s) => s.predictOn);
  const custom = useApp((s) => s.customLesson);
  const chapters = lessonChapters({ customLesson: custom });
  if (index === null || !chapters[index]) return null;
  const ch = chapters[index];
  // in the chapter's order (the ids were checked when the lesson was read)
  const claims = ch.claims.map((id) => CLAIMS.find((c) => c.id === id)).filter((c) => c !== undefined);
  return (
    <section className="lesson panel" aria-labelledby="lesson-title">
      <div className="lesson-head">
        <label className="field">
          <span>{t('lesson.chapter')}</span>
          <select value={index} onChange={(e) => a.openChapter(Number(e.target.value))}>
            {chapters.map((c, i) => (
              <option key={c.id} value={i}>
                {c.title[lang]}
              </option>
            ))}
          </select>
        </label>
        <span className="sub">{t('lesson.of', { n: index + 1, N: chapters.length })}</span>
        <span className="spacer" />
        <button type="button" className="quiet" aria-pressed={predictOn} onClick={() => a.togglePredict()}>
          {t('predict.inLesson')}
        </button>
        <button type="button" onClick={() => a.openChapter(index - 1)} disabled={index === 0} aria-keyshortcuts="[">
          {t('lesson.prev')}
        </button>
        <button type="button" className="primary" onClick={() => a.openChapter(index + 1)} disabled={index === chapters.length - 1} aria-keyshortcuts="]">
          {t('lesson.next')}
        </button>
        <button type="button" className="icon" aria-label={t('lesson.close')} onClick={a.closeLesson}>
          ×
        </button>
      </div>
      <LessonSource />
      <h2 id="lesson-title">{ch.title[lang]}</h2>
      <div className="lesson-body">
        {ch.body[lang].map((p, k) => (
          <p key={k}>
            <Rich text={p} />
          </p>
        ))}
      </div>
      {claims.length ? (
        <div className="lesson-claims" data-testid="lesson-claims">
          <h3>{t('lesson.claims')}</h3>
          {claims.map((c) => (
            <p key={c.id} data-claim={c.id}>
              <Rich text={claimText(c, lang)} />
            </p>
          ))}
          <p className="sub">{t('lesson.claimsAbout', { seeds: Math.min(...claims.map((c) => c.seeds)) })}</p>
        </div>
      ) : null}
      {ch.tryIt ? (
        <p className="lesson-try">
          <strong>{t('lesson.try')}:</strong> <Rich text={ch.tryIt[lang]} />
        </p>
      ) : null}
      {ch.tryPresets?.length || ch.trainFor ? (
        <div className="lesson-actions">
          {(ch.tryPresets ?? []).map((p) => {
            const title = PRESETS[p.id].title[lang] + (p.cell ? ` · ${t(`cell.${p.cell}` as MessageKey)}` : '');
            return (
              <button key={p.id + (p.cell ?? '')} type="button" className="chip" onClick={() => a.openPreset(p.id, p.cell)} aria-label={t('preset.open', { title })}>
                {title}
              </button>
            );
          })}
          {ch.trainFor ? (
            <button type="button" className="primary" disabled={running} onClick={() => a.trainStart(ch.trainFor)}>
              {t('lesson.trainFor', { n: ch.trainFor })}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
