/**
 * A number drawn in the cell diagram. One that names a quantity of the pass (or a term of one)
 * is a control: Tab reaches it, a click, Enter or Space opens "How this number is made", and its
 * focus ring is drawn around it (cellDiagram.css).
 */
import type { NumberTarget } from '../../state/numberRef';
import { useExplainOpener } from '../explain/explainOpener';
import { useNumberNames } from '../explain/numberNames';
import { fmt, fmtFull } from '../ui/scales';
import type { Anchor } from './cellLayout';

interface Props {
  x: number;
  y: number;
  anchor?: Anchor;
  value: number;
  target: NumberTarget | null;
  testId?: string;
}

export function DiagramValue({ x, y, anchor, value, target, testId }: Props) {
  const names = useNumberNames();
  const opener = useExplainOpener();
  const shown = fmt(value);
  const exact = fmtFull(value);
  if (!target) {
    return (
      <text x={x} y={y} textAnchor={anchor} className="val">
        <title>{exact}</title>
        {shown}
      </text>
    );
  }
  const { label, title } = names(target, shown, exact);
  return (
    <g className="val-opens" aria-label={label} data-exact={exact} data-testid={testId} {...opener(target.ref)}>
      <title>{title}</title>
      <text x={x} y={y} textAnchor={anchor} className="val">
        {shown}
      </text>
    </g>
  );
}
