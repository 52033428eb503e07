import { describe, expect, it } from 'vitest';
import { en } from './i18n/en';
import { ko } from './i18n/ko';
import { chapterClaims, CLAIMS } from './claims';
import { CHAPTERS } from './lessons';
import { PRESETS } from './presets';

/** A chapter that says 'press "X"' must name a control that really has that label. */
describe('lesson chapters', () => {
  it('are twelve, in the order the story goes', () => {
    expect(CHAPTERS.map((c) => c.id)).toEqual(['sequence', 'rnn-cell', 'unrolled', 'forward', 'bptt', 'truncated', 'vanishing', 'exploding', 'lstm', 'gru', 'depth', 'train']);
  });
  it('are numbered in their titles as they are ordered', () => {
    CHAPTERS.forEach((ch, i) => {
      for (const lang of ['ko', 'en'] as const) expect(ch.title[lang].startsWith(`${i + 1}. `), `${ch.id} ${lang}`).toBe(true);
    });
  });
  it('the chapters before the stacked network open one layer, one direction', () => {
    // a reader going back from the depth chapter must not keep its three layers
    const depth = CHAPTERS.findIndex((c) => c.id === 'depth');
    for (const ch of CHAPTERS.slice(0, depth)) {
      const preset = ch.preset ? PRESETS[ch.preset.id] : null;
      const model = preset?.model as { layers?: number; bidirectional?: boolean } | undefined;
      expect(preset ? (model?.layers ?? 1) : ch.config.layers, ch.id).toBe(1);
      expect(preset ? (model?.bidirectional ?? false) : ch.config.bidirectional, ch.id).toBe(false);
    }
  });
  it('the depth chapter opens a stacked network at a layer it has, in the backward pass', () => {
    const ch = CHAPTERS.find((c) => c.id === 'depth')!;
    const model = PRESETS[ch.preset!.id].model as { layers?: number };
    expect(model.layers).toBeGreaterThan(1);
    expect(ch.layer).toBeGreaterThanOrEqual(0);
    expect(ch.layer).toBeLessThan(model.layers!);
    expect(ch.phase).toBe('backward');
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
    for (const id of ['bptt', 'truncated', 'vanishing', 'exploding', 'lstm', 'gru', 'depth']) expect(CHAPTERS.find((c) => c.id === id)?.tab, id).toBeDefined();
    expect(CHAPTERS.find((c) => c.id === 'vanishing')?.tab).toBe('vanish');
    expect(CHAPTERS.find((c) => c.id === 'depth')?.tab).toBe('bptt');
  });
  for (const [lang, catalog] of [
    ['en', en],
    ['ko', ko],
  ] as const) {
    it(`quote only labels that exist in the ${lang} interface`, () => {
      // the interface's labels, and the preset buttons (their titles are the presets' own)
      const labels = new Set([...Object.values(catalog), ...Object.values(PRESETS).map((p) => p.title[lang])]);
      for (const ch of CHAPTERS) {
        for (const m of ch.tryIt![lang].matchAll(/"([^"]+)"/g)) expect(labels, `${ch.id}: "${m[1]}"`).toContain(m[1]);
      }
    });
    it(`have a title, text and something to try in ${lang}`, () => {
      for (const ch of CHAPTERS) {
        expect(ch.title[lang].length).toBeGreaterThan(5);
        expect(ch.body[lang].length).toBeGreaterThan(0);
        expect(ch.tryIt![lang].length).toBeGreaterThan(10);
        // balanced $…$ so every formula renders
        for (const p of [...ch.body[lang], ch.tryIt![lang]]) expect((p.match(/\$/g) ?? []).length % 2).toBe(0);
      }
    });
  }
});
