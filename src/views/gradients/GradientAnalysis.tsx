/**
 * Why gradients vanish or explode (the engine's analysis of the current weights and sequence),
 * the controls that change it (W_hh scale, the LSTM forget-gate bias), and the three cells
 * compared on the same data. Numbers come from store.analysis / store.comparison.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageKey } from '../../content/i18n';
import { comparisonKey } from '../../state/specs';
import { CONFIG_LIMITS } from '../../state/config';
import { useActions, useApp, useDeferredApp, useT } from '../../state/context';
import type { AnalysisReply, SessionSnapshot } from '../../state/model';
import { complexExtent } from './gradientCharts';
import { logDomain } from '../ui/logAxis';
import { fmt, fmtFull } from '../ui/scales';
import { CELL_COLORS, CELL_DASH, ROLE_COLORS, type Role } from '../ui/theme';
import { Swatch, TimeChart, type ChartSeries } from './TimeChart';

const FACTOR_KEY: Record<AnalysisReply['factors']['label'], MessageKey> = {
  tanh_prime: 'gp.v.factor.tanh_prime',
  forget: 'gp.v.factor.forget',
  update: 'gp.v.factor.update',
};
const FACTOR_SYMBOL: Record<AnalysisReply['factors']['label'], string> = { tanh_prime: 'tanh′', forget: 'f', update: 'z' };

/** Scales a click away: 1 exactly, and the range from vanishing to exploding on a rough log grid. */
export const SCALE_STEPS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 8] as const;

function useAnalysis(snapshot: SessionSnapshot): AnalysisReply | null {
  return useApp((s) => (s.analysis && s.analysis.version === snapshot.version ? s.analysis.data : null));
}

export function VanishTab({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const analysis = useAnalysis(snapshot);
  const actions = useActions();
  // This tab is the one that needs the analysis: ask when it shows and for every new session.
  useEffect(() => actions.requestAnalysis(), [snapshot.version, actions]);
  const cursor = useDeferredApp((s) => s.cursor);
  const [inspect, setInspect] = useState<number | null>(null);
  const H = snapshot.model.hiddenSize;

  const main = analysis ? (
    <InfluenceCharts analysis={analysis} snapshot={snapshot} cursorT={cursor.t} inspect={inspect} setInspect={setInspect} />
  ) : (
    <p className="gp-computing" role="status">
      {tr('app.computing')}
    </p>
  );
  return (
    <div className="gp-split wide">
      <div className="gp-main" aria-busy={!analysis}>
        <h3 className="gp-chart-title">
          {tr('gp.v.influenceTitle')}
          {analysis && analysis.influence.probes < H ? <span className="sub"> · {tr('gp.v.estimated', { n: analysis.influence.probes, H })}</span> : null}
          {snapshot.truncation > 0 ? <span className="sub"> · {tr('gp.v.ignoresCuts')}</span> : null}
        </h3>
        {main}
      </div>
      <aside className="gp-side">
        <SpectrumCard snapshot={snapshot} analysis={analysis} />
        <ScaleControls snapshot={snapshot} analysis={analysis} />
      </aside>
    </div>
  );
}

function InfluenceCharts({
  analysis,
  snapshot,
  cursorT,
  inspect,
  setInspect,
}: {
  analysis: AnalysisReply;
  snapshot: SessionSnapshot;
  cursorT: number;
  inspect: number | null;
  setInspect: (t: number | null) => void;
}) {
  const tr = useT();
  const T = snapshot.steps;
  const inf = analysis.influence;
  const fac = analysis.factors;
  const domain = useMemo(() => logDomain([inf.frobenius], 2), [inf]);
  const symbol = FACTOR_SYMBOL[fac.label];
  const factorName = tr(FACTOR_KEY[fac.label]);
  const factorDomain: [number, number] = [0, 1];
  const ti = Math.min(T - 1, inspect ?? cursorT);
  let readout = tr('gp.v.readout', { t: ti, last: T - 1, value: fmtFull(inf.frobenius[ti]) });
  if (inf.spectral.length === T) readout += ' · ' + tr('gp.v.readoutSpectral', { value: fmtFull(inf.spectral[ti]) });
  readout += ' · ' + tr('gp.v.readoutFactor', { name: symbol, mean: fmtFull(fac.mean[ti]), min: fmt(fac.min[ti]), max: fmt(fac.max[ti]) });
  const influenceSeries: ChartSeries[] = [
    { id: 'inf', values: inf.frobenius, color: 'var(--backward)', dash: '', marker: 'circle', testId: 'influence', label: tr('gp.v.influenceTitle') },
  ];
  const factorSeries: ChartSeries[] = [{ id: 'factor', values: fac.mean, color: 'var(--text)', dash: '', marker: 'none', testId: 'factor-mean', label: factorName }];
  const bandColor = fac.label === 'tanh_prime' ? ROLE_COLORS.h : ROLE_COLORS[fac.label === 'forget' ? 'f' : 'z'];
  return (
    <>
      <TimeChart
        series={influenceSeries}
        steps={T}
        log
        zeroLane
        domain={domain}
        height={150}
        cursorT={cursorT}
        inspectT={inspect}
        onInspect={setInspect}
        label={tr('gp.v.influenceChart')}
        valueText={readout}
        testId="influence-chart"
      />
      <div className="gp-legend">
        <span>{tr('gp.v.factorTitle', { name: factorName })}</span>
        <Swatch color="var(--text)" dash="" />
        <span className="sub">{tr('gp.v.factorMean')}</span>
        <span className="gp-band-key" style={{ background: bandColor }} aria-hidden="true" />
        <span className="sub">{tr('gp.v.factorBand')}</span>
      </div>
      <TimeChart
        series={factorSeries}
        steps={T}
        log={false}
        domain={factorDomain}
        height={84}
        band={{ lo: fac.min, hi: fac.max, color: bandColor }}
        cursorT={cursorT}
        inspectT={inspect}
        onInspect={setInspect}
        label={tr('gp.v.factorChart', { name: factorName })}
        valueText={readout}
        testId="factor-chart"
      />
      <p className="gp-readout" data-testid="influence-readout">
        {readout}
      </p>
    </>
  );
}

/** The block's name as text (for accessible names) and as marked-up symbol. */
function blockName(gate: string, lecture: boolean): string {
  if (gate === 'h') return lecture ? 'W_h' : 'W_hh';
  return lecture ? `W_h^${gate}` : `W_h${gate}`;
}

function BlockSymbol({ gate, lecture }: { gate: string; lecture: boolean }) {
  if (gate === 'h')
    return (
      <>
        W<sub>{lecture ? 'h' : 'hh'}</sub>
      </>
    );
  return lecture ? (
    <>
      W<sub>h</sub>
      <sup>{gate}</sup>
    </>
  ) : (
    <>
      W<sub>h{gate}</sub>
    </>
  );
}

/** Memoised: it does not change with the cursor, and may draw hundreds of eigenvalues. */
const SpectrumCard = memo(function SpectrumCard({ snapshot, analysis }: { snapshot: SessionSnapshot; analysis: AnalysisReply | null }) {
  const tr = useT();
  const notation = useApp((s) => s.notation);
  const lecture = notation === 'lecture';
  const [pick, setPick] = useState(0);
  const spectrum = analysis?.spectrum ?? [];
  const k = Math.min(pick, Math.max(0, spectrum.length - 1));
  const block = spectrum[k];
  const size = 132;
  const ext = block ? complexExtent(block.re, block.im) : 1.12;
  const sx = (v: number) => size / 2 + (v / ext) * (size / 2 - 4);
  const sy = (v: number) => size / 2 - (v / ext) * (size / 2 - 4);
  const r1 = sx(1) - sx(0);
  const hue = block ? (ROLE_COLORS[(block.gate in ROLE_COLORS ? block.gate : 'h') as Role] ?? ROLE_COLORS.h) : ROLE_COLORS.h;
  return (
    <div className="gp-card gp-spectrum" aria-busy={!analysis}>
      <h3>{tr('gp.v.spectrumTitle')}</h3>
      <div className="gp-spectrum-body">
        <svg
          width={size}
          height={size}
          role="img"
          aria-label={block ? tr('gp.v.planeLabel', { name: blockName(block.gate, lecture), n: block.re.length, radius: fmt(block.radius) }) : tr('app.computing')}
          className="gp-plane"
          data-testid="eigen-plane"
        >
          <line className="gp-plane-axis" x1={0} x2={size} y1={sy(0)} y2={sy(0)} />
          <line className="gp-plane-axis" x1={sx(0)} x2={sx(0)} y1={0} y2={size} />
          <circle className="gp-unit-circle" cx={sx(0)} cy={sy(0)} r={r1} />
          <text className="gp-plane-label" x={sx(0) + 3} y={sy(0) - r1 - 3}>
            |λ| = 1
          </text>
          {block
            ? Array.from(block.re, (re, i) => (
                <circle key={i} className="gp-eig" cx={sx(re)} cy={sy(block.im[i])} r={3.2} style={{ fill: hue }} />
              ))
            : null}
        </svg>
        <table className="gp-spectrum-table">
          <thead>
            <tr>
              <th scope="col">{tr('gp.v.block')}</th>
              <th scope="col" title={tr('gp.v.radiusAbout')}>
                ρ
              </th>
              <th scope="col" title={tr('gp.v.normAbout')}>
                ‖·‖₂
              </th>
            </tr>
          </thead>
          <tbody>
            {spectrum.map((b, i) => (
              <tr key={b.gate} className={i === k ? 'on' : undefined}>
                <th scope="row">
                  <button type="button" className="gp-link" aria-pressed={i === k} onClick={() => setPick(i)} aria-label={tr('gp.v.showBlock', { name: blockName(b.gate, lecture) })}>
                    <BlockSymbol gate={b.gate} lecture={lecture} />
                  </button>
                </th>
                <td title={fmtFull(b.radius)} data-testid={`radius-${b.gate}`}>
                  {fmt(b.radius)}
                </td>
                <td title={fmtFull(b.norm)}>{fmt(b.norm)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="sub gp-tight">{tr(snapshot.model.cell === 'rnn' ? 'gp.v.whyRnn' : snapshot.model.cell === 'lstm' ? 'gp.v.whyLstm' : 'gp.v.whyGru')}</p>
    </div>
  );
});

function nearestStep(v: number): number {
  let best = 0;
  for (let i = 1; i < SCALE_STEPS.length; i++) if (Math.abs(Math.log(SCALE_STEPS[i] / v)) < Math.abs(Math.log(SCALE_STEPS[best] / v))) best = i;
  return best;
}

function ScaleControls({ snapshot, analysis }: { snapshot: SessionSnapshot; analysis: AnalysisReply | null }) {
  const tr = useT();
  const actions = useActions();
  const hhScale = useApp((s) => s.config.hhScale);
  const forgetBias = useApp((s) => s.config.forgetBias);
  const cell = useApp((s) => s.config.cell);
  const [draft, setDraft] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useEffect(() => setDraft(null), [hhScale]);
  const value = draft ?? hhScale;
  const idx = nearestStep(value);
  const commit = (v: number) => {
    setDraft(v);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      const c = Math.min(CONFIG_LIMITS.hhScale.max, Math.max(CONFIG_LIMITS.hhScale.min, v));
      actions.setConfig({ hhScale: c });
    }, 250);
  };
  const radius = analysis && draft === null ? Math.max(...analysis.spectrum.map((b) => b.radius)) : null;
  const valueText = tr('gp.v.scaleValue', { value: fmt(value) });
  return (
    <div className="gp-card gp-controls">
      <h3>{tr('gp.v.controlsTitle')}</h3>
      <div className="gp-scale">
        <label htmlFor="gp-hh-scale">{tr('gp.v.scaleLabel')}</label>
        <input
          id="gp-hh-scale"
          type="range"
          min={0}
          max={SCALE_STEPS.length - 1}
          step={1}
          value={idx}
          aria-valuetext={valueText}
          onChange={(e) => commit(SCALE_STEPS[Number(e.target.value)])}
        />
        <output htmlFor="gp-hh-scale" className="gp-scale-value" data-testid="hh-scale">
          ×{fmt(value)}
        </output>
      </div>
      <p className="gp-kv" data-testid="scale-radius">
        <span>{tr('gp.v.radiusNow')}</span> <strong title={radius !== null ? fmtFull(radius) : undefined}>{radius !== null ? fmt(radius) : '…'}</strong>
        {radius !== null ? <span className={radius > 1 ? 'gp-warn' : 'sub'}> {radius > 1 ? tr('gp.v.outside') : tr('gp.v.inside')}</span> : null}
      </p>
      <label className="gp-check-row">
        <input
          type="checkbox"
          checked={forgetBias === 1}
          disabled={cell !== 'lstm'}
          onChange={(e) => actions.setConfig({ forgetBias: e.target.checked ? 1 : 0 })}
        />
        <span>{tr('gp.v.forgetBias')}</span>
      </label>
      {cell !== 'lstm' ? <p className="sub gp-tight">{tr('gp.v.forgetBiasLstmOnly')}</p> : null}
      {snapshot.model.origin !== 'init' ? <p className="sub gp-tight">{tr('gp.v.initOnly')}</p> : null}
    </div>
  );
}

const CELLS = ['rnn', 'lstm', 'gru'] as const;

export function CompareTab({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const actions = useActions();
  const comparison = useApp((s) => s.comparison);
  const comparing = useApp((s) => s.comparing);
  const config = useApp((s) => s.config);
  const [inspect, setInspect] = useState<number | null>(null);
  const key = useMemo(() => comparisonKey(config), [config]);
  const stale = comparison !== null && comparison.key !== key;
  const cells = comparison?.cells ?? [];
  const T = cells[0]?.influence.length ?? snapshot.steps;
  const domain = useMemo(() => logDomain(cells.map((c) => c.influence), 2), [cells]);
  const series: ChartSeries[] = cells.map((c) => ({
    id: c.cell,
    values: c.influence,
    color: CELL_COLORS[c.cell],
    dash: CELL_DASH[c.cell],
    marker: 'none',
    width: 2.5,
    testId: `compare-${c.cell}`,
    label: tr('gp.c.curve', { cell: tr(`cell.${c.cell}` as MessageKey) }),
    endLabel: tr(`cell.${c.cell}` as MessageKey),
  }));
  const ti = Math.min(T - 1, inspect ?? 0);
  const readout = cells.length
    ? tr('gp.c.readout', { t: ti, last: T - 1 }) + ' ' + cells.map((c) => `${tr(`cell.${c.cell}` as MessageKey)} ${fmtFull(c.influence[ti])}`).join(' · ')
    : tr('gp.c.empty');

  return (
    <div className="gp-split wide">
      <div className="gp-main" aria-busy={comparing}>
        <h3 className="gp-chart-title">{tr('gp.c.title')}</h3>
        {cells.length ? (
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
            label={tr('gp.c.chart')}
            valueText={readout}
            testId="compare-chart"
          />
        ) : (
          <p className="gp-computing">{comparing ? tr('gp.c.running') : tr('gp.c.empty')}</p>
        )}
        <p className="gp-readout" data-testid="compare-readout">
          {cells.length ? readout : ''}
        </p>
      </div>
      <aside className="gp-side">
        <div className="gp-card">
          <button type="button" className="primary" onClick={() => actions.compareCells()} disabled={comparing || (comparison !== null && !stale)}>
            {comparing ? tr('gp.c.running') : stale ? tr('gp.c.again') : tr('gp.c.run')}
          </button>
          <p className="sub gp-tight">{tr('gp.c.same')}</p>
          {stale ? <p className="gp-warn gp-tight">{tr('gp.c.stale')}</p> : null}
          {cells.length ? (
            <ul className="gp-compare-legend" aria-label={tr('gp.c.legend')}>
              {CELLS.map((name) => {
                const c = cells.find((x) => x.cell === name);
                if (!c) return null;
                return (
                  <li key={name} data-testid={`compare-legend-${name}`}>
                    <Swatch color={CELL_COLORS[name]} dash={CELL_DASH[name]} />
                    <strong>{tr(`cell.${name}` as MessageKey)}</strong>
                    <span title={fmtFull(c.influence[0])}>{tr('gp.c.atZero', { value: fmt(c.influence[0]) })}</span>
                    <span title={fmtFull(c.radius)}>ρ {fmt(c.radius)}</span>
                    <span title={fmtFull(c.loss)}>{tr('gp.c.loss', { value: fmt(c.loss) })}</span>
                    {!stale && c.probes < snapshot.model.hiddenSize ? <span className="sub">{tr('gp.v.estimated', { n: c.probes, H: snapshot.model.hiddenSize })}</span> : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
          <p className="sub gp-tight">{tr('gp.c.read')}</p>
        </div>
      </aside>
    </div>
  );
}
