/** Plain-language messages (a bad link, a refused input, a restarted engine), dismissible. */
import { useActions, useApp, useT } from '../../state/context';
import { useSaveSession } from './SessionButtons';

export function Notices() {
  const t = useT();
  const a = useActions();
  const notices = useApp((s) => s.notices);
  const saveSession = useSaveSession();
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'note'}>
          <span>{t(n.key, n.vars)}</span>
          {n.action === 'saveSession' ? (
            <button type="button" onClick={() => void saveSession().then(() => a.dismissNotice(n.id))}>
              {t('share.saveSession')}
            </button>
          ) : n.action === 'restoreSetup' ? (
            <button type="button" className="primary" onClick={a.restoreSetup}>
              {t('lesson.backToSetup')}
            </button>
          ) : null}
          <button type="button" className="icon small" aria-label={t('notice.dismiss')} onClick={() => a.dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
