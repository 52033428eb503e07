import { afterAll, describe, expect, it } from 'vitest';
import { type GradCheckResult, gradientCheck, relativeError } from './gradcheck';
import { initParams } from './init';
import { LOSS_KINDS } from './loss';
import { CELL_TYPES, type CellType, cloneParams, fields, paramCount, PARAM_KEYS, type Params } from './params';
import { createRng } from './rng';
import { bindSequence, forwardAll, runSequence, type Sequence } from './sequence';
import { prepareWeights } from './workspace';
import { randomSequence, sameBits, worstScaledError } from './testing/helpers';

/**
 * Central differences (float64) against the analytic gradient, with the metric
 * |a − n| / max(|a|, |n|, 1e-8).
 *
 * Step: h = STEP·max(1, |θ|). With the default 1e-5 the metric's floor is rounding in the loss
 * (≈ 1e-16·L / h ≈ 1e-11 absolute), so an entry whose gradient is only ~1e-7 lands above 1e-5
 * relative although nothing is wrong (seen: gru, T = 1, 1.2e-5 on a 2e-7 gradient). With 1e-4
 * that floor is 10× lower and the O(h²) truncation error is still ~1e-8 relative. Worst seen
 * with the seeds below (print them with GRADCHECK_REPORT=1): ≤ 6.5e-7 for T = 8 in every
 * cell × loss × truncation, 3.7e-6 at the edge sizes; saturation is treated below.
 * A real mistake in a gradient shows up as O(1e-3 … 1).
 */
const STEP = 1e-4;
const REL_TOL = 1e-5;

const worstByRegime = new Map<string, { rel: number; abs: number; normwise: number; where: string }>();
function check(params: Params, seq: Sequence, regime: string, name = ''): GradCheckResult {
  const r = gradientCheck(params, seq, { step: STEP });
  if (process.env.GRADCHECK_REPORT) {
    const w = worstByRegime.get(regime) ?? { rel: 0, abs: 0, normwise: 0, where: '' };
    if (r.worstRelError >= w.rel) Object.assign(w, { rel: r.worstRelError, where: `${name} ${r.worst?.key}[${r.worst?.index}]` });
    w.abs = Math.max(w.abs, r.worstAbsError);
    let largest = 0;
    const g = runSequence(params, seq).grads;
    for (const { field } of PARAM_KEYS) for (const v of g[field]) largest = Math.max(largest, Math.abs(v));
    if (largest > 0) w.normwise = Math.max(w.normwise, r.worstAbsError / largest);
    worstByRegime.set(regime, w);
  }
  return r;
}
afterAll(() => {
  for (const [regime, w] of worstByRegime) {
    console.log(`${regime}: worst rel ${w.rel.toExponential(2)} (${w.where}), worst abs ${w.abs.toExponential(2)}, abs/max|g| ${w.normwise.toExponential(2)}`);
  }
});

const SHAPE = (cell: CellType) => ({ cell, inputSize: 3, hiddenSize: 4, outputSize: 3 });

describe('gradient check: every cell × loss × truncation', () => {
  for (const cell of CELL_TYPES) {
    for (const loss of LOSS_KINDS) {
      for (const k of [0, 2, 3]) {
        it(`${cell} ${loss} k=${k}`, () => {
          const rng = createRng(3);
          const params = initParams(SHAPE(cell), rng, { scheme: 'pytorch' });
          const seq = randomSequence(rng, { T: 8, I: 3, H: 4, O: 3, loss, truncation: k, withH0: true, withC0: cell === 'lstm' });
          const before = cloneParams(params);
          const r = check(params, seq, `${loss} k=${k}`, cell);
          expect(r.checked).toBe(paramCount(params));
          expect(r.total).toBe(paramCount(params));
          expect(r.worstRelError, JSON.stringify(r.worst)).toBeLessThan(REL_TOL);
          // the check perturbs in place and must put every weight back exactly
          for (const { field } of PARAM_KEYS) expect(sameBits(params[field], before[field])).toBe(true);
        });
      }
    }
  }
});

describe('gradient check: the loss on the last step only (many-to-one)', () => {
  for (const cell of CELL_TYPES) {
    for (const loss of LOSS_KINDS) {
      for (const k of [0, 3]) {
        it(`${cell} ${loss} k=${k} last`, () => {
          const rng = createRng(5);
          const params = initParams(SHAPE(cell), rng, { scheme: 'pytorch' });
          const seq = randomSequence(rng, { T: 8, I: 3, H: 4, O: 3, loss, truncation: k, withH0: true, withC0: cell === 'lstm' });
          seq.lossSteps = 'last';
          const r = check(params, seq, `${loss} k=${k} last`, cell);
          expect(r.checked).toBe(paramCount(params));
          expect(r.worstRelError, JSON.stringify(r.worst)).toBeLessThan(REL_TOL);
        });
      }
    }
  }
});

describe('gradient check: stacked and bidirectional networks, every cell × loss × loss steps', () => {
  // Every parameter of every layer and direction and of the head, five-point stencil, the truncated loss (every layer's block-entry state frozen) for k > 0.
  // h = 3e-4 rather than the default 1e-3: with four layers and W_hh × 1.5 the five-point stencil's
  // O(h⁴) error was up to 8e-10 absolute at 1e-3, 6e-12 at 3e-4 (rounding stays ~1e-13 there).
  const NET_STEP = 3e-4;
  const nets: { L: number; D: 1 | 2; k: number }[] = [
    { L: 2, D: 1, k: 0 },
    { L: 3, D: 1, k: 2 },
    { L: 4, D: 1, k: 3 },
    { L: 1, D: 2, k: 0 },
    { L: 2, D: 2, k: 0 },
    { L: 3, D: 2, k: 0 },
  ];
  for (const cell of CELL_TYPES) {
    for (const { L, D, k } of nets) {
      it(`${cell} L=${L} D=${D} k=${k}`, () => {
        for (const loss of LOSS_KINDS) {
          for (const lossSteps of ['all', 'last'] as const) {
            const rng = createRng(17 + L * 3 + D);
            const params = initParams({ cell, inputSize: 2, hiddenSize: 3, outputSize: 2, numLayers: L, directions: D }, rng, { scheme: 'pytorch', hhScale: 1.5 });
            const seq = randomSequence(rng, { T: 6, I: 2, H: 3, O: 2, loss, truncation: k, withH0: true, withC0: cell === 'lstm', stateRows: L * D });
            seq.lossSteps = lossSteps;
            const before = cloneParams(params);
            const r = gradientCheck(params, seq, { step: NET_STEP });
            expect(r.checked).toBe(paramCount(params));
            // Deep layers' gradients get small (1e-7 … 1e-6 here); there a rounding-level absolute
            // error already reads as up to ~6e-6 relative (seen: 6.4e-6), so: the file's REL_TOL
            // entrywise, and normwise (worst absolute error over the largest gradient) ≤ 1e-9 (seen 2.5e-11).
            expect(r.worstRelError, `${loss} ${lossSteps} ${JSON.stringify(r.worst)}`).toBeLessThan(REL_TOL);
            expect(r.worstAbsError / largestGradient(runSequence(params, seq).grads), `${loss} ${lossSteps}`).toBeLessThan(1e-9);
            if (process.env.GRADCHECK_REPORT) {
              const w = worstByRegime.get('networks') ?? { rel: 0, abs: 0, normwise: 0, where: '' };
              if (r.worstRelError >= w.rel) Object.assign(w, { rel: r.worstRelError, where: `${cell} L=${L} D=${D} k=${k} ${loss} ${lossSteps} ${r.worst?.key}[${r.worst?.index}]` });
              w.abs = Math.max(w.abs, r.worstAbsError);
              w.normwise = Math.max(w.normwise, r.worstAbsError / largestGradient(runSequence(params, seq).grads));
              worstByRegime.set('networks', w);
            }
            for (const [f, a] of fields(params).entries()) expect(sameBits(a, fields(before)[f])).toBe(true);
          }
        }
      });
    }
  }

  it('truncation changes a stacked network\'s recurrent gradients in every layer, and the check tells them apart', () => {
    const rng = createRng(23);
    const params = initParams({ cell: 'gru', inputSize: 2, hiddenSize: 3, outputSize: 2, numLayers: 3 }, rng, { scheme: 'pytorch', hhScale: 2 });
    const seq = randomSequence(rng, { T: 7, I: 2, H: 3, O: 2, loss: 'mse', truncation: 2, withH0: true, stateRows: 3 });
    const trunc = runSequence(params, seq).grads;
    const full = runSequence(params, { ...seq, truncation: 0 }).grads;
    for (let l = 0; l < 3; l++) expect(worstScaledError(trunc.layers[l].wHh, full.layers[l].wHh), `layer ${l}`).toBeGreaterThan(1e-5);
    expect(sameBits(trunc.headW, full.headW)).toBe(true);
    expect(gradientCheck(params, seq).worstRelError).toBeLessThan(REL_TOL);
  });
});

function largestGradient(g: Params): number {
  let largest = 0;
  for (const a of fields(g)) for (const v of a) largest = Math.max(largest, Math.abs(v));
  return largest;
}

describe('gradient check: saturated gates (W_hh ×3, inputs ×10)', () => {
  for (const cell of CELL_TYPES) {
    for (const loss of LOSS_KINDS) {
      it(`${cell} ${loss}`, () => {
        const rng = createRng(4);
        const params = initParams(SHAPE(cell), rng, { scheme: 'orthogonal', hhScale: 3 });
        const seq = randomSequence(rng, { T: 8, I: 3, H: 4, O: 3, loss, truncation: 0, withH0: true, withC0: cell === 'lstm', inputScale: 10 });
        // the regime is really saturated: most activations within 0.02 of their bounds
        const ws = runSequence(params, seq).ws;
        const acts = cell === 'rnn' ? ws.hs.subarray(4) : ws.act;
        let saturated = 0;
        for (const v of acts) if (Math.abs(v) > 0.98 || v < 0.02 || v > 0.98) saturated++;
        expect(saturated / acts.length).toBeGreaterThan(0.5);
        const r = check(params, seq, `saturated ${cell}`, loss);
        // Saturation makes many gradients tiny (1e-9 … 1e-7): there the metric is absolute×1e8 and
        // the finite-difference rounding floor (~1e-12) alone gives up to ~1e-4 (seen 9.7e-5 for lstm
        // cross_entropy on a 7e-9 gradient). So: entrywise ≤ 5e-4, and normwise (worst absolute
        // error over the largest gradient) ≤ 2e-6 (seen ≤ 2.1e-7).
        expect(r.worstRelError, JSON.stringify(r.worst)).toBeLessThan(5e-4);
        const g = runSequence(params, seq).grads;
        let largest = 0;
        for (const { field } of PARAM_KEYS) for (const v of g[field]) largest = Math.max(largest, Math.abs(v));
        expect(largest).toBeGreaterThan(1e-4);
        expect(r.worstAbsError / largest).toBeLessThan(2e-6);
      });
    }
  }
});

describe('gradient check: edge sizes', () => {
  const sizes = [
    { name: 'T=1', T: 1, I: 2, H: 3, O: 2 },
    { name: 'H=1', T: 5, I: 2, H: 1, O: 2 },
    { name: 'I=1', T: 5, I: 1, H: 3, O: 2 },
    { name: 'O=1 (mse)', T: 5, I: 2, H: 3, O: 1 },
    { name: 'all 1', T: 1, I: 1, H: 1, O: 1 },
  ];
  for (const cell of CELL_TYPES) {
    for (const s of sizes) {
      it(`${cell} ${s.name}`, () => {
        const rng = createRng(11);
        const params = initParams({ cell, inputSize: s.I, hiddenSize: s.H, outputSize: s.O }, rng, { scheme: 'pytorch' });
        for (const loss of LOSS_KINDS) {
          if (loss === 'cross_entropy' && s.O === 1) continue; // all zero; see below
          for (const k of [0, 2]) {
            const seq = randomSequence(rng, { T: s.T, I: s.I, H: s.H, O: s.O, loss, truncation: k, withH0: true, withC0: cell === 'lstm' });
            const r = check(params, seq, `edge ${s.name}`, `${cell} ${loss} k=${k}`);
            expect(r.worstRelError, `${loss} k=${k} ${JSON.stringify(r.worst)}`).toBeLessThan(REL_TOL);
          }
        }
      });
    }
  }
});

describe('cross_entropy with one class', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}: the loss and every gradient are exactly 0`, () => {
      const rng = createRng(12);
      const params = initParams({ cell, inputSize: 2, hiddenSize: 3, outputSize: 1 }, rng, { scheme: 'pytorch' });
      for (const k of [0, 2]) {
        const seq = randomSequence(rng, { T: 6, I: 2, H: 3, O: 1, loss: 'cross_entropy', truncation: k, withH0: true, withC0: cell === 'lstm' });
        const run = runSequence(params, seq, undefined, true);
        expect(run.loss === 0).toBe(true);
        for (const { field, key } of PARAM_KEYS) expect(run.grads[field].every((v) => v === 0), key).toBe(true);
        for (const a of [run.ws.dys, run.ws.dhs, run.ws.dcs, run.ws.dxs]) expect(a.every((v) => v === 0)).toBe(true);
        const r = check(params, seq, 'cross_entropy O=1', cell);
        expect(r.worstRelError).toBe(0);
        expect(r.worstAbsError).toBe(0);
      }
    });
  }
});

describe('truncation is really exercised', () => {
  for (const cell of CELL_TYPES) {
    it(`${cell}: k < T changes the gradients, k ≥ T does not`, () => {
      const rng = createRng(21);
      const params = initParams(SHAPE(cell), rng, { scheme: 'pytorch', hhScale: 2 });
      const seq = randomSequence(rng, { T: 7, I: 3, H: 4, O: 3, loss: 'mse', withH0: true, withC0: cell === 'lstm' });
      const full = runSequence(params, seq);
      const fullGrads = cloneParams(full.grads);
      const fullDh = full.ws.dhs.slice();
      for (const k of [1, 2, 3, 6]) {
        const tr = runSequence(params, { ...seq, truncation: k });
        // the loss is the same (the forward pass carries the state through every block) ...
        expect(tr.loss).toBe(full.loss);
        // ... the recurrent gradient is not
        expect(worstScaledError(tr.grads.wHh, fullGrads.wHh), `k=${k}`).toBeGreaterThan(1e-4);
        // the head's gradient does not depend on the backward path
        expect(sameBits(tr.grads.headW, fullGrads.headW)).toBe(true);
        // dL/dh_t differs exactly where a block ends (t + 1 a multiple of k) or earlier in the same block
        const H = 4;
        const lastBlockStart = Math.floor(6 / k) * k;
        for (let t = lastBlockStart; t < 7; t++) {
          expect(sameBits(tr.ws.dhs.subarray(t * H, (t + 1) * H), fullDh.subarray(t * H, (t + 1) * H)), `t=${t}`).toBe(true);
        }
        expect(sameBits(tr.ws.dhs.subarray(0, lastBlockStart * H), fullDh.subarray(0, lastBlockStart * H))).toBe(false);
      }
      for (const k of [7, 8, 100]) {
        const tr = runSequence(params, { ...seq, truncation: k });
        for (const { field } of PARAM_KEYS) expect(sameBits(tr.grads[field], fullGrads[field]), `k=${k}`).toBe(true);
      }
    });

    it(`${cell}: the full gradient fails the truncated check (so the check can tell them apart)`, () => {
      const rng = createRng(22);
      const params = initParams(SHAPE(cell), rng, { scheme: 'pytorch', hhScale: 2 });
      const seq = randomSequence(rng, { T: 7, I: 3, H: 4, O: 3, loss: 'mse', truncation: 2, withH0: true, withC0: cell === 'lstm' });
      const full = runSequence(params, { ...seq, truncation: 0 }).grads;
      const r = check(params, seq, `truncated k=2 ${cell}`, '');
      expect(r.worstRelError).toBeLessThan(REL_TOL);
      // compare the full-BPTT gradient with the truncated numeric one on W_hh
      let worst = 0;
      const trunc = runSequence(params, seq).grads;
      for (let i = 0; i < full.wHh.length; i++) worst = Math.max(worst, relativeError(full.wHh[i], trunc.wHh[i]));
      expect(worst).toBeGreaterThan(1e-3);
    });
  }
});

describe('forward with frozen block states (regression)', () => {
  // The state entering a truncation block is held constant for the recurrence, but the output
  // of the step before the cut still feeds the head. A version that overwrote h_{k-1} before
  // the head ran made every truncated gradient check fail (worst relative error ≈ 0.6–2).
  for (const cell of CELL_TYPES) {
    it(`${cell}: steps before the first cut are untouched by freezing`, () => {
      const rng = createRng(9);
      const params = initParams(SHAPE(cell), rng, { scheme: 'pytorch' });
      const seq = randomSequence(rng, { T: 6, I: 3, H: 4, O: 3, loss: 'mse', truncation: 3, withH0: true, withC0: cell === 'lstm' });
      const base = runSequence(params, seq);
      const frozen = { truncation: 3, hs: base.ws.hs.slice(), cs: base.ws.cs.slice() };
      const moved = cloneParams(params);
      for (const a of [moved.wIh, moved.wHh]) for (let i = 0; i < a.length; i++) a[i] += 0.01 * Math.sin(i + 1);
      const plain = runSequence(moved, { ...seq, truncation: 0 }).ws;
      const ws = base.ws;
      prepareWeights(ws, moved);
      bindSequence(ws, seq);
      forwardAll(moved, ws, frozen);
      // steps 0..2 form the first block: identical to the unfrozen forward with the moved weights
      expect(sameBits(ws.ys.subarray(0, 3 * 3), plain.ys.subarray(0, 3 * 3))).toBe(true);
      expect(sameBits(ws.lossTerms.subarray(0, 3), plain.lossTerms.subarray(0, 3))).toBe(true);
      // the second block starts from the unperturbed state, so it differs from the plain run
      expect(sameBits(ws.ys.subarray(9), plain.ys.subarray(9))).toBe(false);
    });
  }
});

describe('gradientCheck options', () => {
  it('samples maxParams entries with every tensor represented, and needs an rng to do so', () => {
    const rng = createRng(1);
    const params = initParams(SHAPE('lstm'), rng, { scheme: 'pytorch' });
    const seq = randomSequence(rng, { T: 4, I: 3, H: 4, O: 3, loss: 'mse' });
    expect(() => gradientCheck(params, seq, { maxParams: 10 })).toThrow(/rng/);
    const r = gradientCheck(params, seq, { maxParams: 10, rng: createRng(2) });
    expect(r.checked).toBe(10);
    expect(r.total).toBe(paramCount(params));
    expect(r.worstRelError).toBeLessThan(REL_TOL);
  });

  it('with its defaults (five-point stencil, step 1e-3) it passes, tighter than central differences', () => {
    for (const cell of CELL_TYPES) {
      for (const loss of LOSS_KINDS) {
        const rng = createRng(3);
        const params = initParams(SHAPE(cell), rng, { scheme: 'pytorch' });
        const seq = randomSequence(rng, { T: 8, I: 3, H: 4, O: 3, loss, truncation: 2, withH0: true, withC0: cell === 'lstm' });
        const r = gradientCheck(params, seq);
        expect(r.step).toBe(1e-3);
        expect(r.worstRelError, `${cell} ${loss} ${JSON.stringify(r.worst)}`).toBeLessThan(1e-7);
      }
    }
  });

  it('notices when the numeric derivative is off (a huge step)', () => {
    const rng = createRng(1);
    const params = initParams(SHAPE('rnn'), rng, { scheme: 'pytorch' });
    const seq = randomSequence(rng, { T: 4, I: 3, H: 4, O: 3, loss: 'mse' });
    const r = gradientCheck(params, seq, { step: 0.5 });
    expect(r.worstRelError).toBeGreaterThan(1e-3);
    expect(r.worst).not.toBeNull();
  });

  it('relativeError is relative above 1e-8 and absolute×1e8 below', () => {
    expect(relativeError(1, 1.001)).toBeCloseTo(0.001 / 1.001, 15);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(1e-12, 0)).toBeCloseTo(1e-4, 15);
  });
});
