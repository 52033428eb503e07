/**
 * The guided lesson. Its chapters are a lesson file (lessonFile/builtin.json, the format of
 * docs/lessons.md), read by the same code that reads a teacher's file: each chapter says what to
 * read and what the app should show (configuration, phase, step, selection, the part to point at).
 * Text is ours, in Korean and English; formulas in $…$ are our own TeX, rendered by KaTeX.
 */
import builtin from './lessonFile/builtin.json';
import { problemText, readLesson, type Lesson } from './lessonFile';

export type { Chapter, ChapterSetup, Lesson, LessonFocus, LessonTab, PresetChoice } from './lessonFile/format';

function builtinLesson(): Lesson {
  const read = readLesson(JSON.stringify(builtin));
  // builtin.test.ts keeps the file valid; a broken one must not ship as an empty lesson
  if (!read.ok) throw new Error(`the built-in lesson: ${read.problems.map((p) => problemText(p, 'en')).join('; ')}`);
  return read.lesson;
}

export const CHAPTERS = builtinLesson().chapters;

export function chapterIndex(id: string): number {
  return CHAPTERS.findIndex((c) => c.id === id);
}
