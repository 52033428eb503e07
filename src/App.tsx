/** Page layout only: the bars, the timeline in the centre, the cell and its equations on the right. */
import { useEffect } from 'react';
import { useActions, useApp, useT } from './state/context';
import { applyTheme } from './views/theme';
import { TopBar } from './views/TopBar';
import { ControlBar } from './views/ControlBar';
import { Notices } from './views/Notices';
import { HelpDialog } from './views/HelpDialog';
import { Timeline } from './views/Timeline';
import { CellPanel } from './views/CellPanel';
import { InputEditor } from './views/InputEditor';
import { GradientPanel } from './views/GradientPanel';
import { TrainingPanel } from './views/TrainingPanel';
import { useKeyboard } from './views/useKeyboard';
import { LessonPanel } from './views/LessonPanel';
import type { LessonFocus } from './content/lessons';
import type { ReactNode } from 'react';

/** Marks the part of the page the open lesson chapter points at. */
function Focus({ on, children }: { on: LessonFocus[]; children: ReactNode }) {
  const focus = useApp((s) => s.focus);
  return <div data-focus={focus !== null && on.includes(focus) ? 'true' : undefined}>{children}</div>;
}

export function App() {
  const theme = useApp((s) => s.theme);
  const lang = useApp((s) => s.lang);
  const actions = useActions();
  const t = useT();
  const projector = useApp((s) => s.projector);
  useKeyboard(actions);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
  }, [projector]);
  const ready = useApp((s) => s.snapshot !== null);
  useEffect(() => {
    // The first interactive view (measured by npm run bench:ui): effects run after the paint.
    if (ready && performance.getEntriesByName('unroll:interactive').length === 0) performance.mark('unroll:interactive');
  }, [ready]);
  useEffect(() => applyTheme(document.documentElement, theme), [theme]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <div className="app">
      <header>
        <TopBar />
      </header>
      <nav className="stepnav" aria-label={t('controls.toolbar')}>
        <Focus on={['controls']}>
          <ControlBar />
        </Focus>
      </nav>
      <main>
        <Notices />
        <LessonPanel />
        <div className="workspace">
        <section className="centre">
          <Focus on={['timeline']}>
            <Timeline />
          </Focus>
          <Focus on={['training']}>
            <TrainingPanel />
          </Focus>
          <Focus on={['gradients']}>
            <GradientPanel />
          </Focus>
          <Focus on={['input']}>
            <InputEditor />
          </Focus>
        </section>
        <aside className="side">
          <Focus on={['diagram', 'equations']}>
            <CellPanel />
          </Focus>
        </aside>
        </div>
      </main>
      <HelpDialog />
    </div>
  );
}
