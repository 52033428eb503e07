import { cells } from './cells';
import { countsInLoss, lossTerm, type LossSteps, type Targets } from './loss';
import type { LayerParams, Params } from './params';
import type { Sequence } from './sequence';
import { GEMM_M, GEMM_N, packBlocks } from './tensor';
import { finish, gemmNTSlices, gemmPanelsSlices, type Slices, unitsPerSlice } from './slices';
import type { Workspace } from './workspace';
import { pulse } from './pulse';

/**
 * The passes of one recurrence (one layer in one direction) over a workspace, and the head and
 * loss that read its output. A one-layer, one-direction network is exactly these; network.ts
 * strings them together for stacked and bidirectional networks.
 */

/**
 * Whether dL/dh_t (and dL/dc_t) receive the gradient of step t + 1: not past the end,
 * and not across the start of a truncation block (blocks start at 0, k, 2k, …).
 * (t counts steps in the recurrence's processing order.)
 */
export function carriesFrom(t: number, steps: number, truncation: number): boolean {
  const next = t + 1;
  return next < steps && !(truncation > 0 && next % truncation === 0);
}

/** Points a one-layer network's workspace at a sequence: inputs, targets and the initial state in row 0. */
export function bindSequence(ws: Workspace, seq: Sequence): void {
  ws.xs = seq.inputs;
  ws.targets = seq.targets;
  ws.lossSteps = seq.lossSteps ?? 'all';
  setInitialState(ws, seq.h0, seq.c0, 0);
}

/** Row 0 of hs (and cs) from row `row` of an (L·D) × H initial-state matrix; zeros when absent. */
export function setInitialState(ws: Workspace, h0: Float64Array | undefined, c0: Float64Array | undefined, row: number): void {
  const H = ws.shape.hiddenSize;
  if (h0) ws.hs.set(h0.subarray(row * H, (row + 1) * H), 0);
  else ws.hs.fill(0, 0, H);
  if (ws.cs.length > 0) {
    if (c0) ws.cs.set(c0.subarray(row * H, (row + 1) * H), 0);
    else ws.cs.fill(0, 0, H);
  }
}

/** L from the per-step terms of a finished forward pass: (1/T) Σ_t ℓ_t, or ℓ_{T−1} alone. */
export function lossFromTerms(lossTerms: Float64Array, steps: number, lossSteps: LossSteps): number {
  if (lossSteps === 'last') return lossTerms[steps - 1];
  let s = 0;
  for (let t = 0; t < steps; t++) s += lossTerms[t];
  return s / steps;
}

/** L of a one-layer network's finished forward pass. */
export function sequenceLoss(ws: Workspace): number {
  return lossFromTerms(ws.lossTerms, ws.steps, ws.lossSteps);
}

/**
 * States entering each truncation block, held constant: the loss as a function of the
 * weights with these fixed is what truncated BPTT differentiates (used by the gradient check).
 */
export interface FrozenStates {
  truncation: number;
  /** (T + 1) × H rows as in Workspace.hs, of the unperturbed run */
  hs: Float64Array;
  cs: Float64Array;
}

/**
 * The recurrence of one layer and direction over all T steps (the state is carried through every
 * block): the input projection for every step at once, then the cells step by step.
 */
export function forwardRecurrence(lp: LayerParams, ws: Workspace, frozen?: FrozenStates): void {
  finish(forwardRecurrenceSlices(lp, ws, frozen));
}

/** forwardRecurrence in pieces (slices.ts): the product in rows of steps, the cells a few steps at a time. */
export function* forwardRecurrenceSlices(lp: LayerParams, ws: Workspace, frozen?: FrozenStates): Slices {
  const { inputSize: I, hiddenSize: H, cell } = ws.shape;
  const T = ws.steps;
  const GH = ws.gateRows;
  // gi_t = W_ih x_t + b_ih for all t: one product, since it does not depend on h.
  yield* gemmNTSlices(ws.gi, 0, GH, ws.xs, 0, I, T, lp.wIh, 0, I, GH, I, lp.bIh);
  const every = unitsPerSlice(GH * H);
  const kernel = cells[cell];
  const k = frozen ? frozen.truncation : 0;
  // Row t of hs is both h_{t-1}, the output of step t − 1 that the head (or the layer above)
  // reads, and the state entering step t. Only the latter is frozen at a block start: keep the
  // live row for the readers.
  const live = k > 0 ? new Float64Array(ws.hs.length) : null;
  for (let t = 0; t < T; t++) {
    if (k > 0 && t > 0 && t % k === 0) {
      live!.set(ws.hs.subarray(t * H, (t + 1) * H), t * H);
      ws.hs.set(frozen!.hs.subarray(t * H, (t + 1) * H), t * H);
      if (ws.cs.length > 0) ws.cs.set(frozen!.cs.subarray(t * H, (t + 1) * H), t * H);
    }
    kernel.forward(lp, ws, t);
    pulse();
    if ((t + 1) % every === 0 && t + 1 < T) yield;
  }
  if (live) for (let t = k; t < T; t += k) ws.hs.set(live.subarray(t * H, (t + 1) * H), t * H);
}

/** Where the head writes and what it reads: y_t = head.weight out_t + head.bias for T rows of `width` numbers. */
export interface HeadPass {
  steps: number;
  outputSize: number;
  targets: Targets;
  lossSteps: LossSteps;
  /** outputs y_t, T × O */
  ys: Float64Array;
  /** dL/dy_t, T × O */
  dys: Float64Array;
  /** ℓ_t, T */
  lossTerms: Float64Array;
}

/** y_t for every t (one product), then ℓ_t and dL/dy_t. `out` rows start at outOff, `width` apart. */
export function forwardHead(h: HeadPass, out: Float64Array, outOff: number, width: number, headW: Float64Array, headB: Float64Array): void {
  finish(forwardHeadSlices(h, out, outOff, width, headW, headB));
}

export function* forwardHeadSlices(h: HeadPass, out: Float64Array, outOff: number, width: number, headW: Float64Array, headB: Float64Array): Slices {
  const T = h.steps;
  const O = h.outputSize;
  yield* gemmNTSlices(h.ys, 0, O, out, outOff, width, T, headW, 0, width, O, width, headB);
  const mean = h.lossSteps === 'all';
  for (let t = 0; t < T; t++) {
    const divisor = countsInLoss(t, T, h.lossSteps) ? (mean ? T : 1) : 0;
    h.lossTerms[t] = lossTerm(h.targets, t, divisor, h.ys, t * O, O, h.dys, t * O);
  }
}

/**
 * Forward of a one-layer network over all T steps: the recurrence, then the head and the loss.
 */
export function forwardAll(p: Params, ws: Workspace, frozen?: FrozenStates): void {
  finish(forwardAllSlices(p, ws, frozen));
}

export function* forwardAllSlices(p: Params, ws: Workspace, frozen?: FrozenStates): Slices {
  yield* forwardRecurrenceSlices(p, ws, frozen);
  // y_t = head.weight h_t + head.bias, then ℓ_t and dL/dy_t.
  yield* forwardHeadSlices(headPassOf(ws), ws.hs, ws.shape.hiddenSize, ws.shape.hiddenSize, p.headW, p.headB);
}

function headPassOf(ws: Workspace): HeadPass {
  return { steps: ws.steps, outputSize: ws.shape.outputSize, targets: ws.targets, lossSteps: ws.lossSteps, ys: ws.ys, dys: ws.dys, lossTerms: ws.lossTerms };
}

/**
 * Backward through one recurrence from its last step down to 0, cutting at truncation block
 * starts, from what ws.dhHead holds (the part of every dL/dh_t from above). `wantDx` also fills dL/dx_t.
 */
export function backwardRecurrence(lp: LayerParams, ws: Workspace, truncation: number, wantDx: boolean): void {
  finish(backwardRecurrenceSlices(lp, ws, truncation, wantDx));
}

export function* backwardRecurrenceSlices(lp: LayerParams, ws: Workspace, truncation: number, wantDx: boolean): Slices {
  const { inputSize: I, hiddenSize: H, cell } = ws.shape;
  const T = ws.steps;
  const GH = ws.gateRows;
  const kernel = cells[cell];
  const every = unitsPerSlice(GH * H);
  for (let t = T - 1; t >= 0; t--) {
    kernel.backward(lp, ws, t, carriesFrom(t, T, truncation));
    pulse();
    if ((T - t) % every === 0 && t > 0) yield;
  }
  if (wantDx) yield* gemmNTSlices(ws.dxs, 0, I, ws.dgi, 0, GH, T, ws.wIhT, 0, GH, I, GH, null);
}

/**
 * Backward of a one-layer network from T − 1 down to 0, cutting at truncation block starts. Starts
 * from the head's part of every dL/dh_t (one product), then walks the recurrence back. `wantDx` also fills dL/dx_t.
 */
export function backwardAll(p: Params, ws: Workspace, truncation: number, wantDx = false): void {
  finish(backwardAllSlices(p, ws, truncation, wantDx));
}

export function* backwardAllSlices(p: Params, ws: Workspace, truncation: number, wantDx = false): Slices {
  const { hiddenSize: H, outputSize: O } = ws.shape;
  yield* gemmNTSlices(ws.dhHead, 0, H, ws.dys, 0, O, ws.steps, ws.headWT, 0, O, H, O, null);
  yield* backwardRecurrenceSlices(p, ws, truncation, wantDx);
}

/**
 * Fills `out` with a one-layer network's weight gradients from a workspace whose backward pass is
 * complete, counting the timesteps in [from, to) only (all of them: dL/dθ; [t, T): what the backward
 * pass, walking down from T − 1, has accumulated when it reaches t; [t, t + 1): step t's share):
 *   dW_ih = Σ_t dgi_tᵀ x_t,  dW_hh = Σ_t dgh_tᵀ h_{t-1},  dhead.W = Σ_t dy_tᵀ h_t,  biases Σ_t.
 * Each is one product over time, its operands packed into time-major panels.
 */
export function weightGradients(ws: Workspace, out: Params, from = 0, to = ws.steps): void {
  finish(weightGradientsSlices(ws, out, from, to));
}

export function* weightGradientsSlices(ws: Workspace, out: Params, from = 0, to = ws.steps): Slices {
  yield* layerGradientsSlices(ws, out, from, to);
  const H = ws.shape.hiddenSize;
  yield* headGradientsSlices(out, ws.gradPanelsA, ws.gradPanelsB, ws.dys, ws.shape.outputSize, ws.hs, H, H, from, to);
}

/**
 * One recurrence's four gradients over the rows [from, to) of its processing order:
 *   dW_ih = Σ dgi_sᵀ x_s,  dW_hh = Σ dgh_sᵀ h_{s-1},  db_ih = Σ dgi_s,  db_hh = Σ dgh_s.
 */
export function layerGradients(ws: Workspace, out: LayerParams, from = 0, to = ws.steps): void {
  finish(layerGradientsSlices(ws, out, from, to));
}

export function* layerGradientsSlices(ws: Workspace, out: LayerParams, from = 0, to = ws.steps): Slices {
  const { hiddenSize: H, inputSize: I } = ws.shape;
  const K = to - from;
  const GH = ws.gateRows;
  const A = ws.gradPanelsA;
  const B = ws.gradPanelsB;

  packBlocks(A, ws.dgi, from * GH, 1, GH, GH, K, GEMM_M);
  packBlocks(B, ws.xs, from * I, 1, I, I, K, GEMM_N);
  yield* gemmPanelsSlices(out.wIh, 0, I, A, GH, B, I, K, null);
  columnSums(out.bIh, ws.dgi, from, to, GH);

  if (ws.dgh !== ws.dgi) packBlocks(A, ws.dgh, from * GH, 1, GH, GH, K, GEMM_M);
  packBlocks(B, ws.hs, from * H, 1, H, H, K, GEMM_N);
  yield* gemmPanelsSlices(out.wHh, 0, H, A, GH, B, H, K, null);
  columnSums(out.bHh, ws.dgh, from, to, GH);
}

/**
 * The head's gradients over timesteps [from, to): dhead.W = Σ_t dy_tᵀ out_t, dhead.b = Σ_t dy_t,
 * where out_t is the row of `width` numbers at outOff + t·width. A and B are panel scratch of
 * at least blockPanelLength(O, T, GEMM_M) and blockPanelLength(width, T, GEMM_N).
 */
export function headGradients(
  out: { headW: Float64Array; headB: Float64Array },
  A: number[],
  B: number[],
  dys: Float64Array,
  O: number,
  outputs: Float64Array,
  outOff: number,
  width: number,
  from: number,
  to: number,
): void {
  finish(headGradientsSlices(out, A, B, dys, O, outputs, outOff, width, from, to));
}

export function* headGradientsSlices(
  out: { headW: Float64Array; headB: Float64Array },
  A: number[],
  B: number[],
  dys: Float64Array,
  O: number,
  outputs: Float64Array,
  outOff: number,
  width: number,
  from: number,
  to: number,
): Slices {
  const K = to - from;
  packBlocks(A, dys, from * O, 1, O, O, K, GEMM_M);
  packBlocks(B, outputs, outOff + from * width, 1, width, width, K, GEMM_N);
  yield* gemmPanelsSlices(out.headW, 0, width, A, O, B, width, K, null);
  columnSums(out.headB, dys, from, to, O);
}

/** out[c] = Σ_{from ≤ t < to} a[t·width + c], each summed over t in order. */
function columnSums(out: Float64Array, a: Float64Array, from: number, to: number, width: number): void {
  for (let c = 0; c < width; c++) {
    let s = 0;
    for (let t = from; t < to; t++) s += a[t * width + c];
    out[c] = s;
  }
}
