import { InputError } from './errors';
import { pulse } from './pulse';
import type { LossSteps, Targets } from './loss';
import { layerCount, directionCount, type Params, recurrenceCount, recurrenceShape, type Shape, layerInputSize } from './params';
import {
  backwardAllSlices,
  backwardRecurrenceSlices,
  bindSequence,
  forwardAllSlices,
  forwardHeadSlices,
  forwardRecurrenceSlices,
  type FrozenStates,
  headGradientsSlices,
  layerGradientsSlices,
  lossFromTerms,
  setInitialState,
  weightGradientsSlices,
} from './recurrence';
import { finish, gemmNTSlices, type Slices } from './slices';
import type { Sequence } from './sequence';
import { blockPanelLength, doubleArray, GEMM_M, GEMM_N } from './tensor';
import { createWorkspace, prepareLayer, prepareWeights, type Workspace } from './workspace';

/**
 * A whole network's working memory: one Workspace per (layer, direction) and the head's arrays.
 *
 * Layer by layer, PyTorch's order: layer 0 reads the inputs; layer l ≥ 1 reads the D·H outputs of
 * layer l − 1 at the same timestep, [forward h_t, reverse h_t]; the head reads the last layer's.
 * The reverse direction's workspace holds its rows in its own processing order (row s ↔ timestep
 * t = T − 1 − s, see processingRow), so the cell kernels run on it unchanged.
 *
 * A one-layer, one-direction network is one plain Workspace with the head inside it: every
 * function here hands it to the one-layer passes of recurrence.ts, so its numbers are the
 * one-layer engine's, bit for bit.
 */
export interface NetworkWorkspace {
  shape: Shape;
  /** T */
  steps: number;
  numLayers: number;
  directions: 1 | 2;
  /** one per (layer, direction), index l·D + d */
  layers: Workspace[];
  /**
   * The output of layer l in time order, T × D·H, row t = [forward h_t, reverse h_t] (what layer
   * l + 1 and, for the last layer, the head read). For D = 1, a view of that layer's hs rows 1 … T.
   */
  outputs: Float64Array[];
  /**
   * dL/d(output of layer l) from above in time order, T × D·H: head.weightᵀ dL/dy_t for the last
   * layer, the sum over directions of layer l + 1's dL/dx_t below it. For D = 1, the same buffer as
   * layer l's dhHead; for D = 2, its halves are copied into the two directions' dhHead rows.
   */
  dOutputs: Float64Array[];
  /** D = 2: the input of layer l's reverse direction, layer l's input with its rows in reverse order (T × width); else empty */
  reversedInputs: Float64Array[];
  targets: Targets;
  lossSteps: LossSteps;
  /** y_t, T × O (for L·D = 1 the workspace's own buffer) */
  ys: Float64Array;
  /** dL/dy_t, T × O (already divided by T; 0 at steps L does not count) */
  dys: Float64Array;
  /** ℓ_t before the 1/T mean, T */
  lossTerms: Float64Array;
  /** head.weightᵀ, (D·H) × O, refreshed by prepareNetwork */
  headWT: Float64Array;
  /** panel scratch of the head's gradient products */
  headPanelsA: number[];
  headPanelsB: number[];
}

/** Row of a recurrence's workspace that holds timestep t: t going forward, T − 1 − t in reverse. */
export function processingRow(steps: number, direction: number, t: number): number {
  return direction === 1 ? steps - 1 - t : t;
}

export function createNetwork(shape: Shape, steps: number): NetworkWorkspace {
  const L = layerCount(shape);
  const D = directionCount(shape);
  const H = shape.hiddenSize;
  const O = shape.outputSize;
  if (recurrenceCount(shape) === 1) return networkOf(createWorkspace(recurrenceShape(shape, 0), steps));
  const DH = D * H;
  const layers: Workspace[] = [];
  const outputs: Float64Array[] = [];
  const dOutputs: Float64Array[] = [];
  const reversedInputs: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    // a sign of life per workspace: at the largest sizes each is tens of megabytes to zero
    for (let d = 0; d < D; d++) {
      pulse();
      layers.push(createWorkspace(recurrenceShape(shape, l), steps));
    }
    outputs.push(D === 1 ? layers[l].hs.subarray(H) : new Float64Array(steps * DH));
    dOutputs.push(D === 1 ? layers[l].dhHead : new Float64Array(steps * DH));
    reversedInputs.push(new Float64Array(D === 2 ? steps * layerInputSize(shape, l) : 0));
  }
  for (let l = 1; l < L; l++) {
    layers[l * D].xs = outputs[l - 1];
    if (D === 2) layers[l * D + 1].xs = reversedInputs[l];
    // D = 1: what layer l sends down to its input is layer l − 1's part from above, with no copy.
    if (D === 1) {
      layers[l - 1].dhHead = layers[l].dxs;
      dOutputs[l - 1] = layers[l].dxs;
    }
  }
  if (D === 2) layers[1].xs = reversedInputs[0];
  return {
    shape: { cell: shape.cell, inputSize: shape.inputSize, hiddenSize: H, outputSize: O, numLayers: L, directions: D },
    steps,
    numLayers: L,
    directions: D,
    layers,
    outputs,
    dOutputs,
    reversedInputs,
    targets: { kind: 'mse', values: new Float64Array(0) },
    lossSteps: 'all',
    ys: new Float64Array(steps * O),
    dys: new Float64Array(steps * O),
    lossTerms: new Float64Array(steps),
    headWT: new Float64Array(DH * O),
    headPanelsA: doubleArray(blockPanelLength(O, steps, GEMM_M)),
    headPanelsB: doubleArray(blockPanelLength(DH, steps, GEMM_N)),
  };
}

/** Reuses `net` when it fits this shape and length, otherwise makes a new one. */
export function ensureNetwork(net: NetworkWorkspace | null, shape: Shape, steps: number): NetworkWorkspace {
  if (
    net &&
    net.steps === steps &&
    net.shape.cell === shape.cell &&
    net.shape.inputSize === shape.inputSize &&
    net.shape.hiddenSize === shape.hiddenSize &&
    net.shape.outputSize === shape.outputSize &&
    net.numLayers === layerCount(shape) &&
    net.directions === directionCount(shape)
  ) {
    return net;
  }
  return createNetwork(shape, steps);
}

/** A one-layer, one-direction network around an existing workspace (its memory reused). */
export function networkOf(ws: Workspace): NetworkWorkspace {
  const H = ws.shape.hiddenSize;
  return {
    shape: { ...ws.shape, numLayers: 1, directions: 1 },
    steps: ws.steps,
    numLayers: 1,
    directions: 1,
    layers: [ws],
    outputs: [ws.hs.subarray(H)],
    dOutputs: [ws.dhHead],
    reversedInputs: [new Float64Array(0)],
    targets: ws.targets,
    lossSteps: ws.lossSteps,
    ys: ws.ys,
    dys: ws.dys,
    lossTerms: ws.lossTerms,
    headWT: ws.headWT,
    headPanelsA: ws.gradPanelsA,
    headPanelsB: ws.gradPanelsB,
  };
}

/** Refreshes every recurrence's packed and transposed weights and head.weightᵀ (call after the weights change). */
export function prepareNetwork(net: NetworkWorkspace, p: Params): void {
  if (net.layers.length === 1) {
    prepareWeights(net.layers[0], p);
    return;
  }
  net.layers.forEach((ws, i) => prepareLayer(ws, p.layers[i]));
  const O = p.outputSize;
  const DH = net.directions * p.hiddenSize;
  for (let r = 0; r < O; r++) for (let c = 0; c < DH; c++) net.headWT[c * O + r] = p.headW[r * DH + c];
}

/** Points the network at a sequence: inputs (reversed for the reverse direction), targets, the initial states. */
export function bindNetwork(net: NetworkWorkspace, seq: Sequence): void {
  net.targets = seq.targets;
  net.lossSteps = seq.lossSteps ?? 'all';
  if (net.layers.length === 1) {
    bindSequence(net.layers[0], seq);
    return;
  }
  const D = net.directions;
  net.layers[0].xs = seq.inputs;
  if (D === 2) reverseRows(net.reversedInputs[0], seq.inputs, net.steps, net.shape.inputSize);
  net.layers.forEach((ws, i) => {
    ws.targets = seq.targets;
    ws.lossSteps = net.lossSteps;
    setInitialState(ws, seq.h0, seq.c0, i);
  });
}

/** dst row s = src row T − 1 − s (rows of `width`). */
function reverseRows(dst: Float64Array, src: Float64Array, T: number, width: number): void {
  for (let s = 0; s < T; s++) dst.set(src.subarray((T - 1 - s) * width, (T - s) * width), s * width);
}

/** Refuses what the engine has no form for: truncated BPTT of a bidirectional network. */
export function checkTruncation(shape: Shape, truncation: number): void {
  if (truncation > 0 && directionCount(shape) === 2) {
    throw new InputError(`truncation: a bidirectional network has no truncated form here (its reverse pass starts at the end); use 0, got ${truncation}`, 'truncation');
  }
}

/**
 * Forward through the network over all T steps: layer 0 (forward, then reverse), layer 1, …,
 * then the head and the loss. `frozen` (one per recurrence) holds the states entering each
 * truncation block constant, for the gradient check.
 */
export function forwardNetwork(p: Params, net: NetworkWorkspace, frozen?: FrozenStates[]): void {
  finish(forwardNetworkSlices(p, net, frozen));
}

/** forwardNetwork in pieces (slices.ts). */
export function* forwardNetworkSlices(p: Params, net: NetworkWorkspace, frozen?: FrozenStates[]): Slices {
  if (net.layers.length === 1) {
    yield* forwardAllSlices(p, net.layers[0], frozen?.[0]);
    return;
  }
  const D = net.directions;
  const T = net.steps;
  const H = p.hiddenSize;
  const DH = D * H;
  for (let l = 0; l < net.numLayers; l++) {
    if (l > 0 && D === 2) reverseRows(net.reversedInputs[l], net.outputs[l - 1], T, DH);
    for (let d = 0; d < D; d++) yield* forwardRecurrenceSlices(p.layers[l * D + d], net.layers[l * D + d], frozen?.[l * D + d]);
    if (D === 2) {
      const out = net.outputs[l];
      const fwd = net.layers[l * 2].hs;
      const rev = net.layers[l * 2 + 1].hs;
      for (let t = 0; t < T; t++) {
        out.set(fwd.subarray((t + 1) * H, (t + 2) * H), t * DH);
        out.set(rev.subarray((T - t) * H, (T - t + 1) * H), t * DH + H);
      }
    }
  }
  const head = { steps: T, outputSize: p.outputSize, targets: net.targets, lossSteps: net.lossSteps, ys: net.ys, dys: net.dys, lossTerms: net.lossTerms };
  yield* forwardHeadSlices(head, net.outputs[net.numLayers - 1], 0, DH, p.headW, p.headB);
}

/**
 * Backward from the head down: the last layer's part from above is head.weightᵀ dL/dy_t; each
 * layer runs its directions back through time (reverse first, in event order), and layer l − 1's
 * part from above at t is the sum over directions of layer l's dL/dx_t, split into the forward
 * and reverse halves. Truncation (D = 1) cuts every layer at the same block starts. `wantDx` also
 * fills layer 0's dL/dx_t.
 */
export function backwardNetwork(p: Params, net: NetworkWorkspace, truncation: number, wantDx = false): void {
  finish(backwardNetworkSlices(p, net, truncation, wantDx));
}

/** backwardNetwork in pieces (slices.ts). */
export function* backwardNetworkSlices(p: Params, net: NetworkWorkspace, truncation: number, wantDx = false): Slices {
  if (net.layers.length === 1) {
    yield* backwardAllSlices(p, net.layers[0], truncation, wantDx);
    return;
  }
  checkTruncation(p, truncation);
  const D = net.directions;
  const L = net.numLayers;
  const T = net.steps;
  const H = p.hiddenSize;
  const DH = D * H;
  const O = p.outputSize;
  yield* gemmNTSlices(net.dOutputs[L - 1], 0, DH, net.dys, 0, O, T, net.headWT, 0, O, DH, O, null);
  for (let l = L - 1; l >= 0; l--) {
    if (D === 2) {
      const dOut = net.dOutputs[l];
      const fwd = net.layers[l * 2].dhHead;
      const rev = net.layers[l * 2 + 1].dhHead;
      for (let t = 0; t < T; t++) {
        fwd.set(dOut.subarray(t * DH, t * DH + H), t * H);
        rev.set(dOut.subarray(t * DH + H, (t + 1) * DH), (T - 1 - t) * H);
      }
    }
    for (let d = D - 1; d >= 0; d--) yield* backwardRecurrenceSlices(p.layers[l * D + d], net.layers[l * D + d], truncation, wantDx || l > 0);
    if (l > 0 && D === 2) {
      const below = net.dOutputs[l - 1];
      const fwd = net.layers[l * 2].dxs;
      const rev = net.layers[l * 2 + 1].dxs;
      for (let t = 0; t < T; t++) {
        const a = t * DH;
        const b = (T - 1 - t) * DH;
        for (let j = 0; j < DH; j++) below[a + j] = fwd[a + j] + rev[b + j];
      }
    }
  }
}

/** L of a finished forward pass: (1/T) Σ_t ℓ_t, or ℓ_{T−1} alone. */
export function networkLoss(net: NetworkWorkspace): number {
  return lossFromTerms(net.lossTerms, net.steps, net.lossSteps);
}

/** Fills `out` with dL/dθ for every parameter, from a network whose backward pass is complete. */
export function networkGradients(net: NetworkWorkspace, out: Params): void {
  finish(networkGradientsSlices(net, out));
}

/** networkGradients in pieces (slices.ts). */
export function* networkGradientsSlices(net: NetworkWorkspace, out: Params): Slices {
  if (net.layers.length === 1) {
    yield* weightGradientsSlices(net.layers[0], out);
    return;
  }
  for (const [i, ws] of net.layers.entries()) yield* layerGradientsSlices(ws, out.layers[i]);
  yield* headStepsGradientsSlices(net, out, 0, net.steps);
}

/** The head's gradients over timesteps [from, to) of a network (any L and D). */
export function headStepsGradients(net: NetworkWorkspace, out: { headW: Float64Array; headB: Float64Array }, from: number, to: number): void {
  finish(headStepsGradientsSlices(net, out, from, to));
}

function* headStepsGradientsSlices(net: NetworkWorkspace, out: { headW: Float64Array; headB: Float64Array }, from: number, to: number): Slices {
  const DH = net.directions * net.shape.hiddenSize;
  const top = net.outputs[net.numLayers - 1];
  yield* headGradientsSlices(out, net.headPanelsA, net.headPanelsB, net.dys, net.shape.outputSize, top, 0, DH, from, to);
}
