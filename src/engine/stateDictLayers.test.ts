/** State dicts of stacked and two-way networks, their limits, and the module prefixes they keep. */
import { describe, expect, it } from 'vitest';
import { checkLimits, ENGINE_LIMITS, type Limits, UI_LIMITS, workspaceEntries } from './limits';
import { CELL_TYPES, type CellType, fields, GATE_COUNT } from './params';
import { createNetwork } from './network';
import { createRng } from './rng';
import { keyPrefixes, readStateDict, writeStateDict } from './stateDict';
import { randomParams, refusal, sameBits } from './testing/helpers';

const I = 3;
const H = 4;
const O = 2;


describe('stacked and bidirectional state_dicts', () => {
  const netDict = (cell: CellType, L: number, D: 1 | 2, seed = 3) =>
    JSON.parse(JSON.stringify(writeStateDict(randomParams(createRng(seed), { cell, I, H, O, L, D })))) as Record<string, unknown>;

  it('writes PyTorch state_dict order: l0, l0_reverse, l1, l1_reverse, …, head', () => {
    expect(Object.keys(netDict('gru', 2, 2))).toEqual([
      'weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0',
      'weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse',
      'weight_ih_l1', 'weight_hh_l1', 'bias_ih_l1', 'bias_hh_l1',
      'weight_ih_l1_reverse', 'weight_hh_l1_reverse', 'bias_ih_l1_reverse', 'bias_hh_l1_reverse',
      'head.weight', 'head.bias',
    ]);
  });

  for (const cell of CELL_TYPES) {
    for (const [L, D] of [[2, 1], [3, 2], [1, 2], [4, 1]] as const) {
      it(`${cell} L=${L} D=${D}: round trip bit for bit, with any module prefix; shapes as PyTorch's`, () => {
        const p = randomParams(createRng(4), { cell, I, H, O, L, D });
        const json = writeStateDict(p);
        const G = GATE_COUNT[cell];
        if (L > 1) expect([(json.weight_ih_l1 as number[][]).length, (json.weight_ih_l1 as number[][])[0].length]).toEqual([G * H, D * H]);
        expect((json['head.weight'] as number[][])[0].length).toBe(D * H);
        const prefixed = Object.fromEntries(Object.entries(json).map(([k, v]) => [k.startsWith('head') ? `model.${k}` : `model.rnn.${k}`, v]));
        for (const raw of [json, prefixed]) {
          const q = readStateDict(JSON.parse(JSON.stringify(raw)));
          expect([q.cell, q.inputSize, q.hiddenSize, q.outputSize, q.numLayers, q.directions]).toEqual([cell, I, H, O, L, D]);
          fields(q).forEach((a, f) => expect(sameBits(a, fields(p)[f])).toBe(true));
          expect(q.wIh).toBe(q.layers[0].wIh);
        }
      });
    }
  }

  const refusals: { what: string; make: () => Record<string, unknown>; key: string; mentions: string[]; limits?: Limits }[] = [
    {
      what: 'a gap in the layers (l0 and l2)',
      make: () => {
        const d = netDict('lstm', 3, 1);
        for (const k of Object.keys(d)) if (k.endsWith('_l1')) delete d[k];
        return d;
      },
      key: 'weight_ih_l1',
      mentions: ["missing 'weight_ih_l1'", 'without a gap', 'layer 2 is given'],
    },
    {
      what: '_reverse on some layers only',
      make: () => {
        const d = netDict('gru', 2, 2);
        for (const k of Object.keys(d)) if (k.endsWith('_l1_reverse')) delete d[k];
        return d;
      },
      key: 'weight_ih_l1_reverse',
      mentions: ["missing 'weight_ih_l1_reverse'", '_reverse keys on every layer', "'weight_ih_l0_reverse' is given"],
    },
    {
      what: 'a reverse direction without its forward one',
      make: () => {
        const d = netDict('rnn', 2, 2);
        for (const k of Object.keys(d)) if (/_l1$/.test(k)) delete d[k];
        return d;
      },
      key: 'weight_ih_l1',
      mentions: ["missing 'weight_ih_l1'", 'no forward direction'],
    },
    {
      what: 'weight_hh_l1 missing while weight_ih_l1 exists',
      make: () => {
        const d = netDict('lstm', 2, 1);
        delete d.weight_hh_l1;
        return d;
      },
      key: 'weight_hh_l1',
      mentions: ["missing 'weight_hh_l1'", 'shape [16, 4]'],
    },
    {
      what: 'weight_ih_l1 as wide as I instead of D·H',
      make: () => {
        const d = netDict('gru', 2, 2);
        d.weight_ih_l1 = d.weight_ih_l0;
        return d;
      },
      key: 'weight_ih_l1',
      mentions: ["'weight_ih_l1'", 'expected shape [12, 8]', 'G·H × D·H', 'got [12, 3]'],
    },
    {
      what: 'weight_ih_l0_reverse with another input size',
      make: () => {
        const d = netDict('rnn', 1, 2);
        d.weight_ih_l0_reverse = (d.weight_ih_l0_reverse as number[][]).map((r) => r.slice(1));
        return d;
      },
      key: 'weight_ih_l0_reverse',
      mentions: ["'weight_ih_l0_reverse'", 'expected shape [4, 3]', 'got [4, 2]'],
    },
    {
      what: 'head.weight reading H numbers of a bidirectional network',
      make: () => {
        const d = netDict('lstm', 1, 2);
        d['head.weight'] = (d['head.weight'] as number[][]).map((r) => r.slice(0, H));
        return d;
      },
      key: 'head.weight',
      mentions: ["'head.weight'", '[O, 8]', 'both directions', 'got [2, 4]'],
    },
    {
      what: 'weight_hh_l1 of another hidden size',
      make: () => {
        const d = netDict('rnn', 2, 1);
        d.weight_hh_l1 = [[1, 2], [3, 4]];
        return d;
      },
      key: 'weight_hh_l1',
      mentions: ["'weight_hh_l1'", 'expected shape [4, 4]', 'got [2, 2]'],
    },
    {
      what: 'more layers than the limit',
      make: () => netDict('rnn', 3, 1),
      limits: { maxHidden: 64, maxInput: 64, maxOutput: 64, maxSteps: 10, maxLayers: 2, maxWorkspaceEntries: 1e6 },
      key: 'weight_ih_l2',
      mentions: ['3 layers is over the limit of 2'],
    },
    {
      what: 'a layer number with a leading zero',
      make: () => ({ ...netDict('rnn', 1, 1), weight_ih_l01: [[1]] }),
      key: 'weight_ih_l01',
      mentions: ["'weight_ih_l01' is not a parameter"],
    },
  ];
  for (const c of refusals) {
    it(`refuses ${c.what}`, () => {
      const e = refusal(() => readStateDict(c.make(), undefined, c.limits));
      expect(e.key).toBe(c.key);
      for (const m of c.mentions) expect(e.message, e.message).toContain(m);
      expect(e.message).not.toMatch(/\n/);
    });
  }
});

describe('limits of networks', () => {
  it('workspaceEntries bounds what createNetwork really allocates, for every L and D', () => {
    for (const cell of CELL_TYPES) {
      for (const [i, h, o, t] of [
        [1, 1, 1, 1],
        [3, 4, 2, 7],
        [10, 2, 30, 5],
      ]) {
        for (const [L, D] of [[1, 1], [2, 1], [3, 2], [1, 2], [4, 1]] as const) {
          const shape = { cell, inputSize: i, hiddenSize: h, outputSize: o, numLayers: L, directions: D };
          const net = createNetwork(shape, t);
          const seen = new Set<ArrayBufferLike>();
          let allocated = 0;
          const count = (v: unknown) => {
            if (v instanceof Float64Array && !seen.has(v.buffer)) (seen.add(v.buffer), (allocated += v.buffer.byteLength / 8));
          };
          for (const ws of net.layers) for (const v of Object.values(ws)) count(v);
          for (const v of Object.values(net)) (Array.isArray(v) ? v.forEach(count) : count(v));
          const bound = workspaceEntries(shape, t);
          expect(bound, `${cell} L=${L} D=${D}`).toBeGreaterThanOrEqual(allocated);
          expect(bound).toBeLessThan(2 * allocated + 100);
        }
      }
    }
  });

  it('checkLimits refuses too many layers: 4 in the app, 8 in the engine', () => {
    const s = (numLayers: number) => ({ cell: 'gru' as const, inputSize: 3, hiddenSize: 4, outputSize: 2, numLayers });
    expect(UI_LIMITS.maxLayers).toBe(4);
    expect(ENGINE_LIMITS.maxLayers).toBe(8);
    expect(checkLimits(s(4), 10, UI_LIMITS)).toBeNull();
    expect(checkLimits(s(5), 10, UI_LIMITS)).toContain('5 layers is over the limit of 4');
    expect(checkLimits(s(8), 10)).toBeNull();
    expect(checkLimits(s(9), 10)).toContain('9 layers is over the limit of 8');
  });
});

describe('module prefixes go back out as they came in', () => {
  it('reads the prefixes of a model’s keys, and a file written with them reads back the same bits', () => {
    const p = randomParams(createRng(4), { cell: 'gru', I: 2, H: 3, O: 1, L: 2, D: 2 });
    const prefixes = { recurrent: 'encoder.gru.', head: 'encoder.' };
    const dict = writeStateDict(p, prefixes);
    expect(Object.keys(dict)).toContain('encoder.gru.weight_hh_l1_reverse');
    expect(Object.keys(dict)).toContain('encoder.head.weight');
    expect(keyPrefixes(dict)).toEqual(prefixes);
    const back = fields(readStateDict(JSON.parse(JSON.stringify(dict))));
    fields(p).forEach((a, k) => expect(sameBits(back[k], a)).toBe(true));
    expect(keyPrefixes(writeStateDict(p))).toEqual({ recurrent: '', head: '' });
    expect(keyPrefixes({ 'lstm.weight_ih_l0': [[1]], 'head.bias': [0] })).toEqual({ recurrent: 'lstm.', head: '' });
  });
});
