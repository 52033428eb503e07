import { describe, expect, it } from 'vitest';
import { LOSS_KINDS, type LossKind, type LossSteps } from './loss';
import { processingRow } from './network';
import { CELL_TYPES, type CellType, type Directions, GATE_NAMES, paramArray, paramEntries } from './params';
import { createRng } from './rng';
import { runSequence } from './sequence';
import { naiveNetworkForward, naiveNetworkRun, type NaiveNetwork, type NaiveNetworkSequence, toNaiveNetwork } from './testing/naive';
import { randomParams, randomSequence, toNaiveNetworkSequence, worstScaledError } from './testing/helpers';

/**
 * Stacked and bidirectional networks: the engine against the plain reference of
 * testing/naive.ts (naiveNetworkRun, which shares no code with the engine), over random shapes
 * with L = 1 … 4 layers, D = 1, 2 directions, every cell, both losses, both loss steps,
 * truncation for D = 1, and h0 / c0 present or absent.
 */

const TOL = 1e-12;

interface Case {
  n: number;
  cell: CellType;
  L: number;
  D: Directions;
  loss: LossKind;
  lossSteps: LossSteps;
  I: number;
  H: number;
  O: number;
  T: number;
  truncation: number;
  withH0: boolean;
  withC0: boolean;
}

const LOSS_COMBOS: [LossKind, LossSteps][] = [
  ['mse', 'all'],
  ['cross_entropy', 'all'],
  ['mse', 'last'],
  ['cross_entropy', 'last'],
];

/** Each (cell, L, D) twice, with two different (loss, loss steps): 48 cases; every (loss, loss steps) meets 12 of the 24. */
function cases(): Case[] {
  const rng = createRng(20241130);
  const out: Case[] = [];
  let index = 0;
  for (const cell of CELL_TYPES) {
    for (let L = 1; L <= 4; L++) {
      for (const D of [1, 2] as const) {
        for (const rep of [0, 2]) {
          const [loss, lossSteps] = LOSS_COMBOS[(index + rep + L) % 4];
          const T = rep === 0 ? 1 + rng.int(7) : 3 + rng.int(5);
          const truncation = D === 2 ? 0 : [0, 1, 2, 3, T + 1][(index + rep) % 5];
          out.push({
            n: out.length,
            cell,
            L,
            D,
            loss,
            lossSteps,
            I: 1 + rng.int(5),
            H: 1 + rng.int(5),
            O: 1 + rng.int(5),
            T,
            truncation,
            withH0: rng.next() < 0.6,
            withC0: rng.next() < 0.6,
          });
        }
        index++;
      }
    }
  }
  return out;
}

const name = (c: Case) =>
  `#${c.n} ${c.cell} L=${c.L} D=${c.D} ${c.loss} ${c.lossSteps} I=${c.I} H=${c.H} O=${c.O} T=${c.T} k=${c.truncation}${c.withH0 ? ' h0' : ''}${c.cell === 'lstm' && c.withC0 ? ' c0' : ''}`;

function build(c: Case) {
  const rng = createRng(5000 + c.n);
  const params = randomParams(rng, c, 0.3 + 0.6 * rng.next());
  const seq = randomSequence(rng, { ...c, withC0: c.cell === 'lstm' && c.withC0, inputScale: 0.5 + rng.next(), stateRows: c.L * c.D });
  seq.lossSteps = c.lossSteps;
  return { params, seq };
}

describe('the network case generator', () => {
  it('covers every cell × L × D, every loss × loss steps, truncation cuts, and both initial-state options', () => {
    const all = cases();
    expect(new Set(all.map((c) => `${c.cell}/${c.L}/${c.D}`)).size).toBe(24);
    for (const [loss, steps] of LOSS_COMBOS) expect(all.filter((c) => c.loss === loss && c.lossSteps === steps).length).toBe(12);
    for (const D of [1, 2]) for (const L of [1, 2, 3, 4]) expect(all.some((c) => c.D === D && c.L === L && c.T > 1)).toBe(true);
    for (const k of [1, 2, 3]) expect(all.some((c) => c.truncation === k && c.T > k && c.L > 1)).toBe(true);
    expect(all.some((c) => c.withH0 && c.L * c.D > 1)).toBe(true);
    expect(all.some((c) => !c.withH0 && c.L * c.D > 1)).toBe(true);
    expect(all.some((c) => c.cell === 'lstm' && c.withC0 && c.L * c.D > 1)).toBe(true);
  });
});

describe('engine vs naive reference: stacked and bidirectional networks', () => {
  for (const c of cases()) {
    it(name(c), () => {
      const { params, seq } = build(c);
      const { H, O, T, D } = c;
      const run = runSequence(params, seq, undefined, true);
      const net = run.net;
      const ref = naiveNetworkRun(toNaiveNetwork(params), toNaiveNetworkSequence(seq, c.I, H, O));
      const check = (what: string, got: ArrayLike<number>, want: ArrayLike<number>) => {
        expect(got.length, what).toBe(want.length);
        expect(worstScaledError(got, want), what).toBeLessThanOrEqual(TOL);
      };
      check('loss', [run.loss], [ref.loss]);
      net.layers.forEach((ws, i) => {
        const d = i % D;
        const GH = ws.gateRows;
        for (let t = 0; t < T; t++) {
          const s = processingRow(T, d, t);
          const r = ref.recs[i][t];
          const at = `layer ${Math.floor(i / D)} dir ${d} t=${t}`;
          check(`h ${at}`, ws.hs.subarray((s + 1) * H, (s + 2) * H), r.h);
          check(`h_prev ${at}`, ws.hs.subarray(s * H, (s + 1) * H), r.hPrev);
          check(`dh ${at}`, ws.dhs.subarray(s * H, (s + 1) * H), ref.dh[i][t]);
          GATE_NAMES[c.cell].forEach((g, gi) => check(`gate ${g} ${at}`, ws.act.subarray(s * GH + gi * H, s * GH + (gi + 1) * H), r.gates[g]));
          if (c.cell === 'lstm') {
            check(`c ${at}`, ws.cs.subarray((s + 1) * H, (s + 2) * H), r.c);
            check(`dc ${at}`, ws.dcs.subarray(s * H, (s + 1) * H), ref.dc[i][t]);
          }
        }
      });
      for (let t = 0; t < T; t++) {
        check(`y[${t}]`, net.ys.subarray(t * O, (t + 1) * O), ref.ys[t]);
        check(`loss term ${t}`, [net.lossTerms[t]], [ref.losses[t]]);
        // dL/dx_t of the network's input: the sum over layer 0's directions
        const dx = new Float64Array(c.I);
        for (let d = 0; d < D; d++) {
          const s = processingRow(T, d, t);
          for (let j = 0; j < c.I; j++) dx[j] += net.layers[d].dxs[s * c.I + j];
        }
        check(`dx[${t}]`, dx, ref.dx[t]);
      }
      for (const e of paramEntries(params)) {
        const want = e.field === 'headW' ? ref.grads.Wy.flat() : e.field === 'headB' ? ref.grads.by : naiveLayerGrad(ref.grads.layers[e.layer * D + e.direction], e.field);
        check(`grad ${e.key}`, paramArray(run.grads, e), want);
      }
    });
  }
});

function naiveLayerGrad(g: { Wih: number[][]; Whh: number[][]; bih: number[]; bhh: number[] }, field: string): number[] {
  return field === 'wIh' ? g.Wih.flat() : field === 'wHh' ? g.Whh.flat() : field === 'bIh' ? g.bih : g.bhh;
}

describe('a layer sees the layer below, and a reverse direction sees the future', () => {
  it('changing x_{T-1} moves the reverse direction at t = 0 and layer 1 at t = 0 only through the reverse pass', () => {
    const rng = createRng(3);
    for (const cell of CELL_TYPES) {
      const params = randomParams(rng, { cell, I: 2, H: 3, O: 2, L: 2, D: 2 });
      const seq = randomSequence(rng, { T: 5, I: 2, H: 3, O: 2, loss: 'mse' });
      const a = runSequence(params, seq).net;
      const moved = { ...seq, inputs: seq.inputs.slice() };
      moved.inputs[4 * 2] += 0.5;
      const b = runSequence(params, moved).net;
      // layer 0 forward at t = 0 cannot see x_4; layer 0 reverse at t = 0 (its last row) can
      expect(worstScaledError(a.layers[0].hs.subarray(3, 6), b.layers[0].hs.subarray(3, 6))).toBe(0);
      expect(worstScaledError(a.layers[1].hs.subarray(5 * 3, 6 * 3), b.layers[1].hs.subarray(5 * 3, 6 * 3))).toBeGreaterThan(1e-6);
      // so layer 1's forward direction at t = 0 moves too (it reads [fwd h_0, rev h_0])
      expect(worstScaledError(a.layers[2].hs.subarray(3, 6), b.layers[2].hs.subarray(3, 6))).toBeGreaterThan(1e-9);
    }
  });
});

describe('naive network reference sanity: its backward against central differences of its own forward', () => {
  // So an agreement between engine and reference cannot come from a shared mistake in the gradients.
  const configs: { L: number; D: Directions; k: number; lossSteps: LossSteps }[] = [
    { L: 2, D: 2, k: 0, lossSteps: 'all' },
    { L: 3, D: 1, k: 2, lossSteps: 'all' },
    { L: 2, D: 2, k: 0, lossSteps: 'last' },
  ];
  for (const cell of CELL_TYPES) {
    for (const { L, D, k, lossSteps } of configs) {
      it(`${cell} L=${L} D=${D} k=${k} loss steps ${lossSteps}`, () => {
        const rng = createRng(41);
        const T = 5;
        const params = randomParams(rng, { cell, I: 2, H: 2, O: 2, L, D });
        const seq = randomSequence(rng, { T, I: 2, H: 2, O: 2, loss: LOSS_KINDS[L % 2], truncation: k, withH0: true, withC0: cell === 'lstm', stateRows: L * D });
        seq.lossSteps = lossSteps;
        const N = toNaiveNetwork(params);
        const nseq = toNaiveNetworkSequence(seq, 2, 2, 2);
        const r = naiveNetworkRun(N, nseq);
        const frozen = naiveNetworkForward(N, nseq).recs;
        // the truncated loss: every layer's state entering each block replaced by its unperturbed value
        const lossAt = (Q: NaiveNetwork): number => {
          if (k === 0) return naiveNetworkForward(Q, nseq).loss;
          let total = 0;
          for (let s = 0; s < T; s += k) {
            const e = Math.min(T, s + k);
            const part: NaiveNetworkSequence = {
              inputs: nseq.inputs.slice(s, e),
              targets: nseq.targets.kind === 'mse' ? { kind: 'mse', values: nseq.targets.values.slice(s, e) } : { kind: 'cross_entropy', classes: nseq.targets.classes.slice(s, e) },
              h0: s === 0 ? nseq.h0 : frozen.map((row) => row[s - 1].h),
              c0: s === 0 ? nseq.c0 : frozen.map((row) => row[s - 1].c),
              truncation: 0,
            };
            total += naiveNetworkForward(Q, part).loss * (e - s);
          }
          return total / T;
        };
        let worst = 0;
        const probe = (M: number[][] | number[], grad: number[][] | number[]) => {
          const flat = Array.isArray(M[0]);
          const rows = flat ? (M as number[][]).length : 1;
          const cols = flat ? (M as number[][])[0].length : (M as number[]).length;
          for (let a = 0; a < rows; a++) {
            for (let b = 0; b < cols; b++) {
              const get = () => (flat ? (M as number[][])[a][b] : (M as number[])[b]);
              const set = (v: number) => (flat ? ((M as number[][])[a][b] = v) : ((M as number[])[b] = v));
              const orig = get();
              const h = 1e-6;
              set(orig + h);
              const lp = lossAt(N);
              set(orig - h);
              const lm = lossAt(N);
              set(orig);
              const num = (lp - lm) / (2 * h);
              const ana = flat ? (grad as number[][])[a][b] : (grad as number[])[b];
              worst = Math.max(worst, Math.abs(num - ana) / Math.max(1e-3, Math.abs(num), Math.abs(ana)));
            }
          }
        };
        N.layers.forEach((P, i) => {
          const g = r.grads.layers[i];
          probe(P.Wih, g.Wih);
          probe(P.Whh, g.Whh);
          probe(P.bih, g.bih);
          probe(P.bhh, g.bhh);
        });
        probe(N.Wy, r.grads.Wy);
        probe(N.by, r.grads.by);
        expect(worst).toBeLessThan(1e-6);
      });
    }
  }
});

describe('network workspace reuse and refusals', () => {
  it('a reused network gives the same bits as a fresh one, even after a run with h0 and c0', () => {
    const rng = createRng(14);
    for (const cell of CELL_TYPES) {
      for (const [L, D] of [[2, 1], [2, 2]] as const) {
        const params = randomParams(rng, { cell, I: 2, H: 3, O: 2, L, D });
        const a = randomSequence(rng, { T: 5, I: 2, H: 3, O: 2, loss: 'mse', withH0: true, withC0: cell === 'lstm', stateRows: L * D });
        const b = randomSequence(rng, { T: 5, I: 2, H: 3, O: 2, loss: 'cross_entropy', truncation: D === 1 ? 2 : 0 });
        const first = runSequence(params, a);
        const reused = runSequence(params, b, { net: first.net, grads: first.grads });
        expect(reused.net).toBe(first.net);
        const fresh = runSequence(params, b);
        expect(reused.loss).toBe(fresh.loss);
        reused.net.layers.forEach((ws, i) => {
          expect(worstScaledError(ws.hs, fresh.net.layers[i].hs)).toBe(0);
          expect(worstScaledError(ws.dhs, fresh.net.layers[i].dhs)).toBe(0);
        });
        for (const e of paramEntries(params)) expect(worstScaledError(paramArray(reused.grads, e), paramArray(fresh.grads, e)), e.key).toBe(0);
      }
    }
  });

  it('runSequence refuses truncation for a bidirectional network', () => {
    const rng = createRng(15);
    const params = randomParams(rng, { cell: 'gru', I: 2, H: 3, O: 2, D: 2 });
    const seq = randomSequence(rng, { T: 5, I: 2, H: 3, O: 2, loss: 'mse', truncation: 2 });
    expect(() => runSequence(params, seq)).toThrow(/bidirectional network has no truncated form/);
  });
});
