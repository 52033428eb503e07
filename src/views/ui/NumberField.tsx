/** A whole-number field that commits on Enter or blur and refuses bad input next to itself. */
import { useEffect, useId, useState } from 'react';
import { useT } from '../../state/context';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit: (v: number) => void;
  width?: number;
  /** shown instead of 0 (e.g. "full" for truncation) */
  zeroLabel?: string;
}

export function NumberField({ label, value, min, max, onCommit, width = 56, zeroLabel }: Props) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(String(value));
    setError(null);
  }, [value]);
  const commit = () => {
    const s = draft.trim();
    const v = Number(s);
    if (!/^\d+$/.test(s) || !Number.isSafeInteger(v) || v < min || v > max) {
      setError(t('field.wholeNumber', { min, max }));
      return;
    }
    setError(null);
    if (v !== value) onCommit(v);
  };
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        value={draft}
        style={{ width }}
        aria-invalid={error !== null}
        aria-describedby={error ? id + '-err' : undefined}
        title={zeroLabel && value === 0 ? zeroLabel : undefined}
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
