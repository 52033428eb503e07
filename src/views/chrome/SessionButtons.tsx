/** Copy link, Save session and Open session: sharing this exact moment, weights included. */
import { useCallback } from 'react';
import { useActions, useApp, useT } from '../../state/context';
import { download } from '../ui/download';
import { FileButton } from '../ui/FileButton';

/** Saves the session as a JSON file named after the network and its training iteration. */
export function useSaveSession(): () => Promise<void> {
  const a = useActions();
  const cell = useApp((s) => s.config.cell);
  const hidden = useApp((s) => s.config.hidden);
  const iteration = useApp((s) => s.training.iteration);
  return useCallback(async () => {
    let text: string;
    try {
      text = await a.sessionText();
    } catch (e) {
      a.notify('error', 'share.cannotPack', { reason: e instanceof Error ? e.message : String(e) });
      return;
    }
    download(text, `unroll-session-${cell}-h${hidden}-it${iteration}.json`, 'application/json');
    a.notify('info', 'share.sessionSaved', {});
  }, [a, cell, hidden, iteration]);
}

export function SessionButtons() {
  const t = useT();
  const a = useActions();
  const ready = useApp((s) => s.snapshot !== null);
  const save = useSaveSession();
  return (
    <>
      <button type="button" className="quiet" onClick={() => void a.copyLink()} disabled={!ready}>
        {t('share.copy')}
      </button>
      <button type="button" className="quiet" onClick={() => void save()} disabled={!ready}>
        {t('share.saveSession')}
      </button>
      <FileButton
        className="quiet"
        label={t('share.openSession')}
        accept=".json,application/json"
        onText={(text) => void a.openSessionText(text)}
        onError={(reason) => a.notify('error', 'share.badSession', { reason })}
      />
    </>
  );
}
