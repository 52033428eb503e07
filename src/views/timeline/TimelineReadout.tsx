/**
 * The timeline’s words: the readout line naming the hovered or selected value in full, and the colour legend with the range each band spans.
 */
import { backwardShown, forwardShown, inputGradShown, outputShown, walkOf, type Cursor, type Walk } from '../../state/cursor';
import { useApp, useT } from '../../state/context';
import type { QuantityRef, SessionSnapshot } from '../../state/model';
import { readMoment, type Moment } from '../../state/moment';
import { Num } from '../ui/Num';
import { fmt } from '../ui/scales';
import { Trans } from '../ui/Trans';
import { timelineSources } from './timelineDraw';
import { type BandId } from './timelineLayout';

export const BAND_NAME: Record<BandId, string> = { x: 'x', h: 'h', c: 'c', y: 'y' };

export interface Hover {
  t: number;
  band: BandId;
  /** the recurrence (l·D + d) of an h or c band; −1 for x and y */
  rec: number;
  row: number;
}

/** Whether the hovered value is on screen at this cursor: its gradient (backward) or its value. */
function shownAt(c: Cursor, w: Walk, h: Hover): { grad: boolean; shown: boolean } {
  const at = { t: h.t, layer: Math.floor(h.rec / w.directions), direction: h.rec % w.directions };
  if (h.band === 'x') {
    const grad = inputGradShown(c, w, h.t);
    return { grad, shown: grad || forwardShown(c, w, { t: h.t, layer: 0, direction: 0 }) || (w.directions === 2 && forwardShown(c, w, { t: h.t, layer: 0, direction: 1 })) };
  }
  if (h.band === 'y') {
    const grad = backwardShown(c, w, { t: h.t, layer: w.layers - 1, direction: w.directions - 1 });
    return { grad, shown: grad || outputShown(c, w, h.t) };
  }
  const grad = backwardShown(c, w, at);
  return { grad, shown: grad || forwardShown(c, w, at) };
}

/** One line that names the hovered (or selected) value (its exact value on hover, focus or copy); never covers the grid. */
export function Readout({ snapshot, hover }: { snapshot: SessionSnapshot; hover: Hover | null }) {
  const t = useT();
  const cursor = useApp((s) => s.cursor);
  const unit = useApp((s) => s.unit);
  const walk = walkOf(snapshot);
  const here = cursor.layer * walk.directions + cursor.direction;
  const target: Hover | null = hover ?? (unit !== null ? { t: cursor.t, band: 'h', rec: here, row: unit } : null);
  let text: React.ReactNode = t('timeline.readoutHint');
  if (target) {
    const { band, row } = target;
    const s = target.t;
    const { grad, shown } = shownAt(cursor, walk, target);
    const rec = target.rec >= 0 ? target.rec : here;
    const m = readMoment(snapshot, { layer: Math.floor(rec / walk.directions), direction: rec % walk.directions });
    if (!shown) {
      text = `${BAND_NAME[band]}[${row}], t = ${s}: ${t('timeline.future', { t: s })}`;
    } else {
      const v = valueAt(m, band, s, row, grad);
      const name = grad ? `∂L/∂${BAND_NAME[band]}` : BAND_NAME[band];
      text = (
        <>
          <Trans k="timeline.cellValue" vars={{ name, unit: row, t: s, value: v === null ? '–' : <Num value={v} testId="readout-value" of={refAt(band, s, row, grad, Math.floor(rec / walk.directions), rec % walk.directions)} /> }} />
          {!grad && band === 'y' ? extraY(m, s, row, snapshot.vocab, t) : null}
        </>
      );
    }
  }
  return (
    <p className="readout" aria-live="polite">
      {text}
    </p>
  );
}

/** the symbol of the step's loss term (notation, the same in every language) */
const LOSS_TERM = 'ℓ_t';

function extraY(m: Moment, t: number, row: number, vocab: string[] | null, tr: ReturnType<typeof useT>): React.ReactNode {
  const cls = m.targetClass(t);
  // ℓ_t opens how it is made (the squared errors, or the softmax's log-sum)
  const loss = <Num value={m.lossTerm(t)} of={{ kind: 'loss', t }} testId="readout-loss" />;
  if (cls === null) return <> · {tr('timeline.target')} {fmt(m.target(t, row) ?? NaN)} · {LOSS_TERM} {loss}</>;
  const label = vocab ? JSON.stringify(vocab[cls] ?? '') : String(cls);
  return <> · p = {fmt(m.prob(t, row) ?? NaN)} · {tr('timeline.target')} {label} · {LOSS_TERM} {loss}</>;
}

/** What the readout's number is, for "How this number is made" (the data x has nothing to open). */
function refAt(band: BandId, t: number, row: number, grad: boolean, layer: number, direction: number): QuantityRef | undefined {
  if (band === 'x') return undefined;
  if (band === 'y') return { kind: grad ? 'dy' : 'y', t, unit: row };
  return { kind: band === 'h' ? (grad ? 'dh' : 'h') : grad ? 'dc' : 'c', layer, direction, t, unit: row };
}

function valueAt(m: Moment, band: BandId, t: number, row: number, grad: boolean): number | null {
  switch (band) {
    case 'x':
      return row < m.inputs ? (grad ? m.inputGrad(t, row) : m.input(t, row)) : null;
    case 'h':
      return m.value(grad ? 'dh' : 'h', t, row);
    case 'c':
      return m.value(grad ? 'dc' : 'c', t, row);
    case 'y':
      return row < m.outputs ? (grad ? m.outputGrad(t, row) : m.output(t, row)) : null;
  }
}

export function Legend({ snapshot, phase }: { snapshot: SessionSnapshot; phase: 'forward' | 'backward' }) {
  const t = useT();
  const dark = useApp((s) => s.theme === 'dark');
  const gradLegend = t(dark ? 'value.gradLegendDark' : 'value.gradLegend');
  const { fwd, bwd } = timelineSources(snapshot, dark);
  const pick = (src: typeof fwd, b: BandId) => (b === 'x' || b === 'y' ? src[b] : src[b][0]);
  const items = (phase === 'forward' ? (['h', 'c', 'x', 'y'] as BandId[]) : (['h', 'c', 'y'] as BandId[])).filter((b) => pick(fwd, b));
  return (
    <div className="legend" aria-label={phase === 'forward' ? t('value.legend') : gradLegend}>
      <span className={phase === 'forward' ? 'swatch-scale' : 'swatch-scale grad'} aria-hidden="true" />
      <span className="sub">{phase === 'forward' ? t('value.legend') : gradLegend}</span>
      {items.map((b) => {
        const src = pick(phase === 'forward' ? fwd : bwd, b)!;
        return (
          <span key={b} className="sub legend-item">
            {phase === 'forward'
              ? src.rows
                ? t('scale.perColumn', { band: BAND_NAME[b], ranges: src.rows.map((r, c) => t('scale.column', { c: c + 1, range: fmt(r.extent) })).join(', ') })
                : `${BAND_NAME[b]}: ±${fmt(src.extent)}`
              : `|∂L/∂${BAND_NAME[b]}|: ${fmt(src.extent * 1e-4)} … ${fmt(src.extent)}`}
          </span>
        );
      })}
    </div>
  );
}
