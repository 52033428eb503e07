/**
 * The one place KaTeX is called. It is loaded on demand (with Equation.tsx) so that the
 * first view does not wait for it.
 */
import katex from 'katex';

const TRUSTED = new Set(['\\htmlClass', '\\htmlData']);

/**
 * TeX to HTML. Only our own equation data reaches here (never user text); `trust` admits just
 * the two tags that data uses: \htmlClass (role hues) and \htmlData (a number's full precision).
 */
export function renderTex(tex: string): string {
  return katex.renderToString(tex, {
    throwOnError: false,
    displayMode: false,
    output: 'htmlAndMathml',
    trust: (ctx) => TRUSTED.has(ctx.command),
    strict: 'ignore',
  });
}
