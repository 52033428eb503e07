import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingEn, trainingKo } from './training';

describe('training messages', () => {
  it('the README shows the same PyTorch snippet as the panel', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Bring your own PyTorch weights'));
    expect(section).toContain('```python\n' + trainingEn['training.snippet.code'] + '\n```');
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
