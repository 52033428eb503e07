/**
 * Bottom band: gradients backward through time. Four tabs over the same session:
 *   through time — ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖) per step on a log scale, revealed as the backward
 *                  pass reaches each step, with the truncation cuts and the current step's parts;
 *                  for a stacked or two-way network, every layer's at once (BpttTab.tsx);
 *   weights      — ∂L/∂θ filling in step by step, the global norm against the clipping
 *                  threshold, and the finite-difference check;
 *   vanish       — how much h_{T−1} depends on each h_t, the per-step factors, the spectrum of
 *                  W_hh and the controls that change it;
 *   compare      — RNN, LSTM and GRU on the same data.
 * Every number comes from the engine (snapshot, analysis, grads); this file indexes and formats.
 */
import { ExportButtons } from '../ui/ExportButtons';
import { Num } from '../ui/Num';
import { Trans } from '../ui/Trans';
import { NumberField } from '../ui/NumberField';
import { useId, useRef } from 'react';
import type { MessageKey } from '../../content/i18n';
import { clipFactor, TRAIN_LIMITS, type SessionSnapshot } from '../../state/model';
import { useActions, useApp, useDeferredApp, useT } from '../../state/context';
import type { GradTab } from '../../state/store';
import { BpttTab } from './BpttTab';
import { CompareTab } from './CompareTab';
import { VanishTab } from './VanishTab';
import { fmt } from '../ui/scales';
import { WeightGrads } from './WeightGrads';
// one stylesheet per part of the panel, in the cascade order they were written in (later ones override)
import './gradientPanel.css';
import './gradientCharts.css';
import './weightGrads.css';
import './spectrumCard.css';
import './gradientControls.css';
import './gradientPanelMedia.css';
import './mechanism.css';

const TABS: { id: GradTab; key: MessageKey }[] = [
  { id: 'bptt', key: 'gp.tab.bptt' },
  { id: 'weights', key: 'gp.tab.weights' },
  { id: 'vanish', key: 'gp.tab.vanish' },
  { id: 'compare', key: 'gp.tab.compare' },
];

export function GradientPanel() {
  const tr = useT();
  const actions = useActions();
  const snapshot = useDeferredApp((s) => s.snapshot);
  const status = useApp((s) => s.status);
  const tab = useApp((s) => s.gradTab);
  const setTab = actions.setGradTab;
  const base = useId().replace(/:/g, '');
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const panelRef = useRef<HTMLDivElement>(null);

  if (!snapshot) {
    return (
      <section className="panel gradient-panel" aria-busy="true" aria-label={tr('gp.title')}>
        <h2>{tr('gp.title')}</h2>
        <p className="sub">{status === 'error' ? tr('notice.engineError', { message: '' }) : tr('app.loading')}</p>
      </section>
    );
  }

  const onTabKey = (e: React.KeyboardEvent, k: number) => {
    let n: number | null = null;
    if (e.key === 'ArrowRight') n = (k + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') n = (k - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') n = 0;
    else if (e.key === 'End') n = TABS.length - 1;
    if (n === null) return;
    e.preventDefault();
    e.stopPropagation();
    setTab(TABS[n].id);
    tabRefs.current[n]?.focus();
  };

  return (
    <section className="panel gradient-panel" aria-labelledby={`${base}-title`}>
      <div className="gp-head">
        <h2 id={`${base}-title`}>{tr('gp.title')}</h2>
        <ExportButtons target=".gradient-panel .gp-body" name={`unroll-gradients-${tab}`} label={tr('gp.title')} />
        <div className="gp-tabs" role="tablist" aria-label={tr('gp.tabs')}>
          {TABS.map((x, k) => (
            <button
              key={x.id}
              ref={(el) => {
                tabRefs.current[k] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${x.id}`}
              aria-selected={tab === x.id}
              aria-controls={`${base}-panel`}
              tabIndex={tab === x.id ? 0 : -1}
              onClick={(e) => {
                setTab(x.id);
                // A mouse click leaves the arrow keys to stepping (they move between tabs only for
                // someone who reached the tab list with the keyboard, as the tabs pattern has it).
                if (e.detail > 0) panelRef.current?.focus({ preventScroll: true });
              }}
              onKeyDown={(e) => onTabKey(e, k)}
            >
              {tr(x.key)}
            </button>
          ))}
        </div>
      </div>
      <div className="gp-body" role="tabpanel" tabIndex={0} ref={panelRef} id={`${base}-panel`} aria-labelledby={`${base}-tab-${tab}`}>
        {tab === 'bptt' ? <BpttTab snapshot={snapshot} /> : null}
        {tab === 'weights' ? <WeightsTab snapshot={snapshot} /> : null}
        {tab === 'vanish' ? <VanishTab snapshot={snapshot} /> : null}
        {tab === 'compare' ? <CompareTab snapshot={snapshot} /> : null}
      </div>
    </section>
  );
}

/** ∂L/∂θ filling in, with its global norm against the clipping threshold and the gradient check. */
function WeightsTab({ snapshot }: { snapshot: SessionSnapshot }) {
  return (
    <div className="gp-split">
      <div className="gp-main">
        <WeightGrads snapshot={snapshot} />
      </div>
      <aside className="gp-side">
        <ClipCard snapshot={snapshot} />
        <GradCheckCard snapshot={snapshot} />
      </aside>
    </div>
  );
}

function ClipCard({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const actions = useActions();
  const clip = useApp((s) => s.clip);
  let verdict: React.ReactNode;
  {
    const norm = snapshot.gradNorm;
    const factor = clipFactor(norm, clip);
    if (!(clip > 0)) verdict = <span>{tr('gp.clip.off')}</span>;
    else if (factor < 1)
      verdict = (
        <span className="gp-warn">
          <span aria-hidden="true">▼ </span>
          <Trans k="gp.clip.would" vars={{ factor: <Num value={factor} testId="clip-factor" /> }} />
        </span>
      );
    else
      verdict = (
        <span className="gp-ok">
          <span aria-hidden="true">✓ </span>
          {tr('gp.clip.within')}
        </span>
      );
  }
  return (
    <div className="gp-card">
      <h3>{tr('gp.clip.title')}</h3>
      <p className="gp-kv" data-testid="grad-norm">
        <span>{tr('gp.clip.norm')}</span> <strong>
          <Num value={snapshot.gradNorm} testId="grad-norm-value" />
        </strong>
      </p>
      <span className="gp-field">
        <NumberField label={tr('gp.clip.threshold')} value={clip} {...TRAIN_LIMITS.clip} width={64} zeroLabel={tr('training.clipOff')} onCommit={actions.setClip} />
      </span>
      <p className="gp-verdict" data-testid="clip-verdict">
        {verdict}
      </p>
    </div>
  );
}

function GradCheckCard({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const actions = useActions();
  const running = useApp((s) => s.gradchecking);
  const gc = useApp((s) => s.gradcheck);
  const result = gc && gc.version === snapshot.version ? gc.result : null;
  return (
    <div className="gp-card" aria-busy={running}>
      <h3>{tr('gp.check.title')}</h3>
      <button type="button" onClick={() => actions.runGradCheck()} disabled={running}>
        {running ? tr('gp.check.running') : tr('gp.check.run')}
      </button>
      <div className="gp-check" aria-live="polite" data-testid="gradcheck-result">
        {result ? (
          <>
            <p className="gp-kv">
              <span>{tr('gp.check.worstRel')}</span> <strong>
                <Num value={result.worstRelError} testId="gradcheck-worst" />
              </strong>
            </p>
            <p className="sub gp-tight">{tr('gp.check.counts', { checked: result.checked, total: result.total, step: fmt(result.step) })}</p>
            {result.worst ? (
              <p className="sub gp-tight">
                <Trans
                  k="gp.check.worstEntry"
                  vars={{ key: `${result.worst.key}[${result.worst.index}]`, analytic: <Num value={result.worst.analytic} />, numeric: <Num value={result.worst.numeric} /> }}
                />
              </p>
            ) : null}
            <p className="sub gp-tight">{tr('gp.check.abs', { value: fmt(result.worstAbsError) })}</p>
          </>
        ) : (
          <p className="sub gp-tight">{gc && !running ? tr('gp.check.stale') : tr('gp.check.about')}</p>
        )}
      </div>
    </div>
  );
}
