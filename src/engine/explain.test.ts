import { describe, expect, it } from 'vitest';
import { explainQuantity, type Explanation, type PassView, type QuantityRef } from './explain';
import { LOSS_KINDS, type LossKind } from './loss';
import { CELL_TYPES, type CellType, type Directions, GATE_COUNT, LAYER_FIELDS } from './params';
import { createRng } from './rng';
import { StepSession } from './session';
import { randomParams, randomSequence } from './testing/helpers';

/**
 * "How this number is made" must be honest: the terms it shows make the value shown (within 1e-12
 * relative), for every kind of quantity, every cell, with and without truncation, stacked and
 * two-way; and an operand that can be opened is the very value its own explanation starts from.
 */

const I = 3;
const H = 4;
const O = 3;
const T = 7;

function passOf(cell: CellType, loss: LossKind, truncation: number, L: number, D: Directions, seed: number): PassView {
  const rng = createRng(seed);
  const params = randomParams(rng, { cell, I, H, O, L, D }, 0.8);
  const seq = randomSequence(rng, { T, I, H, O, loss, truncation, withH0: true, withC0: cell === 'lstm', stateRows: L * D });
  if (seed % 2 === 0) seq.lossSteps = 'last';
  const s = new StepSession(params, seq);
  return { params: s.params, net: s.net, truncation, grads: s.grads };
}

/** Every quantity of a pass that can be explained. */
function everyRef(pass: PassView): QuantityRef[] {
  const { net } = pass;
  const cell = net.shape.cell;
  const G = GATE_COUNT[cell];
  const refs: QuantityRef[] = [];
  for (let t = 0; t < T; t++) {
    refs.push({ kind: 'loss', t });
    for (let o = 0; o < O; o++) refs.push({ kind: 'y', t, unit: o }, { kind: 'dy', t, unit: o });
    for (let layer = 0; layer < net.numLayers; layer++) {
      for (let direction = 0; direction < net.directions; direction++) {
        const w = { layer, direction, t };
        refs.push({ kind: 'norm', ...w });
        for (let unit = 0; unit < H; unit++) {
          for (const kind of ['h', 'dh', 'dhAbove', 'dhSent'] as const) refs.push({ kind, ...w, unit });
          if (cell === 'lstm') refs.push({ kind: 'c', ...w, unit }, { kind: 'dc', ...w, unit });
          for (let gate = 0; gate < G; gate++) {
            for (const kind of ['gi', 'gh', 'dgi', 'dgh'] as const) refs.push({ kind, ...w, gate, unit });
            if (cell !== 'rnn') refs.push({ kind: 'gate', ...w, gate, unit });
          }
        }
      }
    }
  }
  net.layers.forEach((ws, i) => {
    const layer = Math.floor(i / net.directions);
    const direction = i % net.directions;
    for (const field of LAYER_FIELDS) {
      const n = pass.grads.layers[i][field].length;
      for (let index = 0; index < n; index += 1 + (index % 3)) refs.push({ kind: 'wgrad', field, layer, direction, index });
    }
    void ws;
  });
  for (const field of ['headW', 'headB'] as const) for (let index = 0; index < pass.grads[field].length; index++) refs.push({ kind: 'wgrad', field, layer: 0, direction: 0, index });
  return refs;
}

function relErr(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

function check(pass: PassView): { count: number; worst: number; kinds: Set<string> } {
  let worst = 0;
  const kinds = new Set<string>();
  const refs = everyRef(pass);
  for (const ref of refs) {
    const e: Explanation = explainQuantity(pass, ref);
    kinds.add(ref.kind);
    const err = relErr(e.composed, e.value);
    worst = Math.max(worst, err);
    expect(err, `${JSON.stringify(ref)} ${e.form}: ${e.composed} vs ${e.value}`).toBeLessThanOrEqual(1e-12);
    let total = 0;
    for (const a of e.addends) {
      total += a.value;
      if (a.op === 'product') expect(a.value).toBe(a.parts.reduce((p, x, i) => (i === 0 ? x.value : p * x.value), 0));
    }
    // the addends' sum (a two-way layer above adds its directions' sums: the same terms, grouped)
    if (e.form !== 'sum.dhAbove.layer' || pass.net.directions === 1) expect(e.total).toBe(total);
    else expect(relErr(e.total, total)).toBeLessThanOrEqual(1e-12);
    // one level down: what each openable term says it is, its own explanation starts from
    for (const op of [...e.operands, ...e.addends.flatMap((a) => a.parts)]) {
      if (!op.ref || op.sym === 'tanhC') continue;
      expect(explainQuantity(pass, op.ref).value, `${JSON.stringify(ref)} → ${JSON.stringify(op.ref)}`).toBe(op.value);
    }
  }
  return { count: refs.length, worst, kinds };
}

describe('every explanation composes to its value within 1e-12 relative', () => {
  for (const cell of CELL_TYPES) {
    for (const loss of LOSS_KINDS) {
      for (const k of [0, 3]) {
        it(`${cell} ${loss} truncation ${k}, one layer`, () => {
          const { kinds } = check(passOf(cell, loss, k, 1, 1, 11 + k));
          expect(kinds.size).toBe(cell === 'rnn' ? 13 : cell === 'gru' ? 14 : 16);
        });
      }
      it(`${cell} ${loss} two layers, truncation 2`, () => void check(passOf(cell, loss, 2, 2, 1, 21)));
      it(`${cell} ${loss} two layers, two directions`, () => void check(passOf(cell, loss, 0, 2, 2, 32)));
    }
  }
});

describe('explanations say what stops a gradient', () => {
  it('dL/dh_t at the last step and at a cut has the part from above only', () => {
    const pass = passOf('lstm', 'mse', 3, 1, 1, 5);
    const w = { layer: 0, direction: 0, unit: 1 };
    const last = explainQuantity(pass, { kind: 'dh', ...w, t: T - 1 });
    expect(last.note).toBe('last');
    expect(last.operands.map((o) => o.sym)).toEqual(['dhAbove']);
    const cut = explainQuantity(pass, { kind: 'dh', ...w, t: 2 });
    expect(cut.note).toBe('cut');
    const carried = explainQuantity(pass, { kind: 'dh', ...w, t: 3 });
    expect(carried.note).toBe(null);
    expect(carried.operands.map((o) => o.sym)).toEqual(['dhAbove', 'dhSent']);
    expect(explainQuantity(pass, { kind: 'dc', ...w, t: 2 }).form).toBe('dc.cut');
  });

  it('a weight-gradient entry is the sum of one contribution per timestep', () => {
    const pass = passOf('gru', 'cross_entropy', 0, 1, 2, 9);
    const e = explainQuantity(pass, { kind: 'wgrad', field: 'wHh', layer: 0, direction: 1, index: 5 });
    expect(e.addends.map((a) => a.t)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(e.addends[0].parts.map((p) => p.sym)).toEqual(['dgh', 'h0']);
  });

  it('refuses a quantity the network does not have', () => {
    const pass = passOf('rnn', 'mse', 0, 1, 1, 3);
    expect(() => explainQuantity(pass, { kind: 'c', layer: 0, direction: 0, t: 0, unit: 0 })).toThrow(/cell state/);
    expect(() => explainQuantity(pass, { kind: 'h', layer: 1, direction: 0, t: 0, unit: 0 })).toThrow(/layer 1/);
    expect(() => explainQuantity(pass, { kind: 'h', layer: 0, direction: 0, t: T, unit: 0 })).toThrow(/t 7/);
  });
});

describe('a weight gradient as far as the backward walk has summed it', () => {
  it('equals the session’s accumulated gradients at every step, one-layer and stacked two-way', async () => {
    const { StepSession: S } = await import('./session');
    for (const [L, D] of [[1, 1], [2, 2]] as const) {
      const rng = createRng(40 + L);
      const params = randomParams(rng, { cell: 'lstm', I, H, O, L, D }, 0.8);
      const seq = randomSequence(rng, { T, I, H, O, loss: 'mse', withH0: true, withC0: true, stateRows: L * D });
      const s = new S(params, seq);
      const pass: PassView = { params: s.params, net: s.net, truncation: 0, grads: s.grads };
      const top = L * D - 1;
      for (let t = 0; t < T; t++) {
        const acc = s.accumulatedGrads(t, undefined, L - 1, D - 1);
        const row = D === 2 ? T - 1 - t : t;
        const e = explainQuantity(pass, { kind: 'wgrad', field: 'wHh', layer: L - 1, direction: D - 1, index: 5, from: row, to: T });
        expect(e.value).toBe(acc.layers[top].wHh[5]);
        expect(relErr(e.composed, e.value)).toBeLessThanOrEqual(1e-12);
        const head = explainQuantity(pass, { kind: 'wgrad', field: 'headW', layer: 0, direction: 0, index: 2, ...(D === 1 ? { from: t, to: T } : { from: 0, to: t + 1 }) });
        expect(head.value).toBe(acc.headW[2]);
        expect(head.addends.length).toBe(D === 1 ? T - t : t + 1);
      }
    }
  });
});
