/**
 * A number as people read it (a few significant digits, the same format in every panel), with the
 * exact value on demand: hovering shows it, focusing announces it, and a click or Enter copies it,
 * or, for a number of the pass that names what it is (`of`), opens "How this number is made"
 * (whose dialog copies it too). A value known only to a relative error is marked ≈ and shown with
 * the digits that error allows.
 */
import { useActions, useT } from '../../state/context';
import type { QuantityRef } from '../../state/model';
import { digitsFor, fmt, fmtFull } from './scales';

export function Num({ value, relError, testId, of }: { value: number; relError?: number; testId?: string; of?: QuantityRef }) {
  const t = useT();
  const actions = useActions();
  const estimate = relError !== undefined && relError > 1e-9;
  const shown = Number.isNaN(value) ? '–' : (estimate ? '≈' : '') + fmt(value, estimate ? digitsFor(relError) : undefined);
  const exact = fmtFull(value);
  const explains = of !== undefined && !estimate;
  const copy = () => {
    if (explains) {
      void actions.explainNumber(of);
      return;
    }
    if (!Number.isFinite(value)) return;
    navigator.clipboard?.writeText(exact).then(
      () => actions.notify('info', 'notice.copied', { value: exact }),
      () => actions.notify('warning', 'notice.notCopied', { value: exact }),
    );
  };
  return (
    <span
      className={estimate ? 'num estimate' : explains ? 'num explains' : 'num'}
      role="button"
      tabIndex={0}
      title={estimate ? t('num.estimateTitle', { exact, error: fmt(relError!, 1) }) : t(explains ? 'num.explainTitle' : 'num.exactTitle', { exact })}
      aria-label={estimate ? t('num.estimateLabel', { shown, exact, error: fmt(relError!, 1) }) : t(explains ? 'num.explainLabel' : 'num.label', { shown, exact })}
      aria-haspopup={explains ? 'dialog' : undefined}
      data-exact={exact}
      data-testid={testId}
      onClick={copy}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          copy();
        }
      }}
    >
      {shown}
    </span>
  );
}
