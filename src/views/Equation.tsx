/**
 * One TeX string rendered by KaTeX. Only our own equation data reaches here (never user text);
 * `trust` admits just the two tags that data uses: \htmlClass (role hues) and \htmlData
 * (the full-precision value of a substituted number, shown as its tooltip).
 */
import 'katex/dist/katex.min.css';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { renderTex } from './katexRender';

export function Equation({ tex, className }: { tex: string; className?: string }) {
  const html = useMemo(() => renderTex(tex), [tex]);
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    ref.current?.querySelectorAll<HTMLElement>('[data-full]').forEach((el) => {
      el.title = el.dataset.full ?? '';
    });
  }, [html]);
  return <span ref={ref} className={className ? `equation ${className}` : 'equation'} dangerouslySetInnerHTML={{ __html: html }} />;
}
