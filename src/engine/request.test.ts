import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import type { Limits } from './limits';
import { CELL_TYPES, type CellType, PARAM_KEYS } from './params';
import { parseRequest, unknownRequestKeys, writeRequest } from './request';
import { createRng } from './rng';
import { runSequence } from './sequence';
import { computeTrace, firstNonFinite, stepsV1 } from './trace';
import { randomParams, randomSequence, sameBits } from './testing/helpers';

const fixtures = join(import.meta.dirname, '__fixtures__');
const requestFiles = readdirSync(fixtures).filter((f) => f.endsWith('.request.json'));

const I = 3;
const H = 4;
const O = 3;

function request(cell: CellType = 'lstm', loss: 'mse' | 'cross_entropy' = 'mse'): Record<string, unknown> {
  const rng = createRng(4);
  const params = randomParams(rng, { cell, I, H, O });
  const seq = randomSequence(rng, { T: 5, I, H, O, loss, truncation: 2, withH0: true, withC0: cell === 'lstm' });
  return JSON.parse(JSON.stringify(writeRequest(params, seq)));
}

function refusal(raw: unknown, limits?: Limits): InputError {
  try {
    parseRequest(raw, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, but the request was accepted');
}

describe('parseRequest / writeRequest', () => {
  for (const file of requestFiles) {
    it(`${file}: write(parse(request)) is the same request, and parses to the same bits`, () => {
      const raw = JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
      const a = parseRequest(raw);
      const written = JSON.parse(JSON.stringify(writeRequest(a.params, a.seq)));
      const expected = { truncation: 0, ...raw };
      for (const k of Object.keys(expected)) if (expected[k] === null) delete expected[k];
      // "all" is the default and is not written back
      if (expected.loss_steps === 'all') delete expected.loss_steps;
      expect(written).toEqual(expected);
      const b = parseRequest(written);
      for (const { field } of PARAM_KEYS) expect(sameBits(b.params[field], a.params[field])).toBe(true);
      expect(sameBits(b.seq.inputs, a.seq.inputs)).toBe(true);
      expect(b.seq.truncation).toBe(a.seq.truncation);
      expect(b.seq.steps).toBe(a.seq.steps);
    });
  }

  it('fills the sequence: T, inputs, targets, h0, c0, truncation', () => {
    const raw = request('lstm', 'cross_entropy');
    const { params, seq } = parseRequest(raw);
    expect([params.cell, params.inputSize, params.hiddenSize, params.outputSize]).toEqual(['lstm', I, H, O]);
    expect(seq.steps).toBe(5);
    expect(seq.truncation).toBe(2);
    expect(seq.targets.kind).toBe('cross_entropy');
    if (seq.targets.kind === 'cross_entropy') expect(Array.from(seq.targets.classes)).toEqual(raw.targets);
    expect(Array.from(seq.h0!)).toEqual(raw.h0);
    expect(Array.from(seq.c0!)).toEqual(raw.c0);
    expect(Array.from(seq.inputs)).toEqual((raw.inputs as number[][]).flat());
  });

  it('absent or null h0, c0, truncation mean zeros and full BPTT', () => {
    const raw = request('lstm');
    for (const v of [undefined, null]) {
      const r = { ...raw, h0: v, c0: v, truncation: v };
      const { seq } = parseRequest(r);
      expect(seq.h0).toBeUndefined();
      expect(seq.c0).toBeUndefined();
      expect(seq.truncation).toBe(0);
    }
    // c0: null is also fine for the cells without a cell state
    expect(() => parseRequest({ ...request('gru'), c0: null })).not.toThrow();
  });

  it('prefixed state_dict keys are accepted; the trace grads never carry the prefix', () => {
    const raw = request('gru');
    const sd = raw.state_dict as Record<string, unknown>;
    const prefixed = Object.fromEntries(Object.entries(sd).map(([k, v]) => [k.startsWith('head') ? `net.${k}` : `gru.${k}`, v]));
    const trace = computeTrace(parseRequest({ ...raw, state_dict: prefixed }).params, parseRequest(raw).seq);
    expect(Object.keys(trace.grads)).toEqual(PARAM_KEYS.map((k) => k.key));
    expect(firstNonFinite(trace)).toBeNull();
  });

  it('loss_steps: "last" makes L the last step\'s term alone; "all" and absent are the mean, and are not written back', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const raw = request(cell);
      const all = parseRequest(raw);
      expect(all.seq.lossSteps).toBeUndefined();
      expect(parseRequest({ ...raw, loss_steps: 'all' }).seq.lossSteps).toBeUndefined();
      const last = parseRequest({ ...raw, loss_steps: 'last' });
      expect(last.seq.lossSteps).toBe('last');
      const run = runSequence(last.params, last.seq);
      expect(run.loss).toBe(run.ws.lossTerms[last.seq.steps - 1]);
      // no gradient reaches the outputs of the steps the loss does not count
      expect(Array.from(run.ws.dys.subarray(0, (last.seq.steps - 1) * O)).every((v) => v === 0)).toBe(true);
      expect(writeRequest(last.params, last.seq).loss_steps).toBe('last');
      expect('loss_steps' in writeRequest(all.params, all.seq)).toBe(false);
    }
  });

  it('reports unknown top-level keys (as warnings, not refusals)', () => {
    const raw = { ...request('rnn'), comment: 'hi', request: {} };
    expect(unknownRequestKeys(raw)).toEqual(['comment', 'request']);
    expect(() => parseRequest(raw)).not.toThrow();
    expect(unknownRequestKeys([1])).toEqual([]);
  });
});

describe('parseRequest refusals', () => {
  type Case = { what: string; raw: () => unknown; key?: string; mentions: string[]; limits?: Limits };
  const edit = (cell: CellType, f: (r: Record<string, unknown>) => void, loss: 'mse' | 'cross_entropy' = 'mse') => () => {
    const r = request(cell, loss);
    f(r);
    return r;
  };
  const cases: Case[] = [
    { what: 'not an object', raw: () => [1, 2], mentions: ['request: expected a JSON object'] },
    { what: 'unknown cell', raw: edit('lstm', (r) => (r.cell = 'transformer')), key: 'cell', mentions: ['cell', '"rnn", "lstm", "gru"', 'transformer'] },
    { what: 'missing cell', raw: edit('lstm', (r) => delete r.cell), key: 'cell', mentions: ['cell', 'undefined'] },
    { what: 'unknown loss', raw: edit('rnn', (r) => (r.loss = 'l1')), key: 'loss', mentions: ['loss', '"mse" or "cross_entropy"'] },
    { what: 'missing state_dict', raw: edit('rnn', (r) => delete r.state_dict), key: 'state_dict', mentions: ['state_dict: missing'] },
    {
      what: 'cell disagrees with the state_dict',
      raw: edit('lstm', (r) => (r.cell = 'rnn')),
      key: 'weight_hh_l0',
      mentions: ["'weight_hh_l0'", 'expected shape [4, 4]', 'got [16, 4]'],
    },
    { what: 'c0 for an rnn', raw: edit('rnn', (r) => (r.c0 = [0, 0, 0, 0])), key: 'c0', mentions: ['c0', 'only an lstm', 'rnn'] },
    { what: 'c0 for a gru', raw: edit('gru', (r) => (r.c0 = [0, 0, 0, 0])), key: 'c0', mentions: ['c0', 'only an lstm', 'gru'] },
    { what: 'c0 of the wrong length', raw: edit('lstm', (r) => (r.c0 = [0, 0])), key: 'c0', mentions: ['c0', 'expected 4 numbers', 'got 2'] },
    { what: 'h0 of the wrong length', raw: edit('gru', (r) => (r.h0 = [0, 0, 0, 0, 0])), key: 'h0', mentions: ['h0', 'expected 4 numbers', 'got 5'] },
    { what: 'h0 with a string', raw: edit('gru', (r) => (r.h0 = [0, 'x', 0, 0])), key: 'h0', mentions: ['h0[1]', 'finite number'] },
    { what: 'missing inputs', raw: edit('rnn', (r) => delete r.inputs), key: 'inputs', mentions: ['inputs: missing'] },
    { what: 'no timesteps', raw: edit('rnn', (r) => (r.inputs = [])), key: 'inputs', mentions: ['inputs', 'at least one timestep'] },
    {
      what: 'inputs of the wrong width',
      raw: edit('rnn', (r) => (r.inputs = (r.inputs as number[][]).map((row) => row.slice(1)))),
      key: 'inputs',
      mentions: ['inputs', 'rows of 3 numbers', 'got 2'],
    },
    { what: 'ragged inputs', raw: edit('rnn', (r) => (r.inputs as number[][])[3].push(1)), key: 'inputs', mentions: ['inputs[3]', 'expected 3 numbers like row 0'] },
    { what: 'non-finite input', raw: edit('lstm', (r) => ((r.inputs as number[][])[1][0] = JSON.parse('-1e999'))), key: 'inputs', mentions: ['inputs[1][0]', '-Infinity'] },
    { what: 'missing targets', raw: edit('rnn', (r) => delete r.targets), key: 'targets', mentions: ['targets: missing'] },
    { what: 'too few targets', raw: edit('rnn', (r) => (r.targets as unknown[]).pop()), key: 'targets', mentions: ['targets', 'expected 5 entries', 'got 4'] },
    {
      what: 'mse targets of the wrong width',
      raw: edit('gru', (r) => (r.targets = (r.targets as number[][]).map((row) => row.slice(1)))),
      key: 'targets',
      mentions: ['targets', 'rows of 3 numbers', 'got 2'],
    },
    {
      what: 'a class index out of range',
      raw: edit('gru', (r) => ((r.targets as number[])[2] = 3), 'cross_entropy'),
      key: 'targets',
      mentions: ['targets[2]', 'class index from 0 to 2', 'the number 3'],
    },
    { what: 'a negative class index', raw: edit('gru', (r) => ((r.targets as number[])[0] = -1), 'cross_entropy'), key: 'targets', mentions: ['targets[0]', 'the number -1'] },
    { what: 'a fractional class index', raw: edit('lstm', (r) => ((r.targets as number[])[4] = 1.5), 'cross_entropy'), key: 'targets', mentions: ['targets[4]', '1.5'] },
    { what: 'a class index as text', raw: edit('lstm', (r) => ((r.targets as unknown[])[1] = '1'), 'cross_entropy'), key: 'targets', mentions: ['targets[1]', '"1"'] },
    { what: 'unknown loss_steps', raw: edit('rnn', (r) => (r.loss_steps = 'first')), key: 'loss_steps', mentions: ['loss_steps', '"all" or "last"', 'first'] },
    { what: 'loss_steps as a number', raw: edit('gru', (r) => (r.loss_steps = 1)), key: 'loss_steps', mentions: ['loss_steps', 'the number 1'] },
    { what: 'negative truncation', raw: edit('rnn', (r) => (r.truncation = -2)), key: 'truncation', mentions: ['truncation', 'whole number ≥ 0', '-2'] },
    { what: 'fractional truncation', raw: edit('rnn', (r) => (r.truncation = 2.5)), key: 'truncation', mentions: ['truncation', '2.5'] },
    { what: 'truncation as text', raw: edit('rnn', (r) => (r.truncation = '3')), key: 'truncation', mentions: ['truncation', '"3"'] },
    {
      what: 'more steps than the limit (before the workspace exists)',
      raw: edit('rnn', () => {}),
      limits: { maxHidden: 64, maxInput: 64, maxOutput: 64, maxSteps: 4, maxWorkspaceEntries: 1e6 },
      key: 'inputs',
      mentions: ['inputs', '5 rows is over the limit of 4'],
    },
    {
      what: 'a workspace over the memory limit',
      raw: edit('lstm', () => {}),
      limits: { maxHidden: 64, maxInput: 64, maxOutput: 64, maxSteps: 100, maxWorkspaceEntries: 200 },
      mentions: ['working memory', 'over the limit of 200'],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const e = refusal(c.raw(), c.limits);
      if (c.key) expect(e.key ?? '', e.message).toContain(c.key);
      for (const m of c.mentions) expect(e.message, e.message).toContain(m);
      expect(e.message).not.toMatch(/\n/);
    });
  }

  it('every cell × loss request that is valid is accepted and traced with finite numbers only', () => {
    for (const cell of CELL_TYPES) {
      for (const loss of ['mse', 'cross_entropy'] as const) {
        const { params, seq } = parseRequest(request(cell, loss));
        const trace = computeTrace(params, seq);
        expect(trace.steps.length).toBe(5);
        expect(firstNonFinite(trace)).toBeNull();
        expect(Object.keys(stepsV1(trace)[0].gates)).toEqual({ rnn: [], lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] }[cell]);
        expect('c' in trace.steps[0]).toBe(cell === 'lstm');
        expect('dc' in trace.steps[0]).toBe(cell === 'lstm');
      }
    }
  });

  it('an overflowing computation is refused with the path of the first non-finite number', () => {
    const raw = request('rnn');
    (raw.targets as number[][])[0][0] = 1e200; // (y − 1e200)² overflows
    const { params, seq } = parseRequest(raw);
    let err: unknown;
    try {
      computeTrace(params, seq);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/overflowed: loss is not a finite number/);
  });
});

describe('version 2 requests: stacked and bidirectional networks', () => {
  function netRequest(cell: CellType, L: number, D: 1 | 2, truncation = 0): Record<string, unknown> {
    const rng = createRng(6);
    const params = randomParams(rng, { cell, I, H, O, L, D });
    const seq = randomSequence(rng, { T: 5, I, H, O, loss: 'mse', truncation, withH0: true, withC0: cell === 'lstm', stateRows: L * D });
    return JSON.parse(JSON.stringify(writeRequest(params, seq)));
  }

  it('h0 and c0 are (L·D) × H matrices, row l·D + d; written back the same way', () => {
    const raw = netRequest('lstm', 2, 2);
    expect((raw.h0 as number[][]).length).toBe(4);
    expect((raw.c0 as number[][])[3].length).toBe(H);
    const { params, seq } = parseRequest(raw);
    expect([params.numLayers, params.directions]).toEqual([2, 2]);
    expect(Array.from(seq.h0!)).toEqual((raw.h0 as number[][]).flat());
    expect(JSON.parse(JSON.stringify(writeRequest(params, seq)))).toEqual(raw);
    // the state rows really are per layer and direction: row 3 (layer 1, reverse) starts that recurrence
    const net = runSequence(params, seq).net;
    expect(Array.from(net.layers[3].hs.subarray(0, H))).toEqual((raw.h0 as number[][])[3]);
  });

  it('a one-layer bidirectional request traces in version 2, a one-layer one-direction one in version 1', () => {
    const v2 = parseRequest(netRequest('gru', 1, 2));
    const t2 = computeTrace(v2.params, v2.seq);
    expect(t2.steps[0]).toHaveProperty('layers');
    expect((t2.steps[0] as { layers: unknown[] }).layers.length).toBe(2);
    const v1 = parseRequest(netRequest('gru', 1, 1));
    expect(computeTrace(v1.params, v1.seq).steps[0]).toHaveProperty('h');
  });

  it('truncation applies to every layer of a one-direction network', () => {
    const { params, seq } = parseRequest(netRequest('rnn', 3, 1, 2));
    expect(seq.truncation).toBe(2);
    expect(firstNonFinite(computeTrace(params, seq))).toBeNull();
  });

  const cases: { what: string; raw: () => unknown; key: string; mentions: string[] }[] = [
    {
      what: 'truncation with two directions',
      raw: () => ({ ...netRequest('gru', 2, 2), truncation: 3 }),
      key: 'truncation',
      mentions: ['truncation', 'bidirectional', 'use 0', 'got 3'],
    },
    {
      what: 'h0 as one vector for a 2-layer network',
      raw: () => ({ ...netRequest('rnn', 2, 1), h0: [0, 0, 0, 0] }),
      key: 'h0',
      mentions: ['h0', 'expected a matrix of shape [2, 4]', 'L·D = 2·1'],
    },
    {
      what: 'h0 with a row too few',
      raw: () => {
        const r = netRequest('gru', 1, 2);
        (r.h0 as number[][]).pop();
        return r;
      },
      key: 'h0',
      mentions: ['h0', 'expected shape [2, 4]', 'got [1, 4]'],
    },
    {
      what: 'c0 rows of the wrong length',
      raw: () => {
        const r = netRequest('lstm', 2, 1);
        r.c0 = (r.c0 as number[][]).map((row) => row.slice(1));
        return r;
      },
      key: 'c0',
      mentions: ['c0', 'expected shape [2, 4]', 'got [2, 3]'],
    },
    {
      what: 'a missing layer key',
      raw: () => {
        const r = netRequest('lstm', 2, 1);
        delete (r.state_dict as Record<string, unknown>).bias_hh_l1;
        return r;
      },
      key: 'bias_hh_l1',
      mentions: ["missing 'bias_hh_l1'"],
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.what}`, () => {
      const e = refusal(c.raw());
      expect(e.key).toBe(c.key);
      for (const m of c.mentions) expect(e.message, e.message).toContain(m);
      expect(e.message).not.toMatch(/\n/);
    });
  }
});
