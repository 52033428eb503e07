/**
 * Predict, then reveal: whether the questions are on, and how the reader has done, per lesson
 * chapter ('free' outside the lesson), kept in local storage and exportable as a small JSON.
 */
import type { Chapter } from '../../content/lessons';
import type { SliceContext } from './context';
import { lessonChapters, type LessonState } from './lesson';

const PROGRESS_KEY = 'unroll.predict';

export interface ChapterProgress {
  asked: number;
  right: number;
}

export interface PredictState {
  predictOn: boolean;
  /** per chapter id (or 'free'): questions answered and answered right */
  predictProgress: Record<string, ChapterProgress>;
}

/** Progress from local storage; anything malformed is ignored whole. */
export function readProgress(raw: string | null): Record<string, ChapterProgress> {
  if (!raw) return {};
  try {
    const o = JSON.parse(raw) as unknown;
    if (!o || typeof o !== 'object' || Array.isArray(o)) return {};
    const out: Record<string, ChapterProgress> = {};
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      const p = v as Partial<ChapterProgress> | null;
      if (p && Number.isInteger(p.asked) && Number.isInteger(p.right) && p.right! >= 0 && p.right! <= p.asked!) out[k] = { asked: p.asked!, right: p.right! };
    }
    return out;
  } catch {
    return {};
  }
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const predictInitial = (): PredictState => ({ predictOn: false, predictProgress: readProgress(storage()?.getItem(PROGRESS_KEY) ?? null) });

export interface PredictActions {
  togglePredict(on?: boolean): void;
  /** counts an answer for the open chapter */
  recordPrediction(right: boolean): void;
  /** the progress as the JSON file the reader can export */
  predictProgressJson(): string;
}

/** The open chapter of the lesson in use, or null. */
export function openChapterOf(s: Pick<LessonState, 'lesson' | 'customLesson'>): Chapter | null {
  return s.lesson === null ? null : (lessonChapters(s)[s.lesson] ?? null);
}

/** The key progress is kept under: the open chapter's id ('file:' and the id in a teacher's lesson), or 'free'. */
export function progressKey(s: Pick<LessonState, 'lesson' | 'customLesson'>): string {
  const ch = openChapterOf(s);
  return ch === null ? 'free' : s.customLesson ? `file:${ch.id}` : ch.id;
}

export function createPredictActions({ get, set }: SliceContext): PredictActions {
  return {
    togglePredict: (on) => set({ predictOn: on ?? !get().predictOn }),
    recordPrediction(right) {
      const key = progressKey(get());
      const was = get().predictProgress[key] ?? { asked: 0, right: 0 };
      const predictProgress = { ...get().predictProgress, [key]: { asked: was.asked + 1, right: was.right + (right ? 1 : 0) } };
      set({ predictProgress });
      try {
        storage()?.setItem(PROGRESS_KEY, JSON.stringify(predictProgress));
      } catch {
        // storage full or refused: the count stays for this visit
      }
    },
    predictProgressJson() {
      const chapters = Object.entries(get().predictProgress).map(([chapter, p]) => ({ chapter, ...p }));
      return JSON.stringify({ format: 'unroll-predict-progress', version: 1, chapters }, null, 2);
    },
  };
}
