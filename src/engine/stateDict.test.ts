import { describe, expect, it } from 'vitest';
import { checkLimits, ENGINE_LIMITS, type Limits, UI_LIMITS, workspaceEntries } from './limits';
import { CELL_TYPES, type CellType, GATE_COUNT, PARAM_KEYS } from './params';
import { createRng } from './rng';
import { readStateDict, writeStateDict } from './stateDict';
import { createWorkspace } from './workspace';
import { randomParams, refusal, sameBits } from './testing/helpers';

const I = 3;
const H = 4;
const O = 2;

function dict(cell: CellType = 'lstm', seed = 1): Record<string, unknown> {
  return JSON.parse(JSON.stringify(writeStateDict(randomParams(createRng(seed), { cell, I, H, O }))));
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');


describe('writeStateDict → readStateDict', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}: round trip through JSON text, bit for bit`, () => {
      const p = randomParams(createRng(2), { cell, I, H, O });
      const json = writeStateDict(p);
      expect(Object.keys(json)).toEqual(PARAM_KEYS.map((k) => k.key));
      const G = GATE_COUNT[cell];
      expect((json.weight_ih_l0 as number[][]).length).toBe(G * H);
      expect((json.weight_ih_l0 as number[][])[0].length).toBe(I);
      expect((json.weight_hh_l0 as number[][])[0].length).toBe(H);
      expect((json['head.weight'] as number[][]).length).toBe(O);
      for (const c of [undefined, cell]) {
        const q = readStateDict(JSON.parse(JSON.stringify(json)), c);
        expect([q.cell, q.inputSize, q.hiddenSize, q.outputSize]).toEqual([cell, I, H, O]);
        for (const { field } of PARAM_KEYS) expect(sameBits(q[field], p[field]), field).toBe(true);
      }
    });
  }

  it('accepts module prefixes (lstm.weight_ih_l0, model.head.weight), mixed or not', () => {
    const plain = dict('lstm');
    const prefixed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(plain)) prefixed[k.startsWith('head.') ? `model.${k}` : `lstm.${k}`] = v;
    expect(Object.keys(prefixed)).toContain('lstm.weight_ih_l0');
    expect(Object.keys(prefixed)).toContain('model.head.weight');
    const a = readStateDict(plain);
    const b = readStateDict(prefixed);
    for (const { field } of PARAM_KEYS) expect(sameBits(a[field], b[field])).toBe(true);
    const mixed = { ...plain, 'rnn_layer.weight_hh_l0': plain.weight_hh_l0 };
    delete (mixed as Record<string, unknown>).weight_hh_l0;
    expect(readStateDict(mixed).hiddenSize).toBe(H);
  });

  it('infers the cell from weight_hh_l0 (H, 3·H or 4·H rows)', () => {
    for (const cell of CELL_TYPES) expect(readStateDict(dict(cell)).cell).toBe(cell);
  });
});

describe('readStateDict refusals name the key (and the expected shape)', () => {
  const cases: { what: string; edit: (d: Record<string, unknown>) => void; cell?: CellType; key: string; mentions: string[] }[] = [
    {
      what: 'weight_ih_l0 with a row too few',
      edit: (d) => (d.weight_ih_l0 = (d.weight_ih_l0 as number[][]).slice(1)),
      key: 'weight_ih_l0',
      mentions: ["'weight_ih_l0'", '[16, I]', 'got [15, 3]'],
    },
    {
      what: 'weight_hh_l0 whose rows are not 1, 3 or 4 times its columns',
      edit: (d) => (d.weight_hh_l0 = (d.weight_hh_l0 as number[][]).slice(2)),
      key: 'weight_hh_l0',
      mentions: ["'weight_hh_l0'", 'H, 3·H or 4·H rows', 'got [14, 4]'],
    },
    {
      what: 'an lstm state_dict read as gru',
      edit: () => {},
      cell: 'gru',
      key: 'weight_hh_l0',
      mentions: ["'weight_hh_l0'", 'expected shape [12, 4]', 'got [16, 4]'],
    },
    {
      what: 'bias_hh_l0 of the wrong length',
      edit: (d) => (d.bias_hh_l0 = (d.bias_hh_l0 as number[]).slice(0, 5)),
      key: 'bias_hh_l0',
      mentions: ["'bias_hh_l0'", 'expected 16 numbers', 'got 5'],
    },
    {
      what: 'head.weight with the wrong number of columns',
      edit: (d) => (d['head.weight'] = (d['head.weight'] as number[][]).map((r) => [...r, 0])),
      key: 'head.weight',
      mentions: ["'head.weight'", '[O, 4]', 'got [2, 5]'],
    },
    {
      what: 'head.bias of the wrong length',
      edit: (d) => (d['head.bias'] = [1, 2, 3]),
      key: 'head.bias',
      mentions: ["'head.bias'", 'expected 2 numbers', 'got 3'],
    },
    {
      what: 'a ragged matrix',
      edit: (d) => (d.weight_hh_l0 as number[][])[2].pop(),
      key: 'weight_hh_l0',
      mentions: ["'weight_hh_l0'][2]", 'expected 4 numbers like row 0, got 3'],
    },
    {
      what: 'NaN',
      edit: (d) => ((d.weight_ih_l0 as number[][])[1][2] = NaN),
      key: 'weight_ih_l0',
      mentions: ["'weight_ih_l0'][1][2]", 'finite number', 'NaN'],
    },
    {
      what: 'Infinity (1e999 in JSON text)',
      edit: (d) => ((d.bias_ih_l0 as number[])[0] = JSON.parse('1e999')),
      key: 'bias_ih_l0',
      mentions: ["'bias_ih_l0'][0]", 'finite number', 'Infinity'],
    },
    {
      what: 'a string for a number',
      edit: (d) => ((d['head.bias'] as unknown[])[1] = '0.5'),
      key: 'head.bias',
      mentions: ["'head.bias'][1]", 'finite number', '"0.5"'],
    },
    {
      what: 'a number for a matrix',
      edit: (d) => (d['head.weight'] = 3),
      key: 'head.weight',
      mentions: ["'head.weight'", 'list of rows', 'the number 3'],
    },
    {
      what: 'a second layer with one key only',
      edit: (d) => (d.weight_ih_l1 = d.weight_ih_l0),
      key: 'weight_hh_l1',
      mentions: ["missing 'weight_hh_l1'", 'shape [16, 4]'],
    },
    {
      what: 'a reverse direction with one key only (prefixed)',
      edit: (d) => (d['lstm.bias_hh_l0_reverse'] = d.bias_hh_l0),
      key: 'weight_hh_l0_reverse',
      mentions: ["missing 'weight_hh_l0_reverse'"],
    },
    {
      what: 'an unknown key',
      edit: (d) => (d['fc.weight'] = [[1]]),
      key: 'fc.weight',
      mentions: ["'fc.weight'", 'not a parameter', 'weight_ih_l0'],
    },
    {
      what: 'a duplicate (plain and prefixed)',
      edit: (d) => (d['lstm.weight_ih_l0'] = d.weight_ih_l0),
      key: 'lstm.weight_ih_l0',
      mentions: ["'weight_ih_l0'", "'lstm.weight_ih_l0'", 'keep one'],
    },
    {
      what: 'a duplicate head (two prefixes)',
      edit: (d) => {
        d['a.head.bias'] = d['head.bias'];
        d['b.head.bias'] = d['head.bias'];
        delete d['head.bias'];
      },
      key: 'b.head.bias',
      mentions: ["'a.head.bias'", "'b.head.bias'"],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const d = dict('lstm');
      c.edit(d);
      const e = refusal(() => readStateDict(d, c.cell));
      // InputError.key is either the bare key or the reader's path to it (state_dict['…'])
      expect(e.key).toMatch(new RegExp(`^(${esc(c.key)}|state_dict\\['${esc(c.key)}'\\])$`));
      for (const m of c.mentions) expect(e.message, e.message).toContain(m);
    });
  }

  for (const { key } of PARAM_KEYS) {
    it(`missing ${key}`, () => {
      for (const cell of CELL_TYPES) {
        const d = dict(cell);
        delete d[key];
        const e = refusal(() => readStateDict(d));
        expect(e.key).toBe(key);
        expect(e.message).toContain(`missing '${key}'`);
        expect(e.message).toMatch(/expected/);
      }
    });
  }

  it('not an object', () => {
    for (const raw of [null, [1, 2], 'weights', 3]) {
      const e = refusal(() => readStateDict(raw));
      expect(e.message).toMatch(/^state_dict: expected an object/);
    }
  });

  it('an empty weight_hh_l0', () => {
    const d = dict('rnn');
    d.weight_hh_l0 = [];
    expect(refusal(() => readStateDict(d)).key).toBe('weight_hh_l0');
  });

  it('sizes over the limits are refused while reading, before the data is copied', () => {
    const small: Limits = { maxHidden: 3, maxInput: 2, maxOutput: 1, maxSteps: 10, maxWorkspaceEntries: 1e6 };
    for (const cell of CELL_TYPES) {
      const e = refusal(() => readStateDict(dict(cell), undefined, small));
      expect(e.message).toMatch(/over the limit of/);
    }
    // the row count is checked before a single row is read: a sparse list of 2^31 rows is refused at once
    const d = dict('rnn');
    d.weight_hh_l0 = new Array(2 ** 31 - 1);
    const e = refusal(() => readStateDict(d));
    expect(e.message).toContain(`over the limit of ${4 * ENGINE_LIMITS.maxHidden}`);
  });
});

describe('limits', () => {
  it('checkLimits names the limit that is exceeded and needs no allocation to do so', () => {
    const s = (cell: CellType, inputSize: number, hiddenSize: number, outputSize: number) => ({ cell, inputSize, hiddenSize, outputSize });
    expect(checkLimits(s('lstm', 3, 4, 2), 10)).toBeNull();
    expect(checkLimits(s('lstm', 3, 1e9, 2), 10)).toContain('hidden size 1000000000 is over the limit of 1024');
    expect(checkLimits(s('gru', 1e7, 4, 2), 10)).toContain('input size');
    expect(checkLimits(s('rnn', 3, 4, 1e7), 10)).toContain('output size');
    expect(checkLimits(s('rnn', 3, 4, 2), 1e12)).toContain('sequence length');
    // each size within its limit, the product over the memory limit (a workspace that would be ~8 GB)
    expect(checkLimits(s('lstm', 4096, 1024, 4096), 100_000)).toMatch(/working memory/);
    expect(checkLimits(s('lstm', 8, 64, 8), 3000, UI_LIMITS)).toContain('over the limit of 2000');
  });

  it('workspaceEntries bounds what createWorkspace really allocates', () => {
    for (const cell of CELL_TYPES) {
      for (const [i, h, o, t] of [
        [1, 1, 1, 1],
        [3, 4, 2, 7],
        [10, 2, 30, 5],
        [2, 9, 3, 40],
      ]) {
        const shape = { cell, inputSize: i, hiddenSize: h, outputSize: o };
        const ws = createWorkspace(shape, t);
        let allocated = 0;
        const seen = new Set<Float64Array>();
        for (const v of Object.values(ws)) if (v instanceof Float64Array && !seen.has(v)) (seen.add(v), (allocated += v.length));
        expect(workspaceEntries(shape, t), `${cell} ${i} ${h} ${o} ${t}`).toBeGreaterThanOrEqual(allocated);
        // and it is a bound, not a wild overestimate
        expect(workspaceEntries(shape, t)).toBeLessThan(2 * allocated + 100);
      }
    }
  });
});
