/**
 * The type scale (app.css): every font size in the app's styles is a step of the scale, and every
 * weight is 400, 600 or 700. Relative sizes are left only where text is sized against the text
 * around it: sub- and superscripts, and formulas typeset by KaTeX.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../..');

/** Every stylesheet under src/, as [path, text]. */
function stylesheets(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.css')) out.push([relative(SRC, p), readFileSync(p, 'utf8')]);
    }
  };
  walk(SRC);
  return out;
}

/** Each declaration of `property`, with the selector of its rule and where it is. */
function declarations(property: string): { where: string; selector: string; value: string }[] {
  const out: { where: string; selector: string; value: string }[] = [];
  for (const [path, css] of stylesheets()) {
    const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const rule of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const selector = rule[1].trim();
      for (const d of rule[2].matchAll(new RegExp(`(?:^|;|\\s)${property}\\s*:\\s*([^;]+)`, 'g'))) {
        out.push({ where: `${path}: ${selector}`, selector, value: d[1].trim() });
      }
    }
  }
  return out;
}

const SCALE = (() => {
  const root = /:root\s*\{([^}]*)\}/.exec(readFileSync(join(SRC, 'views/ui/app.css'), 'utf8'))?.[1] ?? '';
  return new Map([...root.matchAll(/(--fs-[\w-]+)\s*:\s*([\d.]+)px/g)].map((m) => [m[1], Number(m[2])]));
})();

/** Sized against the text around it: sub/superscripts, and KaTeX's formulas. */
const RELATIVE_OK = /\b(sub|sup)\b|\.katex|\.explain-form/;

describe('the type scale', () => {
  it('has a few sizes, smallest to largest', () => {
    const sizes = [...SCALE.values()];
    expect(sizes.length).toBeGreaterThanOrEqual(6);
    expect(sizes.length).toBeLessThanOrEqual(10);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes[0]).toBeGreaterThanOrEqual(10);
  });

  it('is the only source of font sizes in the app’s styles', () => {
    const sizes = declarations('font-size');
    // the styles really were read: the check below is not vacuous
    expect(sizes.length).toBeGreaterThan(100);
    const off = sizes.filter(({ selector, value }) => {
      const step = /^var\((--fs-[\w-]+)\)$/.exec(value)?.[1];
      if (step) return !SCALE.has(step);
      if (value === 'inherit') return false;
      return !(/^[\d.]+em$/.test(value) && RELATIVE_OK.test(selector));
    });
    expect(off.map((d) => `${d.where} { font-size: ${d.value} }`)).toEqual([]);
  });

  it('has three weights', () => {
    const weights = declarations('font-weight');
    expect(weights.length).toBeGreaterThan(20);
    const off = weights.filter(({ value }) => !['400', '600', '700', 'normal', 'bold', 'inherit'].includes(value));
    expect(off.map((d) => `${d.where} { font-weight: ${d.value} }`)).toEqual([]);
  });
});
