/**
 * `npm run lesson:check`: the docs' example lesson passes, the broken example fails at its line,
 * the output is bounded and escaped, and the command's exit codes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../content/i18n/en';
import { ko } from '../content/i18n/ko';
import { readLesson } from '../content/lessonFile';
import { PRESETS } from '../content/presets';
import { lessonReport, MAX_LINES } from './lessonReport';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = 'docs/examples/lesson-gates.json';
const BROKEN = 'e2e/fixtures/lesson-broken.json';
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('lesson:check', () => {
  it("passes the docs' example lesson: five chapters in Korean and English", () => {
    const report = lessonReport(read(EXAMPLE), EXAMPLE);
    expect(report).toEqual({ code: 0, lines: [`${EXAMPLE}: a valid lesson: "게이트: LSTM과 GRU가 기울기를 살려 두는 법", 5 chapters, languages: ko, en`] });
  });
  it('the example quotes only labels the interface has, in each language', () => {
    const r = readLesson(read(EXAMPLE));
    if (!r.ok) throw new Error('the example does not read');
    for (const [lang, catalog] of [['en', en], ['ko', ko]] as const) {
      const labels = new Set([...Object.values(catalog), ...Object.values(PRESETS).map((p) => p.title[lang])]);
      for (const ch of r.lesson.chapters) for (const m of (ch.tryIt?.[lang] ?? '').matchAll(/"([^"]+)"/g)) expect(labels, `${ch.id}: "${m[1]}"`).toContain(m[1]);
    }
  });
  it('fails the broken example at the line and column of its bad value', () => {
    const text = read(BROKEN);
    const line = text.split('\n').findIndex((l) => l.includes('"hidden": 512')) + 1;
    expect(line).toBeGreaterThan(1);
    const report = lessonReport(text, BROKEN);
    expect(report.code).toBe(2);
    expect(report.lines).toEqual([`${BROKEN}:${line}:19: "chapters[0].setup.hidden" is 512; it must be from 1 to 256`]);
    expect(lessonReport(text, BROKEN, 'ko').lines[0]).toBe(`${BROKEN}:${line}:19: "chapters[0].setup.hidden"가 512입니다. 1부터 256까지여야 합니다`);
  });
  it('puts a syntax error at its real position', () => {
    const report = lessonReport('{\n  "format": "unroll-lesson",\n  "version": 1\n  "title": {}\n}', 'x.json');
    expect(report.lines).toEqual(["x.json:4:3: unexpected '\"': this is not valid JSON"]);
  });
  it(`prints at most ${MAX_LINES} problems, then how many more`, () => {
    const chapters = Array.from({ length: 14 }, (_, i) => ({ id: `c${i}`, title: { en: 'T' }, body: { en: 'B' }, view: 'sideways' }));
    const report = lessonReport(JSON.stringify({ format: 'unroll-lesson', version: 1, title: { en: 'L' }, chapters }, null, 1), 'many.json');
    expect(report.lines).toHaveLength(MAX_LINES + 1);
    expect(report.lines[MAX_LINES]).toBe('… and 4 more');
  });
  it('escapes control characters from the file and its name', () => {
    const text = JSON.stringify({ format: 'unroll-lesson', version: 1, title: { en: 'L' }, chapters: [{ id: 'a', title: { en: 'T' }, body: { en: 'B' }, '\u001b[2J': 1 }] });
    const report = lessonReport(text, 'evil\u001b]0;x\u0007.json');
    expect(report.lines).toHaveLength(1);
    expect(report.lines[0]).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(report.lines[0]).toContain('evil\\u001b]0;x\\u0007.json:1:');
    expect(report.lines[0]).toContain('unknown key "chapters[0].\\u001b[2J"');
  });
  it('exits 0 for a valid lesson and 2 for a broken one, from the command line', () => {
    const run = (file: string) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/lessonCheck.ts', file], { cwd: ROOT, encoding: 'utf8' }) };
      } catch (e) {
        const err = e as { status: number; stdout: string };
        return { code: err.status, out: err.stdout };
      }
    };
    expect(run(EXAMPLE)).toMatchObject({ code: 0, out: expect.stringContaining('5 chapters') });
    expect(run(BROKEN)).toMatchObject({ code: 2, out: expect.stringContaining(`${BROKEN}:11:19:`) });
    expect(run('no-such-file.json')).toMatchObject({ code: 2, out: 'no-such-file.json: cannot read the file (ENOENT)\n' });
  });
});
