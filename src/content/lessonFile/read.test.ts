import { describe, expect, it } from 'vitest';
import { CONFIG_LIMITS } from '../../engine/fieldLimits';
import { LESSON_LIMITS, problemText, readLesson, type Problem } from '.';

/** A lesson file's text from a lesson object (one chapter per entry, each merged over a plain one). */
function lessonText(chapters: Record<string, unknown>[], top: Record<string, unknown> = {}): string {
  const base = { id: 'one', title: { en: 'One' }, body: { en: ['A paragraph.'] } };
  return JSON.stringify({ format: 'unroll-lesson', version: 1, title: { en: 'A lesson' }, chapters: chapters.map((c, i) => ({ ...base, id: `c${i}`, ...c })), ...top }, null, 2);
}

function problems(text: string): Problem[] {
  const r = readLesson(text);
  return r.ok ? [] : r.problems;
}

const codes = (text: string) => problems(text).map((p) => p.code);
const setup = (s: Record<string, unknown>) => codes(lessonText([{ setup: s }]));

describe('reading a lesson file', () => {
  it('reads a minimal lesson, with the defaults of what it leaves out', () => {
    const r = readLesson(lessonText([{}]));
    expect(r.ok && r.lesson.chapters[0]).toEqual({ id: 'c0', config: {}, view: 'unrolled', phase: 'forward', t: 0, unit: null, focus: 'timeline', claims: [], title: { en: 'One', ko: 'One' }, body: { en: ['A paragraph.'], ko: ['A paragraph.'] } });
    expect(r.ok && r.lesson.langs).toEqual(['en']);
  });
  it('shows a text in the language the file has when it lacks the other', () => {
    const r = readLesson(lessonText([{ title: { ko: '하나' }, body: { ko: '문단 하나.' }, tryIt: { ko: '해 보기', en: 'Try' } }], { title: { ko: '수업' } }));
    if (!r.ok) throw new Error(problemText(r.problems[0], 'en'));
    expect(r.lesson.title).toEqual({ ko: '수업', en: '수업' });
    expect(r.lesson.chapters[0].body).toEqual({ ko: ['문단 하나.'], en: ['문단 하나.'] });
    expect(r.lesson.chapters[0].tryIt).toEqual({ ko: '해 보기', en: 'Try' });
    expect(r.lesson.langs).toEqual(['ko', 'en']);
  });
  it('says at once when the file is another kind of file', () => {
    const session = JSON.stringify({ format: 'unroll-session', version: 1, state: '#', weights: null });
    expect(problems(session)).toEqual([{ pos: { line: 1, col: 11 }, code: 'lesson.format', vars: {} }]);
    expect(codes(lessonText([{}], { version: 2 }))).toEqual(['lesson.version']);
  });
  it('names an unknown or missing key at its line', () => {
    const text = lessonText([{ colour: 'red' }]);
    const line = text.split('\n').findIndex((l) => l.includes('"colour"')) + 1;
    expect(problems(text)).toMatchObject([{ code: 'key.unknown', pos: { line } }]);
    expect(codes(lessonText([{ title: undefined }]))).toEqual(['key.missing']);
  });
  it('bounds every setting exactly as the app does', () => {
    const L = CONFIG_LIMITS;
    for (const [key, { min, max }] of [['hidden', L.hidden], ['layers', L.layers], ['steps', L.steps], ['seed', L.seed]] as const) {
      expect(setup({ [key]: max }), `${key} ${max}`).toEqual([]);
      expect(setup({ [key]: min }), `${key} ${min}`).toEqual([]);
      expect(setup({ [key]: max + 1 }), `${key} ${max + 1}`).toEqual(['range']);
      expect(setup({ [key]: min - 1 }), `${key} ${min - 1}`).toEqual(['range']);
      expect(setup({ [key]: 1.5 }), `${key} 1.5`).toEqual(['type.integer']);
    }
    for (const [key, { min, max }] of [['hhScale', L.hhScale], ['forgetBias', L.gateBias], ['updateBias', L.gateBias], ['inputScale', L.inputScale]] as const) {
      expect(setup({ [key]: max }), key).toEqual([]);
      expect(setup({ [key]: max * 1.01 }), key).toEqual(['range']);
      expect(setup({ [key]: min - Math.abs(min) * 0.5 - 1e-9 }), key).toEqual(['range']);
    }
    expect(setup({ cell: 'transformer' })).toEqual(['oneOf']);
    expect(setup({ task: 'custom' })).toEqual(['setup.customTask']);
    expect(setup({ bidirectional: 'yes' })).toEqual(['type.boolean']);
  });
  it('refuses settings that do not fit together, and a network over the working-memory limit', () => {
    expect(setup({ steps: 8, truncation: 9 })).toEqual(['setup.truncation']);
    expect(setup({ bidirectional: true, truncation: 2 })).toEqual(['setup.twoWays']);
    expect(setup({ cell: 'lstm', hidden: 256, layers: 4, bidirectional: true, steps: 1000, task: 'sine' })).toEqual(['setup.memory']);
    // the largest network the app's limits describe: 4 × 2 LSTM layers at T = 400, H = 128
    expect(setup({ cell: 'lstm', hidden: 128, layers: 4, bidirectional: true, steps: 400, task: 'sine' })).toEqual([]);
  });
  it("opens at a step, layer and unit the chapter's network has", () => {
    const net = { cell: 'rnn', hidden: 4, steps: 12, layers: 1 };
    expect(codes(lessonText([{ setup: net, t: 11, unit: 3 }, { setup: net, t: -12 }]))).toEqual([]);
    expect(codes(lessonText([{ setup: net, t: 12 }]))).toEqual(['chapter.t']);
    expect(codes(lessonText([{ setup: net, t: -13 }]))).toEqual(['chapter.t']);
    expect(codes(lessonText([{ setup: net, unit: 4 }]))).toEqual(['chapter.unit']);
    expect(codes(lessonText([{ setup: net, layer: 1 }]))).toEqual(['chapter.layer']);
    // a preset sets the size: the depth presets have three layers
    expect(codes(lessonText([{ preset: 'depthRnn', layer: 2, unit: 15, t: 19 }]))).toEqual([]);
    expect(codes(lessonText([{ preset: 'depthRnn', layer: 3 }]))).toEqual(['chapter.layer']);
  });
  it('takes only existing presets, claims the chapter shows, and predict kinds', () => {
    expect(codes(lessonText([{ preset: 'nope' }]))).toEqual(['preset.unknown']);
    expect(codes(lessonText([{ preset: { id: 'comparison', cell: 'gru' }, claims: ['comparison'] }]))).toEqual([]);
    expect(codes(lessonText([{ claims: ['vanishing'] }]))).toEqual(['claim.notShown']);
    expect(codes(lessonText([{ tryPresets: ['vanishing'], claims: ['vanishing', 'vanishing'] }]))).toEqual(['list.twice']);
    expect(codes(lessonText([{ claims: ['made-up'] }]))).toEqual(['claim.unknown']);
    expect(codes(lessonText([{ predict: ['gate', 'cut'] }]))).toEqual([]);
    expect(codes(lessonText([{ predict: ['guess'] }]))).toEqual(['oneOf']);
  });
  it('bounds the file, the chapters and the text', () => {
    expect(codes(' '.repeat(LESSON_LIMITS.fileChars + 1))).toEqual(['file.tooLong']);
    expect(codes(lessonText(Array.from({ length: LESSON_LIMITS.chapters.max }, () => ({}))))).toEqual([]);
    expect(codes(lessonText(Array.from({ length: LESSON_LIMITS.chapters.max + 1 }, () => ({}))))).toEqual(['list.tooMany']);
    expect(codes(lessonText([]))).toEqual(['list.tooFew']);
    expect(codes(lessonText([{ title: { en: 'x'.repeat(LESSON_LIMITS.titleChars + 1) } }]))).toEqual(['text.tooLong']);
    expect(codes(lessonText([{ body: { en: Array.from({ length: LESSON_LIMITS.paragraphs.max + 1 }, () => 'p') } }]))).toEqual(['list.tooMany']);
    expect(codes(lessonText([{ body: { en: 'an unclosed $x formula' } }]))).toEqual(['text.dollars']);
    expect(codes(lessonText([{ title: {} }]))).toEqual(['text.none']);
    expect(codes(lessonText([{ id: 'same' }, { id: 'same' }]))).toEqual(['chapter.twice']);
  });
  it('lists every problem, in the order of the file', () => {
    const found = problems(lessonText([{ setup: { hidden: 0 } }, { view: 'sideways', t: 'first' }]));
    expect(found.map((p) => p.code)).toEqual(['range', 'oneOf', 'type.integer']);
    expect(found.map((p) => p.pos.line)).toEqual([...found.map((p) => p.pos.line)].sort((a, b) => a - b));
  });
  it('says every problem in both languages, each filled in', () => {
    const text = lessonText([{ setup: { hidden: 0, steps: 4, truncation: 9 }, view: 'x', claims: ['vanishing'], colour: 1 }]);
    for (const p of problems(text)) {
      const en = problemText(p, 'en');
      const ko = problemText(p, 'ko');
      expect(en).not.toMatch(/\{\w+\}/);
      expect(ko).not.toMatch(/\{\w+\}/);
      expect(ko).not.toBe(en);
      expect(ko).toMatch(/[가-힣]/);
    }
  });
});
