/** Language, theme, view options, the help dialog and the notices. */
import type { Lang, MessageKey } from '../../content/i18n';
import { toHash, type Notation, type ViewMode } from '../url';
import type { SliceContext } from './context';

export type Theme = 'light' | 'dark';

/** The tabs of the gradient band. */
export type GradTab = 'bptt' | 'weights' | 'vanish' | 'compare';

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export interface UiState {
  lang: Lang;
  theme: Theme;
  view: ViewMode;
  notation: Notation;
  /** the visible tab of the gradient band (the analysis is computed only while its tab shows) */
  gradTab: GradTab;
  helpOpen: boolean;
  notices: Notice[];
}

export const uiInitial = (): UiState => ({ lang: 'en', theme: 'light', view: 'unrolled', notation: 'lecture', gradTab: 'bptt', helpOpen: false, notices: [] });

export interface UiActions {
  setLang(lang: Lang): void;
  setTheme(theme: Theme): void;
  setView(view: ViewMode): void;
  setNotation(n: Notation): void;
  /** shows a tab of the gradient band (the vanishing tab asks for the analysis) */
  setGradTab(tab: GradTab): void;
  toggleHelp(open?: boolean): void;
  notify(kind: Notice['kind'], key: MessageKey, vars?: Record<string, string | number>): void;
  dismissNotice(id: number): void;
  /** copies the link to this exact moment; resolves to whether it worked */
  copyLink(): Promise<boolean>;
}

export function createUiActions({ get, set, actions }: SliceContext): UiActions {
  let noticeId = 1;
  const notify: UiActions['notify'] = (kind, key, vars) => {
    // the same message twice shows once; at most four at a time
    const notices = get().notices.filter((n) => !(n.key === key && JSON.stringify(n.vars) === JSON.stringify(vars)));
    set({ notices: [...notices.slice(-3), { id: noticeId++, kind, key, vars }] });
  };
  return {
    setLang: (lang) => set({ lang }),
    setTheme: (theme) => set({ theme }),
    setView: (view) => set({ view }),
    setNotation: (notation) => set({ notation }),
    setGradTab(gradTab) {
      set({ gradTab });
      if (gradTab === 'vanish') actions.requestAnalysis();
    },
    toggleHelp: (open) => set({ helpOpen: open ?? !get().helpOpen }),
    notify,
    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
    async copyLink() {
      // From the state itself: the address bar is updated a moment later.
      const s = get();
      const url = location.href.split('#')[0] + toHash(s);
      try {
        await navigator.clipboard.writeText(url);
        notify('info', 'notice.linkCopied', {});
        return true;
      } catch {
        notify('warning', 'notice.linkNotCopied', { url });
        return false;
      }
    },
  };
}
