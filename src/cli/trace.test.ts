import { execFile } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_INPUT_LIMITS } from './inputLimits';

/**
 * The trace CLI as a child process (`tsx src/cli/trace.ts`). Each process costs ~0.3 s, so
 * all of them are run once, a few at a time, before the tests, which read their results.
 */

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'src', 'cli', 'trace.ts');
const fixtures = join(root, 'src', 'engine', '__fixtures__');
const text = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const v2 = (name: string) => JSON.parse(text(`${name}.request.json`));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(tsx, [cli, ...args], { cwd: root, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? ((err as NodeJS.ErrnoException & { code?: unknown }).code as unknown) : 0;
      resolve({ code: typeof code === 'number' ? code : child.exitCode, stdout, stderr });
    });
    // a refusal can come before all of stdin is written: the CLI stops reading, which is the point
    child.stdin!.on('error', () => {});
    child.stdin!.end(stdin ?? '');
  });
}

/** A valid request to edit: the gru cross_entropy reference case. */
const base = () => JSON.parse(text('sample-3-gru-cross_entropy.request.json'));

const scratch = mkdtempSync(join(tmpdir(), 'unroll-trace-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A file one byte over the CLI's cap, sparse: it takes no disk and is never read. */
function overTheCap(): string {
  const file = join(scratch, 'over-the-cap.json');
  const fd = openSync(file, 'w');
  ftruncateSync(fd, CLI_INPUT_LIMITS.maxBytes + 1);
  closeSync(fd);
  return file;
}

/** Key names that would act on a terminal if printed raw. */
const ESCAPE_KEY = '\u001b]0;pwned\u0007\u001b[2J\u001b[31mred';
const CR_KEY = 'ok\rFAKE: all good';
const HUGE_KEY = 'k'.repeat(1_000_000);

const jobs = {
  file: () => run([join(fixtures, 'sample-2-lstm-mse.request.json')]),
  stdin: () => run([], text('sample-4-lstm-cross_entropy.request.json')),
  exported: () => {
    // an exported trace file: the trace plus the request that produced it, read from stdin via '-'
    const trace = JSON.parse(text('sample-6-gru-mse.trace.json'));
    return run(['-'], JSON.stringify({ ...trace, request: JSON.parse(text('sample-6-gru-mse.request.json')) }));
  },
  badJson: () => run([], '{"cell": "rnn", "inputs": [[1, 2],'),
  unknownCell: () => run([], JSON.stringify({ ...base(), cell: 'transformer' })),
  shapes: () => {
    const r = base();
    r.inputs = r.inputs.map((row: number[]) => [...row, 0.5]);
    return run([], JSON.stringify(r));
  },
  // JSON.stringify cannot write 1e999, so edit the text: the first input becomes 1e999
  nonFinite: () => run([], text('sample-1-rnn-mse.request.json').replace(/("inputs"\s*:\s*\[\s*\[\s*)-?[0-9.eE+-]+/, '$11e999')),
  classRange: () => {
    const r = base();
    const O = r.state_dict['head.weight'].length;
    r.targets[1] = O;
    return run([], JSON.stringify(r));
  },
  missingFile: () => run([join(root, 'no-such-dir', 'request.json')]),
  // version 2: stacked and bidirectional networks
  v2File: () => run([join(fixtures, 'v2-sample-3-rnn-L2-bidir-last.request.json')]),
  v2Stdin: () => run([], text('v2-sample-4-gru-L3-trunc2.request.json')),
  v2MissingKey: () => {
    const r = v2('v2-sample-1-lstm-L2');
    delete r.state_dict.weight_hh_l1;
    return run([], JSON.stringify(r));
  },
  v2PartialReverse: () => {
    const r = v2('v2-sample-3-rnn-L2-bidir-last');
    for (const k of Object.keys(r.state_dict)) if (k.endsWith('_l1_reverse')) delete r.state_dict[k];
    return run([], JSON.stringify(r));
  },
  v2TruncationBidir: () => run([], JSON.stringify({ ...v2('v2-sample-2-gru-bidir'), truncation: 2 })),
  v2WrongWidth: () => {
    const r = v2('v2-sample-4-gru-L3-trunc2');
    r.state_dict.weight_ih_l1 = r.state_dict.weight_ih_l0;
    return run([], JSON.stringify(r));
  },
  v2H0Shape: () => {
    const r = v2('v2-sample-1-lstm-L2');
    r.h0 = r.h0[0];
    return run([], JSON.stringify(r));
  },
  empty: () => run([], ''),
  devZero: () => run(['/dev/zero']),
  overTheCap: () => run([overTheCap()]),
  // 200,001 empty rows: refused at row 100,001, before the rest is read
  emptyRows: () => run([], '{"cell": "rnn", "loss": "mse", "inputs": [' + '[], '.repeat(200_000) + '[]]}'),
  escapeInStateDictKey: () => {
    const r = base();
    r.state_dict[ESCAPE_KEY] = [[1]];
    return run([], JSON.stringify(r));
  },
  longStateDictKey: () => {
    const r = base();
    r.state_dict['model.' + 'x'.repeat(500) + '.weight_ih_l0'] = [[1]];
    return run([], JSON.stringify(r));
  },
  // refused while reading, at a place under a long key: the path quotes the key shortened
  longKeyInPath: () => {
    const r = base();
    r.state_dict['model.' + 'x'.repeat(500) + '.bias_ih_l0'] = new Array(100_001).fill(0);
    return run([], JSON.stringify(r));
  },
  unsafeKeys: () => run([], JSON.stringify({ ...base(), [ESCAPE_KEY]: 1, [CR_KEY]: 2, [HUGE_KEY]: 3 })),
  manyKeys: () => {
    const r = base();
    for (let k = 0; k < 10_000; k++) r[`unknown_${k}`] = k;
    return run([], JSON.stringify(r));
  },
};

const results: Partial<Record<keyof typeof jobs, Result>> = {};

/** Children at once: each is a Node start-up plus tsx, on 2 cores that other work uses too. */
const PARALLEL = 4;

beforeAll(async () => {
  const names = Object.keys(jobs) as (keyof typeof jobs)[];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      results[name] = await jobs[name]();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}, 240_000);

function compare(got: unknown, ref: unknown, path: string, worst: { err: number; path: string }): void {
  if (typeof ref === 'number') {
    expect(typeof got, path).toBe('number');
    const err = Math.abs((got as number) - ref) / Math.max(1, Math.abs(ref));
    if (!(err <= worst.err)) Object.assign(worst, { err: Number.isNaN(err) ? Infinity : err, path });
    return;
  }
  if (Array.isArray(ref)) {
    expect(Array.isArray(got), path).toBe(true);
    expect((got as unknown[]).length, path).toBe(ref.length);
    ref.forEach((r, k) => compare((got as unknown[])[k], r, `${path}[${k}]`, worst));
    return;
  }
  const g = got as Record<string, unknown>;
  const r = ref as Record<string, unknown>;
  expect(Object.keys(g).sort(), path).toEqual(Object.keys(r).sort());
  for (const k of Object.keys(r)) compare(g[k], r[k], `${path}.${k}`, worst);
}

function expectTrace(res: Result, fixture: string, quiet = true) {
  if (quiet) expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  expect(res.stdout.endsWith('\n')).toBe(true);
  const worst = { err: 0, path: '' };
  compare(JSON.parse(res.stdout), JSON.parse(text(fixture)), 'trace', worst);
  expect(worst.err, `worst at ${worst.path}`).toBeLessThanOrEqual(1e-9);
}

describe('trace CLI: valid requests', () => {
  it('a request file prints the reference trace (within 1e-9)', () => expectTrace(results.file!, 'sample-2-lstm-mse.trace.json'));
  it('a request on stdin works the same', () => expectTrace(results.stdin!, 'sample-4-lstm-cross_entropy.trace.json'));
  it("an exported trace (with its request) on stdin via '-' reproduces itself", () => expectTrace(results.exported!, 'sample-6-gru-mse.trace.json'));
  it('a version-2 request file (2 layers × 2 directions) prints the PyTorch reference trace', () => expectTrace(results.v2File!, 'v2-sample-3-rnn-L2-bidir-last.trace.json'));
  it('a version-2 request on stdin (3 layers, truncation 2) works the same', () => expectTrace(results.v2Stdin!, 'v2-sample-4-gru-L3-trunc2.trace.json'));
});

describe('trace CLI: refusals exit 2 with one line on stderr, no stack trace, nothing on stdout', () => {
  const refusals: [keyof typeof jobs, string, RegExp][] = [
    ['badJson', 'bad JSON', /not valid JSON/],
    ['unknownCell', 'unknown cell', /cell: expected one of "rnn", "lstm", "gru".*transformer/],
    ['shapes', 'inputs that disagree with weight_ih_l0', /inputs: expected rows of \d+ numbers \(weight_ih_l0 has \d+ columns\), got \d+/],
    ['nonFinite', 'a non-finite number (1e999)', /inputs\[0\]\[0\]: expected a finite number, got Infinity/],
    ['classRange', 'a class index out of range', /targets\[1\]: expected a class index from 0 to \d+, got the number \d+/],
    ['missingFile', 'a missing file', /cannot read .*request\.json: no such file/],
    ['v2MissingKey', 'v2: a missing layer key', /state_dict: missing 'weight_hh_l1' \(expected a matrix of shape \[12, 3\]\)/],
    ['v2PartialReverse', 'v2: _reverse on some layers only', /missing 'weight_ih_l1_reverse': a bidirectional network has _reverse keys on every layer/],
    ['v2TruncationBidir', 'v2: truncation with two directions', /truncation: a bidirectional network has no truncated form here.*got 2/],
    ['v2WrongWidth', 'v2: weight_ih_l1 of the wrong width', /state_dict\['weight_ih_l1'\]: expected shape \[\d+, \d+\] \(G·H × D·H/],
    ['v2H0Shape', 'v2: h0 of the wrong shape', /h0: expected a matrix of shape \[2, \d+\]/],
    ['empty', 'an empty input', /not valid JSON: the input is empty/],
    ['devZero', '/dev/zero (refused at its first byte)', /not valid JSON: unexpected '\\u0000', expected a value, at line 1, column 1$/],
    ['overTheCap', 'a file over the byte cap (refused from its size)', /the request is [\d,]+ bytes, over the limit of [\d,]+ bytes/],
    ['emptyRows', 'a list longer than any a request has', /^trace: inputs\[100001\]: a list of more than 100,000 entries.*\(at line 1, column \d+\)$/],
    ['escapeInStateDictKey', 'an ANSI escape in a state_dict key (escaped)', /state_dict key '\\u001b\]0;pwned\\u0007\\u001b\[2J\\u001b\[31mred' is not a parameter/],
    ['longKeyInPath', 'a refusal while reading, under a long key (shortened)', /^trace: state_dict\['model\.x{53}…'\]\[100001\]: a list of more than 100,000 entries/],
    ['longStateDictKey', 'a long state_dict key (shortened)', /state_dict: both 'weight_ih_l0' and 'model\.x{53}…' give weight_ih_l0; keep one/],
  ];
  for (const [job, what, pattern] of refusals) {
    it(what, () => {
      const r = results[job]!;
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      const lines = r.stderr.slice(0, -1).split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^trace: /);
      expect(lines[0]).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\bat .*[(:]\d+/); // no "at file:line" frames
      expect(r.stderr).not.toMatch(/Error:|\n\s+at /);
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/); // nothing a terminal acts on
    });
  }
});

describe('trace CLI: unknown keys give one warning line, escaped and shortened, and the trace still comes', () => {
  it('an ANSI escape, a carriage return and a 1 MB key', () => {
    const r = results.unsafeKeys!;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).steps.length).toBeGreaterThan(0);
    expect(r.stderr).toBe(
      `trace: warning: ignoring 3 unknown keys: '\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[31mred', 'ok\\u000dFAKE: all good', '${'k'.repeat(59)}…'\n`,
    );
  });

  it('10,000 unknown keys', () => {
    const r = results.manyKeys!;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("trace: warning: ignoring 10,000 unknown keys: 'unknown_0', 'unknown_1', 'unknown_2' and 9,997 more\n");
    expectTrace(r, 'sample-3-gru-cross_entropy.trace.json', false);
  });
});
