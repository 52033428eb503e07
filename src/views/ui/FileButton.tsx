/** A button that opens the file picker of a hidden file input and hands over the file's text (at most MAX_FILE_MB). */
import { useRef, type ReactNode } from 'react';
import { useT } from '../../state/context';

const MAX_FILE_MB = 20;

export function FileButton(props: { label: string; className?: string; accept: string; onText: (text: string) => void; onError: (message: string) => void; disabled?: boolean; children?: ReactNode }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={props.className} disabled={props.disabled} onClick={() => input.current?.click()}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        tabIndex={-1}
        aria-label={props.label}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          if (file.size > MAX_FILE_MB * 1024 * 1024) return props.onError(t('training.fileTooBig', { max: MAX_FILE_MB }));
          file.text().then(props.onText, () => props.onError(t('training.fileUnreadable')));
        }}
      />
    </>
  );
}
