/**
 * Runs a preset on the engine the way the app's worker does (host.ts): weights from
 * createRng(seed), data from createRng(dataSeed(seed)), training batches from the TrainingRun's
 * own stream. What the claims test measures is what the app shows for the same preset and seed.
 */
import { evaluateOnFresh, type Evaluation } from '../engine/evaluate';
import { initParams, shapeOfChoice } from '../engine/init';
import { stepMechanism, type StepMechanism } from '../engine/jacobian';
import type { CellType, Params } from '../engine/params';
import { createRng } from '../engine/rng';
import { runSequence } from '../engine/sequence';
import { storedPassOf } from '../engine/storedPass';
import { dataSeed, taskData, type TaskData, type TaskOptions } from '../engine/tasks';
import { DEFAULT_TRAIN } from '../engine/train';
import type { Workspace } from '../engine/workspace';
import { TrainingRun } from '../engine/trainingRun';
import type { Preset, PresetTraining } from './presets';

export interface OpenedPreset {
  params: Params;
  data: TaskData;
  options: TaskOptions;
}

/** Weights and data of a preset for one seed (and optionally another cell, for the comparison), its layers and directions included. */
export function openPreset(preset: Preset, seed = preset.model.seed, cell: CellType = preset.model.cell): OpenedPreset {
  const { model, data: d } = preset;
  const options: TaskOptions = { steps: d.steps, truncation: d.truncation, symbols: d.symbols, lossSteps: d.lossSteps, inputScale: d.inputScale };
  const data = taskData(d.task, createRng(dataSeed(seed)), options);
  // layers and directions as the worker reads them (host.ts): shapeOfChoice
  const shape = shapeOfChoice({ ...model, cell }, data.inputSize, data.outputSize);
  const params = initParams(shape, createRng(seed), { scheme: model.init, hhScale: model.hhScale, forgetBias: model.forgetBias, updateBias: model.updateBias });
  return { params, data, options };
}

export interface ExampleAnalysis {
  params: Params;
  ws: Workspace;
  loss: number;
  /** ‖∂L/∂h_t‖ and (lstm) ‖∂L/∂c_t‖ per step */
  dhNorm: Float64Array;
  dcNorm: Float64Array;
  mechanism: StepMechanism;
}

/** Forward, backward and the per-step mechanism on the preset's example sequence. */
export function analyseExample(preset: Preset, seed = preset.model.seed, cell: CellType = preset.model.cell): ExampleAnalysis {
  const { params, data } = openPreset(preset, seed, cell);
  const run = runSequence(params, data.example);
  const ws = run.ws;
  const H = params.hiddenSize;
  return {
    params,
    ws,
    loss: run.loss,
    dhNorm: rowNorms(ws.dhs, ws.steps, H),
    dcNorm: rowNorms(ws.dcs, ws.dcs.length > 0 ? ws.steps : 0, H),
    mechanism: stepMechanism(storedPassOf(params, ws)),
  };
}

export interface TrainingLog {
  /** the loss of each finished iteration (mean over its batch), before that iteration's update */
  losses: number[];
  /** the global gradient norm of each iteration, before clipping */
  gradNorms: number[];
  /** the iteration whose loss or gradient was not finite (training stops there), or −1 */
  nonFiniteAt: number;
  params: Params;
  opened: OpenedPreset;
}

/** Trains a preset for its iteration budget (or `settings` overriding parts of it). */
export function trainPreset(preset: Preset, seed = preset.model.seed, cell: CellType = preset.model.cell, settings: Partial<PresetTraining> = {}): TrainingLog {
  const t = { ...preset.training!, ...settings };
  const opened = openPreset(preset, seed, cell);
  const run = new TrainingRun(opened.params, { ...DEFAULT_TRAIN, optimizer: t.optimizer, lr: t.lr, clip: t.clip, batch: t.batch }, opened.data, opened.options, seed);
  const losses: number[] = [];
  const gradNorms: number[] = [];
  let nonFiniteAt = -1;
  for (let i = 0; i < t.iterations; i++) {
    const r = run.step();
    losses.push(r.loss);
    gradNorms.push(r.gradNorm);
    if (!r.finite) {
      nonFiniteAt = i;
      break;
    }
  }
  return { losses, gradNorms, nonFiniteAt, params: opened.params, opened };
}

/** The trained weights on `count` fresh sequences (engine/evaluate.ts: the same the app's test runs). */
export function evaluate(opened: OpenedPreset, seed: number, count = 64): Evaluation {
  return evaluateOnFresh(opened.params, opened.data, opened.options, seed, count);
}

function rowNorms(a: Float64Array, rows: number, width: number): Float64Array {
  const out = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    let s = 0;
    for (let j = 0; j < width; j++) s += a[t * width + j] * a[t * width + j];
    out[t] = Math.sqrt(s);
  }
  return out;
}
