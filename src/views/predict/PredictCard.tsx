/**
 * Predict, then reveal: while "Predict" is on, a question about the step the next press of "Next
 * step" will show, made from the live numbers; after the answer, the right value, whether the
 * answer counts, and a line saying why, then a button that shows that step. The answer is announced.
 */
import { useMemo, useRef, useState } from 'react';
import { isRight, pickItem, type PredictItem } from '../../content/predictItems';
import { useActions, useApp, useT } from '../../state/context';
import { readMoment } from '../../state/moment';
import { predictView, revealTarget } from '../../state/predict';
import { SketchCurve } from './SketchCurve';
import { openChapterOf, progressKey } from '../../state/slices/predict';
import { download } from '../ui/download';
import { Num } from '../ui/Num';
import { fmt } from '../ui/scales';
import './predict.css';

export function PredictCard() {
  const t = useT();
  const a = useActions();
  const on = useApp((s) => s.predictOn);
  const snapshot = useApp((s) => s.snapshot);
  const cursor = useApp((s) => s.cursor);
  const unit = useApp((s) => s.unit);
  const seed = useApp((s) => s.config.seed);
  const lesson = useApp((s) => s.lesson);
  const chapter = useApp(openChapterOf);
  const progress = useApp((s) => s.predictProgress[progressKey(s)]);
  const continued = useRef(false);
  const asked = useMemo(() => {
    if (!on || !snapshot) return null;
    const target = revealTarget(snapshot, cursor);
    if (!target) return null;
    const kinds = chapter?.predict;
    const item = pickItem(predictView(snapshot, cursor, target, seed, unit), kinds);
    return item ? { item, target } : null;
  }, [on, snapshot, cursor, seed, unit, chapter]);
  const item = asked?.item ?? null;
  if (!on || !snapshot) return null;
  const focusNext = continued.current;
  continued.current = false;
  return (
    <section className="predict panel" aria-labelledby="predict-title" data-testid="predict-card">
      <h2 id="predict-title">{t('predict.title')}</h2>
      {item ? (
        <Question
          key={item.id}
          item={item}
          focusFirst={focusNext}
          onShow={() => {
            continued.current = true;
            // the step asked about, whole (with sub-steps on, "Next step" would show only its first part)
            const { phase, t, layer, direction } = asked!.target;
            a.seek({ phase, t, layer, direction });
          }}
        />
      ) : (
        <p>{t('predict.end')}</p>
      )}
      {cursor.phase === 'forward' ? <SketchCurve key={`${snapshot.version}:${cursor.layer}:${cursor.direction}`} norms={readMoment(snapshot, cursor).dhNorms} /> : null}
      <p className="sub predict-progress">
        {progress ? t(lesson === null ? 'predict.progressFree' : 'predict.progress', { right: progress.right, asked: progress.asked }) : t('predict.intro')}{' '}
        <button type="button" className="quiet" onClick={() => download(a.predictProgressJson(), 'unroll-predictions.json', 'application/json')}>
          {t('predict.export')}
        </button>
      </p>
    </section>
  );
}

function Question({ item, focusFirst, onShow }: { item: PredictItem; focusFirst: boolean; onShow: () => void }) {
  const t = useT();
  const a = useActions();
  const lang = useApp((s) => s.lang);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(false);
  const [given, setGiven] = useState<number | string | null>(null);
  const answer = (v: number | string) => {
    setGiven(v);
    a.recordPrediction(isRight(item, v));
  };
  const right = given !== null && isRight(item, given);
  const label = (v: string) => (item.type === 'choice' ? (item.choices.find((c) => c.value === v)?.label[lang] ?? v) : v);
  return (
    <div className="predict-q">
      <p className="predict-prompt" data-testid="predict-prompt">
        {item.prompt[lang]}
      </p>
      {given === null ? (
        item.type === 'number' ? (
          <form
            className="predict-form"
            onSubmit={(e) => {
              e.preventDefault();
              const v = Number(text.trim().replace(/\u2212/g, '-'));
              if (text.trim() === '' || !Number.isFinite(v)) return setProblem(true);
              answer(v);
            }}
          >
            <label>
              {t('predict.yourAnswer')}{' '}
              <input type="text" inputMode="decimal" value={text} autoFocus={focusFirst} onChange={(e) => (setText(e.target.value), setProblem(false))} aria-invalid={problem} />
            </label>
            <button type="submit">{t('predict.check')}</button>
            {problem ? <span className="predict-problem">{t('predict.notNumber')}</span> : null}
          </form>
        ) : (
          <div className="predict-choices" role="group" aria-label={t('predict.yourAnswer')}>
            {item.choices.map((c, i) => (
              <button key={c.value} type="button" autoFocus={focusFirst && i === 0} onClick={() => answer(c.value)}>
                {c.label[lang]}
              </button>
            ))}
          </div>
        )
      ) : null}
      <div className="predict-reveal" role="status" aria-live="polite" data-testid="predict-reveal">
        {given !== null ? (
          <>
            <p className={right ? 'predict-right' : 'predict-wrong'}>
              <strong>{t(right ? 'predict.right' : 'predict.wrong')}</strong> {t('predict.gave', { given: typeof given === 'number' ? String(given) : label(given) })}{' '}
              {item.type === 'number' ? (
                <Exact item={item} />
              ) : (
                t('predict.answerIs', { answer: label(item.answer) })
              )}
            </p>
            <p>{item.explain[lang]}</p>
          </>
        ) : null}
      </div>
      {given !== null ? (
        <button type="button" className="primary" autoFocus onClick={onShow}>
          {t('predict.show')}
        </button>
      ) : null}
    </div>
  );
}

/** "The exact value is …; answers within ±… count", the value a number one can copy. */
function Exact({ item }: { item: Extract<PredictItem, { type: 'number' }> }) {
  const t = useT();
  const [before, after] = t('predict.exact', { tolerance: fmt(item.tolerance, 2) }).split('{value}');
  return (
    <>
      {before}
      <Num value={item.answer} testId="predict-exact" of={item.of} />
      {after}
    </>
  );
}
