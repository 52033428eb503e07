/** The keyboard shortcuts, opened with ? (a real dialog: focus moves in and back out). */
import { useEffect, useRef } from 'react';
import { useActions, useApp, useT } from '../../state/context';

export function HelpDialog() {
  const t = useT();
  const a = useActions();
  const open = useApp((s) => s.helpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const rows: [string, string][] = [
    ['→ / PageDown', t('help.next')],
    ['← / PageUp', t('help.prev')],
    ['Space', t('help.play')],
    ['Home', t('help.reset')],
    ['[ / ]', t('help.chapters')],
    ['P', t('help.projector')],
    ['?', t('help.help')],
  ];
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={() => a.toggleHelp(false)}>
      {/* its contents only while open: the page draws (and styles) none of it for the first view */}
      {open ? (
        <>
          <h2 id="help-title">{t('help.title')}</h2>
          <table>
            <tbody>
              {rows.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">
                    <kbd>{k}</kbd>
                  </th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {/* no autoFocus: the dialog is always mounted, and React would focus the hidden button at
              mount (a style recalculation of the whole first view); showModal() focuses it, the
              dialog's only control */}
          <button type="button" onClick={() => a.toggleHelp(false)}>
            {t('help.close')}
          </button>
        </>
      ) : null}
    </dialog>
  );
}
