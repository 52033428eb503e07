/**
 * One step of the mechanism, in numbers side by side: for the RNN the gain of W_hh and the shrink of
 * tanh′ at step t, their product as the one-step Jacobian's norm, and the whole way back to t; for
 * the gated cells the gate that decides (f or z) and the shortcut it makes. Then one line that reads
 * them. Every number is the engine's; the view only picks which sentence they fill.
 */
import type { MessageKey } from '../../content/i18n';
import { useT } from '../../state/context';
import type { AnalysisReply, SessionSnapshot } from '../../state/model';
import { Num } from '../ui/Num';
import { Rich } from '../ui/Rich';
import { Trans } from '../ui/Trans';

type Mechanism = AnalysisReply['mechanism'];

/** Below this share of the gradient a shortcut counts as leaking (1%). */
const KEEPS = 0.01;

function Row({ label, children, testId }: { label: MessageKey; children: React.ReactNode; testId?: string }) {
  const tr = useT();
  return (
    <tr data-testid={testId}>
      <th scope="row">
        <Rich text={tr(label)} />
      </th>
      <td>{children}</td>
    </tr>
  );
}

const series = (s: Mechanism['step'], t: number) => <Num value={s.method === 'unavailable' ? NaN : s.value[t]} relError={s.method === 'estimate' ? s.relError[t] : undefined} />;

export function MechanismCard({ analysis, snapshot, t }: { analysis: AnalysisReply; snapshot: SessionSnapshot; t: number }) {
  const tr = useT();
  const m = analysis.mechanism;
  const T = snapshot.steps;
  const last = T - 1;
  const n = last - t;
  const range = (mean: number, min: number, max: number) => <Trans k="mech.range" vars={{ mean: <Num value={mean} />, min: <Num value={min} />, max: <Num value={max} /> }} />;
  const hPath = series(m.hPath.spectral, t);
  const rows: React.ReactNode[] = [];
  let reading: React.ReactNode = tr('mech.read.pick');
  if (m.cell === 'rnn') {
    const g = m.gain[0];
    rows.push(
      <Row key="gain" label="mech.gain" testId="mech-gain">
        <Num value={g.norm} relError={g.normRelError > 1e-9 ? g.normRelError : undefined} testId="mech-gain-value" />
      </Row>,
      <Row key="radius" label="mech.radius">
        <Num value={g.radius} />
      </Row>,
      <Row key="shrink" label="mech.shrink">
        <Num value={m.factor.max[t]} />
      </Row>,
      <Row key="mean" label="mech.meanShrink">
        <Num value={m.factor.mean[t]} />
      </Row>,
      <Row key="step" label="mech.stepNorm" testId="mech-step-row">
        {series(m.step, t)}
      </Row>,
      <Row key="back" label="mech.back" testId="mech-back-row">
        {hPath}
      </Row>,
      <Row key="rate" label="mech.rate" testId="mech-rate-row">
        <Num value={m.ratePerStep[t]} />
      </Row>,
    );
    if (n > 0) {
      const back = m.hPath.spectral.method === 'unavailable' ? m.hPath.frobenius[t] : m.hPath.spectral.value[t];
      const key: MessageKey = back > 1 ? 'mech.read.explode' : g.radius > 1 ? 'mech.read.saturate' : 'mech.read.vanish';
      // saturation is told by the typical unit over the whole sequence (the median the claim checks),
      // exploding by the largest factor
      const shrink = <Num value={key === 'mech.read.saturate' ? m.factor.median : m.factor.max[t]} />;
      const vars = { rho: <Num value={g.radius} />, rate: <Num value={m.ratePerStep[t]} />, shrink, back: hPath, n };
      reading = <Trans k={key} vars={vars} />;
    }
  } else if (m.cellPath) {
    const c = m.cellPath;
    rows.push(
      <Row key="f" label="mech.f">
        {range(m.factor.mean[t], m.factor.min[t], m.factor.max[t])}
      </Row>,
      <Row key="highway" label="mech.highway" testId="mech-highway-row">
        <Num value={c.highway.norm[t]} />
      </Row>,
      <Row key="cfull" label="mech.cellFull">
        {series(c.full, t)}
      </Row>,
      <Row key="h" label="mech.hPathGated">
        {hPath}
      </Row>,
    );
    if (n > 0) {
      const vars = { f: <Num value={m.factor.mean[t + 1]} />, highway: <Num value={c.highway.norm[t]} />, hPath, n };
      reading = <Trans k={c.highway.norm[t] >= KEEPS ? 'mech.read.keep' : 'mech.read.leak'} vars={vars} />;
    }
  } else if (m.zPath) {
    rows.push(
      <Row key="z" label="mech.z">
        {range(m.factor.mean[t], m.factor.min[t], m.factor.max[t])}
      </Row>,
      <Row key="zpath" label="mech.zPath" testId="mech-zpath-row">
        <Num value={m.zPath.norm[t]} />
      </Row>,
      <Row key="h" label="mech.hPathGated">
        {hPath}
      </Row>,
    );
    if (n > 0) {
      const vars = { z: <Num value={m.factor.mean[t + 1]} />, zPath: <Num value={m.zPath.norm[t]} />, n };
      reading = <Trans k={m.zPath.norm[t] >= KEEPS ? 'mech.read.zKeep' : 'mech.read.zLeak'} vars={vars} />;
    }
  }
  return (
    <div className="gp-card mech-card" data-testid="mechanism-card">
      <h3>{tr('mech.at', { t, last })}</h3>
      <table className="gp-parts mech-parts">
        <tbody>{rows}</tbody>
      </table>
      <p className="mech-reading" data-testid="mechanism-reading">
        {reading}
      </p>
    </div>
  );
}
