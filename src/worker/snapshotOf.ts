/**
 * A session as the snapshot the UI reads: copies of every array of the forward and backward pass,
 * the derived display rows, the weights and gradients, and what they are.
 */
import { networkDisplayArrays, networkInputGrads } from '../engine/display';
import { cloneParams } from '../engine/params';
import type { StepSession } from '../engine/session';
import type { TaskData } from '../engine/tasks';
import { sequenceTokens } from '../engine/tokens';
import { clipGradNorm } from '../engine/train';
import { finish, type Slices } from '../engine/slices';
import type { ModelInfo, RecurrenceSnapshot, SessionSnapshot } from './protocol';
import { toArrays } from './snapshotArrays';

export interface SnapshotMeta {
  version: number;
  origin: ModelInfo['origin'];
  data: TaskData | null;
  sequence: SessionSnapshot['sequence'];
  iteration: number;
}

export function snapshotOf(s: StepSession, meta: SnapshotMeta): SessionSnapshot {
  return finish(snapshotSlices(s, meta));
}

/** The arrays of a recurrence a snapshot copies. */
const COPIED = ['xs', 'hs', 'cs', 'gi', 'gh', 'act', 'tc', 'dhHead', 'dhs', 'dcs', 'dgi', 'dgh', 'dhPrev', 'dcPrev', 'dxs'] as const;

/** snapshotOf in pieces (engine/slices.ts): at the largest sizes each copy is megabytes. */
export function* snapshotSlices(s: StepSession, meta: SnapshotMeta): Slices<SessionSnapshot> {
  const net = s.net;
  const p = s.params;
  const data = meta.data;
  const display = networkDisplayArrays(net, s.seq.truncation);
  yield;
  const layers: RecurrenceSnapshot[] = [];
  for (const [i, ws] of net.layers.entries()) {
    const { probs: _probs, ...derived } = display.layers[i];
    const copies = {} as Record<(typeof COPIED)[number], Float64Array>;
    for (const k of COPIED) {
      // dgh is sent only where it differs from dgi (gru)
      copies[k] = k === 'dgh' && ws.dgh === ws.dgi ? new Float64Array(0) : ws[k].slice();
      yield;
    }
    layers.push({ layer: Math.floor(i / p.directions), direction: i % p.directions, ...copies, ...derived });
  }
  const targets = net.targets.kind === 'mse' ? net.targets.values.slice() : Float64Array.from(net.targets.classes);
  return {
    version: meta.version,
    model: { cell: p.cell, inputSize: p.inputSize, hiddenSize: p.hiddenSize, outputSize: p.outputSize, numLayers: p.numLayers, directions: p.directions, origin: meta.origin },
    steps: s.steps,
    truncation: s.seq.truncation,
    loss: net.targets.kind,
    lossValue: s.loss,
    vocab: data?.vocab ?? null,
    task: data?.task ?? 'custom',
    tokens: sequenceTokens(data?.task ?? 'custom', s.seq, p.inputSize, p.outputSize, data?.vocab),
    xs: s.seq.inputs.slice(),
    dxs: networkInputGrads(net),
    targets,
    ys: net.ys.slice(),
    probs: display.probs.slice(),
    lossTerms: net.lossTerms.slice(),
    dys: net.dys.slice(),
    layers,
    layerDhNormMeans: display.layerDhNormMeans,
    params: toArrays(p),
    grads: toArrays(s.grads),
    gradNorm: clipGradNorm(cloneParams(s.grads), 0)[0],
    sequence: meta.sequence,
    iteration: meta.iteration,
  };
}
