/**
 * Why the gradient vanishes or explodes, in the engine's numbers: going back from the last step,
 * the size of the gradient path to every step t (the hidden state; the LSTM's cell state and its
 * highway ∏ f; the GRU's shortcut ∏ z), the one-step factors side by side at the inspected step,
 * and a one-line reading of them. Presets that show each claim, the spectrum of W_hh and the
 * settings that change it sit beside.
 */
import { useEffect, useMemo, useState } from 'react';
import { useActions, useApp, useDeferredApp, useT } from '../../state/context';
import type { AnalysisReply, SessionSnapshot } from '../../state/model';
import { logDomain } from '../ui/logAxis';
import { plainOf } from '../ui/Rich';
import { fmt } from '../ui/scales';
import { MechanismCard } from './MechanismCard';
import { MechanismControls } from './MechanismControls';
import { PresetChips } from './PresetChips';
import { SpectrumCard } from './SpectrumCard';
import { ChartLegend } from './ChartLegend';
import { TimeChart, type ChartSeries } from './TimeChart';

/** The analysis of this session and of the cursor's layer, or null while it is computed. */
export function useAnalysis(snapshot: SessionSnapshot): AnalysisReply | null {
  const layer = useApp((s) => s.cursor.layer);
  return useApp((s) => (s.analysis && s.analysis.version === snapshot.version && s.analysis.data.layer === layer ? s.analysis.data : null));
}

/** A path series as the chart draws it: the exact ‖·‖₂ when the engine has it, else ‖·‖_F. */
function pathValues(m: AnalysisReply['mechanism']): Float64Array {
  return m.hPath.spectral.method === 'unavailable' ? m.hPath.frobenius : m.hPath.spectral.value;
}

export function VanishTab({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const analysis = useAnalysis(snapshot);
  const actions = useActions();
  const layer = useApp((s) => s.cursor.layer);
  // This tab is the one that needs the analysis: ask when it shows, for every new session and every layer the cursor enters.
  useEffect(() => actions.requestAnalysis(), [snapshot.version, layer, actions]);
  const cursor = useDeferredApp((s) => s.cursor);
  const { numLayers: L, directions: D } = snapshot.model;
  const [inspect, setInspect] = useState<number | null>(null);
  const T = snapshot.steps;
  const ti = Math.min(T - 1, inspect ?? (cursor.phase === 'backward' ? cursor.t : 0));
  return (
    <div className="gp-split wide">
      <div className="gp-main" aria-busy={!analysis}>
        <h3 className="gp-chart-title">
          {tr('mech.title')}
          {L * D > 1 ? (
            <span className="sub" data-testid="analysis-layer">
              {' · '}
              {tr(D === 2 ? 'mech.layerForward' : 'mech.layer', { layer })}
            </span>
          ) : null}
        </h3>
        {analysis ? (
          <>
            <MechanismChart analysis={analysis} snapshot={snapshot} ti={ti} inspect={inspect} setInspect={setInspect} />
            <MechanismCard analysis={analysis} snapshot={snapshot} t={ti} />
          </>
        ) : (
          <p className="gp-computing" role="status">
            {tr('app.computing')}
          </p>
        )}
        {snapshot.truncation > 0 ? <p className="sub gp-tight">{tr('mech.cutsNote')}</p> : null}
      </div>
      <aside className="gp-side">
        <PresetChips cell={snapshot.model.cell} />
        <SpectrumCard snapshot={snapshot} analysis={analysis} />
        <MechanismControls />
      </aside>
    </div>
  );
}

function MechanismChart({
  analysis,
  snapshot,
  ti,
  inspect,
  setInspect,
}: {
  analysis: AnalysisReply;
  snapshot: SessionSnapshot;
  ti: number;
  inspect: number | null;
  setInspect: (t: number | null) => void;
}) {
  const tr = useT();
  const m = analysis.mechanism;
  const T = snapshot.steps;
  const series = useMemo(() => {
    const out: (ChartSeries & { legend: string })[] = [
      { id: 'hPath', values: pathValues(m), color: 'var(--backward)', dash: '', marker: 'circle', testId: 'mech-hpath', label: plainOf(tr('mech.s.hPath')), legend: tr('mech.s.hPath') },
    ];
    if (m.cell === 'rnn') {
      out.push({ id: 'step', values: m.step.value, color: 'var(--text)', dash: '5 3', marker: 'none', testId: 'mech-step', label: plainOf(tr('mech.s.step')), legend: tr('mech.s.step') });
      out.push({ id: 'factor', values: m.factor.max, color: 'var(--role-h)', dash: '2 3', marker: 'none', testId: 'mech-factor', label: plainOf(tr('mech.s.factor')), legend: tr('mech.s.factor') });
    }
    if (m.cellPath) {
      out.push({ id: 'cFull', values: m.cellPath.full.method === 'unavailable' ? m.cellPath.fullFrobenius : m.cellPath.full.value, color: 'var(--role-c)', dash: '', marker: 'square', testId: 'mech-cfull', label: plainOf(tr('mech.s.cellFull')), legend: tr('mech.s.cellFull') });
      out.push({ id: 'highway', values: m.cellPath.highway.norm, color: 'var(--role-f)', dash: '6 3', marker: 'none', testId: 'mech-highway', label: plainOf(tr('mech.s.highway')), legend: tr('mech.s.highway') });
    }
    if (m.zPath) out.push({ id: 'zPath', values: m.zPath.norm, color: 'var(--role-z)', dash: '6 3', marker: 'none', testId: 'mech-zpath', label: plainOf(tr('mech.s.zPath')), legend: tr('mech.s.zPath') });
    return out;
  }, [m, tr]);
  const domain = useMemo(() => logDomain(series.map((s) => s.values), 2), [series]);
  const valueText = series.map((s) => `${s.label}: ${fmt(s.values[ti])}`).join('; ');
  return (
    <>
      <ChartLegend series={series} />
      {m.probes < m.hidden ? <p className="sub gp-tight">{tr('mech.estimated', { n: m.probes, H: m.hidden })}</p> : null}
      <TimeChart
        series={series}
        steps={T}
        log
        zeroLane
        domain={domain}
        height={190}
        cursorT={ti}
        inspectT={inspect}
        onInspect={setInspect}
        label={tr('mech.chart')}
        valueText={`t = ${ti}: ${valueText}`}
        testId="mechanism-chart"
      />
    </>
  );
}
