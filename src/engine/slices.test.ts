/**
 * The passes cut into pieces do the same arithmetic as in one go: with the smallest pieces (a
 * yield after every few rows and every step) every number of a run, a session and a training
 * step is the same, bit for bit, for each cell, stacked, two-way and truncated; and a step
 * stopped halfway changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { initParams } from './init';
import { fields, type Params, type Shape } from './params';
import { createRng } from './rng';
import { runSequence, runSequenceSlices } from './sequence';
import { StepSession } from './session';
import { finish, setSliceWork, SLICE_WORK, type Slices } from './slices';
import { taskData, type TaskOptions } from './tasks';
import { flatten, TrainingRun } from './trainingRun';

afterEach(() => {
  setSliceWork(SLICE_WORK);
});

const SHAPES: (Shape & { truncation: number; task: 'sine' | 'text' })[] = [
  { cell: 'rnn', inputSize: 1, hiddenSize: 5, outputSize: 1, truncation: 0, task: 'sine' },
  { cell: 'lstm', inputSize: 1, hiddenSize: 7, outputSize: 1, truncation: 4, task: 'sine' },
  { cell: 'gru', inputSize: 1, hiddenSize: 6, outputSize: 1, numLayers: 3, truncation: 3, task: 'sine' },
  { cell: 'lstm', inputSize: 1, hiddenSize: 5, outputSize: 1, numLayers: 2, directions: 2, truncation: 0, task: 'sine' },
  { cell: 'gru', inputSize: 0, hiddenSize: 9, outputSize: 0, directions: 2, truncation: 0, task: 'text' },
];

function setup(s: (typeof SHAPES)[number]) {
  const options: TaskOptions = { steps: 13, truncation: s.truncation, text: 'hello, unrolled world' };
  const data = taskData(s.task, createRng(4), options);
  const shape: Shape = { ...s, inputSize: data.inputSize, outputSize: data.outputSize };
  const params = initParams(shape, createRng(9), { scheme: 'pytorch' });
  return { data, options, params };
}

const bits = (p: Params) => fields(p).map((a) => Array.from(a));

/** Runs a sliced computation, counting the pieces. */
function counted<T>(g: Slices<T>): { value: T; pieces: number } {
  let pieces = 1;
  for (;;) {
    const r = g.next();
    if (r.done) return { value: r.value, pieces };
    pieces++;
  }
}

describe('sliced passes', () => {
  for (const s of SHAPES) {
    const name = `${s.cell}, ${s.numLayers ?? 1} layer(s), ${s.directions ?? 1} direction(s), truncation ${s.truncation}`;
    it(`give the same bits in the smallest pieces: ${name}`, () => {
      const { data, params } = setup(s);
      const whole = runSequence(params, data.example, undefined, true);
      const wholeSession = new StepSession(params, data.example);
      setSliceWork(1);
      const { value: cut, pieces } = counted(runSequenceSlices(params, data.example, undefined, true));
      expect(pieces).toBeGreaterThan(2 * 13);
      expect(cut.loss).toBe(whole.loss);
      expect(bits(cut.grads)).toEqual(bits(whole.grads));
      cut.net.layers.forEach((ws, i) => {
        const w = whole.net.layers[i];
        for (const k of ['hs', 'cs', 'gi', 'gh', 'act', 'dhs', 'dcs', 'dgi', 'dgh', 'dxs', 'dhHead'] as const) expect(Array.from(ws[k]), `${k} of ${i}`).toEqual(Array.from(w[k]));
      });
      expect(Array.from(cut.net.ys)).toEqual(Array.from(whole.net.ys));
      const session = finish(StepSession.build(params, data.example));
      expect(session.loss).toBe(wholeSession.loss);
      expect(bits(session.grads)).toEqual(bits(wholeSession.grads));
    });
  }

  it('a training step in pieces is the plain step; one stopped halfway changes nothing', () => {
    const s = SHAPES[3];
    const settings = { optimizer: 'adam' as const, lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1, batch: 3 };
    const plain = (() => {
      const { data, options, params } = setup(s);
      const run = new TrainingRun(params, settings, data, options, 1);
      for (let i = 0; i < 3; i++) run.step();
      return run;
    })();
    setSliceWork(1);
    const { data, options, params } = setup(s);
    const run = new TrainingRun(params, settings, data, options, 1);
    const before = flatten(run.params);
    const halfway = run.stepSlices();
    for (let i = 0; i < 40; i++) expect(halfway.next().done).toBe(false);
    expect(Array.from(flatten(run.params))).toEqual(Array.from(before));
    expect(run.iteration).toBe(0);
    for (let i = 0; i < 3; i++) finish(run.stepSlices());
    expect(run.iteration).toBe(3);
    expect(Array.from(flatten(run.params))).toEqual(Array.from(flatten(plain.params)));
    expect(run.currentLoss).toBe(plain.currentLoss);
  });

  it('keeps small networks in few pieces at the default size', () => {
    const { data, params } = setup(SHAPES[0]);
    expect(counted(runSequenceSlices(params, data.example)).pieces).toBe(1);
  });
});
