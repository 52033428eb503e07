/**
 * The one place KaTeX is called. It is loaded on demand (with Equation.tsx) so that the
 * first view does not wait for it.
 */
import katex from 'katex';

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
