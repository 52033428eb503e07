/**
 * The one number field: a whole or decimal number that commits on Enter or blur, goes back on
 * Escape, and refuses what is out of its bounds next to itself (nothing changes then).
 */
import { useEffect, useId, useState } from 'react';
import { useT } from '../../state/context';
import { fmt } from './scales';

interface Props {
  /** the short label shown next to the field */
  label: string;
  /** the field's accessible name, when it says more than the label (e.g. "Learning rate" for "lr") */
  name?: string;
  value: number;
  min: number;
  max: number;
  /** whole numbers only */
  integer?: boolean;
  onCommit: (v: number) => void;
  /** the input's width in px */
  width?: number;
  className?: string;
  /** shown instead of 0 (e.g. "full" for truncation, "off" for clipping) */
  zeroLabel?: string;
  /** why the field cannot be changed now (it is disabled, and this says why) */
  disabledReason?: string;
}

/** The number typed, or null when it is not a number within the bounds (decimal comma accepted). */
export function readNumber(text: string, { min, max, integer }: Pick<Props, 'min' | 'max' | 'integer'>): number | null {
  const s = text.trim().replace(',', '.');
  if (integer ? !/^-?\d+$/.test(s) : !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const v = Number(s);
  if (!Number.isFinite(v) || (integer && !Number.isSafeInteger(v)) || v < min || v > max) return null;
  return v;
}

export function NumberField({ label, name, value, min, max, integer = false, onCommit, width, className, zeroLabel, disabledReason }: Props) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(String(value));
    setError(null);
  }, [value]);
  const commit = () => {
    const v = readNumber(draft, { min, max, integer });
    if (v === null) {
      setError(integer ? t('field.wholeNumber', { min, max }) : t('training.field.decimal', { min, max: fmt(max) }));
      return;
    }
    setError(null);
    if (v !== value) onCommit(v);
    else setDraft(String(value));
  };
  return (
    <span className="field">
      <label htmlFor={id} title={name}>
        {label}
      </label>
      <input
        id={id}
        className={className}
        inputMode={integer ? 'numeric' : 'decimal'}
        aria-label={name}
        value={draft}
        style={width ? { width } : undefined}
        aria-invalid={error !== null}
        aria-describedby={error ? id + '-err' : undefined}
        title={disabledReason ?? (zeroLabel && value === 0 ? zeroLabel : undefined)}
        disabled={disabledReason !== undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(String(value));
            setError(null);
          }
        }}
      />
      {zeroLabel && value === 0 && !error ? <span className="hint">{zeroLabel}</span> : null}
      {error ? (
        <span className="field-error" id={id + '-err'} role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
