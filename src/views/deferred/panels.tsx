/**
 * The parts of the page that are not in its first view, each loaded as its own chunk:
 * - the training and gradient panels (below the timeline): their code loads after the first view,
 *   and until it has, a placeholder of the panel's usual size keeps the page from moving;
 * - the lesson panel, the predict card and the "how this number is made" dialog (shown on demand):
 *   loaded as soon as one is opened, and fetched in any case after the first view (where the page
 *   has them: not when embedded) so that opening one later does not wait.
 */
import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react';
import { useApp, useT } from '../../state/context';
import type { AppState } from '../../state/store';
import type { MessageKey } from '../../content/i18n';
import { afterFirstView } from './firstView';
import './deferred.css';

function deferredPanel(load: () => Promise<ComponentType>, name: 'training' | 'gradients', label: MessageKey): ComponentType {
  const Panel = lazy(() => afterFirstView(load).then((c) => ({ default: c })));
  function Placeholder() {
    const t = useT();
    return (
      <div className={`panel deferred-panel deferred-${name}`} aria-busy="true">
        <p className="deferred-note">{t(label)}</p>
      </div>
    );
  }
  return function DeferredPanel() {
    return (
      <Suspense fallback={<Placeholder />}>
        <Panel />
      </Suspense>
    );
  };
}

/**
 * A part shown on demand: nothing until it is first opened, then the part itself, which stays
 * mounted (it hides itself when closed, and a dialog closes itself).
 */
function onDemand(load: () => Promise<ComponentType>, isOpen: (s: AppState) => boolean): ComponentType {
  const Part = lazy(() => load().then((c) => ({ default: c })));
  return function OnDemand() {
    const open = useApp(isOpen);
    const opened = useRef(false);
    // fetched only where the part can be opened (an embedded page has none of these)
    useEffect(() => void afterFirstView(load).catch(() => undefined), []);
    opened.current ||= open;
    if (!opened.current) return null;
    return (
      <Suspense fallback={null}>
        <Part />
      </Suspense>
    );
  };
}

export const TrainingPanel = deferredPanel(() => import('../training/TrainingPanel').then((m) => m.TrainingPanel), 'training', 'lazy.training');
export const GradientPanel = deferredPanel(() => import('../gradients/GradientPanel').then((m) => m.GradientPanel), 'gradients', 'lazy.gradients');
export const LessonPanel = onDemand(() => import('../lesson/LessonPanel').then((m) => m.LessonPanel), (s) => s.lesson !== null);
export const PredictCard = onDemand(() => import('../predict/PredictCard').then((m) => m.PredictCard), (s) => s.predictOn);
export const ExplainDialog = onDemand(() => import('../explain/ExplainDialog').then((m) => m.ExplainDialog), (s) => s.explain !== null);
