import { describe, expect, it } from 'vitest';
import { initParams } from './init';
import { LOSS_KINDS } from './loss';
import { CELL_TYPES, fields, GATE_NAMES, type Params, PARAM_KEYS, zerosLike } from './params';
import { createRng } from './rng';
import { runSequence } from './sequence';
import { StepSession } from './session';
import { randomSequence, sameBits, worstScaledError } from './testing/helpers';

/** The step-by-step session must show exactly the numbers the fast path computes. */

const I = 3;
const H = 4;
const O = 2;
const T = 7;

function setup(cell: (typeof CELL_TYPES)[number], loss: (typeof LOSS_KINDS)[number], truncation: number, seed = 8) {
  const rng = createRng(seed);
  const params = initParams({ cell, inputSize: I, hiddenSize: H, outputSize: O }, rng, { scheme: 'pytorch', hhScale: 1.5 });
  const seq = randomSequence(rng, { T, I, H, O, loss, truncation, withH0: true, withC0: cell === 'lstm' });
  return { params, seq, session: new StepSession(params, seq), fast: runSequence(params, seq, undefined, true) };
}

const row = (a: Float64Array, r: number, n: number) => a.subarray(r * n, (r + 1) * n);

describe('StepSession records equal the fast path bit for bit', () => {
  for (const cell of CELL_TYPES) {
    for (const loss of LOSS_KINDS) {
      for (const k of [0, 3]) {
        it(`${cell} ${loss} k=${k}`, () => {
          const { params, seq, session, fast } = setup(cell, loss, k);
          const ws = fast.ws;
          const GH = ws.gateRows;
          expect(session.loss).toBe(fast.loss);
          for (const { field, key } of PARAM_KEYS) expect(sameBits(session.grads[field], fast.grads[field]), key).toBe(true);
          for (let t = 0; t < T; t++) {
            const f = session.forward(t);
            expect(f.t).toBe(t);
            expect(sameBits(f.x, row(seq.inputs, t, I))).toBe(true);
            expect(sameBits(f.hPrev, row(ws.hs, t, H)), `hPrev ${t}`).toBe(true);
            expect(sameBits(f.h, row(ws.hs, t + 1, H)), `h ${t}`).toBe(true);
            expect(sameBits(f.gi, row(ws.gi, t, GH))).toBe(true);
            expect(sameBits(f.gh, row(ws.gh, t, GH))).toBe(true);
            expect(sameBits(f.y, row(ws.ys, t, O))).toBe(true);
            expect(Object.is(f.loss, ws.lossTerms[t])).toBe(true);
            expect(Object.keys(f.gates)).toEqual([...GATE_NAMES[cell]]);
            GATE_NAMES[cell].forEach((g, gi) => expect(sameBits(f.gates[g], ws.act.subarray(t * GH + gi * H, t * GH + (gi + 1) * H)), g).toBe(true));
            if (cell === 'lstm') {
              expect(sameBits(f.cPrev!, row(ws.cs, t, H))).toBe(true);
              expect(sameBits(f.c!, row(ws.cs, t + 1, H))).toBe(true);
              expect(sameBits(f.tanhC!, f.c!.map(Math.tanh))).toBe(true);
            } else {
              expect(f.c).toBeUndefined();
              expect(f.cPrev).toBeUndefined();
            }
            if (t === 0) expect(sameBits(f.hPrev, seq.h0!)).toBe(true);
            else expect(sameBits(f.hPrev, session.forward(t - 1).h)).toBe(true);

            const b = session.backward(t);
            expect(b.t).toBe(t);
            expect(sameBits(b.dy, row(ws.dys, t, O))).toBe(true);
            expect(sameBits(b.dh, row(ws.dhs, t, H)), `dh ${t}`).toBe(true);
            expect(sameBits(b.dx, row(ws.dxs, t, I)), `dx ${t}`).toBe(true);
            expect(sameBits(b.dhPrev, row(ws.dhPrev, t, H))).toBe(true);
            const names = cell === 'rnn' ? ['h'] : GATE_NAMES[cell];
            expect(Object.keys(b.dPre)).toEqual([...names]);
            names.forEach((g, gi) => expect(sameBits(b.dPre[g], ws.dgi.subarray(t * GH + gi * H, t * GH + (gi + 1) * H)), g).toBe(true));
            if (cell === 'lstm') expect(sameBits(b.dc!, row(ws.dcs, t, H))).toBe(true);
            if (cell === 'gru') {
              // the recurrent side of n's pre-activation gets r ⊙ (the input side's gradient)
              const dghN = ws.dgh.subarray(t * GH + 2 * H, t * GH + 3 * H);
              for (let j = 0; j < H; j++) expect(Object.is(dghN[j], b.dPre.n[j] * f.gates.r[j])).toBe(true);
            }
          }
          expect(params.cell).toBe(cell);
        });
      }
    }
  }
});

describe('accumulated gradients', () => {
  for (const cell of CELL_TYPES) {
    for (const k of [0, 2]) {
      it(`${cell} k=${k}: accumulatedGrads(0) is dL/dθ exactly; accumulatedGrads(t) = Σ_{s ≥ t} stepContribution(s)`, () => {
        const { session, fast } = setup(cell, 'mse', k);
        const at0 = session.accumulatedGrads(0);
        for (const { field, key } of PARAM_KEYS) expect(sameBits(at0[field], fast.grads[field]), key).toBe(true);
        const running: Params = zerosLike(session.params);
        for (let t = T - 1; t >= 0; t--) {
          const c = session.stepContribution(t);
          for (const { field } of PARAM_KEYS) for (let i = 0; i < c[field].length; i++) running[field][i] += c[field][i];
          const acc = session.accumulatedGrads(t);
          for (const { field, key } of PARAM_KEYS) {
            expect(worstScaledError(acc[field], running[field]), `${key} t=${t}`).toBeLessThanOrEqual(1e-12);
          }
        }
        // the last step's share is all there is at t = T − 1, and the shares are not all alike
        const last = session.stepContribution(T - 1);
        const accLast = session.accumulatedGrads(T - 1);
        for (const { field } of PARAM_KEYS) expect(sameBits(last[field], accLast[field])).toBe(true);
        expect(sameBits(session.stepContribution(0).wHh, session.stepContribution(1).wHh)).toBe(false);
        // the head gradient of step t is dy_t h_tᵀ
        const c3 = session.stepContribution(3);
        const dy = session.backward(3).dy;
        const h = session.forward(3).h;
        for (let o = 0; o < O; o++) for (let j = 0; j < H; j++) expect(c3.headW[o * H + j]).toBeCloseTo(dy[o] * h[j], 15);
      });
    }
  }

  it('writes into a provided output and refuses timesteps outside 0 … T − 1', () => {
    const { session } = setup('gru', 'mse', 0);
    const out = zerosLike(session.params);
    expect(session.accumulatedGrads(2, out)).toBe(out);
    expect(session.stepContribution(2, out)).toBe(out);
    for (const bad of [-1, T, 1.5, NaN]) {
      expect(() => session.forward(bad)).toThrow(RangeError);
      expect(() => session.backward(bad)).toThrow(RangeError);
      expect(() => session.accumulatedGrads(bad)).toThrow(RangeError);
    }
  });
});

describe('events', () => {
  it('forward 0 … T − 1, then backward T − 1 … 0, and eventIndex inverts it', () => {
    const { session } = setup('lstm', 'mse', 0);
    const expected = [
      ...Array.from({ length: T }, (_, t) => ({ phase: 'forward', t, layer: 0, direction: 0 })),
      ...Array.from({ length: T }, (_, s) => ({ phase: 'backward', t: T - 1 - s, layer: 0, direction: 0 })),
    ];
    expect(session.events).toEqual(expected);
    session.events.forEach((e, i) => expect(session.eventIndex(e.phase, e.t)).toBe(i));
    expect(session.steps).toBe(T);
  });
});

describe('truncation in the backward records', () => {
  for (const cell of CELL_TYPES) {
    for (const k of [0, 1, 2, 3, T + 1]) {
      it(`${cell} k=${k}`, () => {
        const { session } = setup(cell, 'cross_entropy', k, 13);
        for (let t = 0; t < T; t++) {
          const b = session.backward(t);
          expect(b.cut, `cut at ${t}`).toBe(k > 0 && t % k === 0);
          const crosses = t + 1 < T && !(k > 0 && (t + 1) % k === 0);
          expect(b.carried, `carried at ${t}`).toBe(crosses);
          if (crosses) {
            // what arrives from t + 1 is exactly what step t + 1 sent back
            const next = session.backward(t + 1);
            expect(sameBits(b.dhFromNext, next.dhPrev)).toBe(true);
            expect(b.dhFromNext.some((v) => v !== 0)).toBe(true);
            if (cell === 'lstm') expect(sameBits(b.dcFromNext!, next.dcPrev!)).toBe(true);
          } else {
            expect(b.dhFromNext.every((v) => v === 0), `dhFromNext at ${t}`).toBe(true);
            if (cell === 'lstm') expect(b.dcFromNext!.every((v) => v === 0)).toBe(true);
          }
          // dh = dhFromAbove + dhFromNext, bit for bit (where nothing arrives, dh is the head's part alone)
          for (let j = 0; j < H; j++) {
            const want = crosses ? b.dhFromAbove[j] + b.dhFromNext[j] : b.dhFromAbove[j];
            expect(Object.is(b.dh[j], want), `dh[${t}][${j}]`).toBe(true);
          }
          if (cell === 'lstm') {
            const f = session.forward(t);
            for (let j = 0; j < H; j++) {
              const tc = f.tanhC![j];
              const want = b.dh[j] * f.gates.o[j] * (1 - tc * tc) + b.dcFromNext![j];
              expect(Math.abs(b.dc![j] - want)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(want)));
              expect(sameBits([b.dcPrev![j]], [b.dc![j] * f.gates.f[j]])).toBe(true);
            }
          }
        }
      });
    }
  }
});

describe('StepSession on stacked and bidirectional networks', () => {
  const nets = [
    { L: 2, D: 1 as const, k: 0 },
    { L: 3, D: 1 as const, k: 2 },
    { L: 1, D: 2 as const, k: 0 },
    { L: 2, D: 2 as const, k: 0 },
  ];
  function setupNet(cell: (typeof CELL_TYPES)[number], L: number, D: 1 | 2, k: number) {
    const rng = createRng(31 + L * 2 + D);
    const params = initParams({ cell, inputSize: I, hiddenSize: H, outputSize: O, numLayers: L, directions: D }, rng, { scheme: 'pytorch', hhScale: 1.5 });
    const seq = randomSequence(rng, { T, I, H, O, loss: 'mse', truncation: k, withH0: true, withC0: cell === 'lstm', stateRows: L * D });
    return { params, seq, session: new StepSession(params, seq), fast: runSequence(params, seq, undefined, true) };
  }

  for (const cell of CELL_TYPES) {
    for (const { L, D, k } of nets) {
      it(`${cell} L=${L} D=${D} k=${k}: events in the documented order, records equal the fast path, gradients complete when their event comes`, () => {
        const { params, seq, session, fast } = setupNet(cell, L, D, k);
        expect(session.loss).toBe(fast.loss);
        for (const [f, a] of fields(session.grads).entries()) expect(sameBits(a, fields(fast.grads)[f])).toBe(true);

        // forward: layer by layer, forward direction t = 0 … T − 1 then reverse t = T − 1 … 0; backward: the reverse of that
        const forward: { phase: string; t: number; layer: number; direction: number }[] = [];
        for (let l = 0; l < L; l++) for (let d = 0; d < D; d++) for (let s = 0; s < T; s++) forward.push({ phase: 'forward', t: d === 0 ? s : T - 1 - s, layer: l, direction: d });
        const backward = [...forward].reverse().map((e) => ({ ...e, phase: 'backward' }));
        expect(session.events).toEqual([...forward, ...backward]);
        session.events.forEach((e, i) => expect(session.eventIndex(e.phase, e.t, e.layer, e.direction)).toBe(i));

        const running: Params = zerosLike(params);
        let previous: { layer: number; direction: number; dhPrev: Float64Array } | null = null;
        for (const e of backward) {
          const f = session.forward(e.t, e.layer, e.direction);
          const b = session.backward(e.t, e.layer, e.direction);
          const net = fast.net;
          const ws = net.layers[e.layer * D + e.direction];
          const s = e.direction === 1 ? T - 1 - e.t : e.t;
          // views of the same numbers the fast path computed
          expect(sameBits(f.h, row(ws.hs, s + 1, H))).toBe(true);
          expect(sameBits(b.dh, row(ws.dhs, s, H))).toBe(true);
          expect(f.feedsHead).toBe(e.layer === L - 1);
          expect(f.input).toBe(e.layer === 0 ? 'inputs' : 'layer below');
          // a layer above 0 reads [forward h_t, reverse h_t] of the layer below
          if (e.layer > 0) {
            for (let d = 0; d < D; d++) expect(sameBits(f.x.subarray(d * H, (d + 1) * H), session.forward(e.t, e.layer - 1, d).h)).toBe(true);
          } else expect(sameBits(f.x, row(seq.inputs, e.t, I))).toBe(true);
          // dh = from above + from the next step in this direction, bit for bit
          for (let j = 0; j < H; j++) {
            const want = b.carried ? b.dhFromAbove[j] + b.dhFromNext[j] : b.dhFromAbove[j];
            expect(Object.is(b.dh[j], want), `dh ${JSON.stringify(e)}[${j}]`).toBe(true);
          }
          // what arrives from the next step is what the previous backward event of this direction sent
          if (b.carried) {
            expect(previous && previous.layer === e.layer && previous.direction === e.direction).toBe(true);
            expect(sameBits(b.dhFromNext, previous!.dhPrev)).toBe(true);
          }
          // from above: the head's columns of this direction, or the sum over the layer above's directions of its dL/dx_t
          const want = new Float64Array(H);
          if (e.layer === L - 1) {
            for (let j = 0; j < H; j++) for (let o = 0; o < O; o++) want[j] += params.headW[o * D * H + e.direction * H + j] * b.dy[o];
          } else {
            for (let d = 0; d < D; d++) {
              const dx = session.backward(e.t, e.layer + 1, d).dx;
              for (let j = 0; j < H; j++) want[j] += dx[e.direction * H + j];
            }
          }
          expect(worstScaledError(b.dhFromAbove, want), `from above ${JSON.stringify(e)}`).toBeLessThanOrEqual(1e-14);
          expect(b.above).toBe(e.layer === L - 1 ? 'head' : 'layer above');
          // accumulated = running sum of the events' contributions so far
          const c = session.stepContribution(e.t, undefined, e.layer, e.direction);
          fields(c).forEach((a, f) => fields(running)[f].forEach((_, i) => (fields(running)[f][i] += a[i])));
          const acc = session.accumulatedGrads(e.t, undefined, e.layer, e.direction);
          fields(acc).forEach((a, f) => expect(worstScaledError(a, fields(running)[f]), `accumulated at ${JSON.stringify(e)} field ${f}`).toBeLessThanOrEqual(1e-12));
          previous = { layer: e.layer, direction: e.direction, dhPrev: b.dhPrev };
        }
        // the last backward event's accumulation is dL/dθ, bit for bit
        const last = backward[backward.length - 1];
        const all = session.accumulatedGrads(last.t, undefined, last.layer, last.direction);
        for (const [f, a] of fields(all).entries()) expect(sameBits(a, fields(fast.grads)[f])).toBe(true);
      });
    }
  }

  it('refuses a layer or direction the network does not have', () => {
    const { session } = setupNet('gru', 2, 1, 0);
    expect(() => session.forward(0, 2)).toThrow(RangeError);
    expect(() => session.backward(0, 0, 1)).toThrow(RangeError);
    expect(() => session.accumulatedGrads(0, undefined, -1)).toThrow(RangeError);
  });
});
