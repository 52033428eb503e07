/**
 * Every UI string must come from the message catalogues (Korean and English). This scans the
 * views for words written straight into JSX text or into user-facing attributes. Maths notation
 * (single symbols like h, x_t, W_hh, σ) is not language and is allowed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.tsx') ? [p] : [];
  });
}

const MATH_WORDS = new Set(['tanh', 'softmax', 'exp', 'log', 'max', 'min', 'argmax', 'sigmoid']);

/**
 * Notation, numbers and punctuation: fine without translation. Every word must be a maths
 * token: one letter with an optional subscript (h, x_t, W_hh, dW_ih, ∂L, δc_t) or a function name.
 */
function isNotation(s: string): boolean {
  const words = s.split(/[\s·:=,;[\]()/‖|+\-−×*^.…'′"⁻¹²{}]+/).filter((w) => /[A-Za-z\u3131-\uD79D]/.test(w));
  // subscripts as TeX-like text (x_t) or as Unicode subscript letters and digits (hₜ₋₁)
  return words.every((w) => MATH_WORDS.has(w) || /^[∂δd]?[A-Za-z](_[A-Za-z0-9−+]{0,6}|[\u2080-\u209C]{1,4})?$/.test(w));
}

const USER_FACING = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription']);

/** Literal words in JSX text, literal string children and user-facing attributes of a TSX source. */
export function findHardcoded(source: string): string[] {
  const ast = parseAst(source, { lang: 'tsx' }, 'view.tsx');
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; [k: string]: unknown };
    if (n.type === 'JSXText') {
      const v = String(n.value);
      if (!isNotation(v)) found.push(v.trim());
    } else if (n.type === 'JSXExpressionContainer') {
      const e = n.expression as { type?: string; value?: unknown };
      if (e?.type === 'Literal' && typeof e.value === 'string' && !isNotation(e.value)) found.push(e.value);
    } else if (n.type === 'JSXAttribute') {
      const name = (n.name as { name?: string })?.name ?? '';
      const v = n.value as { type?: string; value?: unknown } | null;
      if (USER_FACING.has(name) && v?.type === 'Literal' && typeof v.value === 'string' && !isNotation(v.value)) found.push(`${name}="${v.value}"`);
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'type' && v && typeof v === 'object') visit(v);
  };
  visit(ast);
  return found;
}

describe('no hard-coded UI strings outside the catalogues', () => {
  it('the scanner finds a literal (so the test can fail)', () => {
    expect(findHardcoded('const a = <button aria-label="Close">Next step</button>;')).toEqual(['aria-label="Close"', 'Next step']);
    expect(findHardcoded("const b = <p>{'Loading…'}</p>;")).toEqual(['Loading…']);
    expect(findHardcoded('const c = <text>h_t</text>; const d = <span>{t("x")}</span>;')).toEqual([]);
  });
  const sources = [...files(join(root, 'views')), join(root, 'App.tsx')];
  for (const file of sources) {
    it(file.slice(root.length + 1), () => {
      expect(findHardcoded(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
