/** Numbers put into TeX, and TeX read out as plain text (for accessible names). */
import { fmt } from '../ui/scales';

/** A number as TeX with a few significant digits: a true minus, ×10^k for tiny or huge ones, in parentheses when negative (it follows an operator). */
export function numTex(v: number, paren = true): string {
  if (Number.isNaN(v)) return '\\text{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const s = fmt(v);
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(s);
  const body = m ? `${m[1]}\\times 10^{${Number(m[2])}}` : s;
  return v < 0 && paren ? `(${body})` : body;
}

const WORDS: [RegExp, string][] = [
  [/\\(text|mathrm)\{([^}]*)\}/g, '$2'],
  [/\\delta\s*/g, 'δ'],
  [/\\partial\s*/g, '∂'],
  [/\\uparrow/g, '↑'],
  [/\\leftarrow/g, '←'],
  [/\\lVert|\\rVert/g, '‖'],
  [/\\tanh/g, 'tanh'],
  [/\\sigma/g, 'σ'],
  [/\\ell/g, 'ℓ'],
  [/\\hat\s*y/g, 'ŷ'],
  [/\\[a-zA-Z]+/g, ''],
  [/[{}]/g, ''],
];

/** TeX as a screen reader should say it: h_{3}[1] → h_3[1], \delta h → δh. */
export function texPlain(tex: string): string {
  let s = tex;
  for (const [re, to] of WORDS) s = s.replace(re, to);
  return s.replace(/\s+/g, ' ').trim();
}
