/**
 * The spectrum of each block of W_hh: its eigenvalues in the complex plane against the unit circle,
 * the spectral radius ρ (the long-run rate of repeated multiplication) and ‖·‖₂ (the most one step
 * can multiply by), both exact from the engine.
 */
import { memo, useState } from 'react';
import { useApp, useT } from '../../state/context';
import type { AnalysisReply, SessionSnapshot } from '../../state/model';
import { Num } from '../ui/Num';
import { fmt } from '../ui/scales';
import { ROLE_COLORS, type Role } from '../ui/theme';
import { complexExtent } from './gradientCharts';

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
export const SpectrumCard = memo(function SpectrumCard({ snapshot, analysis }: { snapshot: SessionSnapshot; analysis: AnalysisReply | null }) {
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
                  <button type="button" className="gp-link" aria-pressed={i === k} onClick={() => setPick(i)} title={tr('gp.v.showBlock', { name: blockName(b.gate, lecture) })}>
                    <BlockSymbol gate={b.gate} lecture={lecture} />
                  </button>
                </th>
                <td data-testid={`radius-${b.gate}`}>
                  <Num value={b.radius} />
                </td>
                <td data-testid={`norm-${b.gate}`}>
                  <Num value={b.norm} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="sub gp-tight">{tr(snapshot.model.cell === 'rnn' ? 'gp.v.whyRnn' : snapshot.model.cell === 'lstm' ? 'gp.v.whyLstm' : 'gp.v.whyGru')}</p>
    </div>
  );
});

