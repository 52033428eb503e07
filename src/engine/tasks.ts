import type { LossSteps, Targets } from './loss';
import { sin } from './mathfn';
import type { Rng } from './rng';
import type { Sequence } from './sequence';

/**
 * Built-in data: each task turns a seed (and, where the user can edit it, the user's data)
 * into sequences with PyTorch-style targets. Every step has a real target, so the plain
 * mean loss of the trace format fits every task; `lossSteps: 'last'` makes the loss count the
 * last step alone (a many-to-one model), which is what copy and adding are really about.
 */

export type TaskId = 'sine' | 'sine_mix' | 'text' | 'copy' | 'adding' | 'custom';
export const TASK_IDS: readonly TaskId[] = ['sine', 'sine_mix', 'text', 'copy', 'adding', 'custom'];

export interface TaskData {
  task: TaskId;
  inputSize: number;
  outputSize: number;
  loss: Targets['kind'];
  /** the sequence the stepping views walk through */
  example: Sequence;
  /** for text: the characters of the vocabulary, in class order */
  vocab?: string[];
}

export interface TaskOptions {
  steps: number;
  truncation: number;
  /** text task: the text to model (at least 2 characters) */
  text?: string;
  /** custom task: T × C rows of numbers (next-step prediction of every column) */
  series?: number[][];
  /** copy task: how many symbols to choose from */
  symbols?: number;
  /**
   * Which steps the loss counts: 'all' (the default, the mean over t) or 'last' (many-to-one: only
   * the answer at T − 1). With 'last', ∂L/∂h_t has no head term before T − 1, so its size going back
   * shows the recurrence alone.
   */
  lossSteps?: LossSteps;
  /**
   * Multiplies every input x_t (the targets stay as they are); default 1. A small value keeps the
   * pre-activations, and so the hidden states, in tanh's near-linear region, where tanh′ ≈ 1 and only
   * W_hh decides whether a gradient shrinks or grows.
   */
  inputScale?: number;
}

/**
 * The seed of a session's data, derived from the model seed so that one number in a link fixes
 * both the weights (createRng(seed)) and the data (createRng(dataSeed(seed))).
 */
export function dataSeed(seed: number): number {
  return (seed * 2654435761 + 97) >>> 0;
}

/** Applies the options every task shares (loss steps, input scale) to a freshly made sequence. */
function finish(seq: Sequence, opts: TaskOptions): Sequence {
  if (opts.lossSteps === 'last') seq.lossSteps = 'last';
  const scale = opts.inputScale ?? 1;
  if (scale !== 1) {
    const xs = seq.inputs.slice();
    for (let k = 0; k < xs.length; k++) xs[k] *= scale;
    seq.inputs = xs;
  }
  return seq;
}

/** A sine wave to continue: x_t = sin(ω t + φ), target x_{t+1}. Seeded phase and frequency. */
export function sineSequence(rng: Rng, steps: number, truncation: number, mix = false): Sequence {
  const omega = 0.25 + 0.2 * rng.next();
  const phase = 2 * Math.PI * rng.next();
  const omega2 = 0.9 + 0.5 * rng.next();
  const noise = mix ? 0.05 : 0;
  const value = (t: number) =>
    mix ? 0.6 * sin(omega * t + phase) + 0.4 * sin(omega2 * t + 2 * phase) : sin(omega * t + phase);
  const xs = new Float64Array(steps);
  const ys = new Float64Array(steps);
  for (let t = 0; t < steps; t++) {
    xs[t] = value(t) + (noise ? noise * rng.normal() : 0);
    ys[t] = value(t + 1);
  }
  return { steps, inputs: xs, targets: { kind: 'mse', values: ys }, truncation };
}

/** The characters of a text, sorted, as classes. */
export function vocabulary(text: string): string[] {
  return [...new Set([...text])].sort();
}

/** Next-character prediction: x_t = one-hot(char_t), target = class of char_{t+1}. */
export function textSequence(text: string, vocab: string[], start: number, steps: number, truncation: number): Sequence {
  const chars = [...text];
  const V = vocab.length;
  const index = new Map(vocab.map((c, i) => [c, i]));
  const xs = new Float64Array(steps * V);
  const classes = new Int32Array(steps);
  for (let t = 0; t < steps; t++) {
    const c = chars[(start + t) % chars.length];
    const next = chars[(start + t + 1) % chars.length];
    xs[t * V + (index.get(c) ?? 0)] = 1;
    classes[t] = index.get(next) ?? 0;
  }
  return { steps, inputs: xs, targets: { kind: 'cross_entropy', classes }, truncation };
}

/**
 * Copy / recall: step 0 shows one of K symbols (one-hot in channels 1…K), then only blanks
 * (channel 0) until the last step, which carries the recall cue (channel K + 1). The target is
 * class 0 ("nothing yet") at every step except the last, whose target is the symbol from step 0:
 * the answer depends on an input T − 1 steps back.
 */
export function copySequence(rng: Rng, steps: number, truncation: number, symbols: number): Sequence {
  const C = symbols + 2;
  const xs = new Float64Array(steps * C);
  const classes = new Int32Array(steps);
  const s = 1 + rng.int(symbols);
  for (let t = 0; t < steps; t++) {
    let channel = 0;
    if (t === 0) channel = s;
    else if (t === steps - 1) channel = symbols + 1;
    xs[t * C + channel] = 1;
    classes[t] = t === steps - 1 ? s : 0;
  }
  return { steps, inputs: xs, targets: { kind: 'cross_entropy', classes }, truncation };
}

/**
 * The adding problem: channel 0 a random value in [0, 1), channel 1 marks two steps (one in
 * the first half, one in the second), channel 2 marks the last step. The target is 0 until the
 * last step, whose target is the sum of the two marked values.
 */
export function addingSequence(rng: Rng, steps: number, truncation: number): Sequence {
  const xs = new Float64Array(steps * 3);
  const ys = new Float64Array(steps);
  const half = Math.max(1, Math.floor(steps / 2));
  const a = rng.int(half);
  const b = Math.min(steps - 1, half + rng.int(Math.max(1, steps - half - 1)));
  let sum = 0;
  for (let t = 0; t < steps; t++) {
    const v = rng.next();
    xs[t * 3] = v;
    if (t === a || t === b) {
      xs[t * 3 + 1] = 1;
      sum += v;
    }
  }
  xs[(steps - 1) * 3 + 2] = 1;
  ys[steps - 1] = sum;
  return { steps, inputs: xs, targets: { kind: 'mse', values: ys }, truncation };
}

/** Next-step prediction on the user's rows: x_t = row t, target = row t + 1 (T = rows − 1). */
export function seriesSequence(rows: number[][], truncation: number): Sequence {
  const steps = rows.length - 1;
  const C = rows[0].length;
  const xs = new Float64Array(steps * C);
  const ys = new Float64Array(steps * C);
  for (let t = 0; t < steps; t++) {
    for (let c = 0; c < C; c++) {
      xs[t * C + c] = rows[t][c];
      ys[t * C + c] = rows[t + 1][c];
    }
  }
  return { steps, inputs: xs, targets: { kind: 'mse', values: ys }, truncation };
}

/** Sizes and the example sequence of a task. */
export function taskData(task: TaskId, rng: Rng, opts: TaskOptions): TaskData {
  const data = baseTaskData(task, rng, opts);
  data.example = finish(data.example, opts);
  return data;
}

function baseTaskData(task: TaskId, rng: Rng, opts: TaskOptions): TaskData {
  const { steps, truncation } = opts;
  switch (task) {
    case 'sine':
    case 'sine_mix':
      return { task, inputSize: 1, outputSize: 1, loss: 'mse', example: sineSequence(rng, steps, truncation, task === 'sine_mix') };
    case 'text': {
      const text = opts.text ?? '';
      const vocab = vocabulary(text);
      return { task, inputSize: vocab.length, outputSize: vocab.length, loss: 'cross_entropy', vocab, example: textSequence(text, vocab, 0, steps, truncation) };
    }
    case 'copy': {
      const K = opts.symbols ?? 4;
      return { task, inputSize: K + 2, outputSize: K + 1, loss: 'cross_entropy', example: copySequence(rng, steps, truncation, K) };
    }
    case 'adding':
      return { task, inputSize: 3, outputSize: 1, loss: 'mse', example: addingSequence(rng, steps, truncation) };
    case 'custom': {
      const rows = opts.series ?? [];
      const C = rows[0]?.length ?? 1;
      return { task, inputSize: C, outputSize: C, loss: 'mse', example: seriesSequence(rows, truncation) };
    }
  }
}

/** A fresh training sequence of the task (the text task samples a window of the text). */
export function sampleSequence(data: TaskData, rng: Rng, opts: TaskOptions): Sequence {
  // the custom task trains on its one example, which taskData has already finished
  return data.task === 'custom' ? data.example : finish(baseSample(data, rng, opts), opts);
}

function baseSample(data: TaskData, rng: Rng, opts: TaskOptions): Sequence {
  const { steps, truncation } = opts;
  switch (data.task) {
    case 'sine':
    case 'sine_mix':
      return sineSequence(rng, steps, truncation, data.task === 'sine_mix');
    case 'text': {
      const text = opts.text ?? '';
      return textSequence(text, data.vocab ?? [], rng.int([...text].length), steps, truncation);
    }
    case 'copy':
      return copySequence(rng, steps, truncation, opts.symbols ?? 4);
    case 'adding':
      return addingSequence(rng, steps, truncation);
    case 'custom':
      return data.example;
  }
}

/** What a task's options may be asked for beyond their sizes: the factor on every input. */
export const TASK_LIMITS = {
  inputScale: { min: 1e-6, max: 10 },
} as const;
