/**
 * The "shape" question: before the backward pass draws ‖∂L/∂h_t‖, the reader sketches it by
 * dragging (or with the arrow keys) on a log scale; "Reveal" draws the real curve over the sketch
 * and says how many powers of ten the sketch is off on average. The real norms are the worker's.
 */
import { useRef, useState } from 'react';
import { fillSketch, logNorm, sketchError, SKETCH_MAX, SKETCH_MIN } from '../../content/sketch';
import { useT } from '../../state/context';
import { fmt } from '../ui/scales';

const W = 560;
const HT = 170;
const PAD = { left: 52, right: 12, top: 10, bottom: 24 };
const STEP = 0.25;

export function SketchCurve({ norms }: { norms: Float64Array }) {
  const t = useT();
  const T = norms.length;
  const [drawn, setDrawn] = useState<(number | null)[]>(() => Array.from({ length: T }, () => null));
  const [sel, setSel] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const drawing = useRef<number | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const x = (s: number) => PAD.left + (T === 1 ? 0 : (s * (W - PAD.left - PAD.right)) / (T - 1));
  const y = (v: number) => PAD.top + ((SKETCH_MAX - v) / (SKETCH_MAX - SKETCH_MIN)) * (HT - PAD.top - PAD.bottom);
  const filled = fillSketch(drawn);

  const put = (s: number, v: number, from: number | null) => {
    const clamped = Math.min(SKETCH_MAX, Math.max(SKETCH_MIN, v));
    setDrawn((d) => {
      const next = d.slice();
      next[s] = clamped;
      // a fast drag skips steps: draw the ones between the last point and this one on the straight line
      if (from !== null && from !== s && d[from] !== null) {
        const start = d[from]!;
        const dir = s > from ? 1 : -1;
        for (let k = from + dir; k !== s; k += dir) {
          const w = (k - from) / (s - from);
          next[k] = start * (1 - w) + clamped * w;
        }
      }
      return next;
    });
  };
  const at = (e: React.PointerEvent) => {
    const r = svg.current!.getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * W;
    const py = ((e.clientY - r.top) / r.height) * HT;
    const s = Math.round(((px - PAD.left) / (W - PAD.left - PAD.right)) * (T - 1));
    const v = SKETCH_MAX - ((py - PAD.top) / (HT - PAD.top - PAD.bottom)) * (SKETCH_MAX - SKETCH_MIN);
    return { s: Math.min(T - 1, Math.max(0, s)), v };
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'ArrowLeft') setSel((s) => Math.max(0, s - 1));
    else if (e.key === 'ArrowRight') setSel((s) => Math.min(T - 1, s + 1));
    else if (e.key === 'Home') setSel(0);
    else if (e.key === 'End') setSel(T - 1);
    else put(sel, (drawn[sel] ?? filled?.[sel] ?? -2) + (e.key === 'ArrowUp' ? STEP : -STEP), null);
  };
  const line = (vals: readonly number[]) => vals.map((v, s) => `${s ? 'L' : 'M'}${x(s).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const error = revealed && filled ? sketchError(filled, norms) : null;
  const current = drawn[sel];
  return (
    <div className="sketch" data-testid="sketch">
      <h3>{t('sketch.title')}</h3>
      <p className="sub">{t('sketch.help')}</p>
      <svg
        ref={svg}
        viewBox={`0 0 ${W} ${HT}`}
        width={W}
        height={HT}
        role="slider"
        tabIndex={0}
        aria-label={t('sketch.label')}
        aria-valuemin={SKETCH_MIN}
        aria-valuemax={SKETCH_MAX}
        aria-valuenow={current ?? SKETCH_MIN}
        aria-valuetext={t('sketch.valueText', { t: sel, value: current === null ? '–' : `10^${fmt(current, 2)}` })}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          if (revealed) return;
          svg.current!.setPointerCapture(e.pointerId);
          const p = at(e);
          put(p.s, p.v, null);
          drawing.current = p.s;
          setSel(p.s);
        }}
        onPointerMove={(e) => {
          if (drawing.current === null) return;
          const p = at(e);
          put(p.s, p.v, drawing.current);
          drawing.current = p.s;
          setSel(p.s);
        }}
        onPointerUp={() => (drawing.current = null)}
        data-testid="sketch-surface"
      >
        {Array.from({ length: SKETCH_MAX - SKETCH_MIN + 1 }, (_, i) => SKETCH_MIN + i).map((d) => (
          <g key={d} aria-hidden="true">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(d)} y2={y(d)} className="sketch-grid" />
            <text x={PAD.left - 6} y={y(d) + 4} textAnchor="end" className="sketch-tick">
              {`1e${d}`}
            </text>
          </g>
        ))}
        <line x1={x(sel)} x2={x(sel)} y1={PAD.top} y2={HT - PAD.bottom} className="sketch-sel" aria-hidden="true" />
        <text x={x(sel)} y={HT - 6} textAnchor="middle" className="sketch-tick" aria-hidden="true">{`t = ${sel}`}</text>
        {filled ? <path d={line(filled)} className="sketch-guess" data-testid="sketch-guess" /> : null}
        {revealed ? <path d={line(Array.from(norms, logNorm))} className="sketch-actual" data-testid="sketch-actual" /> : null}
      </svg>
      <div className="sketch-actions">
        <button type="button" disabled={!filled || revealed} onClick={() => setRevealed(true)}>
          {t('sketch.reveal')}
        </button>
        <button type="button" className="quiet" onClick={() => (setDrawn(Array.from({ length: T }, () => null)), setRevealed(false))}>
          {t('sketch.clear')}
        </button>
        <span className="sketch-legend sub">
          <span className="sw guess" /> {t('sketch.legendGuess')} <span className="sw actual" /> {t('sketch.legendActual')}
        </span>
      </div>
      <p role="status" aria-live="polite" data-testid="sketch-score">
        {error !== null ? t('sketch.score', { d: fmt(error, 2), f: fmt(10 ** error, 2) }) : ''}
      </p>
    </div>
  );
}
