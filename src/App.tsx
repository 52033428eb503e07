/** Page layout only: the bars, the timeline in the centre, the cell and its equations on the right. */
import { useEffect, useState } from 'react';
import { useActions, useApp, useT } from './state/context';
import { applyTheme } from './views/ui/theme';
import { TopBar } from './views/chrome/TopBar';
import { ControlBar } from './views/chrome/ControlBar';
import { Notices } from './views/chrome/Notices';
import { Welcome } from './views/chrome/Welcome';
import { HelpDialog } from './views/chrome/HelpDialog';
import './views/deferred/stylesBeforeTimeline';
import { Timeline } from './views/timeline/Timeline';
import { CellPanel } from './views/cell/CellPanel';
import { InputEditor } from './views/input/InputEditor';
import './views/deferred/stylesAfterCell';
import { useKeyboard } from './views/chrome/useKeyboard';
import { useFileDrop } from './views/chrome/useFileDrop';
// not in the first view: each loads as its own chunk (see views/deferred/panels.tsx)
import { ExplainDialog, GradientPanel, LessonPanel, PredictCard, TrainingPanel } from './views/deferred/panels';
import { afterThisFrame, firstViewShown } from './views/deferred/firstView';
import type { LessonFocus } from './content/lessons';
import type { ReactNode } from 'react';
import type { EmbedPart } from './state/url';
import './views/ui/embed.css';

/**
 * Embed mode: the step controls and only the panels the link names, for a page that shows Unroll
 * in a frame. No landmarks (main, nav, aside): the frame is a figure of the page around it, whose
 * landmarks are its own, and two frames on one page would repeat the same ones.
 */
function Embedded({ parts }: { parts: EmbedPart[] }) {
  const side = parts.includes('cell') || parts.includes('equations');
  const centre = parts.some((p) => p !== 'cell' && p !== 'equations');
  return (
    <div className="app embed">
      <div className="stepnav">
        <ControlBar />
      </div>
      <div className="embed-main">
        <Notices />
        <div className={side && centre ? 'workspace' : 'workspace single'}>
          {centre ? (
            <div className="centre">
              {parts.includes('timeline') ? <Timeline /> : null}
              {parts.includes('training') ? <TrainingPanel /> : null}
              {parts.includes('gradients') ? <GradientPanel /> : null}
            </div>
          ) : null}
          {side ? (
            <div className="side">
              <CellPanel />
            </div>
          ) : null}
        </div>
      </div>
      {/* the numbers' "How this number is made" opens here too (only on a click inside the frame) */}
      <ExplainDialog />
    </div>
  );
}

/** How long the page waits for its first session before it draws without it, ms. */
const FIRST_SESSION_WAIT_MS = 1000;

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
  const embed = useApp((s) => s.embed);
  useKeyboard(actions);
  useFileDrop(actions, embed === null);
  useEffect(() => {
    document.documentElement.classList.toggle('projector', projector);
  }, [projector]);
  const ready = useApp((s) => s.snapshot !== null);
  const failed = useApp((s) => s.status === 'error');
  useEffect(() => {
    if (!ready && !failed) return;
    // An effect runs at the end of React's commit, before the browser has laid out and painted
    // it; a task posted from the next frame's callback runs once that frame is painted. There the
    // first interactive view is marked (measured by npm run bench:ui), and what the first view did
    // not need starts (also when the first session could not be opened), so that it never competes
    // with the frame that shows the session.
    requestAnimationFrame(() =>
      afterThisFrame(() => {
        if (ready && performance.getEntriesByName('unroll:interactive').length === 0) performance.mark('unroll:interactive');
        firstViewShown();
      }),
    );
  }, [ready, failed]);
  useEffect(() => applyTheme(document.documentElement, theme), [theme]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // The page is drawn once, with its first session: drawn before, it was laid out twice (empty,
  // then again with the session), and the first layout held up the second by ~80 ms. A worker
  // that takes long gets the page without its session after FIRST_SESSION_WAIT_MS.
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (ready || failed) return;
    const id = setTimeout(() => setWaited(true), FIRST_SESSION_WAIT_MS);
    return () => clearTimeout(id);
  }, [ready, failed]);
  if (!ready && !failed && !waited) return <div className="app" aria-busy="true" />;
  if (embed) return <Embedded parts={embed} />;
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
        <Welcome />
        <Notices />
        <LessonPanel />
        <PredictCard />
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
      <ExplainDialog />
    </div>
  );
}
