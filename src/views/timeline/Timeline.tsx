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
import { readMoment } from '../../state/moment';
import { ExportButtons } from '../ui/ExportButtons';
import { RolledView } from './RolledView';
import { backwardSources, forwardSources, paintCells, type BandSources } from './timelineDraw';
import { fitCell, hitTest, layoutTimeline, LABEL_WIDTH, type BandId, type TimelineLayout } from './timelineLayout';
import { THEMES } from '../ui/theme';
import './timeline.css';
import { DynamicOverlay, StaticOverlay } from './TimelineOverlays';
import { Legend, Readout, type Hover } from './TimelineReadout';

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
      <p className="sub shared-note">{t('timeline.shared')}</p>
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
  // Hovering is this view's own business: it highlights the shared layer and names a value.
  const [hoverT, setHoverT] = useState<number | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [scrollRef, { width: availW }] = useElementSize<HTMLDivElement>({ width: 800, height: 0 });
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const gradRef = useRef<HTMLCanvasElement>(null);
  const [availH, setAvailH] = useState(() => clampHeight(window.innerHeight));

  useEffect(() => {
    const onResize = () => setAvailH(clampHeight(window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const { inputSize: I, hiddenSize: H, outputSize: O, cell } = snapshot.model;
  const hasC = cell === 'lstm';
  const layout = useMemo<TimelineLayout>(() => {
    const rows = I + H + (hasC ? H : 0) + O;
    const z = Math.pow(1.25, zoom);
    const rowH = Math.max(3, Math.min(40, Math.round(fitCell(rows, hasC ? 4 : 3, availH) * z)));
    // Columns may be wider than tall when few steps leave room: wider cells read better.
    const cellWidth = Math.max(3, Math.min(Math.max(rowH, 3 * rowH), Math.round(fitWidth(snapshot.steps, availW) * z), 44));
    return layoutTimeline({ steps: snapshot.steps, xRows: I, hRows: H, cRows: hasC ? H : 0, yRows: O, cell: rowH, cellWidth: Math.max(cellWidth, Math.min(rowH, 3)) });
  }, [snapshot, I, H, O, hasC, availH, availW, zoom]);

  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const images = useMemo(() => {
    const empty = THEMES[themeName].panelAlt;
    const fwd: BandSources = forwardSources(snapshot, themeName === 'dark');
    const bwd: BandSources = backwardSources(snapshot, themeName === 'dark');
    return { fwd, bwd, fwdImg: paintCells(layout, fwd, dpr, empty), bwdImg: paintCells(layout, bwd, dpr, empty) };
  }, [snapshot, layout, dpr, themeName]);

  // Paint the cached images once per session; a step only moves two CSS edges (the fade over
  // steps not computed yet, the start of the gradients), which the compositor handles: the
  // main thread does the same tiny work per step at T = 400, H = 128 as at toy sizes.
  useLayoutEffect(() => {
    const paint = (canvas: HTMLCanvasElement | null, img: HTMLCanvasElement) => {
      if (!canvas) return;
      canvas.width = img.width;
      canvas.height = img.height;
      canvas.getContext('2d')?.drawImage(img, 0, 0);
    };
    paint(canvasRef.current, images.fwdImg);
    paint(gradRef.current, images.bwdImg);
  }, [images]);
  const edge = (col: number) => layout.left + col * layout.colWidth;
  const fadeFrom = cursor.phase === 'forward' ? edge(cursor.t + 1) : edge(cursor.t);

  // Keep the current step in view while stepping or playing. The scroll position is tracked
  // from scroll events so that no step forces a layout by reading it back.
  const scrollLeft = useRef(0);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => (scrollLeft.current = el.scrollLeft);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const x = layout.colX(cursor.t);
    const margin = 4 * layout.colWidth;
    if (x - margin < scrollLeft.current || x + margin > scrollLeft.current + availW) {
      const left = Math.max(0, x - availW / 2);
      scrollLeft.current = left;
      el.scrollTo({ left, behavior: 'auto' });
    }
  }, [cursor.t, layout, availW]);

  const onMove = useCallback(
    (e: React.MouseEvent<SVGSVGElement>) => {
      const r = e.currentTarget.getBoundingClientRect();
      const hit = hitTest(layout, e.clientX - r.left, e.clientY - r.top);
      setHoverT(hit ? hit.t : null);
      setHover(hit && hit.band !== null && hit.row !== null ? { t: hit.t, band: hit.band, row: hit.row } : null);
    },
    [layout, actions],
  );
  const onLeave = useCallback(() => {
    setHoverT(null);
    setHover(null);
  }, [actions]);
  const onClick = useCallback(
    (e: React.MouseEvent<SVGSVGElement>) => {
      const r = e.currentTarget.getBoundingClientRect();
      const hit = hitTest(layout, e.clientX - r.left, e.clientY - r.top);
      if (!hit) return;
      if ((hit.band === 'h' || hit.band === 'c') && hit.row !== null) actions.selectUnit(hit.row);
      actions.seek({ phase: cursor.phase, t: hit.t, sub: cursor.sub });
    },
    [layout, actions, cursor.phase, cursor.sub],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const d = e.key === 'ArrowDown' ? 1 : -1;
      const next = unit === null ? 0 : (unit + d + H) % H;
      actions.selectUnit(next);
      e.preventDefault();
    }
  };

  const moment = readMoment(snapshot);
  return (
    <>
      <Readout snapshot={snapshot} hover={hover} />
      <Legend snapshot={snapshot} phase={cursor.phase} />
      <div className="timeline-body">
        <BandLabels layout={layout} hasC={hasC} />
        <div className="timeline-scroll" ref={scrollRef} tabIndex={0} role="group" aria-label={t('timeline.a11y', { T: snapshot.steps, H })} onKeyDown={onKeyDown}>
          <div className="timeline-canvas unroll-in" style={{ width: layout.width, height: layout.height }}>
            <canvas ref={canvasRef} style={{ width: layout.width, height: layout.height }} aria-hidden="true" />
            <div
              className={`future-veil ${cursor.phase}`}
              style={
                cursor.phase === 'forward'
                  ? { left: fadeFrom, width: Math.max(0, layout.width - fadeFrom), height: layout.height }
                  : { left: 0, width: fadeFrom, height: layout.height }
              }
              aria-hidden="true"
            />
            <canvas
              ref={gradRef}
              className="grad-layer"
              style={{ width: layout.width, height: layout.height, clipPath: `inset(0 0 0 ${cursor.phase === 'backward' ? fadeFrom : layout.width}px)` }}
              aria-hidden="true"
            />
            <svg width={layout.width} height={layout.height} className="timeline-overlay" onMouseMove={onMove} onMouseLeave={onLeave} onClick={onClick} aria-hidden="true">
              <StaticOverlay layout={layout} cuts={moment.cuts} />
              <DynamicOverlay layout={layout} phase={cursor.phase} t={cursor.t} unit={unit} hoverT={hoverT} moment={moment} lossTerms={snapshot.lossTerms} />
            </svg>
          </div>
        </div>
      </div>
      <p className="sub timeline-foot">{t('timeline.hint')}</p>
    </>
  );
}

/** The cell size at which T columns fill the width (a column is about 1.9 cells wide). */
function fitWidth(steps: number, width: number): number {
  return Math.max(3, Math.floor((width - 16) / steps / 1.9));
}

function clampHeight(h: number): number {
  return Math.max(240, Math.min(720, h - 360));
}

function BandLabels({ layout, hasC }: { layout: TimelineLayout; hasC: boolean }) {
  const t = useT();
  return (
    <div className="band-labels" style={{ height: layout.height, width: LABEL_WIDTH }} aria-hidden="true">
      {layout.bands.map((b) => (
        <div key={b.id} className={`band-label band-${b.id}`} style={{ top: b.y, height: Math.max(b.height, 14) }}>
          <span>{t(BAND_LABEL[b.id])}</span>
        </div>
      ))}
      <div className="band-label layer-label" style={{ top: layout.layerTop, height: layout.layerBottom - layout.layerTop }} data-has-c={hasC} />
    </div>
  );
}
