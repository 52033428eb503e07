import { describe, expect, it } from 'vitest';
import builtin from './builtin.json';
import { chapterClaims } from '../claims';
import { CHAPTERS } from '../lessons';
import { readLesson } from '.';
import { trustedLesson } from './trusted';

/**
 * The built-in lesson is builtin.json read by readLesson (lessons.ts). That the file reads back as
 * the chapters the app had (the TypeScript list it replaced) was proven field by field when it was
 * written; these tests keep the reading lossless, so the file stays the one list of chapters.
 */
describe('the built-in lesson as a lesson file', () => {
  const read = readLesson(JSON.stringify(builtin));
  it('passes its own checks, in both languages', () => {
    expect(read.ok ? [] : read.problems).toEqual([]);
    expect(read.ok && read.lesson.langs).toEqual(['ko', 'en']);
  });
  it('is what the app shows: the app reads it unchecked (trusted.ts), the checker reads it the same', () => {
    expect(read.ok && read.lesson.chapters).toEqual(CHAPTERS);
    expect(read.ok && read.lesson).toEqual(trustedLesson(builtin as Parameters<typeof trustedLesson>[0]));
  });
  it('reads every field of every chapter as the file writes it', () => {
    builtin.chapters.forEach((raw, i) => {
      const ch = CHAPTERS[i];
      const file = raw as Record<string, unknown>;
      const choice = (p: unknown) => (typeof p === 'string' ? { id: p } : p);
      for (const k of ['id', 'title', 'body', 'tryIt', 'view', 'phase', 't', 'layer', 'unit', 'focus', 'tab', 'trainFor', 'predict'] as const) expect(ch[k], `${ch.id}.${k}`).toEqual(file[k]);
      expect(ch.config, `${ch.id}.setup`).toEqual(file.setup ?? {});
      expect(ch.preset, `${ch.id}.preset`).toEqual(file.preset === undefined ? undefined : choice(file.preset));
      expect(ch.tryPresets, `${ch.id}.tryPresets`).toEqual((file.tryPresets as unknown[] | undefined)?.map(choice));
      expect(ch.claims, `${ch.id}.claims`).toEqual(file.claims ?? []);
      expect(Object.keys(ch).every((k) => k === 'config' || k in file || (k === 'claims' && !('claims' in file)))).toBe(true);
    });
  });
  it("lists each chapter's claims as claims.ts assigns them", () => {
    for (const ch of CHAPTERS) expect(ch.claims, ch.id).toEqual(chapterClaims(ch.id).map((c) => c.id));
  });
});
