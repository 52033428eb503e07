import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../lessons';
import { translate } from './index';
import { trainingEn, trainingKo } from './training';

describe('training messages', () => {
  it('the weights documentation shows the same PyTorch snippet as the panel', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/weights.md'), 'utf8');
    expect(doc).toContain('```python\n' + trainingEn['training.snippet.code'] + '\n```');
  });
  it('the Korean snippet is the same code, only the comments differ', () => {
    const code = (s: string) => s.split('\n').map((l) => l.replace(/#.*$/, '').trimEnd());
    expect(code(trainingKo['training.snippet.code'])).toEqual(code(trainingEn['training.snippet.code']));
  });
  it('every placeholder of an English message is in its Korean message', () => {
    for (const [key, en] of Object.entries(trainingEn)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      if (key === 'training.snippet.code') continue;
      expect(names(trainingKo[key as keyof typeof trainingEn]), key).toEqual(names(en));
    }
  });
});

describe('the lesson trains with the panel’s own buttons', () => {
  it('the training chapter points at the training panel and sets a budget its button runs', () => {
    const ch = CHAPTERS[CHAPTERS.length - 1];
    expect(ch.focus).toBe('training');
    expect(ch.trainFor).toBeGreaterThan(0);
    for (const lang of ['ko', 'en'] as const) expect(translate(lang, 'lesson.trainFor', { n: ch.trainFor! })).toContain(String(ch.trainFor));
  });
});
