/**
 * What `npm run lesson:check` prints for a lesson file's text: one `FILE:LINE:COL: message` line
 * per problem (at most MAX_LINES, then how many more), or a one-line summary when the file is a
 * valid lesson. Everything that came from the file is escaped and shortened (printable.ts).
 */
import { problemText, readLesson } from '../content/lessonFile';
import type { Lang } from '../content/i18n';
import { escapeUnsafe, shorten } from './printable';

export const MAX_LINES = 10;

export interface LessonReport {
  /** 0: a valid lesson; 2: not */
  code: 0 | 2;
  lines: string[];
}

export function lessonReport(text: string, file: string, lang: Lang = 'en'): LessonReport {
  const name = escapeUnsafe(shorten(file, 200));
  const read = readLesson(text);
  if (read.ok) {
    const { lesson } = read;
    const title = escapeUnsafe(shorten(lesson.title[lesson.langs[0]]));
    const chapters = lesson.chapters.length;
    const summary = lang === 'ko' ? `${name}: 올바른 수업 파일입니다. "${title}", 장 ${chapters}개, 언어: ${lesson.langs.join(', ')}` : `${name}: a valid lesson: "${title}", ${chapters} chapter${chapters === 1 ? '' : 's'}, languages: ${lesson.langs.join(', ')}`;
    return { code: 0, lines: [summary] };
  }
  const lines = read.problems.slice(0, MAX_LINES).map((p) => `${name}:${p.pos.line}:${p.pos.col}: ${escapeUnsafe(problemText(p, lang))}`);
  const more = read.problems.length - MAX_LINES;
  if (more > 0) lines.push(lang === 'ko' ? `… 그리고 문제 ${more}개 더` : `… and ${more} more`);
  return { code: 2, lines };
}
