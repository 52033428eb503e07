/**
 * Runs an export (a file made in the worker, or a picture of a view) so that a failure is said on
 * screen, as a notice naming what could not be saved and why, and never left as an unhandled
 * rejection in the console.
 */
import { useActions, useT } from '../../state/context';
import { errorMessage } from '../../state/requests';

export type Save = (what: string, job: () => unknown) => void;

export function useSave(): Save {
  const a = useActions();
  const t = useT();
  return (what, job) => {
    const fail = (e: unknown) => a.notify('error', 'notice.exportFailed', { what, message: errorMessage(e) || t('export.unknownReason') });
    try {
      const result = job();
      if (result instanceof Promise) result.catch(fail);
    } catch (e) {
      fail(e);
    }
  };
}
