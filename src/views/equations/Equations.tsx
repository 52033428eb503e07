/**
 * The cell's equations for the current phase, written for where the cell sits in the network
 * (content/cellEquations.ts), the one of the current sub-step highlighted, and for the selected
 * unit the same lines with its stored numbers.
 */
import { useMemo } from 'react';
import { cellEquations } from '../../content/cellEquations';
import type { EqNotation } from '../../content/equations';
import type { MessageKey } from '../../content/i18n';
import type { CellType, Phase } from '../../state/model';
import { useActions } from '../../state/context';
import type { StepReader } from '../../state/moment';
import { Rich } from '../ui/Rich';
import { substepName } from '../ui/where';
import { numericParts } from './equationTex';
import { Tex as Equation, NumericTex } from './Tex';
import './eqContext.css';

export interface EquationsProps {
  cell: CellType;
  phase: Phase;
  notation: EqNotation;
  loss: 'mse' | 'cross_entropy';
  reader: StepReader;
  unit: number | null;
  lit: string | null;
  cut: { cutHere: boolean; cutNext: boolean; last: boolean };
  tr: (key: MessageKey, vars?: Record<string, string | number>) => string;
  idPrefix: string;
}

/** The lecture's row-vector form (h W) or PyTorch's column form (W h). */
function NotationToggle({ notation, tr }: { notation: EqNotation; tr: EquationsProps['tr'] }) {
  const actions = useActions();
  return (
    <div className="segmented small notation" role="group" aria-label={tr('controls.notation')}>
      <button type="button" aria-pressed={notation === 'lecture'} onClick={() => actions.setNotation('lecture')}>
        {tr('controls.notation.lecture')}
      </button>
      <button type="button" aria-pressed={notation === 'pytorch'} onClick={() => actions.setNotation('pytorch')}>
        {tr('controls.notation.pytorch')}
      </button>
    </div>
  );
}

export function Equations({ cell, phase, notation, loss, reader, unit, lit, cut, tr, idPrefix }: EquationsProps) {
  const { layer, layers, direction, directions, hidden } = reader;
  const { lines, captions } = useMemo(
    () => cellEquations(cell, phase, { layer, layers, direction, directions }, hidden),
    [cell, phase, layer, layers, direction, directions, hidden],
  );
  const t = reader.t;
  const note = (key: string): string | null => {
    if (phase !== 'backward') return null;
    // the last step of the walk: t = T − 1 going forward, t = 0 in reverse
    if (key === 'dh' && cut.last) return tr(direction === 1 ? 'cellPanel.lastStepReverse' : 'cellPanel.lastStep');
    if (key === 'dh' && cut.cutNext && reader.nextT !== null) return tr('cellPanel.cutNext', { next: reader.nextT });
    if (key === 'dprev' && cut.cutHere) return tr('cellPanel.cutHere', { t });
    return null;
  };
  const partsKey: MessageKey = notation === 'pytorch' ? 'cellPanel.partsPytorch' : cell === 'rnn' ? 'cellPanel.partsLectureRnn' : 'cellPanel.partsLecture';
  return (
    <section className="equations" aria-labelledby={`${idPrefix}-eq-title`}>
      <div className="eq-head">
        <h3 id={`${idPrefix}-eq-title`}>
          {tr('equations.title')} <span className="sub">· {tr(phase === 'forward' ? 'equations.forward' : 'equations.backward')}</span>
        </h3>
        <NotationToggle notation={notation} tr={tr} />
      </div>
      {captions.length ? (
        <ul className="eq-context" data-testid="eq-context">
          {captions.map((c) => (
            <li key={c.key}>
              {c.tex ? <Equation tex={c.tex[notation]} className="eq-context-tex" /> : null}
              <span className="eq-context-text">
                <Rich text={tr(c.key, c.vars)} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <ol className="eq-list">
        {lines.map((line) => {
          const current = lit !== null && line.key === lit;
          const dim = lit !== null && !current;
          const num = unit !== null && !dim ? numericParts(line, reader, unit, notation, loss, cut.cutNext) : null;
          const n = note(line.key);
          return (
            <li
              key={line.key}
              className={`eq${current ? ' current' : ''}${dim ? ' dim' : ''}`}
              aria-current={current ? 'step' : undefined}
            >
              <span className="visually-hidden">{substepName(tr, line.key, reader)}: </span>
              <Equation tex={line.tex[notation]} />
              {num && <NumericTex className="eq-numbers" parts={num} />}
              {n && <p className="eq-note">{n}</p>}
            </li>
          );
        })}
      </ol>
      {unit === null ? (
        <p className="hint">{tr('equations.pickUnit')}</p>
      ) : (
        <p className="sub eq-foot">
          {tr('equations.forUnit', { unit, t })}. {phase === 'forward' ? tr(partsKey) : tr('cellPanel.deltaNote')}
        </p>
      )}
    </section>
  );
}
