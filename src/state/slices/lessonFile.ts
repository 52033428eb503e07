/**
 * A teacher's lesson in place of the built-in one: opened from a file (the picker, or dropped on
 * the page) or from a link, and back to the built-in lesson. A bad file is refused whole, with the
 * line and column of its first problem, before anything changes.
 */
import { translate } from '../../content/i18n';
import { LESSON_FORMAT, type Lesson } from '../../content/lessonFile/format';
import { decodeLesson, encodeLesson, LESSON_LINK_MAX, LessonLinkError } from '../lessonCodec';
import { SESSION_FORMAT } from './share';
import type { SliceContext } from './context';

export interface LessonFileActions {
  /** reads a lesson file and opens its first chapter; resolves to whether it opened */
  openLessonText(text: string): Promise<boolean>;
  /** opens the lesson a link carries at `chapter` (the link's other fields already set the moment) */
  openLessonLink(payload: string, chapter: number | null): Promise<void>;
  /** puts the built-in lesson back, at its first chapter */
  openBuiltinLesson(): void;
  /** a file dropped on the page: a lesson file or a session file, told apart by its "format" */
  openDroppedText(text: string): Promise<boolean>;
}

/** What a file says it is, from its "format" (read whole when it parses, else from its first characters). */
export function fileFormat(text: string): string | null {
  try {
    const o = JSON.parse(text) as { format?: unknown } | null;
    return o && typeof o === 'object' && typeof o.format === 'string' ? o.format : null;
  } catch {
    // a broken lesson file is still a lesson file: its problems are worth naming by line
    return /"format"\s*:\s*"([a-z-]{1,40})"/.exec(text.slice(0, 4000))?.[1] ?? null;
  }
}

/** The lesson file checker, loaded the first time a teacher's lesson is opened (the app starts without it). */
const checker = () => import('../../content/lessonFile');

export function createLessonFileActions(ctx: SliceContext): LessonFileActions {
  const { get, set } = ctx;

  /** The lesson's link text, or null when it cannot be one (too long; a browser without CompressionStream). */
  const linkOf = async (text: string): Promise<string | null> => {
    try {
      const link = await encodeLesson(text);
      if (link.length <= LESSON_LINK_MAX) return link;
      ctx.actions.notify('warning', 'lessonFile.tooLongForLink', { size: Math.ceil(link.length / 1000), max: LESSON_LINK_MAX / 1000 });
    } catch {
      // the lesson works without a link; Copy link then says it could not carry it
    }
    return null;
  };

  const openLessonText = async (text: string): Promise<boolean> => {
    let c: Awaited<ReturnType<typeof checker>>;
    try {
      c = await checker();
    } catch (e) {
      // (the checker's file could not load: offline before the app was ever cached whole)
      ctx.actions.notify('error', 'lessonFile.unreadable', { reason: e instanceof Error ? e.message : String(e) });
      return false;
    }
    const read = c.readLesson(text);
    if (!read.ok) {
      const [first] = read.problems;
      const lang = get().lang;
      const more = read.problems.length > 1 ? translate(lang, 'lessonFile.more', { n: read.problems.length - 1 }) : '';
      ctx.actions.notify('error', 'lessonFile.refused', { where: c.whereText(first.pos, lang), problem: c.problemText(first, lang), more });
      return false;
    }
    const link = await linkOf(text);
    install(read.lesson, link);
    ctx.actions.openChapter(0);
    ctx.actions.notify('info', 'lessonFile.opened', { title: read.lesson.title[get().lang], n: read.lesson.chapters.length });
    return true;
  };

  // (the setup the lesson replaces is remembered by openChapter, once, when no lesson was open)
  const install = (lesson: Lesson, link: string | null) => set({ customLesson: { lesson, link } });

  return {
    openLessonText,
    async openLessonLink(payload, chapter) {
      let lesson: Lesson;
      try {
        const { problemText, readLesson, whereText } = await checker();
        const read = readLesson(await decodeLesson(payload));
        if (!read.ok) throw new LessonLinkError(`${whereText(read.problems[0].pos, 'en')}: ${problemText(read.problems[0], 'en')}`);
        lesson = read.lesson;
      } catch (e) {
        ctx.actions.notify('warning', 'lessonFile.linkRefused', { reason: e instanceof Error ? e.message : String(e) });
        return;
      }
      install(lesson, payload);
      // the link's moment is already on screen: only the chapter it was at opens, as text
      const i = chapter === null ? null : Math.min(chapter, lesson.chapters.length - 1);
      set({ lesson: i, focus: i === null ? null : lesson.chapters[i].focus });
    },
    openBuiltinLesson() {
      if (!get().customLesson) return;
      set({ customLesson: null });
      ctx.actions.openChapter(0);
      ctx.actions.notify('info', 'lessonFile.backDone', {});
    },
    async openDroppedText(text) {
      const format = fileFormat(text);
      if (format === LESSON_FORMAT) return openLessonText(text);
      if (format === SESSION_FORMAT) return ctx.actions.openSessionText(text);
      ctx.actions.notify('error', 'lessonFile.badDrop', {});
      return false;
    },
  };
}
