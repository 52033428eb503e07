/**
 * Headless trace: `npm run trace -- request.json` (or the request on stdin) prints the
 * trace JSON of shared/trace-format.md on stdout. A bad request exits 2 with one line on
 * stderr naming the problem; no stack traces.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../engine/errors';
import { isPlainObject } from '../engine/arrays';
import { parseRequest, unknownRequestKeys } from '../engine/request';
import { computeTrace } from '../engine/trace';

const USAGE = 'usage: npm run trace -- [--pretty] [request.json]   (reads the request from stdin when no file is given)';

function fail(message: string, code = 2): never {
  process.stderr.write(`trace: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  let pretty = false;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--pretty') pretty = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE + '\n');
      return;
    } else if (arg.startsWith('-') && arg !== '-') fail(`unknown option ${arg}; ${USAGE}`);
    else files.push(arg);
  }
  if (files.length > 1) fail(`expected one request file, got ${files.length}; ${USAGE}`);
  const file = files[0];
  let text: string;
  try {
    text = file === undefined || file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`cannot read ${file ?? 'stdin'}${code === 'ENOENT' ? ': no such file' : code ? `: ${code}` : ''}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`the request is not valid JSON: ${(e as Error).message}`);
  }
  // An exported trace carries its request: accept the whole file too.
  if (isPlainObject(raw) && !('cell' in raw) && isPlainObject(raw.request)) raw = raw.request;
  for (const key of unknownRequestKeys(raw)) process.stderr.write(`trace: warning: ignoring unknown key '${key}'\n`);
  try {
    const { params, seq } = parseRequest(raw);
    const trace = computeTrace(params, seq);
    process.stdout.write(JSON.stringify(trace, null, pretty ? 1 : undefined) + '\n');
  } catch (e) {
    if (e instanceof InputError) fail(e.message);
    fail(`internal error: ${(e as Error).message ?? String(e)}`, 1);
  }
}

main(process.argv.slice(2));
