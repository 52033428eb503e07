import { useEffect } from 'react';
import type { Actions } from '../../state/actions';

/** Global shortcuts: ← / → step, Space play/pause, Home reset, ? help, Esc closes help. */
export function useKeyboard(actions: Actions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          actions.next();
          break;
        case 'ArrowLeft':
        case 'PageUp':
          actions.prev();
          break;
        case ' ':
          if (tag === 'BUTTON') return; // let the focused button handle its own press
          actions.togglePlay();
          break;
        case 'Home':
          actions.reset();
          break;
        case '?':
          actions.toggleHelp();
          break;
        case 'Escape':
          actions.toggleHelp(false);
          break;
        case ']':
          actions.nextChapter();
          break;
        case '[':
          actions.prevChapter();
          break;
        case 'p':
        case 'P':
          actions.toggleProjector();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
