/**
 * What a lesson is once read: the built-in lesson and a teacher's file are the same kind of
 * object (docs/lessons.md describes the file). Text is filled in both languages: a file that has
 * one language shows it in the other's interface too (`langs` says which it really has).
 */
import type { InitScheme } from '../../engine/init';
import type { CellType } from '../../engine/params';
import type { TaskId } from '../../engine/tasks';
import type { Lang } from '../i18n';
import type { ItemKind } from '../predictItems';
import type { PresetId } from '../presets';

export const LESSON_FORMAT = 'unroll-lesson';
export const LESSON_VERSION = 1;

/** The settings a chapter may set (the app's configuration has these fields, and more). */
export interface ChapterSetup {
  lossSteps?: 'all' | 'last';
  inputScale?: number;
  updateBias?: number;
  cell?: CellType;
  hidden?: number;
  layers?: number;
  bidirectional?: boolean;
  steps?: number;
  seed?: number;
  task?: TaskId;
  truncation?: number;
  init?: InitScheme;
  hhScale?: number;
  forgetBias?: number;
}

export const LESSON_FOCI = ['input', 'timeline', 'equations', 'diagram', 'controls', 'gradients', 'training'] as const;
export type LessonFocus = (typeof LESSON_FOCI)[number];

/** The tabs of the gradient band a chapter may open. */
export const LESSON_TABS = ['bptt', 'weights', 'vanish', 'compare'] as const;
export type LessonTab = (typeof LESSON_TABS)[number];

/** A preset to open, for one cell when the preset is made for several. */
export interface PresetChoice {
  id: PresetId;
  cell?: CellType;
}

export interface Chapter {
  id: string;
  /** what to set: config fields (the rest stay as they are), view and cursor */
  config: ChapterSetup;
  /** a preset the chapter opens (its settings are applied after `config`) */
  preset?: PresetChoice;
  /** the gradient tab the chapter talks about */
  tab?: LessonTab;
  /** presets the reader can switch to within the chapter, one button each */
  tryPresets?: readonly PresetChoice[];
  /** a training budget the chapter asks for: one button trains this many iterations */
  trainFor?: number;
  view: 'rolled' | 'unrolled';
  phase: 'forward' | 'backward';
  /** step to open at; negative counts from the end (−1 = T − 1) */
  t: number;
  /** the layer of the cell to open at (0 when absent) */
  layer?: number;
  unit: number | null;
  focus: LessonFocus;
  title: Record<Lang, string>;
  /** paragraphs */
  body: Record<Lang, string[]>;
  /** one concrete thing to try */
  tryIt?: Record<Lang, string>;
  /** the claims (claims.ts ids) the chapter states, shown under its text */
  claims: readonly string[];
  /** the kinds of predict-then-reveal question the chapter asks (any kind when absent) */
  predict?: readonly ItemKind[];
}

/** What a chapter opens when the file leaves it out. */
export const CHAPTER_DEFAULTS = { view: 'unrolled', phase: 'forward', t: 0, unit: null, focus: 'timeline' } as const satisfies Partial<Chapter>;

export interface Lesson {
  title: Record<Lang, string>;
  chapters: readonly Chapter[];
  /** the languages the lesson is written in (the other one shows the same text) */
  langs: readonly Lang[];
}

/**
 * Bounds on a lesson file, so that a file (or a link) can never make the app hold or draw more than
 * a lesson needs. The settings inside a chapter are bounded by the app's own limits (fieldLimits.ts).
 */
export const LESSON_LIMITS = {
  /** characters of the whole file */
  fileChars: 200_000,
  chapters: { min: 1, max: 40 },
  idChars: 40,
  titleChars: 200,
  paragraphs: { min: 1, max: 12 },
  paragraphChars: 4000,
  tryChars: 1000,
  tryPresets: 6,
  claims: 12,
  trainFor: { min: 1, max: 10_000 },
} as const;
