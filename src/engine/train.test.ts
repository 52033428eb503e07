import { describe, expect, it } from 'vitest';
import { initParams } from './init';
import { cloneParams, fields, paramEntries, type Params, PARAM_KEYS, zerosLike } from './params';
import { createRng } from './rng';
import { runSequence, type Sequence } from './sequence';
import { clipFactor, clipGradNorm, DEFAULT_TRAIN, type TrainConfig, Trainer } from './train';
import { randomSequence, sameBits } from './testing/helpers';

const SHAPE = { cell: 'gru' as const, inputSize: 2, hiddenSize: 3, outputSize: 2 };

function setup(seed = 1) {
  const rng = createRng(seed);
  const params = initParams(SHAPE, rng, { scheme: 'pytorch' });
  const batch = [0, 1].map(() => randomSequence(rng, { T: 5, I: 2, H: 3, O: 2, loss: 'mse', withH0: true }));
  return { params, batch };
}

/** dL/dθ of the mean loss over the batch, from the fast path (checked elsewhere against the naive reference). */
function batchGrad(p: Params, batch: Sequence[]): Float64Array[] {
  const sum = fields(zerosLike(p));
  for (const seq of batch) {
    const g = fields(runSequence(p, seq).grads);
    sum.forEach((a, f) => a.forEach((_, k) => (a[k] += g[f][k])));
  }
  return sum.map((a) => a.map((v) => v / batch.length));
}

const cfg = (c: Partial<TrainConfig>): TrainConfig => ({ ...DEFAULT_TRAIN, clip: 0, ...c });

function expectClose(got: Params, want: Float64Array[], tol: number, what: string) {
  const keys = paramEntries(got).map((e) => e.key);
  fields(got).forEach((a, f) => {
    for (let k = 0; k < a.length; k++) {
      expect(Math.abs(a[k] - want[f][k]), `${what} ${keys[f]}[${k}]`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[f][k])));
    }
  });
}

describe('optimisers follow the PyTorch update rules', () => {
  it('SGD: θ ← θ − lr·g, step after step', () => {
    const { params, batch } = setup();
    const p = cloneParams(params);
    const tr = new Trainer(params, cfg({ optimizer: 'sgd', lr: 0.1 }));
    let want = fields(p).map((a) => a.slice());
    for (let s = 0; s < 3; s++) {
      const g = batchGrad(params, batch);
      want = want.map((a, f) => a.map((v, k) => v - 0.1 * g[f][k]));
      const rep = tr.step(batch);
      expect(rep.finite).toBe(true);
      expect(rep.clipped).toBe(false);
      expectClose(params, want, 1e-15, `step ${s + 1}`);
    }
    expect(tr.stepCount).toBe(3);
  });

  it('momentum: buf = g on the first step, then buf = μ·buf + g; θ ← θ − lr·buf', () => {
    const { params, batch } = setup(2);
    const tr = new Trainer(params, cfg({ optimizer: 'momentum', lr: 0.05, momentum: 0.9 }));
    let want = fields(params).map((a) => a.slice());
    let buf: Float64Array[] | null = null;
    for (let s = 0; s < 4; s++) {
      const g = batchGrad(params, batch);
      buf = buf === null ? g.map((a) => a.slice()) : buf.map((b, f) => b.map((v, k) => 0.9 * v + g[f][k]));
      const bb = buf;
      want = want.map((a, f) => a.map((v, k) => v - 0.05 * bb[f][k]));
      tr.step(batch);
      expectClose(params, want, 1e-15, `step ${s + 1}`);
    }
  });

  it('momentum differs from SGD from the second step on (the buffer is really used)', () => {
    const a = setup(3);
    const b = setup(3);
    const ta = new Trainer(a.params, cfg({ optimizer: 'momentum', lr: 0.05, momentum: 0.9 }));
    const tb = new Trainer(b.params, cfg({ optimizer: 'sgd', lr: 0.05 }));
    ta.step(a.batch);
    tb.step(b.batch);
    expect(sameBits(a.params.wHh, b.params.wHh)).toBe(true);
    ta.step(a.batch);
    tb.step(b.batch);
    expect(sameBits(a.params.wHh, b.params.wHh)).toBe(false);
  });

  it('Adam: m, v moving averages; θ ← θ − lr·m̂ / (√v̂ + ε) with bias-corrected m̂, v̂', () => {
    const { params, batch } = setup(4);
    const c = cfg({ optimizer: 'adam', lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-8 });
    const tr = new Trainer(params, c);
    let want = fields(params).map((a) => a.slice());
    let m = want.map((a) => new Float64Array(a.length));
    let v = want.map((a) => new Float64Array(a.length));
    for (let t = 1; t <= 4; t++) {
      const g = batchGrad(params, batch);
      m = m.map((a, f) => a.map((x, k) => c.beta1 * x + (1 - c.beta1) * g[f][k]));
      v = v.map((a, f) => a.map((x, k) => c.beta2 * x + (1 - c.beta2) * g[f][k] ** 2));
      const mm = m;
      const vv = v;
      want = want.map((a, f) =>
        a.map((x, k) => {
          const mHat = mm[f][k] / (1 - c.beta1 ** t);
          const vHat = vv[f][k] / (1 - c.beta2 ** t);
          return x - (c.lr * mHat) / (Math.sqrt(vHat) + c.eps);
        }),
      );
      tr.step(batch);
      expectClose(params, want, 1e-14, `step ${t}`);
    }
  });

  it('Adam: the first step moves every parameter by lr·g/(|g| + ε), i.e. ≈ lr against the sign of g', () => {
    const { params, batch } = setup(5);
    const before = cloneParams(params);
    const g = batchGrad(params, batch);
    new Trainer(params, cfg({ optimizer: 'adam', lr: 0.003 })).step(batch);
    fields(params).forEach((a, f) => {
      for (let k = 0; k < a.length; k++) {
        const delta = a[k] - fields(before)[f][k];
        const gk = g[f][k];
        expect(Math.abs(delta - (-0.003 * gk) / (Math.abs(gk) + 1e-8))).toBeLessThan(1e-15);
        if (Math.abs(gk) > 1e-4) expect(Math.abs(Math.abs(delta) - 0.003)).toBeLessThan(1e-6);
      }
    });
  });

  it('the batch gradient is the mean over its sequences', () => {
    const { params, batch } = setup(6);
    const tr = new Trainer(params, cfg({ optimizer: 'sgd' }));
    const { loss, grads } = tr.gradient(batch);
    expect(loss).toBeCloseTo((runSequence(params, batch[0]).loss + runSequence(params, batch[1]).loss) / 2, 15);
    expectClose(grads, batchGrad(params, batch), 1e-15, 'mean');
  });

  it('resetState makes the next step a first step again', () => {
    const a = setup(7);
    const b = setup(7);
    const ta = new Trainer(a.params, cfg({ optimizer: 'adam' }));
    ta.step(a.batch);
    ta.step(a.batch);
    ta.resetState();
    expect(ta.stepCount).toBe(0);
    // put a's weights back to the start and compare one step with a fresh trainer
    fields(a.params).forEach((arr, f) => arr.set(fields(b.params)[f]));
    ta.step(a.batch);
    new Trainer(b.params, cfg({ optimizer: 'adam' })).step(b.batch);
    for (const { field } of PARAM_KEYS) expect(sameBits(a.params[field], b.params[field])).toBe(true);
  });
});

describe('clipFactor', () => {
  it('is max/(norm + 1e-6) when that is below 1, the factor clipGradNorm applies', () => {
    expect(clipFactor(5, 1)).toBe(1 / (5 + 1e-6));
    expect(clipFactor(5, 5)).toBe(5 / (5 + 1e-6));
    const g = zerosLike(SHAPE);
    g.wIh[0] = 3;
    g.headB[1] = -4;
    clipGradNorm(g, 2);
    expect(g.wIh[0]).toBe(3 * clipFactor(5, 2));
  });

  it('is 1 when the norm is within the threshold, clipping is off, or the norm is not finite', () => {
    expect(clipFactor(0.5, 1)).toBe(1);
    expect(clipFactor(0, 1)).toBe(1);
    expect(clipFactor(5, 0)).toBe(1);
    expect(clipFactor(5, -1)).toBe(1);
    expect(clipFactor(NaN, 1)).toBe(1);
    expect(clipFactor(Infinity, 1)).toBe(1);
  });
});

describe('clipGradNorm', () => {
  const grads = () => {
    const g = zerosLike(SHAPE);
    g.wIh[0] = 3;
    g.headB[1] = -4; // norm 5
    return g;
  };

  it('reports the norm before clipping and scales by max/(norm + 1e-6)', () => {
    const g = grads();
    expect(clipGradNorm(g, 1)).toEqual([5, true]);
    const coef = 1 / (5 + 1e-6);
    expect(g.wIh[0]).toBe(3 * coef);
    expect(g.headB[1]).toBe(-4 * coef);
    expect(g.wHh.every((v) => v === 0)).toBe(true);
  });

  it('leaves gradients under the limit alone, and 0 means no clipping', () => {
    for (const max of [10, 5.00001, 0]) {
      const g = grads();
      expect(clipGradNorm(g, max)).toEqual([5, false]);
      expect(g.wIh[0]).toBe(3);
      expect(g.headB[1]).toBe(-4);
    }
  });

  it('with max equal to the norm the coefficient is just under 1, so it clips (as PyTorch does)', () => {
    const g = grads();
    const [norm, clipped] = clipGradNorm(g, 5);
    expect(norm).toBe(5);
    expect(clipped).toBe(true);
    expect(g.wIh[0]).toBe(3 * (5 / (5 + 1e-6)));
  });

  it('does not touch NaN or infinite gradients', () => {
    const g = grads();
    g.bHh[0] = NaN;
    const [norm, clipped] = clipGradNorm(g, 1);
    expect(norm).toBeNaN();
    expect(clipped).toBe(false);
    expect(g.wIh[0]).toBe(3);
  });

  it('the trainer clips before the update and reports it', () => {
    const { params, batch } = setup(8);
    const before = fields(cloneParams(params));
    const g = batchGrad(params, batch);
    let s = 0;
    for (const a of g) for (const v of a) s += v * v;
    const norm = Math.sqrt(s);
    const max = norm / 10;
    const rep = new Trainer(params, cfg({ optimizer: 'sgd', lr: 0.5, clip: max })).step(batch);
    expect(rep.clipped).toBe(true);
    expect(rep.gradNorm).toBeCloseTo(norm, 14);
    const coef = max / (norm + 1e-6);
    expectClose(params, before.map((a, f) => a.map((v, k) => v - 0.5 * g[f][k] * coef)), 1e-14, 'clipped sgd');
  });
});

describe('training', () => {
  it('a short run on a simple task (echo the input one step later) lowers the loss a lot', () => {
    const rng = createRng(10);
    const params = initParams({ cell: 'lstm', inputSize: 1, hiddenSize: 6, outputSize: 1 }, rng, { scheme: 'pytorch' });
    const batch: Sequence[] = [];
    for (let b = 0; b < 6; b++) {
      const T = 8;
      const inputs = Float64Array.from({ length: T }, () => rng.uniform(-1, 1));
      const values = Float64Array.from({ length: T }, (_, t) => (t === 0 ? 0 : inputs[t - 1]));
      batch.push({ steps: T, inputs, targets: { kind: 'mse', values }, truncation: 0 });
    }
    const tr = new Trainer(params, { ...DEFAULT_TRAIN, optimizer: 'adam', lr: 0.03, clip: 1 });
    const first = tr.gradient(batch).loss;
    let last = first;
    for (let s = 0; s < 100; s++) {
      const rep = tr.step(batch);
      expect(rep.finite).toBe(true);
      last = rep.loss;
    }
    last = tr.gradient(batch).loss;
    expect(last).toBeLessThan(0.05 * first); // starts at 0.44
  });

  it('a non-finite loss reports finite = false and changes neither the weights nor the optimiser state', () => {
    for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
      const { params, batch } = setup(11);
      const twin = cloneParams(params);
      const tr = new Trainer(params, cfg({ optimizer, clip: 1 }));
      const bad: Sequence = { ...batch[0], targets: { kind: 'mse', values: batch[0].targets.kind === 'mse' ? batch[0].targets.values.slice() : new Float64Array() } };
      if (bad.targets.kind === 'mse') bad.targets.values[3] = Infinity;
      const rep = tr.step([batch[1], bad]);
      expect(rep.finite).toBe(false);
      expect(rep.clipped).toBe(false);
      expect(Number.isFinite(rep.loss)).toBe(false);
      expect(tr.stepCount).toBe(0);
      for (const { field } of PARAM_KEYS) expect(sameBits(params[field], twin[field])).toBe(true);
      // NaN inputs likewise
      const nan: Sequence = { ...batch[0], inputs: batch[0].inputs.map((v, i) => (i === 1 ? NaN : v)) };
      expect(tr.step([nan]).finite).toBe(false);
      for (const { field } of PARAM_KEYS) expect(sameBits(params[field], twin[field])).toBe(true);
      // the next good step is the same as a fresh trainer's first step
      tr.step(batch);
      new Trainer(twin, cfg({ optimizer, clip: 1 })).step(batch);
      for (const { field } of PARAM_KEYS) expect(sameBits(params[field], twin[field]), `${optimizer} ${field}`).toBe(true);
    }
  });
});

describe('training stacked and bidirectional networks', () => {
  for (const [L, D, k] of [[2, 1, 2], [2, 2, 0]] as const) {
    it(`L=${L} D=${D}: Adam updates every layer and direction, clipping sees their gradients, the loss falls`, () => {
      const rng = createRng(12);
      const shape = { ...SHAPE, numLayers: L, directions: D };
      const params = initParams(shape, rng, { scheme: 'pytorch' });
      const batch = [0, 1].map(() => randomSequence(rng, { T: 6, I: 2, H: 3, O: 2, loss: 'mse', truncation: k, withH0: true, stateRows: L * D }));
      const before = cloneParams(params);
      // SGD is θ − lr·g over every array of every layer, in fields order
      const g = batchGrad(params, batch);
      const sgd = new Trainer(cloneParams(params), cfg({ optimizer: 'sgd', lr: 0.1 }));
      sgd.step(batch);
      expectClose(sgd.params, fields(before).map((a, f) => a.map((v, i) => v - 0.1 * g[f][i])), 1e-15, 'sgd');
      const [norm] = clipGradNorm(runSequence(params, batch[0]).grads, 0);
      let s = 0;
      for (const a of fields(runSequence(params, batch[0]).grads)) for (const v of a) s += v * v;
      expect(norm).toBe(Math.sqrt(s));
      const tr = new Trainer(params, { ...DEFAULT_TRAIN, lr: 0.02 });
      const first = tr.step(batch).loss;
      for (let i = 0; i < 30; i++) tr.step(batch);
      expect(tr.gradient(batch).loss).toBeLessThan(first);
      params.layers.forEach((lp, i) => expect(sameBits(lp.wHh, before.layers[i].wHh), `layer ${i}`).toBe(false));
    });
  }
});
