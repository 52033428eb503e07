/**
 * `npm run bench:cli` — the trace CLI as a child process on inputs meant to hurt it, with its
 * exit code, lines on stderr, wall time and peak RSS for each. Refusals must exit 2 with at
 * most 3 lines, within 2 s and under 300 MB; the warning cases must succeed with one line, as
 * fast and as small. Two rows are reported, not budgeted in time: a pipe that never ends
 * (its time is that of moving the byte cap through a pipe) and the largest request the engine
 * limits accept, run last (`--skip-largest` leaves it out: it writes ~700 MB to /tmp and
 * takes about a minute). Exits 1 when a budget is missed. Every file it makes in /tmp is deleted.
 *
 * The CLI runs as `node trace.mjs`, bundled once by esbuild (the transpiler tsx itself uses),
 * so that the times are the CLI's and not tsx's start-up, which `npm run trace` adds
 * (~0.5 s on an idle machine, more under load): the first row measures that start-up alone.
 * `--tsx` runs every case through tsx instead.
 *
 * Peak RSS comes from /usr/bin/time (GNU time's %M) when it is there, otherwise from polling
 * the child's /proc/<pid>/status VmHWM every 10 ms.
 */
import { spawn } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createRng } from '../engine/rng';
import { CLI_INPUT_LIMITS } from './inputLimits';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'src', 'cli', 'trace.ts');
const fixture = join(root, 'src', 'engine', '__fixtures__', 'sample-1-rnn-mse.request.json');
const GNU_TIME = '/usr/bin/time';
const MB = 1e6;

interface Budget {
  exit: number;
  maxLines: number;
  maxSeconds: number;
  maxRssMB: number;
}
const REFUSAL: Budget = { exit: 2, maxLines: 3, maxSeconds: 2, maxRssMB: 300 };
const WARNING: Budget = { exit: 0, maxLines: 1, maxSeconds: 2, maxRssMB: 300 };

interface Run {
  exit: number | null;
  stderr: string;
  stdoutBytes: number;
  seconds: number;
  rssMB: number;
}

/** How the CLI is started: node on the bundle, or node with tsx on the source. */
let cliCommand: string[] = [process.execPath, '--import', 'tsx', cli];

/**
 * Bundles the CLI into one .mjs file with esbuild's command (installed with tsx; run, not
 * imported, as the CLI's files import only node: modules and the engine); when that fails,
 * tsx runs every case.
 */
async function bundleCli(): Promise<void> {
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  const outfile = join(work, 'trace.mjs');
  const child = spawn(esbuild, [cli, '--bundle', '--platform=node', '--format=esm', '--target=node20', `--outfile=${outfile}`, '--log-level=error'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.on('error', (e) => (stderr += e.message));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code === 0) cliCommand = [process.execPath, outfile];
  else process.stderr.write(`bench:cli: could not bundle the CLI (${stderr.trim() || `exit ${code}`}); running it through tsx\n`);
}

/** stdin for a run: a file (opened as the child's fd 0), or a pipe fed with one chunk over and over until the child stops reading. */
type Stdin = { file: string } | { pipeRepeating: Buffer };

/** Writes `chunk` to the pipe until the reader goes away. */
async function feedForever(pipe: NodeJS.WritableStream & { destroyed: boolean }, chunk: Buffer): Promise<void> {
  let closed = false;
  pipe.on('error', () => (closed = true)); // EPIPE: the CLI stopped reading, which is the point
  pipe.on('close', () => (closed = true));
  while (!closed && !pipe.destroyed) {
    if (pipe.write(chunk)) continue;
    await new Promise<void>((resolve) => {
      const done = () => {
        pipe.off('drain', done);
        pipe.off('close', done);
        resolve();
      };
      pipe.on('drain', done);
      pipe.on('close', done);
    });
  }
}

/** Runs the CLI with `args`, stdin from a file, a pipe, or none; measures it. */
async function runCli(args: string[], stdin?: Stdin, command0: string[] = cliCommand): Promise<Run> {
  const useTime = existsSync(GNU_TIME);
  const timeFile = join(work, 'time.txt');
  const node = [...command0, ...args];
  const command = useTime ? [GNU_TIME, '-f', '%M', '-o', timeFile, ...node] : node;
  const input = stdin === undefined ? 'ignore' : 'file' in stdin ? openSync(stdin.file, 'r') : 'pipe';
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), { cwd: root, stdio: [input, 'pipe', 'pipe'] });
  if (typeof input === 'number') closeSync(input);
  if (stdin && 'pipeRepeating' in stdin) void feedForever(child.stdin!, stdin.pipeRepeating);
  let stderr = '';
  let stdoutBytes = 0;
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout!.on('data', (b: Buffer) => (stdoutBytes += b.length));
  let polledKB = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) polledKB = Math.max(polledKB, Number(m[1]));
        } catch {
          // the child has just exited
        }
      }, 10);
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  let rssKB = polledKB;
  if (useTime) {
    rssKB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
    // GNU time prints "Command exited with non-zero status N" first, and exits with N too
  }
  return { exit: code, stderr, stdoutBytes, seconds, rssMB: rssKB / 1024 };
}

interface Row {
  name: string;
  run: Run;
  budget?: Budget;
  extra?: (run: Run) => string | null;
  problems: string[];
}

const rows: Row[] = [];

async function measure(
  name: string,
  args: string[],
  budget: Budget | undefined,
  opts: { stdin?: Stdin; extra?: (run: Run) => string | null; command?: string[] } = {},
) {
  process.stderr.write(`bench:cli: ${name} …\n`);
  const run = await runCli(args, opts.stdin, opts.command);
  const problems: string[] = [];
  const lines = run.stderr === '' ? 0 : run.stderr.replace(/\n$/, '').split('\n').length;
  if (budget) {
    if (run.exit !== budget.exit) problems.push(`exit ${run.exit}, expected ${budget.exit}`);
    if (lines > budget.maxLines) problems.push(`${lines} lines on stderr, budget ${budget.maxLines}`);
    if (run.seconds > budget.maxSeconds) problems.push(`${run.seconds.toFixed(2)} s, budget ${budget.maxSeconds} s`);
    if (run.rssMB > budget.maxRssMB) problems.push(`${run.rssMB.toFixed(0)} MB, budget ${budget.maxRssMB} MB`);
  }
  const more = opts.extra?.(run);
  if (more) problems.push(more);
  rows.push({ name, run, budget, problems });
}

/** No raw control character (ESC, CR, BEL, …) reaches the terminal. */
function noRawControls(run: Run): string | null {
  return /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(run.stderr) ? 'a raw control character on stderr' : null;
}

async function writeStream(path: string, write: (put: (s: string) => Promise<void>) => Promise<void>): Promise<void> {
  const out = createWriteStream(path);
  let pending = '';
  const put = async (s: string) => {
    pending += s;
    if (pending.length >= 1 << 20) {
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
  };
  await write(put);
  out.end(pending);
  await once(out, 'finish');
}

/** A request made of 300 MB of empty rows: `{"cell": "rnn", …, "inputs": [[], [], …]}`. */
async function emptyRows(path: string, bytes: number): Promise<void> {
  await writeStream(path, async (put) => {
    await put('{"cell": "rnn", "loss": "mse", "inputs": [');
    const block = '[], '.repeat(1 << 16);
    for (let written = 0; written < bytes; written += block.length) await put(block);
    await put('[]]}');
  });
}

/**
 * The request with the most numbers the engine limits accept (see inputLimits.ts): rnn,
 * H = 1, I = 4096, O = 1, 8173 steps, 33,488,884 numbers, each written in full (random
 * doubles in [-1, 1), ~20 characters).
 */
async function largestRequest(path: string): Promise<void> {
  const I = 4096;
  const T = 8173;
  const rng = createRng(1); // the same file every run
  const row = (n: number, scale = 1) => '[' + Array.from({ length: n }, () => String(rng.uniform(-1, 1) * scale)).join(', ') + ']';
  await writeStream(path, async (put) => {
    await put('{"cell": "rnn", "loss": "mse", "state_dict": {');
    await put(`"weight_ih_l0": [${row(I, 0.02)}], "weight_hh_l0": [${row(1)}], "bias_ih_l0": ${row(1)}, "bias_hh_l0": ${row(1)}, `);
    await put(`"head.weight": [${row(1)}], "head.bias": ${row(1)}}, "inputs": [`);
    for (let t = 0; t < T; t++) await put((t ? ', ' : '') + row(I));
    await put('], "targets": [');
    for (let t = 0; t < T; t++) await put((t ? ', ' : '') + row(1));
    await put(']}');
  });
}

const work = mkdtempSync(join(tmpdir(), 'unroll-bench-cli-'));
// whatever way the bench ends, its files in /tmp go (the largest request is ~700 MB)
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

async function main(): Promise<void> {
  const skipLargest = process.argv.includes('--skip-largest');
  const base = JSON.parse(readFileSync(fixture, 'utf8'));
  const tsxCommand = cliCommand;
  if (!process.argv.includes('--tsx')) await bundleCli();

  // what `npm run trace` adds to every row below: Node with tsx, starting and printing the usage
  await measure('start-up of node + tsx alone (--help), not budgeted', ['--help'], undefined, { command: tsxCommand });

  await measure('/dev/zero', ['/dev/zero'], REFUSAL);

  const rowsFile = join(work, 'empty-rows.json');
  await emptyRows(rowsFile, 300 * MB);
  await measure(`300 MB of [] rows (${(statSync(rowsFile).size / MB).toFixed(0)} MB file)`, [rowsFile], REFUSAL);
  await measure('the same 300 MB on stdin', [], REFUSAL, { stdin: { file: rowsFile } });
  rmSync(rowsFile);

  // a file over the byte cap, sparse so that it takes no disk: refused from its size
  const sparse = join(work, 'over-the-cap.json');
  const fd = openSync(sparse, 'w');
  ftruncateSync(fd, CLI_INPUT_LIMITS.maxBytes + 1);
  closeSync(fd);
  await measure(`a file 1 byte over the cap (${(CLI_INPUT_LIMITS.maxBytes / MB).toFixed(0)} MB, sparse)`, [sparse], REFUSAL);
  rmSync(sparse);

  // a stream past the cap on a pipe (no size to check first): refused once the cap is read,
  // so its time is that of moving ~1.16 GB through a pipe, and not budgeted
  await measure(`spaces through a pipe, past the cap (${(CLI_INPUT_LIMITS.maxBytes / MB).toFixed(0)} MB read)`, [], { ...REFUSAL, maxSeconds: Infinity }, {
    stdin: { pipeRepeating: Buffer.alloc(1 << 20, 0x20) },
  });

  const many = join(work, 'many-keys.json');
  const withKeys = { ...base };
  for (let k = 0; k < 10_000; k++) withKeys[`unknown_${k}`] = k;
  writeFileSync(many, JSON.stringify(withKeys));
  await measure('10,000 unknown keys', [many], WARNING, {
    extra: (r) => (/ignoring 10,000 unknown keys: .* and 9,997 more/.test(r.stderr) ? null : `unexpected warning: ${r.stderr.slice(0, 200)}`),
  });
  rmSync(many);

  const ansi = join(work, 'ansi-key.json');
  writeFileSync(ansi, JSON.stringify({ ...base, '\u001b]0;pwned\u0007\u001b[2J\u001b[31mred': 1, 'ok\rFAKE: all good': 2, ['k'.repeat(1_000_000)]: 3 }));
  await measure('ANSI escape, CR and a 1 MB key', [ansi], WARNING, { extra: noRawControls });
  await measure('ANSI escape in a state_dict key (a refusal)', [], REFUSAL, {
    stdin: (writeFileSync(ansi, JSON.stringify({ ...base, state_dict: { ...base.state_dict, '\u001b[2Jx': [[1]] } })), { file: ansi }),
    extra: noRawControls,
  });
  rmSync(ansi);

  if (!skipLargest) {
    const largest = join(work, 'largest.json');
    process.stderr.write('bench:cli: writing the largest accepted request …\n');
    await largestRequest(largest);
    const size = statSync(largest).size;
    await measure(`largest accepted request (${(size / MB).toFixed(0)} MB, 33,488,884 numbers)`, [largest], undefined, {
      extra: (r) => (r.exit === 0 ? null : `exit ${r.exit}: ${r.stderr.trim()}`),
    });
    rmSync(largest);
  }

  printTable();
  if (rows.some((r) => r.problems.length > 0)) process.exitCode = 1;
}

function printTable(): void {
  console.log(`CLI run as: ${cliCommand.map((a) => a.replace(work, '$TMP')).join(' ')}\n`);
  const header = ['case', 'exit', 'lines', 'time', 'peak RSS', 'budget'];
  const body = rows.map((r) => [
    r.name,
    String(r.run.exit),
    String(r.run.stderr === '' ? 0 : r.run.stderr.replace(/\n$/, '').split('\n').length),
    `${r.run.seconds.toFixed(2)} s`,
    `${r.run.rssMB.toFixed(0)} MB`,
    r.problems.length ? 'MISSED: ' + r.problems.join('; ') : r.budget ? 'ok' : '(reported)',
  ]);
  console.log('| ' + header.join(' | ') + ' |');
  console.log('|' + header.map(() => '---').join('|') + '|');
  for (const line of body) console.log('| ' + line.join(' | ') + ' |');
  for (const r of rows) if (r.run.stderr) console.log(`\n${r.name}: ${JSON.stringify(r.run.stderr.slice(0, 400))}`);
}

main().catch((e) => {
  console.error(`bench:cli: ${(e as Error).message}`);
  process.exitCode = 1;
});
