/**
 * Equations typeset by KaTeX. Only our own equation data reaches here (never user text).
 * A numeric line is TeX pieces (typeset once, cached) with the numbers written between them
 * as plain text in the equation font: a step only changes those text nodes.
 */
import 'katex/dist/katex.min.css';
import { memo } from 'react';
import type { NumericPart } from './equationTex';
import { renderTex } from './katexRender';

const TexPiece = memo(function TexPiece({ tex }: { tex: string }) {
  return <span className="eq-piece" dangerouslySetInnerHTML={{ __html: renderTex(tex) }} />;
});

export function Equation({ tex, className }: { tex: string; className?: string }) {
  return (
    <span className={className ? `equation ${className}` : 'equation'}>
      <TexPiece tex={tex} />
    </span>
  );
}

function NumberText({ part }: { part: Extract<NumericPart, { kind: 'num' }> }) {
  return (
    <span className="eq-number" title={part.full}>
      {part.paren && '('}
      {part.text}
      {part.exponent !== null && (
        <>
          {'\u2009×\u200910'}<sup>{part.exponent}</sup>
        </>
      )}
      {part.paren && ')'}
      {part.square && <sup>2</sup>}
    </span>
  );
}

export function NumericEquation({ parts, className }: { parts: readonly NumericPart[]; className?: string }) {
  return (
    <span className={className ? `equation ${className}` : 'equation'}>
      {parts.map((p, k) => (p.kind === 'tex' ? <TexPiece key={k} tex={p.tex} /> : <NumberText key={k} part={p} />))}
    </span>
  );
}
