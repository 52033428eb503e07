/**
 * `npm run bench` — median microseconds per timestep of forward + full backward to every parameter
 * gradient (mse, batch 1, after warm-up), for each cell at I = 8, O = 8, H ∈ {16, 64, 256},
 * T = 100, for the engine and, side by side in the same process, for a hand-tuned plain-JS
 * implementation of the same computation, ./baseline.ts (per-row 4-accumulator dots). The two are
 * timed in alternating batches so that machine noise (this VM swings 2× at H = 256) hits both
 * alike, after a warm-up that runs every configuration of both (so every row is timed with the JIT
 * settled on all the shapes, not just the first ones).
 *
 * `npm run bench -- --json` prints a JSON array instead, one object per row:
 * {cell, inputSize, hiddenSize, outputSize, T, usPerStep, gflops, baselineUsPerStep}
 * (npm itself prints a "> unroll@… bench" banner first unless run with -s / --silent), then, on a
 * second line, the network rows (./networks.ts): {cell, hiddenSize, numLayers, directions,
 * usPerStep, usPerRecurrence, aloneUsPerStep} for L = 2 and L = 2 × D = 2.
 * `-- --networks-only` times just the network rows; `-- --cpu-time` times with the process's CPU
 * time instead of wall time (steadier when other work shares the machine).
 *
 * gflops counts the multiply-adds of the matrix products only (2 flops each):
 *   forward  G·H·(I + H) + O·H
 *   backward G·H·(I + H)  (dW_ih, dW_hh)  + G·H·H (dh_{t-1})  + 2·O·H (head)
 */
import { initParams } from '../engine/init';
import { GATE_COUNT, fields, type CellType, type Params } from '../engine/params';
import { createRng } from '../engine/rng';
import { runSequence, type RunResult, type Sequence } from '../engine/sequence';
import { baselineRun, createBaseline } from './baseline';
import { type NetworkRow, type NetworkSetup, networkSetup } from './networks';

const I = 8;
const O = 8;
const T = 100;
const SIZES = [16, 64, 256];
const CELLS: CellType[] = ['lstm', 'gru', 'rnn'];

interface Row {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  T: number;
  usPerStep: number;
  gflops: number;
  baselineUsPerStep: number;
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

/**
 * Microseconds since some start: wall time, or with --cpu-time this process's CPU time (user +
 * system), which a machine shared with other busy processes inflates far less.
 */
const cpuTime = process.argv.includes('--cpu-time');
function clockUs(): number {
  if (!cpuTime) return performance.now() * 1000;
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** µs per timestep of `batch` back-to-back runs. */
function timeBatch(run: () => void, batch: number): number {
  const t0 = clockUs();
  for (let b = 0; b < batch; b++) run();
  return (clockUs() - t0) / (batch * T);
}

interface Setup {
  cell: CellType;
  H: number;
  engine: () => void;
  baseline: () => void;
  /** the last runs' results, for the agreement check */
  last: () => { run: RunResult; baseLoss: number; baseGrads: Params };
}

function setUp(cell: CellType, H: number): Setup {
  const rng = createRng(1234 + H);
  const params: Params = initParams({ cell, inputSize: I, hiddenSize: H, outputSize: O }, rng, { scheme: 'pytorch' });
  const inputs = new Float64Array(T * I).map(() => rng.normal());
  const values = new Float64Array(T * O).map(() => rng.normal());
  const seq: Sequence = { steps: T, inputs, targets: { kind: 'mse', values }, truncation: 0 };
  let run: RunResult = runSequence(params, seq);
  const reuse = { net: run.net, grads: run.grads };
  const base = createBaseline(params, T);
  let baseLoss = baselineRun(base, params, inputs, values);
  return {
    cell,
    H,
    engine: () => {
      run = runSequence(params, seq, reuse);
    },
    baseline: () => {
      baseLoss = baselineRun(base, params, inputs, values);
    },
    last: () => ({ run, baseLoss, baseGrads: base.grads }),
  };
}

/** Runs every configuration of both implementations for a while, so that each row is timed with the JIT settled on all shapes. */
function warmUp(setups: Setup[], msEach: number): void {
  for (const s of setups) {
    const until = performance.now() + msEach;
    while (performance.now() < until) {
      s.engine();
      s.baseline();
    }
  }
}

function measure(s: Setup): Row {
  const { cell, H } = s;
  // Time alternating batches long enough for the clock, engine and baseline taking turns going first.
  const batch = Math.max(1, Math.round(20000 / (H * H * GATE_COUNT[cell] * 0.02 + 50)));
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) {
    timeBatch(s.engine, 1);
    timeBatch(s.baseline, 1);
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  const stopAt = performance.now() + 3000;
  while (ours.length < 15 || (performance.now() < stopAt && ours.length < 200)) {
    if (ours.length % 2 === 0) {
      ours.push(timeBatch(s.engine, batch));
      theirs.push(timeBatch(s.baseline, batch));
    } else {
      theirs.push(timeBatch(s.baseline, batch));
      ours.push(timeBatch(s.engine, batch));
    }
  }
  const { run, baseLoss, baseGrads } = s.last();
  checkAgreement(cell, H, run, baseLoss, baseGrads);
  const usPerStep = median(ours);
  return {
    cell,
    inputSize: I,
    hiddenSize: H,
    outputSize: O,
    T,
    usPerStep,
    gflops: flopsPerStep(cell, H) / (usPerStep * 1000),
    baselineUsPerStep: median(theirs),
  };
}

/** The two implementations must compute the same numbers (up to summation order), or the timing means nothing. */
function checkAgreement(cell: CellType, H: number, run: RunResult, baseLoss: number, baseGrads: Params): void {
  if (!Number.isFinite(run.loss)) throw new Error('benchmark run produced a non-finite loss');
  let worst = Math.abs(run.loss - baseLoss) / Math.max(1, Math.abs(baseLoss));
  const ours = fields(run.grads);
  const theirs = fields(baseGrads);
  for (let f = 0; f < ours.length; f++) {
    for (let k = 0; k < ours[f].length; k++) {
      worst = Math.max(worst, Math.abs(ours[f][k] - theirs[f][k]) / Math.max(1, Math.abs(theirs[f][k])));
    }
  }
  if (!(worst < 1e-12)) throw new Error(`${cell} H=${H}: engine and baseline disagree (worst relative difference ${worst})`);
}

const json = process.argv.includes('--json');
const networksOnly = process.argv.includes('--networks-only');
const setups: Setup[] = [];
if (!networksOnly) for (const cell of CELLS) for (const H of SIZES) setups.push(setUp(cell, H));
const netSetups: NetworkSetup[] = [];
for (const [L, D] of [[2, 1], [2, 2]] as const) for (const cell of CELLS) for (const H of SIZES) netSetups.push(networkSetup(cell, H, L, D, I, O, T));
warmUp(setups, 250);
for (const s of netSetups) {
  const until = performance.now() + 150;
  while (performance.now() < until) {
    s.network();
    s.alone();
  }
}
const rows = setups.map(measure);
const netRows = netSetups.map(measureNetwork);

/** Like measure: alternating batches of the network and of its layers alone, medians. */
function measureNetwork(s: NetworkSetup): NetworkRow {
  const n = s.L * s.D;
  const batch = Math.max(1, Math.round(20000 / (n * (s.H * s.H * GATE_COUNT[s.cell] * 0.03 + 50))));
  const ours: number[] = [];
  const alone: number[] = [];
  const stopAt = performance.now() + 2000;
  while (ours.length < 11 || (performance.now() < stopAt && ours.length < 200)) {
    if (ours.length % 2 === 0) {
      ours.push(timeBatch(s.network, batch));
      alone.push(timeBatch(s.alone, batch));
    } else {
      alone.push(timeBatch(s.alone, batch));
      ours.push(timeBatch(s.network, batch));
    }
  }
  const usPerStep = median(ours);
  return { cell: s.cell, hiddenSize: s.H, numLayers: s.L, directions: s.D, usPerStep, usPerRecurrence: usPerStep / n, aloneUsPerStep: median(alone) };
}

if (json) {
  const out = rows.map((r) => ({
    ...r,
    usPerStep: round(r.usPerStep),
    gflops: round(r.gflops),
    baselineUsPerStep: round(r.baselineUsPerStep),
  }));
  process.stdout.write(JSON.stringify(out) + '\n');
  const net = netRows.map((r) => ({ ...r, usPerStep: round(r.usPerStep), usPerRecurrence: round(r.usPerRecurrence), aloneUsPerStep: round(r.aloneUsPerStep) }));
  process.stdout.write(JSON.stringify(net) + '\n');
} else {
  if (rows.length > 0) {
    const lines = [
      '| cell | H | engine µs | GFLOP/s | baseline µs | engine / baseline |',
      '|---|---|---|---|---|---|',
    ];
    for (const r of rows) {
      lines.push(
        `| ${r.cell} | ${r.hiddenSize} | ${r.usPerStep.toFixed(2)} | ${r.gflops.toFixed(2)} | ${r.baselineUsPerStep.toFixed(2)} | ` +
          `${(r.usPerStep / r.baselineUsPerStep).toFixed(2)}× |`,
      );
    }
    process.stdout.write(
      `forward + full backward, mse, batch 1, I = ${I}, O = ${O}, T = ${T}; µs per timestep (${cpuTime ? 'CPU' : 'wall'} time), medians of timed batches after warm-up;\n` +
        `baseline = a hand-tuned plain-JS implementation (src/bench/baseline.ts), timed in alternating batches in this process\n`,
    );
    process.stdout.write(lines.join('\n') + '\n\n');
  }
  const lines = [
    '| cell | H | L × D | network µs / step | µs / step / (layer, direction) | its layers alone µs / step | network / alone |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of netRows) {
    lines.push(
      `| ${r.cell} | ${r.hiddenSize} | ${r.numLayers} × ${r.directions} | ${r.usPerStep.toFixed(2)} | ${r.usPerRecurrence.toFixed(2)} | ` +
        `${r.aloneUsPerStep.toFixed(2)} | ${(r.usPerStep / r.aloneUsPerStep).toFixed(2)}× |`,
    );
  }
  process.stdout.write(
    `stacked and bidirectional networks, same settings; "alone" = the same L·D recurrences run one after the other as\n` +
      `one-layer networks of the same input widths (I for layer 0, D·H above), timed in alternating batches\n`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}
