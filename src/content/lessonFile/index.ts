/**
 * Reading a lesson file (docs/lessons.md): its text → the lesson, or every problem found, each at
 * its line and column. Pure: the app, the built-in lesson and `npm run lesson:check` all read
 * lessons through readLesson.
 */
import { LANGS } from '../i18n';
import { readChapter } from './chapter';
import { LESSON_FORMAT, LESSON_LIMITS, LESSON_VERSION, type Chapter, type Lesson } from './format';
import { parseJsonTree, type JsonNode } from './jsonTree';
import { foundText, type Problem } from './problems';
import { Reader } from './reader';
import { readText, type LangsSeen } from './texts';

export * from './format';
export { problemText, whereText, type Problem } from './problems';

export type LessonRead = { ok: true; lesson: Lesson } | { ok: false; problems: Problem[] };

const TOP_KEYS = ['format', 'version', 'title', 'chapters'] as const;

/** The lesson a parsed file holds, or its problems (in the order of the file). */
export function readLessonTree(root: JsonNode): LessonRead {
  const r = new Reader();
  const seen: LangsSeen = new Set();
  const f = r.object(root, '', TOP_KEYS, TOP_KEYS);
  if (!f) return { ok: false, problems: r.problems };
  // the format first: a file that is something else (a session, weights) gets one clear line
  const format = f.get('format')?.value;
  if (format && (format.kind !== 'string' || format.value !== LESSON_FORMAT)) {
    return { ok: false, problems: [{ pos: format.pos, code: 'lesson.format', vars: {} }] };
  }
  const version = f.get('version')?.value;
  if (version && (version.kind !== 'number' || version.value !== LESSON_VERSION)) {
    r.add(version.pos, 'lesson.version', { found: version.kind === 'number' ? version.value : version.kind === 'string' ? `"${version.value.slice(0, 20)}"` : version.kind });
  }
  const titleNode = f.get('title')?.value;
  const title = titleNode ? readText(r, titleNode, 'title', LESSON_LIMITS.titleChars, seen) : undefined;
  const chaptersNode = f.get('chapters')?.value;
  const items = chaptersNode ? r.array(chaptersNode, 'chapters', LESSON_LIMITS.chapters.max, LESSON_LIMITS.chapters.min) : undefined;
  const chapters: Chapter[] = [];
  const ids = new Set<string>();
  items?.forEach((node, k) => {
    const ch = readChapter(r, node, `chapters[${k}]`, seen);
    if (!ch) return;
    if (ids.has(ch.id)) r.add(node.kind === 'object' ? (node.entries.find((e) => e.key === 'id')?.value.pos ?? node.pos) : node.pos, 'chapter.twice', { value: ch.id });
    ids.add(ch.id);
    chapters.push(ch);
  });
  if (r.problems.length > 0 || !title) return { ok: false, problems: sorted(r.problems) };
  return { ok: true, lesson: { title, chapters, langs: LANGS.filter((l) => seen.has(l)) } };
}

function sorted(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
}

/** A lesson file's text → the lesson, or every problem it has. Nothing longer than the limit is parsed. */
export function readLesson(text: string): LessonRead {
  if (text.length > LESSON_LIMITS.fileChars) return { ok: false, problems: [{ pos: { line: 1, col: 1 }, code: 'file.tooLong', vars: { n: text.length, max: LESSON_LIMITS.fileChars } }] };
  const tree = parseJsonTree(text);
  if (!tree.ok) {
    const { pos, code, found } = tree.problem;
    return { ok: false, problems: [{ pos, code, vars: { found: code === 'json.duplicate' ? found.slice(0, 40) : foundText(found) } }] };
  }
  return readLessonTree(tree.root);
}
