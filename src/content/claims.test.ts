import { describe, expect, it } from 'vitest';
import { MEASURES } from './claimMeasures';
import { CLAIMS, claimText, conditionHolds, formatThreshold } from './claims';
import { CHAPTERS } from './lessons';
import { PRESETS } from './presets';

/**
 * Every claim the lesson makes, run on the engine for every seed it names. A claim that fails
 * for one seed fails the test. Each claim prints the measured range of every quantity beside
 * the condition it is held to, so a threshold's margin is visible in every run.
 */
describe('the lesson\'s claims hold on the engine, for every seed', () => {
  for (const claim of CLAIMS) {
    it(`${claim.id} (${claim.seeds} seeds)`, () => {
      const started = performance.now();
      const seen: Record<string, number[]> = {};
      const failures: string[] = [];
      for (let seed = 1; seed <= claim.seeds; seed++) {
        const q = MEASURES[claim.measure](seed);
        for (const [k, v] of Object.entries(q)) (seen[k] ??= []).push(v);
        for (const c of claim.conditions) {
          if (!conditionHolds(c, q, claim)) failures.push(`seed ${seed}: ${c.quantity} = ${q[c.quantity]} is not ${c.op} ${c.than} (${c.than.startsWith('quantity:') ? q[c.than.slice(9)] : claim.thresholds[c.than].value})`);
        }
      }
      const lines = Object.entries(seen).map(([k, v]) => {
        const conds = claim.conditions.filter((c) => c.quantity === k).map((c) => `${c.op} ${c.than.startsWith('quantity:') ? c.than.slice(9) : claim.thresholds[c.than].value}`);
        return `  ${k.padEnd(18)} min ${fmt(Math.min(...v))}  max ${fmt(Math.max(...v))}${conds.length ? `   must be ${conds.join(', ')}` : ''}`;
      });
      console.log(`claim ${claim.id}: ${claim.seeds} seeds, ${((performance.now() - started) / 1000).toFixed(1)} s\n${lines.join('\n')}`);
      expect(failures).toEqual([]);
    }, 120_000);
  }
});

function fmt(v: number): string {
  return v === 0 || !Number.isFinite(v) ? String(v).padStart(10) : v.toExponential(3).padStart(10);
}

describe('claims as data', () => {
  const chapterIds = new Set(CHAPTERS.map((c) => c.id));
  for (const claim of CLAIMS) {
    it(`${claim.id}: the text in both languages quotes every threshold and fact, filled in`, () => {
      for (const lang of ['ko', 'en'] as const) {
        const template = claim.text[lang];
        const text = claimText(claim, lang);
        for (const [name, t] of Object.entries(claim.thresholds)) {
          expect(template, `${lang}: {${name}}`).toContain(`{${name}}`);
          expect(text, `${lang}: ${name}`).toContain(formatThreshold(t));
        }
        for (const [name, v] of Object.entries(claim.facts)) {
          expect(template, `${lang}: {${name}}`).toContain(`{${name}}`);
          expect(text).toContain(String(v));
        }
        // nothing left unfilled (TeX groups like W_{hh} are not names of the claim)
        for (const m of text.matchAll(/\{(\w+)\}/g)) expect(m[1] in claim.thresholds || m[1] in claim.facts, `${lang}: {${m[1]}}`).toBe(false);
        expect((text.match(/\$/g) ?? []).length % 2, `${lang}: balanced $…$`).toBe(0);
      }
    });
    it(`${claim.id}: names a chapter, presets, thresholds and quantities that exist`, () => {
      expect(chapterIds.has(claim.chapter), claim.chapter).toBe(true);
      for (const p of claim.presets) expect(p in PRESETS, p).toBe(true);
      expect(claim.measure in MEASURES).toBe(true);
      expect(claim.seeds).toBeGreaterThanOrEqual(10);
      const used = new Set(claim.conditions.map((c) => c.than));
      for (const name of Object.keys(claim.thresholds)) expect(used.has(name), `threshold ${name} is checked`).toBe(true);
      for (const c of claim.conditions) if (!c.than.startsWith('quantity:')) expect(c.than in claim.thresholds, c.than).toBe(true);
      for (const t of Object.values(claim.thresholds)) if (t.show === 'pow10') expect(Number(`1e${Math.round(Math.log10(t.value))}`)).toBe(t.value);
    });
  }
  it('ids are unique', () => {
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
  });
});
