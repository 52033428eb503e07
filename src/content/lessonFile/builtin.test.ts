import { describe, expect, it } from 'vitest';
import builtin from './builtin.json';
import { chapterClaims } from '../claims';
import { CHAPTERS } from '../lessons';
import { CHAPTER_ITEMS } from '../predictItems';
import { readLesson } from '.';

describe('the built-in lesson as a lesson file', () => {
  const read = readLesson(JSON.stringify(builtin));
  it('passes its own checks', () => {
    expect(read.ok ? [] : read.problems).toEqual([]);
  });
  it('reads back as the chapters the app had, field by field, with their claims and questions', () => {
    if (!read.ok) throw new Error('not read');
    expect(read.lesson.chapters.length).toBe(CHAPTERS.length);
    read.lesson.chapters.forEach((ch, i) => {
      const was = CHAPTERS[i];
      expect(ch, was.id).toEqual({ ...was, claims: chapterClaims(was.id).map((c) => c.id), predict: CHAPTER_ITEMS[was.id] });
    });
    expect(read.lesson.langs).toEqual(['ko', 'en']);
  });
});
