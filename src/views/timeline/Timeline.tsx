/**
 * The centre of the page: the network unrolled in time (one column per step, the same layer
 * in every column) or rolled up into one layer with its loop. Cells are painted on a canvas
 * from cached images; structure, arrows and highlights are SVG.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MessageKey } from '../../content/i18n';
import { useActions, useApp, useT } from '../../state/context';
import type { SessionSnapshot } from '../../state/model';
import { useElementSize } from '../ui/useElementSize';
import { allRecurrences, readMoment } from '../../state/moment';
import { inputRead, outputShown, walkOf } from '../../state/cursor';
import { StepChips } from './StepChips';
import { clipPathOf, revealRects } from './timelineReveal';
import { ExportButtons } from '../ui/ExportButtons';
import { RolledView } from './RolledView';
import { timelineSources } from './timelineDraw';
import { packedCells, paintBands, paintCanvas } from './timelinePainter';
import { fitCell, hitTest, layoutTimeline, LABEL_WIDTH, PROJECTOR_LABEL_WIDTH, type BandId, type TimelineLayout } from './timelineLayout';
import { THEMES } from '../ui/theme';
import './timeline.css';
import { DynamicOverlay, StaticOverlay } from './TimelineOverlays';
import { Legend, Readout, type Hover } from './TimelineReadout';

/** The column width that holds a step's number (such as −0.39) whole in its chip. */
const NUMBER_COLUMN = 44;

const BAND_LABEL: Record<BandId, MessageKey> = { x: 'timeline.x', h: 'timeline.h', c: 'timeline.c', y: 'timeline.y' };

export function Timeline() {
  const t = useT();
  const snapshot = useApp((s) => s.snapshot);
  const view = useApp((s) => s.view);
  const status = useApp((s) => s.status);
  const actions = useActions();
  const [zoom, setZoom] = useState(0);
  if (!snapshot) {
    return (
      <section className="panel timeline" aria-busy="true">
        <h2>{t('timeline.title')}</h2>
        <p className="sub">{status === 'error' ? t('notice.engineError', { message: '' }) : t('app.loading')}</p>
      </section>
    );
  }
  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <div className="timeline-head">
        <h2 id="timeline-title">{view === 'rolled' ? t('timeline.rolledTitle') : t('timeline.title')}</h2>
        <div className="segmented" role="group" aria-label={t('controls.view')}>
          <button type="button" aria-pressed={view === 'rolled'} onClick={() => actions.setView('rolled')}>
            {t('controls.rolled')}
          </button>
          <button type="button" aria-pressed={view === 'unrolled'} onClick={() => actions.setView('unrolled')}>
            {t('controls.unrolled')}
          </button>
        </div>
        <ExportButtons target=".timeline .timeline-canvas, .timeline .rolled" name="unroll-timeline" label={t('timeline.title')} />
        {view === 'unrolled' ? (
          <div className="zoom" role="group" aria-label={t('timeline.zoom')}>
            <button type="button" className="icon" aria-label={t('timeline.zoomOut')} onClick={() => setZoom((z) => Math.max(-4, z - 1))}>
              −
            </button>
            <button type="button" className="icon" aria-label={t('timeline.zoomFit')} onClick={() => setZoom(0)}>
              ⤢
            </button>
            <button type="button" className="icon" aria-label={t('timeline.zoomIn')} onClick={() => setZoom((z) => Math.min(6, z + 1))}>
              +
            </button>
          </div>
        ) : null}
      </div>
      <p className="sub shared-note">{t(snapshot.model.numLayers * snapshot.model.directions > 1 ? 'grid.shared' : 'timeline.shared')}</p>
      {view === 'rolled' ? <RolledView snapshot={snapshot} /> : <UnrolledView snapshot={snapshot} zoom={zoom} />}
    </section>
  );
}

function UnrolledView({ snapshot, zoom }: { snapshot: SessionSnapshot; zoom: number }) {
  const t = useT();
  const actions = useActions();
  const cursor = useApp((s) => s.cursor);
  const unit = useApp((s) => s.unit);
  const themeName = useApp((s) => s.theme);
  // the row labels' column (wider in projector mode, for their larger type): the columns share what is left
  const labelW = useApp((s) => (s.projector ? PROJECTOR_LABEL_WIDTH : LABEL_WIDTH));
  // Hovering is this view's own business: it highlights the shared layer and names a value.
  const [hoverAt, setHoverAt] = useState<{ t: number; rec: number | null } | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [scrollRef, { width: availW }] = useElementSize<HTMLDivElement>({ width: 800, height: 0 });
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const gradRef = useRef<HTMLCanvasElement>(null);
  const fwdBandsRef = useRef<HTMLDivElement>(null);
  const gradBandsRef = useRef<HTMLDivElement>(null);
  const [availH, setAvailH] = useState(() => clampHeight(window.innerHeight));

  useEffect(() => {
    const onResize = () => setAvailH(clampHeight(window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const { inputSize: I, hiddenSize: H, outputSize: O, cell, numLayers: L, directions: D } = snapshot.model;
  const walk = useMemo(() => walkOf(snapshot), [snapshot]);
  const hasC = cell === 'lstm';
  const T = snapshot.steps;
  const numbers = snapshot.tokens.inputs.some((tok) => tok.kind === 'values') || snapshot.tokens.targets.some((tok) => tok.kind === 'values');
  const layout = useMemo<TimelineLayout>(() => {
    const boxes = L * D;
    const rows = I + boxes * (H + (hasC ? H : 0)) + O;
    const z = Math.pow(1.25, zoom);
    // The columns share the width (at zoom 0 they fill it); chips only where a column can hold one.
    // A number needs a wider chip than a character: columns a little too narrow for it (a phone)
    // are widened to hold it whole and the timeline scrolls sideways, rather than cut it to "-0.".
    const fill = Math.max(9, ((availW - labelW - 10) / T) * z);
    const colWidth = numbers && fill >= 16 && fill < NUMBER_COLUMN ? NUMBER_COLUMN : fill;
    const chips = colWidth >= 16;
    // One recurrence keeps cells of at least 3 px; a stack may go down to 1 px rows and scroll.
    const min = boxes === 1 ? 3 : 1;
    const rowH = Math.max(min, Math.min(40, Math.round(fitCell(rows, boxes * (hasC ? 2 : 1) + 2, availH, min, 30, boxes, chips) * z)));
    // Cells wider than tall read better, up to about half the column: the rest is the arrow to the next step.
    const cellWidth = Math.max(3, Math.min(Math.round(colWidth * 0.55), Math.floor(colWidth - 6), 56 * Math.max(1, z)));
    return layoutTimeline({
      steps: T,
      xRows: I,
      hRows: H,
      cRows: hasC ? H : 0,
      yRows: O,
      layers: L,
      directions: D,
      cell: rowH,
      cellWidth,
      colWidth,
      chips,
    });
  }, [T, I, H, O, L, D, hasC, availH, availW, zoom, numbers, labelW]);

  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const sources = timelineSources(snapshot, themeName === 'dark');

  // Paint the cells once per snapshot; a step only moves a few CSS rectangles (the veil over
  // what is not computed yet, the clip of the gradients), which the compositor handles: the main
  // thread does the same tiny work per step at T = 400, H = 128 as at toy sizes. Large grids are
  // painted a band per task, right after the commit (timelinePainter.ts).
  const packed = packedCells(layout);
  useLayoutEffect(() => {
    const empty = THEMES[themeName].panelAlt;
    if (packed) return paintBands(fwdBandsRef.current, layout, sources.fwd, empty);
    paintCanvas(canvasRef.current, layout, sources.fwd, dpr, empty);
    return undefined;
  }, [sources, layout, dpr, themeName, packed]);
  // The gradients' grid is hidden in the forward phase (its clip is empty): painted only in the
  // backward phase, the snapshots that arrive while training in the forward phase cost half the
  // painting (at T = 1000, H = 256 a band is 256 000 cells), and the first view does not wait for it.
  const backward = cursor.phase === 'backward';
  useLayoutEffect(() => {
    if (!backward) return undefined;
    const empty = THEMES[themeName].panelAlt;
    if (packed) return paintBands(gradBandsRef.current, layout, sources.bwd, empty);
    paintCanvas(gradRef.current, layout, sources.bwd, dpr, empty);
    return undefined;
  }, [sources, layout, dpr, themeName, packed, backward]);
  const reveal = useMemo(() => revealRects(layout, cursor, walk), [layout, cursor, walk]);

  // Keep the current cell in view while stepping or playing. The scroll position is tracked
  // from scroll events and the height from a ResizeObserver (which the browser calls after its
  // layout), so that neither a step nor the first view forces a layout by reading them back (read
  // here at mount, they cost the first view a whole-page layout: ~60 ms).
  const scrollPos = useRef({ left: 0, top: 0, height: 0 });
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => (scrollPos.current = { left: el.scrollLeft, top: el.scrollTop, height: el.clientHeight });
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver(onScroll);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
    };
  }, []);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const x = layout.colX(cursor.t) + labelW;
    const margin = 4 * layout.colWidth;
    const pos = scrollPos.current;
    let { left, top } = pos;
    if (x - margin < pos.left + labelW || x + margin > pos.left + availW) left = Math.max(0, x - labelW - (availW - labelW) / 2);
    const box = layout.boxes[cursor.layer * D + cursor.direction];
    if (box && pos.height > 0 && (box.top < pos.top || box.bottom > pos.top + pos.height)) top = Math.max(0, box.top - pos.height / 3);
    if (left !== pos.left || top !== pos.top) {
      scrollPos.current = { ...pos, left, top };
      el.scrollTo({ left, top, behavior: 'auto' });
    }
  }, [cursor.t, cursor.layer, cursor.direction, layout, availW, D]);

  const hitAt = useCallback(
    (e: React.MouseEvent<SVGSVGElement>) => {
      const r = e.currentTarget.getBoundingClientRect();
      return hitTest(layout, e.clientX - r.left, e.clientY - r.top);
    },
    [layout],
  );
  const onMove = useCallback(
    (e: React.MouseEvent<SVGSVGElement>) => {
      const hit = hitAt(e);
      setHoverAt(hit ? { t: hit.t, rec: hit.rec !== null && hit.rec >= 0 ? hit.rec : null } : null);
      setHover(hit && hit.band !== null && hit.row !== null ? { t: hit.t, band: hit.band, rec: hit.rec ?? -1, row: hit.row } : null);
    },
    [hitAt],
  );
  const onLeave = useCallback(() => {
    setHoverAt(null);
    setHover(null);
  }, []);
  const onClick = useCallback(
    (e: React.MouseEvent<SVGSVGElement>) => {
      const hit = hitAt(e);
      if (!hit) return;
      if ((hit.band === 'h' || hit.band === 'c') && hit.row !== null) actions.selectUnit(hit.row);
      // a click in a box opens that layer and direction; elsewhere in the column the current one's
      const onBox = hit.rec !== null && hit.rec >= 0;
      actions.seek({ phase: cursor.phase, t: hit.t, sub: cursor.sub, ...(onBox ? { layer: Math.floor(hit.rec! / D), direction: hit.rec! % D } : {}) });
    },
    [hitAt, actions, cursor.phase, cursor.sub, D],
  );

  const pick = useCallback((s: number) => actions.seek({ phase: cursor.phase, t: s, sub: cursor.sub }), [actions, cursor.phase, cursor.sub]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const d = e.key === 'ArrowDown' ? 1 : -1;
      const next = unit === null ? 0 : (unit + d + H) % H;
      actions.selectUnit(next);
      e.preventDefault();
    }
  };

  const moments = useMemo(() => allRecurrences(snapshot).map((w) => readMoment(snapshot, w)), [snapshot]);
  const many = L * D > 1;
  return (
    <>
      <Readout snapshot={snapshot} hover={hover} />
      <Legend snapshot={snapshot} phase={cursor.phase} />
      {D === 2 ? <p className="sub timeline-note">{t('grid.reverseNote')}</p> : null}
      <div
        className="timeline-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="group"
        aria-label={many ? t('grid.a11y', { L, D, T: snapshot.steps, H }) : t('timeline.a11y', { T: snapshot.steps, H })}
        onKeyDown={onKeyDown}
      >
        <div className="timeline-body" style={{ width: labelW + layout.width }}>
          <BandLabels layout={layout} hasC={hasC} directions={D} width={labelW} />
          <div className="timeline-canvas unroll-in" style={{ width: layout.width, height: layout.height }} data-layers={L} data-directions={D} data-phase={cursor.phase}>
            {packed ? (
              <div ref={fwdBandsRef} className="cell-bands" style={{ width: layout.width, height: layout.height }} aria-hidden="true" />
            ) : (
              <canvas ref={canvasRef} style={{ width: layout.width, height: layout.height }} aria-hidden="true" />
            )}
            {reveal.veiled.map((r, i) => (
              <div key={i} className={`future-veil ${cursor.phase}`} style={{ left: r.x, top: r.y, width: r.width, height: r.height }} aria-hidden="true" />
            ))}
            {packed ? (
              <div ref={gradBandsRef} className="cell-bands grad-layer" style={{ width: layout.width, height: layout.height, clipPath: clipPathOf(reveal.gradient) }} aria-hidden="true" />
            ) : (
              <canvas ref={gradRef} className="grad-layer" style={{ width: layout.width, height: layout.height, clipPath: clipPathOf(reveal.gradient) }} aria-hidden="true" />
            )}
            <StepChips layout={layout} tokens={snapshot.tokens.inputs} input current={cursor.t} reached={(s) => inputRead(cursor, walk, s)} onPick={pick} />
            <StepChips layout={layout} tokens={snapshot.tokens.targets} input={false} current={cursor.t} reached={(s) => cursor.phase === 'backward' || outputShown(cursor, walk, s)} onPick={pick} />
            <svg width={layout.width} height={layout.height} className="timeline-overlay" onMouseMove={onMove} onMouseLeave={onLeave} onClick={onClick} aria-hidden="true">
              <StaticOverlay layout={layout} cuts={moments[0].cuts} />
              <DynamicOverlay
                layout={layout}
                cursor={cursor}
                walk={walk}
                unit={unit}
                hoverT={hoverAt?.t ?? null}
                hoverRec={hoverAt?.rec ?? null}
                moments={moments}
                lossTerms={snapshot.lossTerms}
              />
            </svg>
          </div>
        </div>
      </div>
      <p className="sub timeline-foot">{t('timeline.hint')}</p>
    </>
  );
}

function clampHeight(h: number): number {
  return Math.max(240, Math.min(720, h - 360));
}

function BandLabels({ layout, hasC, directions, width }: { layout: TimelineLayout; hasC: boolean; directions: number; width: number }) {
  const t = useT();
  const many = layout.boxes.length > 1;
  return (
    <div className="band-labels" style={{ height: layout.height, width }} aria-hidden="true">
      {layout.bands.map((b) => (
        <div key={`${b.id}${b.rec}`} className={`band-label band-${b.id}`} style={{ top: b.y, height: Math.max(b.height, 14) }}>
          <span>{many && (b.id === 'h' || b.id === 'c') ? b.id : t(BAND_LABEL[b.id])}</span>
        </div>
      ))}
      {layout.inputChips !== null ? (
        <div className="band-label chip-label" style={{ top: layout.inputChips, height: 22 }}>
          <span>{t('chips.label')}</span>
        </div>
      ) : null}
      {layout.targetChips !== null ? (
        <div className="band-label chip-label" style={{ top: layout.targetChips, height: 22 }}>
          <span>{t('timeline.target')}</span>
        </div>
      ) : null}
      {layout.boxes.map((box) => (
        <div key={box.rec} className="band-label layer-label" style={{ top: box.top, height: box.bottom - box.top }} data-has-c={hasC}>
          {many ? (
            <span className="layer-name">
              {directions === 2 ? t('grid.layerDir', { layer: box.layer, arrow: box.direction === 1 ? '←' : '→' }) : t('grid.layer', { layer: box.layer })}
            </span>
          ) : null}
        </div>
      ))}
    </div>
  );
}
