import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_LIMITS } from '../engine/limits';
import { parseRequest } from '../engine/request';
import { inputLimitsFor, type InputLimits } from './inputLimits';
import { JsonStreamReader } from './jsonReader';
import { RequestTreeBuilder, type RequestTree } from './requestTree';

const LIMITS = inputLimitsFor(ENGINE_LIMITS);
const fixtures = join(import.meta.dirname, '..', 'engine', '__fixtures__');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

function build(text: string, limits: InputLimits = LIMITS, chunk = 5): RequestTree {
  return builder(text, limits, chunk).result();
}

function builder(text: string, limits: InputLimits = LIMITS, chunk = 5): RequestTreeBuilder {
  const tree = new RequestTreeBuilder(limits);
  const reader = new JsonStreamReader(tree, limits);
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
  reader.end();
  return tree;
}

describe('RequestTreeBuilder: what JSON.parse gives, less what a request cannot use', () => {
  it('a request is kept whole, and parses to the same parameters', () => {
    for (const name of ['sample-2-lstm-mse.request.json', 'sample-3-gru-cross_entropy.request.json']) {
      const text = fixture(name);
      const tree = build(text);
      expect(tree.value).toEqual(JSON.parse(text));
      expect(parseRequest(tree.value)).toEqual(parseRequest(JSON.parse(text)));
      expect(tree.topUnknown.count).toBe(0);
    }
  });

  it('unknown keys: their values are skipped, their names counted once each, the first three kept in order', () => {
    const base = JSON.parse(fixture('sample-1-rnn-mse.request.json'));
    const text = JSON.stringify({ zeta: [1, 2, 3], ...base, alpha: { deep: [[1]] }, beta: 'x' }).replace(/}$/, ', "zeta": 5, "gamma": null}');
    const tree = build(text);
    expect(Object.keys(tree.value as object).sort()).toEqual(Object.keys(base).sort());
    expect(tree.topUnknown).toEqual({ count: 4, first: ['zeta', 'alpha', 'beta'] });
  });

  it('an exported trace keeps only its request, whose unknown keys are counted apart', () => {
    const trace = JSON.parse(fixture('sample-6-gru-mse.trace.json'));
    const request = JSON.parse(fixture('sample-6-gru-mse.request.json'));
    const tree = build(JSON.stringify({ ...trace, request: { ...request, note: 'hi' } }));
    const value = tree.value as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(['loss', 'request']); // steps and grads skipped; loss is a request key
    expect(value.request).toEqual(request);
    expect(tree.topUnknown).toEqual({ count: 3, first: ['steps', 'grads', 'request'] });
    expect(tree.requestUnknown).toEqual({ count: 1, first: ['note'] });
  });

  it('a list keeps entries up to its first odd one, and its true length', () => {
    const tree = build('{"inputs": [[1, 2, null, 4, 5], [1, [2]], 7, [8]], "h0": ["a", 1, 2], "c0": [true, false]}');
    const v = tree.value as Record<string, unknown[]>;
    expect(v.inputs).toHaveLength(4);
    expect(v.inputs[0]).toHaveLength(5);
    expect((v.inputs[0] as unknown[]).slice(0, 3)).toEqual([1, 2, null]);
    expect(3 in (v.inputs[0] as unknown[])).toBe(false); // a hole: never read, never held
    expect(v.inputs[1]).toEqual([1, [2]]);
    expect(v.inputs[2]).toBe(7);
    expect(3 in v.inputs).toBe(false);
    expect(v.h0).toHaveLength(3);
    expect(v.h0[0]).toBe('a');
    expect(v.c0).toHaveLength(2);
    // the engine's message is the one JSON.parse's tree gives
    const full = JSON.parse('{"cell": "rnn", "loss": "mse", "state_dict": {}, "inputs": [[1, 2, null, 4]]}');
    const kept = build(JSON.stringify(full)).value;
    expect(() => parseRequest(kept)).toThrow(/state_dict/);
  });

  it('"__proto__" is an own key, as JSON.parse makes it, not the prototype', () => {
    const tree = build('{"state_dict": {"__proto__": {"polluted": 1}}}');
    const sd = (tree.value as Record<string, object>).state_dict;
    expect(Object.keys(sd)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(sd)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keys longer than a printed key are listed, for shortening them in messages', () => {
    const long = 'model.' + 'x'.repeat(100) + '.weight_ih_l0';
    expect(builder(`{"state_dict": {"${long}": [[1]], "short": 1}}`).longKeysSoFar()).toEqual([long]);
  });

  it('an unknown key too long to keep is counted and shown by its start; a kept one is refused', () => {
    const huge = 'k'.repeat(LIMITS.maxTextBytes + 10);
    const tree = build(`{"${huge}": 1, "${huge}": 2}`);
    expect(tree.topUnknown.count).toBe(2);
    expect(tree.topUnknown.first[0].startsWith('kkkk')).toBe(true);
    expect(() => build(`{"state_dict": {"${huge}": 1}}`)).toThrow(/^state_dict: a key of more than 4,096 bytes.*\(at line 1, column \d+\)$/);
    expect(() => build(`{"cell": "${huge}"}`)).toThrow(/^cell: a text of more than 4,096 bytes/);
  });
});

describe('RequestTreeBuilder: refuses, where it happens, as soon as a count passes its limit', () => {
  const small: InputLimits = { ...LIMITS, maxNumbers: 10, maxContainers: 6, maxKeys: 4, maxTextBytesTotal: 40, maxListLength: 8 };

  it('numbers', () => {
    expect(() => build('{"inputs": [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]}', small)).toThrow(
      /^inputs\[3\]\[1\]: more than 10 numbers, more than a request within the limits has \(at line 1, column 51\)$/,
    );
  });

  it('lists and objects', () => {
    expect(() => build('{"inputs": [[], [], [], [], [], [], []]}', small)).toThrow(/^inputs\[4\]: more than 6 lists and objects/);
  });

  it('keys, and text bytes', () => {
    expect(() => build('{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}', small)).toThrow(/^more than 4 keys/);
    expect(() => build(`{"cell": "${'x'.repeat(50)}"}`, small)).toThrow(/^cell: more than 40 bytes of keys and texts/);
  });

  it('a list too long, counting the entries it skips', () => {
    expect(() => build(`{"inputs": [1, null${', 0'.repeat(20)}]}`, small)).toThrow(/^inputs\[1\]: a list of more than 8 entries/);
  });

  it('nothing is counted for the values of unknown keys', () => {
    const tree = build(`{"junk": [${'[1, 2], '.repeat(100)}{"a": "${'x'.repeat(100)}"}], "cell": "rnn"}`, small);
    expect(tree.value).toEqual({ cell: 'rnn' });
  });
});

describe('the input limits', () => {
  it('hold the largest request the engine limits accept (rnn, H = 1, I = 4096, O = 1, 8173 steps)', async () => {
    const { workspaceEntries } = await import('../engine/limits');
    const shape = { cell: 'rnn' as const, inputSize: 4096, hiddenSize: 1, outputSize: 1 };
    expect(workspaceEntries(shape, 8173)).toBeLessThanOrEqual(ENGINE_LIMITS.maxWorkspaceEntries);
    expect(workspaceEntries(shape, 8174)).toBeGreaterThan(ENGINE_LIMITS.maxWorkspaceEntries);
    const numbers = 8173 * (4096 + 1) + 4096 + 1 + 2 + 1 + 1 + 2; // inputs, targets, weights, biases, head, h0, c0 … (rnn: no c0)
    expect(numbers).toBeLessThanOrEqual(LIMITS.maxNumbers);
    expect(numbers * 24).toBeLessThanOrEqual(LIMITS.maxBytes); // every number 24 characters long
  });

  it('bound the numbers of every shape within the engine limits (a search over sizes)', async () => {
    const { workspaceEntries, checkLimits } = await import('../engine/limits');
    let most = 0;
    const sizes = [1, 2, 16, 64, 256, 1024, 4096];
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const G = { rnn: 1, lstm: 4, gru: 3 }[cell];
      for (const H of sizes.filter((s) => s <= ENGINE_LIMITS.maxHidden))
        for (const I of sizes)
          for (const O of sizes) {
            const shape = { cell, inputSize: I, hiddenSize: H, outputSize: O };
            const perStep = workspaceEntries(shape, 2) - workspaceEntries(shape, 1);
            const fixed = workspaceEntries(shape, 1) - perStep;
            const T = Math.min(ENGINE_LIMITS.maxSteps, Math.floor((ENGINE_LIMITS.maxWorkspaceEntries - fixed) / perStep));
            if (T < 1 || checkLimits(shape, T) !== null) continue;
            const numbers = T * (I + O) + G * H * (I + H + 2) + O * (H + 1) + 2 * H;
            most = Math.max(most, numbers);
          }
    }
    expect(most).toBeLessThanOrEqual(LIMITS.maxNumbers);
  });
});
