/**
 * RNN, LSTM and GRU on the same data, seed and sizes, both paths back: each cell's hidden-state path
 * ‖∂h_{T−1}/∂h_t‖₂, and the gated shortcut of the LSTM (its cell state, all paths and the highway
 * ∏ f alone) and of the GRU (∏ z). One line reads the result at t = 0. The comparison preset sets a
 * length and gate biases where the difference is unambiguous on every seed.
 */
import { useMemo, useState } from 'react';
import type { MessageKey } from '../../content/i18n';
import { useActions, useApp, useT } from '../../state/context';
import type { CompareCell, SessionSnapshot } from '../../state/model';
import { PRESETS } from '../../state/presets';
import { comparisonKey } from '../../state/specs';
import { logDomain } from '../ui/logAxis';
import { Num } from '../ui/Num';
import { plainOf } from '../ui/Rich';
import { fmt } from '../ui/scales';
import { CELL_COLORS, CELL_DASH } from '../ui/theme';
import { Trans } from '../ui/Trans';
import { ChartLegend } from './ChartLegend';
import { TimeChart, type ChartSeries } from './TimeChart';

const hValues = (c: CompareCell) => (c.hPath.method === 'unavailable' ? c.hPathFrobenius : c.hPath.value);

export function CompareTab({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const actions = useActions();
  const lang = useApp((s) => s.lang);
  const comparison = useApp((s) => s.comparison);
  const comparing = useApp((s) => s.comparing);
  const config = useApp((s) => s.config);
  const [inspect, setInspect] = useState<number | null>(null);
  const key = useMemo(() => comparisonKey(config), [config]);
  const stale = comparison !== null && comparison.key !== key;
  const cells = useMemo(() => comparison?.cells ?? [], [comparison]);
  const by = (name: CompareCell['cell']) => cells.find((c) => c.cell === name);
  const rnn = by('rnn');
  const lstm = by('lstm');
  const gru = by('gru');
  const series = useMemo(() => {
    const out: (ChartSeries & { legend: string })[] = [];
    for (const c of cells) {
      const name = tr(`cell.${c.cell}` as MessageKey);
      const legend = tr('cmp.h', { cell: name });
      out.push({ id: `${c.cell}-h`, values: hValues(c), color: CELL_COLORS[c.cell], dash: c.cell === 'rnn' ? '' : '3 3', width: c.cell === 'rnn' ? 2.5 : 1.5, marker: 'none', testId: `compare-${c.cell}`, label: plainOf(legend), legend, endLabel: name });
    }
    if (lstm?.gated?.full) out.push({ id: 'lstm-c', values: lstm.gated.full.value, color: CELL_COLORS.lstm, dash: '', width: 2.5, marker: 'none', testId: 'compare-lstm-c', label: plainOf(tr('cmp.cFull')), legend: tr('cmp.cFull') });
    if (lstm?.gated) out.push({ id: 'lstm-f', values: lstm.gated.shortcut, color: CELL_COLORS.lstm, dash: CELL_DASH.rnn, width: 1.5, marker: 'none', testId: 'compare-lstm-highway', label: plainOf(tr('cmp.highway')), legend: tr('cmp.highway') });
    if (gru?.gated) out.push({ id: 'gru-z', values: gru.gated.shortcut, color: CELL_COLORS.gru, dash: '', width: 2.5, marker: 'none', testId: 'compare-gru-z', label: plainOf(tr('cmp.zPath')), legend: tr('cmp.zPath') });
    return out;
  }, [cells, lstm, gru, tr]);
  const T = rnn ? hValues(rnn).length : snapshot.steps;
  const domain = useMemo(() => logDomain(series.map((s) => s.values), 2), [series]);
  const ti = Math.min(T - 1, inspect ?? 0);
  const valueText = series.map((s) => `${s.label}: ${fmt(s.values[ti])}`).join('; ');
  const reading =
    rnn && lstm?.gated?.full && gru?.gated ? (
      <Trans
        k="cmp.read"
        vars={{
          n: T - 1,
          rnn: <Num value={hValues(rnn)[0]} />,
          lstm: <Num value={lstm.gated.full.value[0]} />,
          highway: <Num value={lstm.gated.shortcut[0]} />,
          gru: <Num value={gru.gated.shortcut[0]} />,
        }}
      />
    ) : null;
  return (
    <div className="gp-split wide">
      <div className="gp-main" aria-busy={comparing}>
        <h3 className="gp-chart-title">{tr('cmp.title')}</h3>
        {cells.length ? (
          <>
            <ChartLegend series={series} />
            <TimeChart
              series={series}
              steps={T}
              log
              zeroLane
              domain={domain}
              height={196}
              cursorT={null}
              inspectT={inspect}
              onInspect={setInspect}
              label={tr('cmp.chart')}
              valueText={`t = ${ti}: ${valueText}`}
              testId="compare-chart"
            />
            <p className="mech-reading" data-testid="compare-reading">
              {reading}
            </p>
          </>
        ) : (
          <p className="gp-computing">{comparing ? tr('gp.c.running') : tr('gp.c.empty')}</p>
        )}
      </div>
      <aside className="gp-side">
        <div className="gp-card">
          <button type="button" className="primary" onClick={() => actions.compareCells()} disabled={comparing || (comparison !== null && !stale)}>
            {comparing ? tr('gp.c.running') : stale ? tr('gp.c.again') : tr('cmp.run')}
          </button>
          <p className="sub gp-tight">{tr('gp.c.same')}</p>
          {stale ? <p className="gp-warn gp-tight">{tr('cmp.stale')}</p> : null}
          <button type="button" className="chip" onClick={() => actions.openPreset('comparison', config.cell)} aria-label={tr('preset.open', { title: PRESETS.comparison.title[lang] })}>
            {PRESETS.comparison.title[lang]}
          </button>
        </div>
      </aside>
    </div>
  );
}
