import { useEffect } from 'react';
import type { Actions } from '../../state/actions';

/** The largest file read when dropped (as the file buttons: a session with a big model's weights). */
const MAX_FILE_MB = 20;

/**
 * A lesson file or a session file dropped anywhere on the page opens as if picked with its button
 * (the state tells them apart by their "format"). Files only: dropped text keeps its usual place.
 */
export function useFileDrop(actions: Actions, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const hasFile = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (e: DragEvent) => {
      if (!hasFile(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      e.preventDefault();
      if (file.size > MAX_FILE_MB * 1024 * 1024) return actions.notify('error', 'training.fileTooBig', { max: MAX_FILE_MB });
      file.text().then(
        (text) => void actions.openDroppedText(text),
        () => actions.notify('error', 'training.fileUnreadable', {}),
      );
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [actions, enabled]);
}
