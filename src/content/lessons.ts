/**
 * The guided lesson. Its chapters are a lesson file (lessonFile/builtin.json, the format of
 * docs/lessons.md), read by the same code that reads a teacher's file: each chapter says what to
 * read and what the app should show (configuration, phase, step, selection, the part to point at).
 * Text is ours, in Korean and English; formulas in $…$ are our own TeX, rendered by KaTeX.
 */
import builtin from './lessonFile/builtin.json';
import { trustedLesson, type ChapterJson } from './lessonFile/trusted';

export type { Chapter, ChapterSetup, Lesson, LessonFocus, LessonTab, PresetChoice } from './lessonFile/format';

// (read without the checker, which loads only for a teacher's file: builtin.test.ts checks the file)
export const CHAPTERS = trustedLesson(builtin as { title: Record<string, string>; chapters: ChapterJson[] }).chapters;

export function chapterIndex(id: string): number {
  return CHAPTERS.findIndex((c) => c.id === id);
}
