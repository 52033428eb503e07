/**
 * A number as people read it (a few significant digits, the same format in every panel), with the
 * exact value on demand: hovering shows it, focusing announces it, and a click or Enter copies it.
 * A value known only to a relative error is marked ≈ and shown with the digits that error allows.
 */
import { useActions, useT } from '../../state/context';
import { digitsFor, fmt, fmtFull } from './scales';

export function Num({ value, relError, testId }: { value: number; relError?: number; testId?: string }) {
  const t = useT();
  const actions = useActions();
  const estimate = relError !== undefined && relError > 1e-9;
  const shown = Number.isNaN(value) ? '–' : (estimate ? '≈' : '') + fmt(value, estimate ? digitsFor(relError) : undefined);
  const exact = fmtFull(value);
  const copy = () => {
    if (!Number.isFinite(value)) return;
    navigator.clipboard?.writeText(exact).then(
      () => actions.notify('info', 'notice.copied', { value: exact }),
      () => actions.notify('warning', 'notice.notCopied', { value: exact }),
    );
  };
  return (
    <span
      className={estimate ? 'num estimate' : 'num'}
      role="button"
      tabIndex={0}
      title={estimate ? t('num.estimateTitle', { exact, error: fmt(relError!, 1) }) : t('num.exactTitle', { exact })}
      aria-label={estimate ? t('num.estimateLabel', { shown, exact, error: fmt(relError!, 1) }) : t('num.label', { shown, exact })}
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
