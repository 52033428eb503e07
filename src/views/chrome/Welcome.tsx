/**
 * The first visit's welcome: three ways in. It sits in the page, above the panels, and covers
 * nothing; once closed (by any of its buttons) local storage remembers it (persist.ts).
 */
import { useActions, useApp, useT } from '../../state/context';
import { FileButton } from '../ui/FileButton';
import './welcome.css';

export function Welcome() {
  const t = useT();
  const a = useActions();
  const shown = useApp((s) => s.welcome);
  const ready = useApp((s) => s.snapshot !== null);
  if (!shown) return null;
  const importModel = async (json: string) => {
    const error = await a.importWeights(json);
    if (error) a.notify('error', 'notice.engineError', { message: error });
    else a.dismissWelcome();
  };
  return (
    <section className="welcome panel" aria-labelledby="welcome-title">
      <div className="welcome-head">
        <h2 id="welcome-title">{t('welcome.title')}</h2>
        <button type="button" className="icon small" aria-label={t('welcome.dismiss')} onClick={a.dismissWelcome}>
          ×
        </button>
      </div>
      <p>{t('welcome.body')}</p>
      <ul className="welcome-ways">
        <li>
          <button
            type="button"
            className="primary"
            onClick={() => {
              a.dismissWelcome();
              a.openChapter(0);
            }}
          >
            {t('welcome.lesson')}
          </button>
          <span className="sub">{t('welcome.lessonHelp')}</span>
        </li>
        <li>
          <button type="button" onClick={a.dismissWelcome}>
            {t('welcome.explore')}
          </button>
          <span className="sub">{t('welcome.exploreHelp')}</span>
        </li>
        <li>
          <FileButton label={t('welcome.model')} accept=".json,application/json" disabled={!ready} onText={(s) => void importModel(s)} onError={(message) => a.notify('error', 'notice.engineError', { message })} />
          <span className="sub">{t('welcome.modelHelp')}</span>
        </li>
      </ul>
    </section>
  );
}
