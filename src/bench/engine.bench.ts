/**
 * `npm run bench` — median microseconds per timestep of forward + full backward to every
 * parameter gradient (mse, batch 1, after warm-up), for each cell at I = 8, O = 8,
 * H ∈ {16, 64, 256}, T = 100. `npm run bench -- --json` prints a JSON array instead.
 *
 * gflops counts the multiply-adds of the matrix products only (2 flops each):
 *   forward  G·H·(I + H) + O·H
 *   backward G·H·(I + H)  (dW_ih, dW_hh)  + G·H·H (dh_{t-1})  + 2·O·H (head)
 */
import { initParams } from '../engine/init';
import { GATE_COUNT, type CellType, type Params } from '../engine/params';
import { createRng } from '../engine/rng';
import { runSequence, type RunResult, type Sequence } from '../engine/sequence';

const I = 8;
const O = 8;
const T = 100;
const SIZES = [16, 64, 256];
const CELLS: CellType[] = ['lstm', 'gru', 'rnn'];

/** Reference medians on this machine kind (issue 2): tuned plain-JS loops. */
const REFERENCE_US: Record<CellType, number[]> = {
  lstm: [4.1, 37, 482],
  gru: [3.2, 27, 349],
  rnn: [1.5, 10, 120],
};

interface Row {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  T: number;
  usPerStep: number;
  gflops: number;
}

function flopsPerStep(cell: CellType, H: number): number {
  const G = GATE_COUNT[cell];
  const macs = G * H * (I + H) + O * H + G * H * (I + H) + G * H * H + 2 * O * H;
  return 2 * macs;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure(cell: CellType, H: number): Row {
  const rng = createRng(1234 + H);
  const params: Params = initParams({ cell, inputSize: I, hiddenSize: H, outputSize: O }, rng, { scheme: 'pytorch' });
  const inputs = new Float64Array(T * I).map(() => rng.normal());
  const values = new Float64Array(T * O).map(() => rng.normal());
  const seq: Sequence = { steps: T, inputs, targets: { kind: 'mse', values }, truncation: 0 };
  let last: RunResult = runSequence(params, seq);
  const reuse = { ws: last.ws, grads: last.grads };
  // Warm up until the JIT has settled, then time batches of runs long enough for the clock.
  const batch = Math.max(1, Math.round(20000 / (H * H * GATE_COUNT[cell] * 0.02 + 50)));
  const warmUntil = performance.now() + 400;
  while (performance.now() < warmUntil) last = runSequence(params, seq, reuse);
  const samples: number[] = [];
  const stopAt = performance.now() + 1500;
  while (samples.length < 15 || (performance.now() < stopAt && samples.length < 200)) {
    const t0 = performance.now();
    for (let b = 0; b < batch; b++) last = runSequence(params, seq, reuse);
    samples.push(((performance.now() - t0) * 1000) / (batch * T));
  }
  if (!Number.isFinite(last.loss)) throw new Error('benchmark run produced a non-finite loss');
  const usPerStep = median(samples);
  return { cell, inputSize: I, hiddenSize: H, outputSize: O, T, usPerStep, gflops: flopsPerStep(cell, H) / (usPerStep * 1000) };
}

const json = process.argv.includes('--json');
const rows: Row[] = [];
for (const cell of CELLS) for (const H of SIZES) rows.push(measure(cell, H));

if (json) {
  process.stdout.write(JSON.stringify(rows.map((r) => ({ ...r, usPerStep: round(r.usPerStep), gflops: round(r.gflops) }))) + '\n');
} else {
  const lines = ['| cell | H | µs / step | GFLOP/s | reference µs | ratio |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const ref = REFERENCE_US[r.cell][SIZES.indexOf(r.hiddenSize)];
    lines.push(`| ${r.cell} | ${r.hiddenSize} | ${r.usPerStep.toFixed(2)} | ${r.gflops.toFixed(2)} | ${ref} | ${(r.usPerStep / ref).toFixed(2)}× |`);
  }
  process.stdout.write(`forward + full backward, mse, batch 1, I = ${I}, O = ${O}, T = ${T}; median of timed batches after warm-up\n`);
  process.stdout.write(lines.join('\n') + '\n');
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}
