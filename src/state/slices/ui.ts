/** Language, theme, view options, the help dialog and the notices. */
import type { Lang, MessageKey } from '../../content/i18n';
import type { EmbedPart, GradTab, Notation, ViewMode } from '../url';
import type { SliceContext } from './context';

export type Theme = 'light' | 'dark';

export type { GradTab };

/** What a notice's button does: save the session (a link too big), go back to the setup a lesson replaced. */
export type NoticeAction = 'saveSession' | 'restoreSetup';

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  key: MessageKey;
  vars?: Record<string, string | number>;
  action?: NoticeAction;
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
  /** the first-visit welcome shows (persist.ts remembers in local storage that it was dismissed) */
  welcome: boolean;
  /** embed mode: the panels shown inside another page (null: the whole app) */
  embed: EmbedPart[] | null;
}

export const uiInitial = (): UiState => ({ lang: 'en', theme: 'light', view: 'unrolled', notation: 'lecture', gradTab: 'bptt', helpOpen: false, notices: [], welcome: false, embed: null });

export interface UiActions {
  setLang(lang: Lang): void;
  setTheme(theme: Theme): void;
  setView(view: ViewMode): void;
  setNotation(n: Notation): void;
  /** shows a tab of the gradient band (the vanishing tab asks for the analysis) */
  setGradTab(tab: GradTab): void;
  toggleHelp(open?: boolean): void;
  notify(kind: Notice['kind'], key: MessageKey, vars?: Record<string, string | number>, action?: NoticeAction): void;
  dismissNotice(id: number): void;
  dismissWelcome(): void;
}

export function createUiActions({ get, set, actions }: SliceContext): UiActions {
  let noticeId = 1;
  const notify: UiActions['notify'] = (kind, key, vars, action) => {
    // the same message twice shows once; at most four at a time
    const notices = get().notices.filter((n) => !(n.key === key && JSON.stringify(n.vars) === JSON.stringify(vars)));
    set({ notices: [...notices.slice(-3), { id: noticeId++, kind, key, vars, ...(action ? { action } : {}) }] });
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
    dismissWelcome: () => set({ welcome: false }),
  };
}
