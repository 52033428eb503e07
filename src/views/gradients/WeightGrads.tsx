/**
 * Weight gradients filling in during the backward pass: what the pass has summed so far
 * (steps T − 1 down to t) beside step t's own share, as diverging heatmaps on one symmetric
 * scale per group (the layer's weights; the head), fixed for the whole walk so the maps visibly
 * fill in. Painted on canvas (one pixel per entry, scaled); hover or the arrow keys read out an
 * entry in full precision.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { GATE_COUNT, GATE_NAMES, layerKey, type GradsReply, type QuantityRef, type SessionSnapshot } from '../../state/model';
import { readMoment } from '../../state/moment';
import { useApp, useDeferredApp, useT } from '../../state/context';
import {
  blockReader,
  divergingLut,
  entryIndex,
  fitBlocks,
  heatBlocks,
  hitBlock,
  layerAndHead,
  type LayerAndHead,
  lutIndex,
  moveSelection,
  signedLogIndex,
  signedLogLut,
  type BlockKey,
  type HeatPlacement,
  type HeatSelection,
  type HeatShape,
  type PlacedBlock,
} from './heatmap';
import { Num } from '../ui/Num';
import { fmt, symmetricExtent } from '../ui/scales';
import { Trans } from '../ui/Trans';
import { useElementSize } from '../ui/useElementSize';
import { recurrenceName } from '../ui/where';

const NAMES: Record<'lecture' | 'pytorch', Record<BlockKey, string>> = {
  pytorch: { wIh: 'dW_ih', wHh: 'dW_hh', b: 'db', headW: 'dW_head', headB: 'db_head' },
  lecture: { wIh: 'dW_x', wHh: 'dW_h', b: 'db', headW: 'dW_y', headB: 'db_y' },
};
const PLACE = { minWidth: 46, caption: 15, gap: 10 };
/** decades of magnitude the log colour scale shows below the largest value */
const DECADES = 4;
const MAP_HEIGHT = 206;
const LAYER: (keyof LayerAndHead)[] = ['wIh', 'wHh', 'bIh', 'bHh'];
const HEAD: (keyof LayerAndHead)[] = ['headW', 'headB'];

export function WeightGrads({ snapshot }: { snapshot: SessionSnapshot }) {
  const tr = useT();
  const cursor = useDeferredApp((s) => s.cursor);
  const grads = useApp((s) => s.grads);
  const notation = useApp((s) => s.notation);
  const lecture = notation === 'lecture';
  const [wrap, { width }] = useElementSize<HTMLDivElement>({ width: 600, height: 0 });
  const [sel, setSel] = useState<HeatSelection | null>(null);
  const [hover, setHover] = useState<HeatSelection | null>(null);
  const [logColour, setLogColour] = useState(true);
  const readoutId = useId();

  const { cell, hiddenSize: H, outputSize, directions } = snapshot.model;
  // the layer and direction of the cursor's cell: its four arrays, and the head
  const index = cursor.layer * directions + cursor.direction;
  const inputSize = readMoment(snapshot, cursor).inputWidth;
  const shape: HeatShape = useMemo(
    () => ({ inputSize, hiddenSize: H, outputSize, headCols: directions * H, gates: GATE_COUNT[cell] }),
    [inputSize, H, outputSize, directions, cell],
  );
  const blocks = useMemo(() => heatBlocks(shape, lecture), [shape, lecture]);
  const groupW = Math.max(120, (width - 20) / 2 - (lecture ? 0 : 14));
  const placement = useMemo(() => fitBlocks(blocks, groupW, MAP_HEIGHT - (lecture ? 14 : 0), PLACE), [blocks, groupW, lecture]);
  // One symmetric scale per group, from the full gradient: the scale stays put while the sums fill in.
  const extents = useMemo(
    () => ({ layer: extentOf(layerAndHead(snapshot.grads, index), LAYER), head: extentOf(layerAndHead(snapshot.grads, index), HEAD) }),
    [snapshot, index],
  );

  const backward = cursor.phase === 'backward';
  // the recurrence's backward walk starts at its last forward step: t = T − 1, or t = 0 in reverse
  const first = cursor.direction === 1 ? 0 : snapshot.steps - 1;
  const where = recurrenceName(tr, cursor, snapshot.model);
  // the head is summed before the backward walk reaches any recurrence but the last one (the top layer's last direction)
  const headDone = index < snapshot.model.numLayers * directions - 1;
  const current = backward && grads !== null && grads.t === cursor.t && grads.layer === cursor.layer && grads.direction === cursor.direction;
  const shownGrads = backward && grads ? { t: grads.t, accumulated: layerAndHead(grads.accumulated, index), contribution: layerAndHead(grads.contribution, index) } : null;
  const names = NAMES[lecture ? 'lecture' : 'pytorch'];
  const gates = cell === 'rnn' ? [] : GATE_NAMES[cell];
  const focusSel = hover ?? sel;

  let readout: React.ReactNode = tr('gp.w.readoutHint');
  if (focusSel && shownGrads) {
    const b = placement.blocks[focusSel.block];
    const { field, index } = entryIndex(b, shape, focusSel.r, focusSel.c);
    readout = (
      <Trans
        k="gp.w.entry"
        vars={{
          name: names[b.key],
          where: describeEntry(b, focusSel, shape, gates, tr),
          sum: <Num value={shownGrads.accumulated[field][index]} testId="wgrad-sum" of={grads ? summedSoFar(field, index, grads, snapshot) : undefined} />,
          add: <Num value={shownGrads.contribution[field][index]} testId="wgrad-add" />,
          t: shownGrads.t,
          last: first,
        }}
      />
    );
  } else if (!backward) readout = tr('gp.w.forward');

  const onKey = (e: React.KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Escape'].includes(e.key)) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') return setSel(null);
    setSel((s) => moveSelection(placement.blocks, s ?? { block: 1, r: 0, c: 0 }, e.key));
  };

  return (
    <div className="gp-weights" ref={wrap}>
      <div className="gp-legend">
        <span className="swatch-diverging" aria-hidden="true" />
        <span className="sub">
          {tr('gp.w.scale', { layer: fmt(extents.layer), head: fmt(extents.head) })}
          {Math.min(placement.cellW, placement.cellH) < 1 ? ' · ' + tr('gp.w.aggregated', { n: fmt(1 / (Math.min(1, placement.cellW) * Math.min(1, placement.cellH)), 2) }) : ''}
        </span>
        <label className="gp-check-row">
          <input type="checkbox" checked={logColour} onChange={(e) => setLogColour(e.target.checked)} />
          <span>{tr('gp.w.logColour', { n: DECADES })}</span>
        </label>
      </div>
      {where ? (
        <p className="sub gp-tight" data-testid="wgrad-keys">
          {tr(lecture ? 'gp.w.keysLecture' : 'gp.w.keys', {
            where,
            ih: names.wIh,
            hh: names.wHh,
            b: names.b,
            ihKey: layerKey('wIh', cursor.layer, cursor.direction),
            hhKey: layerKey('wHh', cursor.layer, cursor.direction),
            bihKey: layerKey('bIh', cursor.layer, cursor.direction),
            bhhKey: layerKey('bHh', cursor.layer, cursor.direction),
          })}
          {backward && headDone ? ` ${tr('gp.w.headDone', { head: names.headW })}` : ''}
        </p>
      ) : null}
      <div className="gp-maps" aria-busy={backward && !current}>
        {(['sum', 'add'] as const).map((kind) => (
          <figure key={kind} className="gp-map">
            <figcaption>
              {kind === 'sum'
                ? backward
                  ? tr('gp.w.sumTitle', { t: cursor.t, last: first })
                  : tr('gp.w.sumTitleEmpty')
                : backward
                  ? tr('gp.w.addTitle', { t: cursor.t })
                  : tr('gp.w.addTitleEmpty')}
              {backward && !current ? <span className="sub"> · {tr('app.computing')}</span> : null}
            </figcaption>
            <HeatMap
              placement={placement}
              shape={shape}
              values={shownGrads ? (kind === 'sum' ? shownGrads.accumulated : shownGrads.contribution) : null}
              extents={extents}
              names={names}
              gates={gates}
              lecture={lecture}
              logColour={logColour}
              selection={focusSel}
              interactive={kind === 'sum'}
              label={tr(kind === 'sum' ? 'gp.w.mapSum' : 'gp.w.mapAdd', { t: cursor.t })}
              describedBy={readoutId}
              onHover={setHover}
              onKeyDown={onKey}
              testId={`wgrad-${kind}`}
            />
          </figure>
        ))}
      </div>
      <p className="gp-readout" id={readoutId} aria-live="polite" data-testid="weights-readout">
        {readout}
      </p>
    </div>
  );
}

/** The symmetric extent over several arrays (arrays that are all zero do not count). */
function extentOf(p: LayerAndHead, fields: (keyof LayerAndHead)[]): number {
  let m = 0;
  for (const f of fields) if (!allZero(p[f])) m = Math.max(m, symmetricExtent(p[f]));
  return m > 0 ? m : 1;
}

function allZero(a: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== 0) return false;
  return true;
}

function describeEntry(b: PlacedBlock, s: HeatSelection, shape: HeatShape, gates: readonly string[], tr: ReturnType<typeof useT>): string {
  const H = shape.hiddenSize;
  // the G·H index (gate row in PyTorch's layout) and the other index
  const gh = b.transposed ? s.c : s.r;
  const other = b.transposed ? s.r : s.c;
  const gate = gates.length ? gates[Math.floor(gh / H)] : 'h';
  switch (b.key) {
    case 'wIh':
      return tr('gp.w.whereIh', { r: s.r, c: s.c, gate, unit: gh % H, input: other });
    case 'wHh':
      return tr('gp.w.whereHh', { r: s.r, c: s.c, gate, unit: gh % H, from: other });
    case 'b':
      return tr('gp.w.whereB', { which: other === 0 ? 'b_ih' : 'b_hh', gate, unit: gh % H });
    case 'headW':
      return tr('gp.w.whereHead', { r: s.r, c: s.c, out: b.transposed ? s.c : s.r, from: b.transposed ? s.r : s.c });
    case 'headB':
      return tr('gp.w.whereHeadB', { out: b.transposed ? s.c : s.r });
  }
}

interface MapProps {
  placement: HeatPlacement;
  shape: HeatShape;
  values: LayerAndHead | null;
  extents: { layer: number; head: number };
  names: Record<BlockKey, string>;
  gates: readonly string[];
  lecture: boolean;
  logColour: boolean;
  selection: HeatSelection | null;
  interactive: boolean;
  label: string;
  describedBy: string;
  onHover: (s: HeatSelection | null) => void;
  onKeyDown: (e: React.KeyboardEvent) => void;
  testId: string;
}

const GATE_MARGIN = 14;

function HeatMap(p: MapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useApp((s) => s.theme);
  const { placement } = p;
  const offX = p.lecture ? 0 : GATE_MARGIN;
  const W = Math.ceil(placement.width + offX);
  const Hh = Math.ceil(placement.height + (p.lecture ? GATE_MARGIN : 0));
  const luts = useMemo(
    () =>
      p.logColour
        ? { layer: signedLogLut(p.extents.layer, DECADES), head: signedLogLut(p.extents.head, DECADES) }
        : { layer: divergingLut(p.extents.layer), head: divergingLut(p.extents.head) },
    [p.extents, p.logColour],
  );
  const slot = useMemo(() => (p.logColour ? (v: number, ext: number) => signedLogIndex(v, ext, DECADES) : lutIndex), [p.logColour]);

  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    el.width = Math.ceil(W * dpr);
    el.height = Math.ceil(Hh * dpr);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, Hh);
    const empty = getComputedStyle(el).getPropertyValue('--panel-alt').trim() || '#EEF1F5';
    for (const b of placement.blocks) {
      const x = b.x + offX;
      if (!p.values) {
        ctx.fillStyle = empty;
        ctx.fillRect(x, b.y, b.w, b.h);
        continue;
      }
      const head = b.key === 'headW' || b.key === 'headB';
      const lut = head ? luts.head : luts.layer;
      const ext = head ? p.extents.head : p.extents.layer;
      const img = new ImageData(b.cols, b.rows);
      const read = blockReader(b, p.shape, p.values);
      for (let r = 0; r < b.rows; r++) {
        for (let c = 0; c < b.cols; c++) {
          const k = 3 * slot(read(r, c), ext);
          const o = 4 * (r * b.cols + c);
          img.data[o] = lut[k];
          img.data[o + 1] = lut[k + 1];
          img.data[o + 2] = lut[k + 2];
          img.data[o + 3] = 255;
        }
      }
      const off = document.createElement('canvas');
      off.width = b.cols;
      off.height = b.rows;
      off.getContext('2d')!.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = b.cellH < 1 || b.cellW < 1;
      ctx.drawImage(off, x, b.y, b.w, b.h);
    }
  }, [placement, p.values, p.shape, luts, slot, p.extents, W, Hh, offX, theme]);

  const H = p.shape.hiddenSize;
  const sepLines: string[] = [];
  const gateLabels: { x: number; y: number; text: string }[] = [];
  if (p.gates.length > 1) {
    for (const b of placement.blocks) {
      if (b.key === 'headW' || b.key === 'headB') continue;
      for (let g = 1; g < p.gates.length; g++) {
        if (p.lecture) {
          const x = b.x + g * H * b.cellW;
          sepLines.push(`M${x},${b.y}V${b.y + b.h}`);
        } else {
          const y = b.y + g * H * b.cellH;
          sepLines.push(`M${b.x + offX},${y}H${b.x + offX + b.w}`);
        }
      }
    }
    const first = placement.blocks[0];
    const last = placement.blocks.find((b) => b.key === 'b')!;
    if (H * (p.lecture ? placement.cellW : placement.cellH) >= 9) {
      p.gates.forEach((g, k) => {
        if (p.lecture) gateLabels.push({ x: first.x + (k + 0.5) * H * last.cellW, y: last.y + last.h + 11, text: g });
        else gateLabels.push({ x: GATE_MARGIN / 2, y: first.y + (k + 0.5) * H * first.cellH + 4, text: g });
      });
    }
  }
  const selRect = (() => {
    if (!p.selection || !p.values) return null;
    const b = placement.blocks[p.selection.block];
    if (!b) return null;
    return { x: b.x + offX + p.selection.c * b.cellW, y: b.y + p.selection.r * b.cellH, w: Math.max(3, b.cellW), h: Math.max(3, b.cellH) };
  })();

  const onMove = (e: React.MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    p.onHover(hitBlock(placement.blocks, e.clientX - r.left - offX, e.clientY - r.top));
  };

  return (
    <div
      className="gp-heat"
      data-testid={p.testId}
      style={{ width: W, height: Hh }}
      tabIndex={p.interactive ? 0 : undefined}
      role={p.interactive ? 'group' : 'img'}
      aria-label={p.label}
      aria-describedby={p.interactive ? p.describedBy : undefined}
      onKeyDown={p.interactive ? p.onKeyDown : undefined}
    >
      <canvas ref={canvas} style={{ width: W, height: Hh }} aria-hidden="true" />
      <svg width={W} height={Hh} aria-hidden="true" onMouseMove={onMove} onMouseLeave={() => p.onHover(null)}>
        {placement.blocks.map((b) => (
          <g key={b.key}>
            <rect className="gp-heat-frame" x={b.x + offX - 0.5} y={b.y - 0.5} width={b.w + 1} height={b.h + 1} />
            <text className="gp-heat-caption" x={b.x + offX} y={b.y - 4}>
              {p.names[b.key]}
            </text>
          </g>
        ))}
        <path className="gp-heat-sep" d={sepLines.join('')} />
        {gateLabels.map((g) => (
          <text key={g.text} className="gp-heat-gate" x={g.x + (p.lecture ? offX : 0)} y={g.y} textAnchor="middle">
            {g.text}
          </text>
        ))}
        {selRect ? <rect className="gp-heat-sel" x={selRect.x - 1} y={selRect.y - 1} width={selRect.w + 2} height={selRect.h + 2} /> : null}
      </svg>
    </div>
  );
}

/**
 * The accumulated entry the readout shows, as "How this number is made" asks for it: the steps the
 * backward walk has summed at (t, layer, direction), as the session sums them (engine/session.ts
 * accumulatedGrads): processing rows [s, T) of the cursor's recurrence; the head's timesteps
 * [t, T) (one direction) or [0, t] (two), or all of them once the walk has left the top recurrence.
 */
function summedSoFar(field: keyof LayerAndHead, entry: number, g: GradsReply, snapshot: SessionSnapshot): QuantityRef {
  const { numLayers: L, directions: D } = snapshot.model;
  const T = snapshot.steps;
  const s = g.direction === 1 ? T - 1 - g.t : g.t;
  const base = { kind: 'wgrad' as const, field, layer: g.layer, direction: g.direction, index: entry };
  if (field === 'headW' || field === 'headB') {
    if (g.layer * D + g.direction < L * D - 1 || s === 0) return base;
    return D === 1 ? { ...base, from: g.t, to: T } : { ...base, from: 0, to: g.t + 1 };
  }
  return s === 0 ? base : { ...base, from: s, to: T };
}
