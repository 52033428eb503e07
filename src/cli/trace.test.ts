import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The trace CLI as a child process (`tsx src/cli/trace.ts`). Each process costs ~0.3 s, so
 * they are all run once, four at a time, and the tests read their results.
 */

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'src', 'cli', 'trace.ts');
const fixtures = join(root, 'src', 'engine', '__fixtures__');
const text = (name: string) => readFileSync(join(fixtures, name), 'utf8');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], stdin?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(tsx, [cli, ...args], { cwd: root, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as NodeJS.ErrnoException & { code?: unknown }).code as unknown) : 0;
      resolve({ code: typeof code === 'number' ? code : child.exitCode, stdout, stderr });
    });
    child.stdin!.end(stdin ?? '');
  });
}

/** A valid request to edit: the gru cross_entropy reference case. */
const base = () => JSON.parse(text('sample-3-gru-cross_entropy.request.json'));

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
};

function v2(name: string) {
  return JSON.parse(text(`${name}.request.json`));
}

const results: Partial<Record<keyof typeof jobs, Result>> = {};

beforeAll(async () => {
  // At most four at a time: all of them at once on a small shared machine ran past the 20 s timeout.
  const names = Object.keys(jobs) as (keyof typeof jobs)[];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const n = names[next++];
      results[n] = await jobs[n]();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}, 120_000);

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

function expectTrace(res: Result, fixture: string) {
  expect(res.stderr).toBe('');
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
  it('a version-2 request file (2 layers × 2 directions) prints the PyTorch reference trace', () =>
    expectTrace(results.v2File!, 'v2-sample-3-rnn-L2-bidir-last.trace.json'));
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
    });
  }
});
