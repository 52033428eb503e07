/**
 * The "through time" tab: ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖) of the cursor's layer and direction per step on a
 * log scale, revealed as the backward pass reaches each step, with the truncation cuts; beside it,
 * the current step's gradient split into its parts; above it, for a stacked or two-way network,
 * ‖∂L/∂h_t‖ of every layer and direction at once (DepthHeatmap). Every number comes from the engine.
 */
import { useMemo, useState } from 'react';
import type { QuantityRef, SessionSnapshot } from '../../state/model';
import { useActions, useDeferredApp, useT } from '../../state/context';
import { backwardShown, walkOf } from '../../state/cursor';
import { readMoment } from '../../state/moment';
import { logDomain } from '../ui/logAxis';
import { Num } from '../ui/Num';
import { fmt } from '../ui/scales';
import { Trans } from '../ui/Trans';
import { recurrenceName } from '../ui/where';
import { DepthHeatmap } from './DepthHeatmap';
import { Swatch, TimeChart, type ChartSeries } from './TimeChart';

/** ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖) over time, revealed as the backward pass reaches each step. */
export function BpttTab({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const actions = useActions();
  const cursor = useDeferredApp((s) => s.cursor);
  const [inspect, setInspect] = useState<number | null>(null);
  const T = snapshot.steps;
  const k = snapshot.truncation;
  const lstm = snapshot.model.cell === 'lstm';
  const m = readMoment(snapshot, cursor);
  const { dhNorms: dhNorm, dcNorms: dcNorm } = m;
  const domain = useMemo(() => logDomain(lstm ? [dhNorm, dcNorm] : [dhNorm], 2), [dhNorm, dcNorm, lstm]);
  const cuts = m.cuts;
  const walk = walkOf(snapshot);
  const shown = (t: number) => backwardShown(cursor, walk, { ...cursor, t });
  const series: ChartSeries[] = [
    { id: 'dh', values: dhNorm, color: 'var(--backward)', dash: '', marker: 'circle', testId: 'dh-norm', label: tr('gp.dhNorm') },
  ];
  if (lstm) series.push({ id: 'dc', values: dcNorm, color: 'var(--role-c)', dash: '6 3', marker: 'square', testId: 'dc-norm', label: tr('gp.dcNorm') });

  const ti = Math.min(T - 1, inspect ?? cursor.t);
  // The chart's accessible value in words; the readout under it with numbers one can open.
  let readout: string;
  let readoutView: React.ReactNode;
  if (!shown(ti)) readoutView = readout = cursor.phase === 'forward' ? tr('gp.bptt.forwardNote', { t: ti }) : tr('gp.bptt.notReached', { t: ti });
  else {
    readout = tr('gp.bptt.valueAt', { t: ti, value: fmt(dhNorm[ti]) });
    if (lstm) readout += ' · ' + tr('gp.bptt.dcValue', { value: fmt(dcNorm[ti]) });
    readoutView = (
      <>
        <Trans k="gp.bptt.valueAt" vars={{ t: ti, value: <Num value={dhNorm[ti]} testId="bptt-dh-value" /> }} />
        {lstm ? (
          <>
            {' · '}
            <Trans k="gp.bptt.dcValue" vars={{ value: <Num value={dcNorm[ti]} /> }} />
          </>
        ) : null}
      </>
    );
  }

  const where = recurrenceName(tr, cursor, snapshot.model);
  return (
    <div className="gp-split">
      <div className="gp-main">
        {where ? (
          <>
            <DepthHeatmap snapshot={snapshot} />
            <h3 className="gp-chart-title gp-line-title">{tr('depth.lineTitle', { where })}</h3>
          </>
        ) : null}
        <div className="gp-legend">
          <Swatch color="var(--backward)" dash="" marker="circle" />
          <span>{tr('gp.dhNorm')}</span>
          {lstm ? (
            <>
              <Swatch color="var(--role-c)" dash="6 3" marker="square" />
              <span>{tr('gp.dcNorm')}</span>
            </>
          ) : null}
          {k > 0 ? <span className="gp-cut-key">✂ {tr('gp.cutLegend', { k })}</span> : null}
          <span className="sub">{tr('gp.logScale')}</span>
        </div>
        <TimeChart
          series={series}
          steps={T}
          log
          zeroLane
          domain={domain}
          height={190}
          shown={shown}
          hiddenNote={cursor.phase === 'forward' ? tr('gp.bptt.hiddenForward') : tr('gp.bptt.hiddenBackward')}
          cuts={cuts}
          cursorT={cursor.t}
          inspectT={inspect}
          onInspect={setInspect}
          onPick={(t) => actions.seek({ phase: cursor.phase, t, sub: cursor.sub })}
          label={tr('gp.bptt.chart')}
          valueText={readout}
          testId="bptt-chart"
        />
        <p className="gp-readout" data-testid="bptt-readout">
          {readoutView}
        </p>
      </div>
      <aside className="gp-side">
        <StepParts snapshot={snapshot} />
      </aside>
    </div>
  );
}

/** The current step's ∂L/∂h_t for one unit, split into the part from above (the head, or the layer above) and what came from the next step of its walk. */
function StepParts({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const cursor = useDeferredApp((s) => s.cursor);
  const unitSel = useDeferredApp((s) => s.unit);
  const T = snapshot.steps;
  const H = snapshot.model.hiddenSize;
  const k = snapshot.truncation;
  const cell = snapshot.model.cell;
  const many = snapshot.model.numLayers * snapshot.model.directions > 1;
  if (cursor.phase !== 'backward') {
    return (
      <div className="gp-card">
        <h3>{tr('gp.step.titleForward')}</h3>
        <p className="sub">{many ? tr('gp.step.forwardStack') : tr('gp.step.forward', { last: T - 1 })}</p>
        {k > 0 ? <p className="sub">{tr('gp.step.truncationAbout', { k })}</p> : null}
      </div>
    );
  }
  const t = cursor.t;
  const j = unitSel !== null && unitSel < H ? unitSel : 0;
  const m = readMoment(snapshot, cursor);
  const cut = m.cut(t);
  const at = { layer: cursor.layer, direction: cursor.direction, unit: j };
  const nextT = m.step(t).nextT;
  // what each shown number is, so it opens "How this number is made" (a part a cut or the end drops has nothing to open)
  const refs: Partial<Record<Parameters<typeof m.value>[0], QuantityRef>> = {
    dh: { kind: 'dh', ...at, t },
    dhHead: { kind: 'dhAbove', ...at, t },
    dc: { kind: 'dc', ...at, t },
    dhPrev: { kind: 'dhSent', ...at, t },
    ...(nextT !== null && !cut.cutNext ? { dhNext: { kind: 'dhSent', ...at, t: nextT } as QuantityRef } : {}),
  };
  const v = (name: Parameters<typeof m.value>[0]) => <Num value={m.value(name, t, j) ?? NaN} of={refs[name]} />;
  const nextNote = cut.last ? tr('gp.step.lastStep') : cut.cutNext ? tr('gp.step.cutAfter') : '';
  // where its parts come from: the head or the layer above; the next step of its own walk (t + 1, or t − 1 in reverse)
  const reverse = cursor.direction === 1;
  const fromAbove = m.feedsHead ? tr('gp.step.fromHead') : tr('gp.step.fromLayer', { above: cursor.layer + 1 });
  const first = m.step(t).prevT === null;
  const where = recurrenceName(tr, cursor, snapshot.model);
  const startsBlock = t > 0 && cut.cutHere;
  return (
    <div className="gp-card" data-testid="step-parts">
      <h3>
        {tr('gp.step.title', { t, unit: j })}
        {where ? <span className="sub"> · {where}</span> : null}
      </h3>
      {unitSel === null ? <p className="sub gp-tight">{tr('gp.step.pickUnit')}</p> : null}
      <table className="gp-parts">
        <tbody>
          <tr className="gp-total">
            <th scope="row">∂L/∂h_t[{j}]</th>
            <td data-testid="step-dh">{v('dh')}</td>
          </tr>
          <tr>
            <th scope="row">{fromAbove}</th>
            <td data-testid="step-dh-head">{v('dhHead')}</td>
          </tr>
          <tr>
            <th scope="row">{tr(reverse ? 'gp.step.fromNextReverse' : 'gp.step.fromNext')}</th>
            <td data-testid="step-dh-next">{v('dhNext')}</td>
          </tr>
          {nextNote ? (
            <tr>
              <td colSpan={2} className="gp-note-row">
                {nextNote}
              </td>
            </tr>
          ) : null}
          {cell === 'lstm' ? (
            <>
              <tr className="gp-total">
                <th scope="row">∂L/∂c_t[{j}]</th>
                <td data-testid="step-dc">{v('dc')}</td>
              </tr>
              <tr>
                <th scope="row">{tr(reverse ? 'gp.step.fromNextCReverse' : 'gp.step.fromNextC')}</th>
                <td>{v('dcNext')}</td>
              </tr>
              <tr>
                <th scope="row">{tr('gp.step.throughH')}</th>
                <td>{v('dcLocal')}</td>
              </tr>
            </>
          ) : null}
          <tr>
            <th scope="row">{tr(reverse ? 'gp.step.sentBackReverse' : 'gp.step.sentBack')}</th>
            <td>{v('dhPrev')}</td>
          </tr>
          {startsBlock || first ? (
            <tr>
              <td colSpan={2} className="gp-note-row">
                {first ? tr(reverse ? 'gp.step.toStartReverse' : 'gp.step.toH0', { t }) : tr('gp.step.stopsAtCut')}
              </td>
            </tr>
          ) : null}
          <tr className="gp-total">
            <th scope="row">‖∂L/∂h_t‖</th>
            <td>
              <Num value={m.dhNorms[t]} of={{ kind: 'norm', layer: cursor.layer, direction: cursor.direction, t }} />
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

