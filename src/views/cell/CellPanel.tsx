/**
 * Right column: the cell the cursor is on (a timestep of one layer in one direction) as a diagram,
 * every unit of that step, then the equations (symbolic, and with the selected unit's numbers).
 * Forward phase: values and gates; backward phase: the gradients, drawn dashed and pointing back.
 */
import { useId, useMemo } from 'react';
import type { MessageKey } from '../../content/i18n';
import { SUBSTEPS } from '../../state/model';
import { useActions, useApp, useDeferredApp, useT } from '../../state/context';
import { readMoment } from '../../state/moment';
import { ExportButtons } from '../ui/ExportButtons';
import { CellDiagram, STRIP_WINDOW, stripWindow } from './CellDiagram';
import { cellLayout } from './cellLayout';
import { placeLayout } from './cellPlace';
import { Equations } from '../equations/Equations';
import { fmt } from '../ui/scales';
import { THEMES } from '../ui/theme';
import { recurrenceName, substepName } from '../ui/where';
import { gridRows, UnitGrid } from './UnitGrid';
import { UnitNumbers } from '../explain/UnitNumbers';
// one stylesheet per part of the panel, in the cascade order they were written in (later ones override)
import './cellPanel.css';
import './cellDiagram.css';
import './cellRoles.css';
import './cellLegend.css';
import './unitGrid.css';
import './cellEquations.css';
import './cellPanelMedia.css';

export function CellPanel() {
  const tr = useT();
  const actions = useActions();
  const snapshot = useDeferredApp((s) => s.snapshot);
  const cursor = useDeferredApp((s) => s.cursor);
  const substeps = useApp((s) => s.substeps);
  const unitSel = useDeferredApp((s) => s.unit);
  const notation = useApp((s) => s.notation);
  const theme = useApp((s) => s.theme);
  // embed mode may ask for the diagram (cell) or the equations alone
  const embed = useApp((s) => s.embed);
  const diagram = !embed || embed.includes('cell');
  const equations = !embed || embed.includes('equations');
  const idPrefix = useId().replace(/:/g, '');

  const cell = snapshot?.model.cell ?? 'lstm';
  const phase = cursor.phase;
  const layers = snapshot?.model.numLayers ?? 1;
  const directions = snapshot?.model.directions ?? 1;
  // the cursor is clamped to each new snapshot; clamped here too, so a render between the two never asks for a layer the model lacks
  const layer = Math.min(cursor.layer, layers - 1);
  const direction = Math.min(cursor.direction, directions - 1);
  const layout = useMemo(() => placeLayout(cellLayout(cell, phase), { layer, layers, direction, directions }), [cell, phase, layer, layers, direction, directions]);
  const rows = useMemo(() => gridRows(cell, phase, direction === 1), [cell, phase, direction]);

  if (!snapshot) {
    return (
      <section className="panel cell-panel" aria-label={tr('cellPanel.label')}>
        <p className="hint">{tr('app.loading')}</p>
      </section>
    );
  }

  const t = Math.min(cursor.t, snapshot.steps - 1);
  const H = snapshot.model.hiddenSize;
  const unit = unitSel !== null && unitSel < H ? unitSel : null;
  const moment = readMoment(snapshot, { layer, direction });
  const reader = moment.step(t);
  const lit = substeps && cursor.sub !== null ? (SUBSTEPS[cell][phase][cursor.sub] ?? null) : null;
  const cut = moment.cut(t);
  // one layer in one direction: the title stays as it was; else it says which cell this is
  const many = layers * directions > 1;
  const where = recurrenceName(tr, { layer, direction }, snapshot.model);
  const top = layer === layers - 1;
  const reverse = direction === 1;
  const partsKey: MessageKey = top ? (reverse ? 'cellPanel.legend.partsReverse' : 'cellPanel.legend.parts') : reverse ? 'cellPanel.legend.partsAboveReverse' : 'cellPanel.legend.partsAbove';
  const inputParts = tr(directions === 2 ? 'cellPanel.inputBelowParts2' : 'cellPanel.inputBelowParts1');
  const background = THEMES[theme].panelAlt;
  const phaseName = tr(phase === 'forward' ? 'equations.forward' : 'equations.backward');
  const cellName = tr(`cell.${cell}` as MessageKey);
  const win = stripWindow(H, unit);

  const description =
    unit === null
      ? tr('cellPanel.pickUnit')
      : `${tr('diagram.unit', { unit })}: ${rows
          .map((r) => {
            const v = reader.value(r.name, unit);
            return `${r.text} ${v === null ? '–' : fmt(v)}`;
          })
          .join(', ')}`;

  return (
    <section className={`panel cell-panel ${phase}`} aria-labelledby={`${idPrefix}-title`}>
      <header className="cp-head">
        <h2 id={`${idPrefix}-title`}>
          {tr('diagram.title', { t })}
          {many ? <span className="cp-where" data-testid="cell-where"> · {where}</span> : null} <span className="cp-cell">{cellName}</span>
        </h2>
        <div className="cp-chips">
          <span className={`chip phase ${phase}`}>{phaseName}</span>
          {lit && <span className="chip now">{tr('cellPanel.now', { part: substepName(tr, lit, { layer, layers, direction }) })}</span>}
          {unit !== null ? (
            <button type="button" className="chip unit" onClick={() => actions.selectUnit(null)} aria-label={tr('cellPanel.clearUnit', { unit })}>
              {tr('diagram.unit', { unit })} <span aria-hidden="true">✕</span>
            </button>
          ) : (
            <span className="chip hint-chip">{tr('cellPanel.pickUnit')}</span>
          )}
          <ExportButtons target=".cell-diagram" name={`unroll-cell-t${t}${many ? `-l${layer}${reverse ? '-reverse' : ''}` : ''}`} label={tr('diagram.title', { t })} />
        </div>
      </header>

      {diagram ? (
        <>
          <CellDiagram
            reader={reader}
            layout={layout}
            phase={phase}
            unit={unit}
            lit={lit}
            cut={cut}
            background={background}
            title={`${cellName} · t = ${t}${many ? ` · ${where}` : ''} · ${phaseName}`}
            description={description}
            tr={tr}
            onSelect={(j) => actions.selectUnit(j)}
          />

          <ul className="cp-legend">
            <li>
              <svg width="22" height="14" aria-hidden="true">
                <rect x="1" y="1" width="20" height="12" rx="3" className="lg-layer" />
              </svg>
              {tr('cellPanel.legend.layer')}
            </li>
            <li>
              <svg width="14" height="14" aria-hidden="true">
                <circle cx="7" cy="7" r="6" className="lg-op" />
              </svg>
              {tr('cellPanel.legend.pointwise')}
            </li>
            <li>
              <svg width="26" height="10" aria-hidden="true">
                <path d={phase === 'forward' ? 'M1,5 H19 M19,1 L25,5 L19,9 z' : 'M7,5 H25 M7,1 L1,5 L7,9 z'} className={`lg-wire ${phase === 'forward' ? 'fwd' : 'bwd'}`} />
              </svg>
              {tr(phase === 'forward' ? 'cellPanel.legend.forward' : 'cellPanel.legend.backward')}
            </li>
            {phase === 'backward' && snapshot.truncation > 0 && (
              <li>
                <svg width="16" height="14" aria-hidden="true">
                  <path d="M2,1 L7,13 M9,1 L14,13" className="lg-cut" />
                </svg>
                {tr('cellPanel.legend.cut', { k: snapshot.truncation })}
              </li>
            )}
            {phase === 'forward' && cell !== 'rnn' && <li className="lg-text">{tr('cellPanel.legend.gate')}</li>}
            {phase === 'backward' && <li className="lg-text">{tr(partsKey, { above: layer + 1 })}</li>}
            {many && phase === 'forward' && layer > 0 && (
              <li className="lg-text" data-testid="cell-input-note">
                {tr('cellPanel.inputBelow', { below: layer - 1, width: reader.inputs, parts: inputParts })}
              </li>
            )}
            {H > STRIP_WINDOW && <li className="lg-text">{tr('cellPanel.window', { from: win.from, to: win.to - 1, H })}</li>}
          </ul>

          <UnitGrid reader={reader} rows={rows} unit={unit} lit={lit} background={background} tr={tr} onSelect={(j) => actions.selectUnit(j)} idPrefix={idPrefix} />
          <UnitNumbers reader={reader} unit={unit ?? 0} phase={phase} />
        </>
      ) : null}

      {equations ? (
        <Equations
          cell={cell}
          phase={phase}
          notation={notation}
          loss={snapshot.loss}
          reader={reader}
          unit={unit}
          lit={lit}
          cut={cut}
          tr={tr}
          idPrefix={idPrefix}
        />
      ) : null}
    </section>
  );
}
