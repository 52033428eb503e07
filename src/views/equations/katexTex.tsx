/**
 * The one place KaTeX is called, and the components that show what it typesets. This module is
 * its own chunk, loaded on demand through Tex.tsx, so the first view does not wait for KaTeX.
 * Only our own equation data reaches here (never user text). A numeric line is TeX pieces
 * (typeset once, cached) with the numbers written between them as plain text in the equation
 * font (EqNumber, which opens how the number is made): a step only changes those text nodes.
 */
import katex from 'katex';
import katexCss from 'katex/dist/katex.min.css?inline';
import { memo } from 'react';
import { EqNumber } from './EqNumber';
import type { NumericPart } from './equationTex';
import { addLateStyles } from '../ui/lateStyles';

// KaTeX's styles come with it: the first view's stylesheet is smaller by them (see lateStyles.ts).
addLateStyles('katex', katexCss);

const TRUSTED = new Set(['\\htmlClass']);

/** Typeset pieces, kept: the same TeX comes back at every step and on every revisit. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 2000;

/**
 * TeX to HTML. Only our own equation data reaches here (never user text); `trust` admits just
 * the one tag that data uses: \htmlClass (role hues).
 */
export function renderTex(tex: string): string {
  const hit = cache.get(tex);
  if (hit !== undefined) return hit;
  const html = katex.renderToString(tex, {
    throwOnError: false,
    displayMode: false,
    output: 'htmlAndMathml',
    trust: (ctx) => TRUSTED.has(ctx.command),
    strict: 'ignore',
  });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(tex, html);
  return html;
}


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

export function NumericEquation({ parts, className }: { parts: readonly NumericPart[]; className?: string }) {
  return (
    <span className={className ? `equation ${className}` : 'equation'}>
      {parts.map((p, k) => (p.kind === 'tex' ? <TexPiece key={k} tex={p.tex} /> : <EqNumber key={k} part={p} />))}
    </span>
  );
}
