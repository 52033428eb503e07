/**
 * `npm run lesson:check -- FILE [--lang ko]`: checks a lesson file (docs/lessons.md) the way the
 * app reads it. Prints `FILE:LINE:COL: message` for every problem (at most 10 lines, then how many
 * more) and exits 2, or prints a one-line summary and exits 0. A file too big to be a lesson is
 * refused from its size, unread.
 */
import { readFile, stat } from 'node:fs/promises';
import { LESSON_LIMITS } from '../content/lessonFile';
import { lessonReport } from './lessonReport';
import { escapeUnsafe, shorten } from './printable';

const USAGE = 'usage: npm run lesson:check -- FILE [--lang ko|en]';

async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let lang: 'en' | 'ko' = 'en';
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--lang' && (argv[k + 1] === 'ko' || argv[k + 1] === 'en')) lang = argv[++k] as 'en' | 'ko';
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE + '\n');
      return 0;
    } else if (arg.startsWith('-')) {
      process.stderr.write(`unknown option ${escapeUnsafe(shorten(arg))}; ${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length !== 1) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const file = files[0];
  const name = escapeUnsafe(shorten(file, 200));
  // UTF-8 takes at most 3 bytes for a character of the file's limit (4 for a pair that counts as 2)
  const maxBytes = LESSON_LIMITS.fileChars * 3;
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) {
      process.stdout.write(`${name}:1:1: the file is ${size} bytes; a lesson file may have at most ${LESSON_LIMITS.fileChars} characters\n`);
      return 2;
    }
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  } catch (e) {
    const why = e instanceof TypeError ? 'it is not UTF-8 text' : (e as NodeJS.ErrnoException).code ?? String(e);
    process.stdout.write(`${name}: cannot read the file (${escapeUnsafe(shorten(why))})\n`);
    return 2;
  }
  const report = lessonReport(text, file, lang);
  process.stdout.write(report.lines.join('\n') + '\n');
  return report.code;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`lesson:check: ${escapeUnsafe(String(e))}\n`);
    process.exitCode = 2;
  },
);
