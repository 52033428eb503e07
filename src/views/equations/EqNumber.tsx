/**
 * One number of a numeric equation line, written as plain text in the equation font between the
 * typeset pieces. A number that names a quantity of the pass (or a term of one) is a control that
 * opens "How this number is made" for it.
 */
import { useExplainOpener } from '../explain/explainOpener';
import { useNumberNames } from '../explain/numberNames';
import type { NumericPart } from './equationTex';

type NumberPart = Extract<NumericPart, { kind: 'num' }>;

function Digits({ part }: { part: NumberPart }) {
  return (
    <>
      {part.paren && '('}
      {part.text}
      {part.exponent !== null && (
        <>
          {'\u2009×\u200910'}
          <sup>{part.exponent}</sup>
        </>
      )}
      {part.paren && ')'}
      {part.square && <sup>2</sup>}
    </>
  );
}

export function EqNumber({ part }: { part: NumberPart }) {
  const names = useNumberNames();
  const opener = useExplainOpener();
  if (!part.target) {
    return (
      <span className="eq-number" title={part.full}>
        <Digits part={part} />
      </span>
    );
  }
  const shown = `${part.text}${part.exponent !== null ? `e${part.exponent}` : ''}`;
  const { label, title } = names(part.target, shown, part.full);
  return (
    <span className="eq-number opens" title={title} aria-label={label} data-exact={part.full} data-quantity={part.name} {...opener(part.target.ref)}>
      <Digits part={part} />
    </span>
  );
}
