import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { ko } from './i18n/ko';
import { chapterClaims, CLAIMS } from './claims';
import { CHAPTERS } from './lessons';
import { PRESETS } from './presets';

/** A chapter that says 'press "X"' must name a control that really has that label. */
describe('lesson chapters', () => {
  it('are eleven, in the order the story goes', () => {
    expect(CHAPTERS.map((c) => c.id)).toEqual(['sequence', 'rnn-cell', 'unrolled', 'forward', 'bptt', 'truncated', 'vanishing', 'exploding', 'lstm', 'gru', 'train']);
  });
  it('every claim belongs to a chapter, and every chapter with a preset states the claims that preset shows', () => {
    const ids = new Set(CHAPTERS.map((c) => c.id));
    for (const c of CLAIMS) expect(ids.has(c.chapter), c.id).toBe(true);
    for (const ch of CHAPTERS) {
      const shown = new Set([ch.preset?.id, ...(ch.tryPresets ?? []).map((p) => p.id)].filter(Boolean));
      for (const c of chapterClaims(ch.id)) expect(c.presets.some((p) => shown.has(p)), `${ch.id}: ${c.id}`).toBe(true);
    }
  });
  it('each chapter that talks about a gradient chart opens its tab', () => {
    for (const id of ['bptt', 'truncated', 'vanishing', 'exploding', 'lstm', 'gru']) expect(CHAPTERS.find((c) => c.id === id)?.tab, id).toBeDefined();
    expect(CHAPTERS.find((c) => c.id === 'vanishing')?.tab).toBe('vanish');
  });
  for (const [lang, catalog] of [
    ['en', en],
    ['ko', ko],
  ] as const) {
    it(`quote only labels that exist in the ${lang} interface`, () => {
      // the interface's labels, and the preset buttons (their titles are the presets' own)
      const labels = new Set([...Object.values(catalog), ...Object.values(PRESETS).map((p) => p.title[lang])]);
      for (const ch of CHAPTERS) {
        for (const m of ch.tryIt[lang].matchAll(/"([^"]+)"/g)) expect(labels, `${ch.id}: "${m[1]}"`).toContain(m[1]);
      }
    });
    it(`have a title, text and something to try in ${lang}`, () => {
      for (const ch of CHAPTERS) {
        expect(ch.title[lang].length).toBeGreaterThan(5);
        expect(ch.body[lang].length).toBeGreaterThan(0);
        expect(ch.tryIt[lang].length).toBeGreaterThan(10);
        // balanced $…$ so every formula renders
        for (const p of [...ch.body[lang], ch.tryIt[lang]]) expect((p.match(/\$/g) ?? []).length % 2).toBe(0);
      }
    });
  }
});
