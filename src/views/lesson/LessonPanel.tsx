/**
 * The guided lesson: one chapter at a time, in the reader's language, with the app set to
 * what the chapter talks about. Formulas in the text are our own TeX.
 */
import { CHAPTERS } from '../../content/lessons';
import { useActions, useApp, useT } from '../../state/context';
import { Rich } from '../ui/Rich';
import './lesson.css';

export function LessonPanel() {
  const t = useT();
  const a = useActions();
  const index = useApp((s) => s.lesson);
  const lang = useApp((s) => s.lang);
  if (index === null) return null;
  const ch = CHAPTERS[index];
  return (
    <section className="lesson panel" aria-labelledby="lesson-title">
      <div className="lesson-head">
        <label className="field">
          <span>{t('lesson.chapter')}</span>
          <select value={index} onChange={(e) => a.openChapter(Number(e.target.value))}>
            {CHAPTERS.map((c, i) => (
              <option key={c.id} value={i}>
                {c.title[lang]}
              </option>
            ))}
          </select>
        </label>
        <span className="sub">{t('lesson.of', { n: index + 1, N: CHAPTERS.length })}</span>
        <span className="spacer" />
        <button type="button" onClick={() => a.openChapter(index - 1)} disabled={index === 0} aria-keyshortcuts="[">
          {t('lesson.prev')}
        </button>
        <button type="button" className="primary" onClick={() => a.openChapter(index + 1)} disabled={index === CHAPTERS.length - 1} aria-keyshortcuts="]">
          {t('lesson.next')}
        </button>
        <button type="button" className="icon" aria-label={t('lesson.close')} onClick={a.closeLesson}>
          ×
        </button>
      </div>
      <h2 id="lesson-title">{ch.title[lang]}</h2>
      <div className="lesson-body">
        {ch.body[lang].map((p, k) => (
          <p key={k}>
            <Rich text={p} />
          </p>
        ))}
      </div>
      <p className="lesson-try">
        <strong>{t('lesson.try')}:</strong> <Rich text={ch.tryIt[lang]} />
      </p>
    </section>
  );
}
