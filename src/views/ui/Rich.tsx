/** Text with formulas: "… $h_t$ …" renders the $…$ parts with KaTeX (our own TeX only, never user text). */
import { Fragment } from 'react';
import { Tex } from '../equations/Tex';

/** Splits "text $tex$ text" into text and formula pieces. */
export function richPieces(text: string): { tex: boolean; s: string }[] {
  return text
    .split(/(\$[^$]+\$)/g)
    .filter(Boolean)
    .map((s) => (s.startsWith('$') && s.endsWith('$') && s.length > 2 ? { tex: true, s: s.slice(1, -1) } : { tex: false, s }));
}

export function Rich({ text }: { text: string }) {
  return (
    <>
      {richPieces(text).map((p, k) => (
        <Fragment key={k}>{p.tex ? <Tex tex={p.s} /> : p.s}</Fragment>
      ))}
    </>
  );
}

const TEX_WORDS: [RegExp, string][] = [
  [/\\lVert|\\rVert|\\\|/g, '‖'],
  [/\\partial/g, '∂'],
  [/\\prod/g, '∏'],
  [/\\sum/g, '∑'],
  [/\\odot/g, '⊙'],
  [/\\rho/g, 'ρ'],
  [/\\sigma/g, 'σ'],
  [/\\(tanh|max|min|log|exp)/g, '$1'],
  [/\\[,;!]/g, ' '],
  [/\^\{?2\}?/g, '²'],
  [/\\[a-zA-Z]+/g, ''],
  [/[{}$]/g, ''],
  [/_/g, ''],
];

/** The same text for a screen reader or an accessible name, with its TeX turned into plain symbols. */
export function plainOf(text: string): string {
  return richPieces(text)
    .map((p) => (p.tex ? TEX_WORDS.reduce((s, [re, to]) => s.replace(re, to), p.s) : p.s))
    .join('');
}
