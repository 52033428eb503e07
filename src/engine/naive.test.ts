import { describe, expect, it } from 'vitest';
import { CELL_TYPES, type CellType, PARAM_KEYS } from './params';
import { LOSS_KINDS, type LossKind } from './loss';
import { createRng } from './rng';
import { runSequence, type Sequence } from './sequence';
import { naiveForward, naiveRun, toNaive, type NaiveParams, type NaiveSequence, lstmStep, gruStep, rnnStep } from './testing/naive';
import { naiveGradFields, randomParams, randomSequence, subSequence, toNaiveSequence, worstScaledError, sameBits } from './testing/helpers';

/**
 * The engine (flat buffers, batched products, fused kernels) against the plain reference
 * implementation in testing/naive.ts, which shares no code with it.
 */

const TOL = 1e-12;

interface Case {
  n: number;
  cell: CellType;
  loss: LossKind;
  I: number;
  H: number;
  O: number;
  T: number;
  truncation: number;
  /** which of 0, 1, 2, 3, T + 1 */
  choice: number;
  withH0: boolean;
  withC0: boolean;
}

/**
 * 30 cases: n mod 3 picks the cell, n mod 2 the loss, n mod 5 the truncation choice, so by the
 * Chinese remainder theorem every (cell, loss, truncation) combination occurs exactly once.
 */
function cases(): Case[] {
  const rng = createRng(20240611);
  const out: Case[] = [];
  for (let n = 0; n < 30; n++) {
    const T = 1 + rng.int(9);
    const choice = [0, 1, 2, 3, T + 1][n % 5];
    out.push({
      n,
      cell: CELL_TYPES[n % 3],
      loss: LOSS_KINDS[n % 2],
      I: 1 + rng.int(7),
      H: 1 + rng.int(7),
      O: 1 + rng.int(7),
      T,
      truncation: choice,
      choice: n % 5,
      withH0: rng.next() < 0.5,
      withC0: rng.next() < 0.5,
    });
  }
  return out;
}

function build(c: Case) {
  const rng = createRng(1000 + c.n);
  const params = randomParams(rng, c, 0.4 + rng.next());
  const seq = randomSequence(rng, { ...c, withC0: c.cell === 'lstm' && c.withC0, inputScale: 0.5 + rng.next() });
  return { params, seq };
}

const name = (c: Case) =>
  `#${c.n} ${c.cell} ${c.loss} I=${c.I} H=${c.H} O=${c.O} T=${c.T} k=${c.truncation}${c.withH0 ? ' h0' : ''}${c.cell === 'lstm' && c.withC0 ? ' c0' : ''}`;

describe('the case generator', () => {
  it('covers every cell × loss × truncation choice, edge sizes, and both initial-state options', () => {
    const all = cases();
    const combos = new Set(all.map((c) => `${c.cell}/${c.loss}/${c.choice}`));
    expect(combos.size).toBe(30);
    expect(all.some((c) => c.T === 1)).toBe(true);
    expect(all.some((c) => c.H === 1)).toBe(true);
    expect(all.some((c) => c.withH0)).toBe(true);
    expect(all.some((c) => !c.withH0)).toBe(true);
    expect(all.some((c) => c.cell === 'lstm' && c.withC0)).toBe(true);
    // truncation 1, 2, 3 with more steps than k, so cuts really happen
    for (const k of [1, 2, 3]) expect(all.some((c) => c.truncation === k && c.T > k)).toBe(true);
  });
});

describe('engine vs naive reference, 30 random shapes, the loss over every step and over the last step only', () => {
  for (const c of cases()) for (const lossSteps of ['all', 'last'] as const) {
    it(`${name(c)} loss steps ${lossSteps}`, () => {
      const { params, seq } = build(c);
      seq.lossSteps = lossSteps;
      const { H, O, T } = c;
      const GH = params.wHh.length / H;
      const run = runSequence(params, seq, undefined, true);
      const ws = run.ws;
      const P = toNaive(params);
      const ref = naiveRun(P, toNaiveSequence(seq, c.I, O));

      const check = (what: string, got: ArrayLike<number>, want: ArrayLike<number>) => {
        expect(got.length, what).toBe(want.length);
        const err = worstScaledError(got, want);
        expect(err, what).toBeLessThanOrEqual(TOL);
      };

      check('loss', [run.loss], [ref.loss]);
      check('h0 row', ws.hs.subarray(0, H), seq.h0 ?? new Float64Array(H));
      for (let t = 0; t < T; t++) {
        const r = ref.steps[t];
        check(`h[${t}]`, ws.hs.subarray((t + 1) * H, (t + 2) * H), r.h);
        check(`y[${t}]`, ws.ys.subarray(t * O, (t + 1) * O), r.y);
        check(`loss term ${t}`, [ws.lossTerms[t]], [r.loss]);
        check(`dh[${t}]`, ws.dhs.subarray(t * H, (t + 1) * H), ref.dh[t]);
        check(`dx[${t}]`, ws.dxs.subarray(t * c.I, (t + 1) * c.I), ref.dx[t]);
        const names = Object.keys(r.gates);
        expect(names.length).toBe(c.cell === 'rnn' ? 0 : GH / H);
        names.forEach((g, gi) => check(`gate ${g}[${t}]`, ws.act.subarray(t * GH + gi * H, t * GH + (gi + 1) * H), r.gates[g]));
        if (c.cell === 'lstm') {
          check(`c[${t}]`, ws.cs.subarray((t + 1) * H, (t + 2) * H), r.c);
          check(`dc[${t}]`, ws.dcs.subarray(t * H, (t + 1) * H), ref.dc[t]);
        }
      }
      const g = naiveGradFields(ref.grads);
      for (const { field, key } of PARAM_KEYS) check(`grad ${key}`, run.grads[field], g[field]);
    });
  }
});

describe('truncated BPTT is the sum over blocks of each block on its own', () => {
  // An independent restatement of the definition: with the state entering each block held
  // constant, block b of length n_b contributes (n_b / T) × (the full-BPTT gradient of that block alone).
  for (const cell of CELL_TYPES) {
    for (const k of [2, 3]) {
      it(`${cell}, T = 7, k = ${k}`, () => {
        const rng = createRng(77 + k);
        const shape = { cell, I: 3, H: 4, O: 2 };
        const params = randomParams(rng, shape, 0.7);
        const seq = randomSequence(rng, { T: 7, I: 3, H: 4, O: 2, loss: 'mse', truncation: k, withH0: true, withC0: cell === 'lstm' });
        const trunc = runSequence(params, seq);
        const P = toNaive(params);
        const full = naiveForward(P, toNaiveSequence({ ...seq, truncation: 0 }, 3, 2));
        const sum = PARAM_KEYS.map(({ field }) => new Array<number>(params[field].length).fill(0));
        for (let start = 0; start < 7; start += k) {
          const end = Math.min(7, start + k);
          const h0 = start === 0 ? seq.h0 : Float64Array.from(full.steps[start - 1].h);
          const c0 = cell !== 'lstm' ? undefined : start === 0 ? seq.c0 : Float64Array.from(full.steps[start - 1].c);
          const sub = subSequence(seq, 3, 2, start, end, h0, c0);
          const r = naiveRun(P, toNaiveSequence(sub, 3, 2));
          const g = naiveGradFields(r.grads);
          PARAM_KEYS.forEach(({ field }, f) => g[field].forEach((v, i) => (sum[f][i] += ((end - start) / 7) * v)));
        }
        PARAM_KEYS.forEach(({ field, key }, f) => expect(worstScaledError(trunc.grads[field], sum[f]), key).toBeLessThan(1e-12));
        // and truncation really changed something
        const fullRun = runSequence(params, { ...seq, truncation: 0 });
        expect(worstScaledError(trunc.grads.wHh, fullRun.grads.wHh)).toBeGreaterThan(1e-6);
      });
    }
  }
});

describe('workspace reuse', () => {
  it('gives the same bits as a fresh workspace, even when the previous run had h0 and c0', () => {
    const rng = createRng(5);
    for (const cell of CELL_TYPES) {
      const params = randomParams(rng, { cell, I: 2, H: 3, O: 2 });
      const a = randomSequence(rng, { T: 5, I: 2, H: 3, O: 2, loss: 'mse', withH0: true, withC0: cell === 'lstm' });
      const b = randomSequence(rng, { T: 5, I: 2, H: 3, O: 2, loss: 'mse', truncation: 2 });
      const first = runSequence(params, a);
      const lossA = first.loss;
      const gradA = first.grads.wHh.slice();
      const reused = runSequence(params, b, { ws: first.ws, grads: first.grads });
      expect(reused.ws).toBe(first.ws);
      const lossB = reused.loss;
      const gradB = reused.grads.wHh.slice();
      const fresh = runSequence(params, b);
      expect(lossB).toBe(fresh.loss);
      expect(sameBits(gradB, fresh.grads.wHh)).toBe(true);
      expect(sameBits(reused.ws.hs, fresh.ws.hs)).toBe(true);
      expect(sameBits(reused.ws.dhs, fresh.ws.dhs)).toBe(true);
      expect(lossA).not.toBe(lossB);
      expect(sameBits(gradA, gradB)).toBe(false);
    }
  });
});

// ---------- the reference itself, checked on its own ----------

describe('naive reference sanity', () => {
  const P1 = (cell: CellType, w: number): NaiveParams => {
    const G = { rnn: 1, lstm: 4, gru: 3 }[cell];
    return {
      cell,
      I: 1,
      H: 1,
      O: 1,
      Wih: Array.from({ length: G }, () => [w]),
      Whh: Array.from({ length: G }, () => [0.5]),
      bih: new Array(G).fill(0.1),
      bhh: new Array(G).fill(-0.2),
      Wy: [[2]],
      by: [0.3],
    };
  };
  const sig = (x: number) => 1 / (1 + Math.exp(-x));

  it('one rnn step is tanh(w x + b_ih + u h + b_hh)', () => {
    expect(rnnStep(P1('rnn', 0.7), [1.5], [0.4]).h[0]).toBeCloseTo(Math.tanh(0.7 * 1.5 + 0.1 + 0.5 * 0.4 - 0.2), 15);
  });

  it('one lstm step by hand', () => {
    const a = 0.7 * 1.5 + 0.1 + 0.5 * 0.4 - 0.2;
    const s = lstmStep(P1('lstm', 0.7), [1.5], [0.4], [-0.3]);
    const c = sig(a) * -0.3 + sig(a) * Math.tanh(a);
    expect(s.c[0]).toBeCloseTo(c, 15);
    expect(s.h[0]).toBeCloseTo(sig(a) * Math.tanh(c), 15);
  });

  it('one gru step by hand', () => {
    const a = 0.7 * 1.5 + 0.1 + 0.5 * 0.4 - 0.2;
    const r = sig(a);
    const z = sig(a);
    const n = Math.tanh(0.7 * 1.5 + 0.1 + r * (0.5 * 0.4 - 0.2));
    expect(gruStep(P1('gru', 0.7), [1.5], [0.4]).h[0]).toBeCloseTo((1 - z) * n + z * 0.4, 15);
  });

  // The reference's own backward against central differences of its own forward, so an
  // agreement between engine and reference cannot come from a shared mistake in the gradients.
  for (const cell of CELL_TYPES) {
    for (const loss of LOSS_KINDS) {
      it(`naive gradients match finite differences: ${cell} ${loss}, k = 0 and 2`, () => {
        const rng = createRng(31);
        const params = randomParams(rng, { cell, I: 2, H: 3, O: 3 });
        for (const k of [0, 2]) {
          const seq: Sequence = randomSequence(rng, { T: 5, I: 2, H: 3, O: 3, loss, truncation: k, withH0: true, withC0: cell === 'lstm' });
          const nseq: NaiveSequence = toNaiveSequence(seq, 2, 3);
          const P = toNaive(params);
          const r = naiveRun(P, nseq);
          // the truncated loss: the state entering each block replaced by its unperturbed value
          const frozen = naiveForward(P, nseq).steps;
          const lossAt = (Q: NaiveParams): number => {
            if (k === 0) return naiveForward(Q, nseq).loss;
            let total = 0;
            for (let s = 0; s < 5; s += k) {
              const e = Math.min(5, s + k);
              const part: NaiveSequence = {
                inputs: nseq.inputs.slice(s, e),
                targets: nseq.targets.kind === 'mse' ? { kind: 'mse', values: nseq.targets.values.slice(s, e) } : { kind: 'cross_entropy', classes: nseq.targets.classes.slice(s, e) },
                h0: s === 0 ? nseq.h0 : frozen[s - 1].h,
                c0: s === 0 ? nseq.c0 : frozen[s - 1].c,
                truncation: 0,
              };
              total += naiveForward(Q, part).loss * (e - s);
            }
            return total / 5;
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
                const lp = lossAt(P);
                set(orig - h);
                const lm = lossAt(P);
                set(orig);
                const num = (lp - lm) / (2 * h);
                const ana = flat ? (grad as number[][])[a][b] : (grad as number[])[b];
                worst = Math.max(worst, Math.abs(num - ana) / Math.max(1e-3, Math.abs(num), Math.abs(ana)));
              }
            }
          };
          probe(P.Wih, r.grads.Wih);
          probe(P.Whh, r.grads.Whh);
          probe(P.bih, r.grads.bih);
          probe(P.bhh, r.grads.bhh);
          probe(P.Wy, r.grads.Wy);
          probe(P.by, r.grads.by);
          expect(worst).toBeLessThan(1e-6);
        }
      });
    }
  }
});
