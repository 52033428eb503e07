/**
 * One number of a numeric equation line, written as plain text in the equation font between the
 * typeset pieces. A number that names a quantity of the pass (or a term of one) is a control that
 * opens "How this number is made" for it.
 */
import type { ReactNode } from 'react';
import { useExplainOpener } from '../explain/explainOpener';
import { useNumberNames } from '../explain/numberNames';
import type { NumericPart } from './equationTex';

type NumberPart = Extract<NumericPart, { kind: 'num' }>;

/** The number itself: its digits and its power of ten. */
function Digits({ part }: { part: NumberPart }) {
  return (
    <>
      {part.text}
      {part.exponent !== null && (
        <>
          {'\u2009×\u200910'}
          <sup>{part.exponent}</sup>
        </>
      )}
    </>
  );
}

export function EqNumber({ part }: { part: NumberPart }) {
  const names = useNumberNames();
  const opener = useExplainOpener();
  const target = part.target;
  // the parentheses and the square belong to the expression, not to the number the control names
  const around = (inner: ReactNode) => (
    <>
      {part.paren && '('}
      {inner}
      {part.paren && ')'}
      {part.square && <sup>2</sup>}
    </>
  );
  if (!target) {
    return (
      <span className="eq-number" title={part.full}>
        {around(<Digits part={part} />)}
      </span>
    );
  }
  // the name says what is shown (visible digits first, for speech input), then the exact value
  const shown = `${part.text}${part.exponent !== null ? `\u2009×\u200910^${part.exponent}` : ''}`;
  const { label, title } = names(target, shown, part.full);
  return (
    <span className="eq-number opens">
      {around(
        <span className="eq-open" title={title} aria-label={label} data-exact={part.full} data-quantity={part.name} {...opener(target.ref)}>
          <Digits part={part} />
        </span>,
      )}
    </span>
  );
}
