/**
 * The built-in lesson's file as a lesson without checking it: the app starts without the checker
 * (readLesson loads only when a teacher's file or link is opened). builtin.test.ts proves that
 * readLesson, checking everything, reads the built-in file as exactly this.
 */
import { LANGS, type Lang } from '../i18n';
import type { ItemKind } from '../predictItems';
import { CHAPTER_DEFAULTS, type Chapter, type ChapterSetup, type Lesson, type PresetChoice } from './format';

type Texts<T> = Partial<Record<Lang, T>>;
type ChoiceJson = string | { id: string; cell?: string };

/** A chapter as the file writes it (the keys docs/lessons.md lists). */
export interface ChapterJson {
  id: string;
  title: Texts<string>;
  body: Texts<string | string[]>;
  tryIt?: Texts<string>;
  setup?: Record<string, unknown>;
  preset?: ChoiceJson;
  tryPresets?: ChoiceJson[];
  claims?: string[];
  predict?: string[];
  [key: string]: unknown;
}

/** Both languages, the one missing taken from the other (as readLesson fills them). */
function both<T, U>(t: Texts<T>, map: (v: T) => U): Record<Lang, U> {
  const first = LANGS.find((l) => t[l] !== undefined)!;
  return Object.fromEntries(LANGS.map((l) => [l, map((t[l] ?? t[first]) as T)])) as Record<Lang, U>;
}

const choice = (c: ChoiceJson): PresetChoice => (typeof c === 'string' ? { id: c } : c) as PresetChoice;

export function trustedLesson(file: { title: Texts<string>; chapters: ChapterJson[] }): Lesson {
  const seen = new Set<Lang>();
  const note = (t: Texts<unknown> | undefined) => LANGS.forEach((l) => t?.[l] !== undefined && seen.add(l));
  note(file.title);
  const chapters = file.chapters.map((c): Chapter => {
    const { setup, preset, tryPresets, claims, predict, title, body, tryIt, ...rest } = c;
    [title, body, tryIt].forEach(note);
    const ch = { ...CHAPTER_DEFAULTS, ...rest, config: (setup ?? {}) as ChapterSetup, claims: claims ?? [], title: both(title, (s) => s), body: both(body, (b) => (typeof b === 'string' ? [b] : b)) } as Chapter;
    if (tryIt) ch.tryIt = both(tryIt, (s) => s);
    if (preset !== undefined) ch.preset = choice(preset);
    if (tryPresets) ch.tryPresets = tryPresets.map(choice);
    if (predict) ch.predict = predict as ItemKind[];
    return ch;
  });
  return { title: both(file.title, (s) => s), chapters, langs: LANGS.filter((l) => seen.has(l)) };
}
