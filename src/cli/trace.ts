/**
 * Headless trace: `npm run trace -- request.json` (or the request on stdin) prints the
 * trace JSON of the trace format on stdout. A bad request exits 2 with one line on stderr
 * naming the problem; no stack traces.
 *
 * What it reads and keeps is bounded by the input limits (inputLimits.ts): at most
 * maxBytes are read (a larger regular file is refused from its size), the JSON is read as it
 * arrives and only what a request can use is kept, and the trace is written in pieces.
 * Everything it prints that came from the request is escaped and shortened (printable.ts).
 */
import { once } from 'node:events';
import { InputError } from '../engine/errors';
import { isPlainObject } from '../engine/arrays';
import { parseRequest, type ParsedRequest } from '../engine/request';
import { computeTrace } from '../engine/trace';
import { readBounded } from './boundedRead';
import { ChunkJoiner } from './chunkJoiner';
import { CLI_INPUT_LIMITS } from './inputLimits';
import { JsonStreamReader } from './jsonReader';
import { writeJson } from './jsonWriter';
import { oneLine, unknownKeysWarning } from './messages';
import { CHUNK_BYTES, openRequestSource } from './requestSource';
import { RequestTreeBuilder, type RequestTree } from './requestTree';

const USAGE = 'usage: npm run trace -- [--pretty] [request.json]   (reads the request from stdin when no file is given)';

/** Kept keys longer than a printed key: refusals quote them shortened. */
let longKeys: readonly string[] = [];

function say(line: string): void {
  process.stderr.write(`trace: ${oneLine(line, longKeys)}\n`);
}

function fail(message: string, code = 2): never {
  say(message);
  process.exit(code);
}

interface Options {
  pretty: boolean;
  file: string | undefined;
}

function parseArgs(argv: string[]): Options | 'help' {
  let pretty = false;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--pretty') pretty = true;
    else if (arg === '--help' || arg === '-h') return 'help';
    else if (arg.startsWith('-') && arg !== '-') fail(`unknown option ${arg}; ${USAGE}`);
    else files.push(arg);
  }
  if (files.length > 1) fail(`expected one request file, got ${files.length}; ${USAGE}`);
  return { pretty, file: files[0] };
}

/** Reads the request as it arrives, keeping only what a request can use. */
async function readRequest(file: string | undefined): Promise<RequestTree> {
  const limits = CLI_INPUT_LIMITS;
  const source = openRequestSource(file, limits.maxBytes);
  const tree = new RequestTreeBuilder(limits);
  const reader = new JsonStreamReader(tree, limits);
  const joiner = new ChunkJoiner(CHUNK_BYTES, (piece) => reader.push(piece));
  try {
    await readBounded(source.chunks, limits.maxBytes, (chunk) => joiner.add(chunk));
    joiner.flush();
    reader.end();
  } finally {
    longKeys = tree.longKeysSoFar(); // a refusal names where it stopped, perhaps under a long key
  }
  return tree.result();
}

/**
 * The request's parameters and sequence, warning once about unknown keys. The JSON tree is
 * dropped when this returns: parseRequest copies what it needs into typed arrays.
 */
async function loadRequest(file: string | undefined): Promise<ParsedRequest> {
  const tree = await readRequest(file);
  let raw = tree.value;
  let unknown = tree.topUnknown;
  // An exported trace carries its request: accept the whole file too.
  if (isPlainObject(raw) && !('cell' in raw) && isPlainObject(raw.request)) {
    raw = raw.request;
    unknown = tree.requestUnknown;
  }
  if (unknown.count > 0) say(unknownKeysWarning(unknown));
  return parseRequest(raw);
}

/** Writes to stdout, waiting when the pipe is full. */
async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const { params, seq } = await loadRequest(options.file);
  const trace = computeTrace(params, seq);
  await writeJson(trace, writeOut, options.pretty ? ' ' : '');
  await writeOut('\n');
}

// A reader that goes away (`| head`) is not an error of ours: stop quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  fail(`cannot write the trace: ${e.code ?? e.message}`, 1);
});

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof InputError) fail(e.message);
  fail(`internal error: ${(e as Error)?.message ?? String(e)}`, 1);
});
