import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { ko } from './i18n/ko';
import { CHAPTERS } from './lessons';

/** A chapter that says 'press "X"' must name a control that really has that label. */
describe('lesson chapters', () => {
  it('are ten, in the order the story goes', () => {
    expect(CHAPTERS.map((c) => c.id)).toEqual(['sequence', 'rnn-cell', 'unrolled', 'forward', 'bptt', 'truncated', 'vanishing', 'lstm', 'gru', 'train']);
  });
  for (const [lang, catalog] of [
    ['en', en],
    ['ko', ko],
  ] as const) {
    it(`quote only labels that exist in the ${lang} interface`, () => {
      const labels = new Set(Object.values(catalog));
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
