/**
 * Every unit of the step as a column of coloured cells, one row per quantity (gates, states,
 * or their gradients): a listbox of units, operable by click and keyboard, that scrolls
 * sideways when H is large instead of shrinking the cells.
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { MessageKey } from '../../content/i18n';
import type { CellType, Phase } from '../../state/model';
import type { RowName, StepReader } from '../../state/moment';
import { rowColors } from './cellScales';
import { fmt, fmtFull } from '../ui/scales';
import type { Role } from '../ui/theme';

export interface GridRow {
  name: RowName;
  /** plain text of the label, for accessible names */
  text: string;
  role: Role;
  /** the label as shown */
  label: ReactNode;
  /** SUBSTEPS keys this row takes part in */
  parts: readonly string[];
}

const sub = (base: ReactNode, s: string, sup?: string) => (
  <>
    {base}
    {sup && <sup>{sup}</sup>}
    <sub>{s}</sub>
  </>
);
const gate = (g: string) => <>{g}</>;
const dGate = (g: string) => (
  <>
    δa<sup>{g}</sup>
  </>
);

/**
 * The cell size in px, from the stylesheet's --cp-cell. Read once per media state: reading a
 * computed style every step would force a style recalculation of the page in the middle of the
 * step's update (a quarter of the panel's main-thread time).
 */
const WIDE = '(min-width: 1800px)';
let sizeCache: { wide: boolean; size: number } | null = null;
function cellSize(el: HTMLElement): number {
  const wide = window.matchMedia(WIDE).matches;
  if (sizeCache?.wide !== wide) sizeCache = { wide, size: parseFloat(getComputedStyle(el).getPropertyValue('--cp-cell')) || 16 };
  return sizeCache.size;
}

/** The rows of a cell's step; `reverse`: the reverse direction, whose gradient goes back to t + 1. */
export function gridRows(cell: CellType, phase: Phase, reverse = false): GridRow[] {
  if (phase === 'forward') {
    switch (cell) {
      case 'lstm':
        return [
          { name: 'act.f', text: 'f', role: 'f', label: gate('f'), parts: ['f', 'c'] },
          { name: 'act.i', text: 'i', role: 'i', label: gate('i'), parts: ['i', 'c'] },
          { name: 'act.g', text: 'g', role: 'g', label: gate('g'), parts: ['g', 'c'] },
          { name: 'act.o', text: 'o', role: 'o', label: gate('o'), parts: ['o', 'h'] },
          { name: 'c', text: 'c', role: 'c', label: 'c', parts: ['c', 'h'] },
          { name: 'h', text: 'h', role: 'h', label: 'h', parts: ['h', 'y'] },
        ];
      case 'gru':
        return [
          { name: 'act.r', text: 'r', role: 'r', label: gate('r'), parts: ['r', 'n'] },
          { name: 'act.z', text: 'z', role: 'z', label: gate('z'), parts: ['z', 'h'] },
          { name: 'act.n', text: 'n', role: 'n', label: gate('n'), parts: ['n', 'h'] },
          { name: 'h', text: 'h', role: 'h', label: 'h', parts: ['h', 'y'] },
        ];
      case 'rnn':
        return [
          { name: 'pre.a', text: 'a', role: 'x', label: 'a', parts: ['pre', 'h'] },
          { name: 'h', text: 'h', role: 'h', label: 'h', parts: ['h', 'y'] },
        ];
    }
  }
  const dh: GridRow = { name: 'dh', text: 'δh', role: 'h', label: 'δh', parts: ['dh', 'do', 'dc', 'dn', 'dz', 'dpre'] };
  const back = reverse ? 't+1' : 't−1';
  const dhPrev: GridRow = { name: 'dhPrev', text: `δh ${back}`, role: 'h', label: sub('δh', back), parts: ['dprev'] };
  switch (cell) {
    case 'lstm':
      return [
        dh,
        { name: 'dc', text: 'δc', role: 'c', label: 'δc', parts: ['dc', 'df', 'di', 'dg', 'dprev'] },
        { name: 'dgi.o', text: 'δa o', role: 'o', label: dGate('o'), parts: ['do', 'dprev'] },
        { name: 'dgi.f', text: 'δa f', role: 'f', label: dGate('f'), parts: ['df', 'dprev'] },
        { name: 'dgi.i', text: 'δa i', role: 'i', label: dGate('i'), parts: ['di', 'dprev'] },
        { name: 'dgi.g', text: 'δa g', role: 'g', label: dGate('g'), parts: ['dg', 'dprev'] },
        dhPrev,
        { name: 'dcPrev', text: `δc ${back}`, role: 'c', label: sub('δc', back), parts: ['dprev'] },
      ];
    case 'gru':
      return [
        dh,
        { name: 'dgi.n', text: 'δa n', role: 'n', label: dGate('n'), parts: ['dn', 'dr', 'dprev'] },
        { name: 'dgi.z', text: 'δa z', role: 'z', label: dGate('z'), parts: ['dz', 'dprev'] },
        { name: 'dgi.r', text: 'δa r', role: 'r', label: dGate('r'), parts: ['dr', 'dprev'] },
        dhPrev,
      ];
    case 'rnn':
      return [dh, { name: 'dgi.a', text: 'δa', role: 'x', label: 'δa', parts: ['dpre', 'dprev'] }, dhPrev];
  }
}

/** space above each drawn cell, as the labels' top margin */
const CELL_GAP = 2;
/** a column's side padding (as .ug-col) */
const COL_PAD = 1;
/** rows outside the current sub-step, as .ug-label.dim */
const DIM_ALPHA = 0.3;

export interface UnitGridProps {
  reader: StepReader;
  rows: GridRow[];
  unit: number | null;
  lit: string | null;
  background: string;
  tr: (key: MessageKey, vars?: Record<string, string | number>) => string;
  onSelect: (unit: number | null) => void;
  idPrefix: string;
}

export function UnitGrid({ reader, rows, unit, lit, background, tr, onSelect, idPrefix }: UnitGridProps) {
  const H = reader.hidden;
  const scroller = useRef<HTMLDivElement>(null);
  const data = rows.map((r) => {
    const values = reader.row(r.name);
    return { ...r, values, colors: values ? rowColors(r.name, values, background) : null };
  });
  const optionId = (j: number) => `${idPrefix}-unit-${j}`;

  // keep the selected unit in view when it changes (sideways only: never scroll the page)
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box || unit === null) return;
    const col = box.querySelector<HTMLElement>(`#${CSS.escape(optionId(unit))}`);
    if (!col) return;
    const labels = box.querySelector<HTMLElement>('.ug-labels')?.offsetWidth ?? 0;
    const b = box.getBoundingClientRect();
    const c = col.getBoundingClientRect();
    const left = c.left - b.left + box.scrollLeft;
    const right = left + c.width;
    if (left - labels < box.scrollLeft || right > box.scrollLeft + box.clientWidth) {
      // out of view: bring it to the middle of the visible part
      box.scrollLeft = left - labels - (box.clientWidth - labels - c.width) / 2;
    }
  }, [unit, H]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const cur = unit ?? -1;
    let next: number | null | undefined;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        next = Math.min(H - 1, cur + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        next = Math.max(0, cur - 1);
        break;
      case 'PageDown':
        next = Math.min(H - 1, cur + 8);
        break;
      case 'PageUp':
        next = Math.max(0, cur - 8);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = H - 1;
        break;
      case 'Escape':
        if (unit === null) return;
        next = null;
        break;
      default:
        return;
    }
    // the page's global shortcuts (step with ← / →) must not also fire
    e.preventDefault();
    e.stopPropagation();
    onSelect(next);
  };

  const isLit = (parts: readonly string[]) => lit === null || parts.includes(lit);
  const cellsHeight = { height: `calc(${rows.length} * (var(--cp-cell) + ${CELL_GAP}px))` };

  // The coloured cells are drawn on one canvas under the columns, not laid out: a step then
  // repaints one image instead of restyling H × rows elements (the largest part of the panel's
  // update). The columns above it stay the listbox's options, for pointer and keyboard.
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d', { willReadFrequently: true });
    if (!el || !ctx) return;
    const size = cellSize(el);
    const pitch = size + COL_PAD * 2;
    const dpr = window.devicePixelRatio || 1;
    const width = H * pitch;
    const height = data.length * (size + CELL_GAP);
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (el.width !== w || el.height !== h) {
      el.width = w;
      el.height = h;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    data.forEach((r, k) => {
      ctx.globalAlpha = isLit(r.parts) ? 1 : DIM_ALPHA;
      const y = k * (size + CELL_GAP) + CELL_GAP;
      for (let j = 0; j < H; j++) {
        ctx.fillStyle = r.values && r.colors ? r.colors.color(r.values[j]) : background;
        ctx.beginPath();
        ctx.roundRect(j * pitch + COL_PAD, y, size, size, 2);
        ctx.fill();
      }
    });
  });

  return (
    <div className="unit-grid">
      <div
        ref={scroller}
        className="ug-scroll"
        role="listbox"
        aria-orientation="horizontal"
        aria-label={tr('cellPanel.units', { H })}
        aria-describedby={`${idPrefix}-ug-help`}
        aria-activedescendant={unit !== null ? optionId(unit) : undefined}
        tabIndex={0}
        onKeyDown={onKey}
      >
        <div className="ug-labels" aria-hidden="true">
          <span className="ug-idx">#</span>
          {data.map((r) => (
            <span key={r.name} className={`ug-label role-${r.role}${isLit(r.parts) ? '' : ' dim'}`} title={r.colors?.extent ? tr('cellPanel.range', { extent: fmt(r.colors.extent) }) : undefined}>
              {r.label}
            </span>
          ))}
        </div>
        <div className="ug-cols">
          <canvas ref={canvas} className="ug-canvas" style={{ ...cellsHeight, width: `calc(${H} * (var(--cp-cell) + ${COL_PAD * 2}px))` }} aria-hidden="true" />
          {Array.from({ length: H }, (_, j) => {
            const text = data.map((r) => `${r.text} ${r.values ? fmt(r.values[j]) : '–'}`).join(', ');
            return (
              <div
                key={j}
                id={optionId(j)}
                role="option"
                aria-selected={j === unit}
                aria-label={tr('cellPanel.unitValues', { unit: j, values: text })}
                className={j === unit ? 'ug-col selected' : 'ug-col'}
                title={data.map((r) => `${r.text}[${j}] = ${r.values ? fmtFull(r.values[j]) : '–'}`).join('\n')}
                onClick={() => onSelect(j === unit ? null : j)}
              >
                <span className="ug-idx" aria-hidden="true">
                  {H <= 64 || j % 4 === 0 || j === unit ? j : ''}
                </span>
                <span className="ug-cells" style={cellsHeight} />
              </div>
            );
          })}
        </div>
      </div>
      <p className="ug-help" id={`${idPrefix}-ug-help`}>
        {tr('cellPanel.unitsHelp')}
      </p>
    </div>
  );
}
