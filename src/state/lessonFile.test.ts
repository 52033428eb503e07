/**
 * A teacher's lesson in the app, against the real engine host (through the stand-in client): a bad
 * file changes nothing and names its line, a good one opens its chapters with their setups and
 * gives back the setup it replaced, and the lesson travels in a link.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../content/lessons';
import { createActions } from './actions';
import { DEFAULT_CONFIG } from './config';
import { decodeLesson, encodeLesson, LESSON_LINK_MAX } from './lessonCodec';
import { urlStateOf } from './slices/share';
import { createAppStore } from './store';
import { FakeClient } from './testing/fakeClient';
import { linkState, parseHash, toHash } from './url';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = readFileSync(join(ROOT, 'docs/examples/lesson-gates.json'), 'utf8');
const BROKEN = readFileSync(join(ROOT, 'e2e/fixtures/lesson-broken.json'), 'utf8');

async function opened() {
  const store = createAppStore({ config: { ...DEFAULT_CONFIG, cell: 'gru', hidden: 5, steps: 7 } });
  const fake = new FakeClient();
  const actions = createActions(store, () => fake.asClient());
  void actions.openSession();
  await fake.settle();
  return { store, fake, actions, get: store.getState };
}

async function settle(fake: FakeClient): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await fake.settle();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('a lesson file in the app', () => {
  it('a broken file is refused with its line, and the lesson and setup stay', async () => {
    const { actions, get, fake } = await opened();
    actions.openChapter(1);
    await settle(fake);
    const before = { config: get().config, lesson: get().lesson, cursor: get().cursor, custom: get().customLesson };
    expect(await actions.openLessonText(BROKEN)).toBe(false);
    expect({ config: get().config, lesson: get().lesson, cursor: get().cursor, custom: get().customLesson }).toEqual(before);
    const notice = get().notices.at(-1)!;
    expect(notice).toMatchObject({ kind: 'error', key: 'lessonFile.refused', vars: { where: 'line 11, column 19' } });
    expect(String(notice.vars!.problem)).toContain('512');
  });
  it('a good file opens its first chapter with its setup; its chapters follow; the setup before comes back', async () => {
    const { actions, get, fake } = await opened();
    expect(await actions.openLessonText(EXAMPLE)).toBe(true);
    await settle(fake);
    expect(get().lesson).toBe(0);
    expect(get().customLesson?.lesson.chapters.map((c) => c.id)).toEqual(['rnn-state', 'rnn-fades', 'forget-gate', 'gru-update', 'three-cells']);
    expect(get().config).toMatchObject({ cell: 'rnn', hidden: 4, steps: 12, seed: 2 });
    expect(get().cursor).toMatchObject({ phase: 'forward', t: 3 });
    expect(get().view).toBe('rolled');
    expect(get().snapshot?.model.cell).toBe('rnn');
    actions.nextChapter();
    await settle(fake);
    expect(get().lesson).toBe(1);
    expect(get().config).toMatchObject({ cell: 'rnn', hidden: 16, steps: 30, lossSteps: 'last', task: 'copy' });
    expect(get().gradTab).toBe('vanish');
    actions.openChapter(99);
    expect(get().lesson).toBe(4);
    actions.nextChapter();
    expect(get().lesson).toBe(4);
    await settle(fake);
    actions.closeLesson();
    actions.restoreSetup();
    await settle(fake);
    expect(get().config).toMatchObject({ cell: 'gru', hidden: 5, steps: 7 });
    // the teacher's lesson stays loaded: Lesson opens it again
    actions.openChapter(0);
    expect(get().config).toMatchObject({ cell: 'rnn', hidden: 4 });
    actions.openBuiltinLesson();
    await settle(fake);
    expect(get().customLesson).toBeNull();
    expect(get().lesson).toBe(0);
    expect(get().config).toMatchObject(CHAPTERS[0].config);
  });
  it('travels in a link: the address carries the lesson, and a fresh app opens it at the same chapter and moment', async () => {
    const a = await opened();
    await a.actions.openLessonText(EXAMPLE);
    a.actions.openChapter(2);
    await settle(a.fake);
    const hash = toHash(urlStateOf(a.get()));
    expect(hash).toMatch(/[#&]lesson=[A-Za-z0-9_-]+/);
    const parsed = parseHash(hash);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lesson).toBe(2);
    expect(linkState(parsed).lesson).toBeNull();
    const b = await opened();
    b.store.setState(linkState(parsed));
    await b.actions.openLessonLink(parsed.lessonLink!, parsed.lesson);
    expect(b.get().lesson).toBe(2);
    expect(b.get().customLesson?.lesson).toEqual(a.get().customLesson?.lesson);
    expect(b.get().config).toEqual(a.get().config);
  });
  it('a dropped file opens as what its format says', async () => {
    const { actions, get } = await opened();
    expect(await actions.openDroppedText(EXAMPLE)).toBe(true);
    expect(get().customLesson).not.toBeNull();
    expect(await actions.openDroppedText('{"format": "unroll-session", "version": 7}')).toBe(false);
    expect(get().notices.at(-1)).toMatchObject({ key: 'share.badSession' });
    expect(await actions.openDroppedText('{"format": "something-else"}')).toBe(false);
    expect(get().notices.at(-1)).toMatchObject({ key: 'lessonFile.badDrop' });
    // a broken lesson file is still told apart, so its problem is named by line
    expect(await actions.openDroppedText('{"format": "unroll-lesson", "version": 1,\n "title": }')).toBe(false);
    expect(get().notices.at(-1)).toMatchObject({ key: 'lessonFile.refused', vars: { where: 'line 2, column 11' } });
  });
});

describe('a lesson too long for a link', () => {
  it('opens, says so, and leaves the address without it (and without its chapter)', async () => {
    const { actions, get } = await opened();
    // text that hardly compresses: 150 000 characters of pseudo-random letters
    let x = 12345;
    const noise = (n: number) => Array.from({ length: n }, () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), String.fromCharCode(97 + ((x >>> 16) % 26)))).join('');
    const chapters = Array.from({ length: 38 }, (_, i) => ({ id: `c${i}`, title: { en: `${i + 1}. T` }, body: { en: [noise(3900)] } }));
    expect(await actions.openLessonText(JSON.stringify({ format: 'unroll-lesson', version: 1, title: { en: 'Long' }, chapters }))).toBe(true);
    expect(get().notices.some((n) => n.key === 'lessonFile.tooLongForLink')).toBe(true);
    expect(get().customLesson?.link).toBeNull();
    expect(get().lesson).toBe(0);
    const url = urlStateOf(get());
    expect(url).toMatchObject({ lessonLink: null, lesson: null });
    expect(toHash(url)).not.toMatch(/lesson=|ch=/);
  });
});

describe('the lesson as link text', () => {
  it('comes back as the same lesson, and refuses damaged or oversized text', async () => {
    const payload = await encodeLesson(EXAMPLE);
    expect(payload.length).toBeLessThan(LESSON_LINK_MAX);
    expect(JSON.parse(await decodeLesson(payload))).toEqual(JSON.parse(EXAMPLE));
    await expect(decodeLesson(payload.slice(0, 40))).rejects.toThrow('damaged or cut short');
    await expect(decodeLesson('A'.repeat(LESSON_LINK_MAX + 1))).rejects.toThrow('longer than');
  });
  it('a link with a bad lesson opens the rest of the link, with the built-in lesson', async () => {
    const { actions, get } = await opened();
    const parsed = parseHash('#cell=rnn&H=3&T=5&seed=1&lesson=notalesson&ch=2');
    expect(parsed.lessonLink).toBe('notalesson');
    await actions.openLessonLink(parsed.lessonLink!, parsed.lesson);
    expect(get().customLesson).toBeNull();
    expect(get().notices.at(-1)).toMatchObject({ key: 'lessonFile.linkRefused' });
    expect(parseHash('#lesson=a%20b').problems).toEqual(['lesson=a b']);
  });
});
