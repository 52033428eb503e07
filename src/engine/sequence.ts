import { cells } from './cells';
import { countsInLoss, type LossKind, type LossSteps, type Targets } from './loss';
import { type Params, zerosLike } from './params';
import { GEMM_M, GEMM_N, gemmNT, gemmPanels, packBlocks } from './tensor';
import { lossTerm } from './loss';
import { ensureWorkspace, prepareWeights, type Workspace } from './workspace';

/** One training/inspection example: inputs, targets, initial state and the truncation length. */
export interface Sequence {
  /** T */
  steps: number;
  /** x_t, T × I row-major */
  inputs: Float64Array;
  targets: Targets;
  /** h0 (H); zeros when absent */
  h0?: Float64Array;
  /** c0 (H), lstm only; zeros when absent */
  c0?: Float64Array;
  /** truncated-BPTT block length k; 0 = full backpropagation through time */
  truncation: number;
  /** which steps the loss counts; absent = 'all' (the mean over every step) */
  lossSteps?: LossSteps;
}

export function lossKindOf(seq: Sequence): LossKind {
  return seq.targets.kind;
}

/**
 * Whether dL/dh_t (and dL/dc_t) receive the gradient of step t + 1: not past the end,
 * and not across the start of a truncation block (blocks start at 0, k, 2k, …).
 */
export function carriesFrom(t: number, steps: number, truncation: number): boolean {
  const next = t + 1;
  return next < steps && !(truncation > 0 && next % truncation === 0);
}

/** Points the workspace at a sequence: inputs, targets and the initial state in row 0. */
export function bindSequence(ws: Workspace, seq: Sequence): void {
  ws.xs = seq.inputs;
  ws.targets = seq.targets;
  ws.lossSteps = seq.lossSteps ?? 'all';
  const H = ws.shape.hiddenSize;
  if (seq.h0) ws.hs.set(seq.h0.subarray(0, H), 0);
  else ws.hs.fill(0, 0, H);
  if (ws.cs.length > 0) {
    if (seq.c0) ws.cs.set(seq.c0.subarray(0, H), 0);
    else ws.cs.fill(0, 0, H);
  }
}

export interface RunResult {
  /** L = (1/T) Σ_t ℓ_t, or ℓ_{T−1} (loss steps 'last') */
  loss: number;
  /** dL/dθ for every parameter (sum over truncation blocks) */
  grads: Params;
  /** the workspace holding every intermediate of this run */
  ws: Workspace;
}

/** L from the per-step terms of a finished forward pass: (1/T) Σ_t ℓ_t, or ℓ_{T−1} alone. */
export function sequenceLoss(ws: Workspace): number {
  if (ws.lossSteps === 'last') return ws.lossTerms[ws.steps - 1];
  let s = 0;
  for (let t = 0; t < ws.steps; t++) s += ws.lossTerms[t];
  return s / ws.steps;
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
 * Forward over all T steps (the state is carried through every block):
 * the input projection for every t at once, the recurrence step by step, then the head and the loss.
 */
export function forwardAll(p: Params, ws: Workspace, frozen?: FrozenStates): void {
  const { inputSize: I, hiddenSize: H, outputSize: O } = p;
  const T = ws.steps;
  const GH = ws.gateRows;
  // gi_t = W_ih x_t + b_ih for all t: one product, since it does not depend on h.
  gemmNT(ws.gi, 0, GH, ws.xs, 0, I, T, p.wIh, 0, I, GH, I, p.bIh);
  const kernel = cells[p.cell];
  const k = frozen ? frozen.truncation : 0;
  // Row t of hs is both h_{t-1}, the output of step t − 1 that the head reads, and the state
  // entering step t. Only the latter is frozen at a block start: keep the live row for the head.
  const live = k > 0 ? new Float64Array(ws.hs.length) : null;
  for (let t = 0; t < T; t++) {
    if (k > 0 && t > 0 && t % k === 0) {
      live!.set(ws.hs.subarray(t * H, (t + 1) * H), t * H);
      ws.hs.set(frozen!.hs.subarray(t * H, (t + 1) * H), t * H);
      if (ws.cs.length > 0) ws.cs.set(frozen!.cs.subarray(t * H, (t + 1) * H), t * H);
    }
    kernel.forward(p, ws, t);
  }
  if (live) for (let t = k; t < T; t += k) ws.hs.set(live.subarray(t * H, (t + 1) * H), t * H);
  // y_t = head.weight h_t + head.bias, then ℓ_t and dL/dy_t.
  gemmNT(ws.ys, 0, O, ws.hs, H, H, T, p.headW, 0, H, O, H, p.headB);
  const mean = ws.lossSteps === 'all';
  for (let t = 0; t < T; t++) {
    const divisor = countsInLoss(t, T, ws.lossSteps) ? (mean ? T : 1) : 0;
    ws.lossTerms[t] = lossTerm(ws.targets, t, divisor, ws.ys, t * O, O, ws.dys, t * O);
  }
}

/**
 * Backward from T − 1 down to 0, cutting at truncation block starts. Starts from the head's
 * part of every dL/dh_t (one product), then walks the recurrence back. `wantDx` also fills dL/dx_t.
 */
export function backwardAll(p: Params, ws: Workspace, truncation: number, wantDx = false): void {
  const { inputSize: I, hiddenSize: H, outputSize: O } = p;
  const T = ws.steps;
  const GH = ws.gateRows;
  gemmNT(ws.dhHead, 0, H, ws.dys, 0, O, T, ws.headWT, 0, O, H, O, null);
  const kernel = cells[p.cell];
  for (let t = T - 1; t >= 0; t--) kernel.backward(p, ws, t, carriesFrom(t, T, truncation));
  if (wantDx) gemmNT(ws.dxs, 0, I, ws.dgi, 0, GH, T, ws.wIhT, 0, GH, I, GH, null);
}

/**
 * The fast path training and the CLI use: forward, backward, then the weight gradients
 * formed once after the time loop as products over time.
 * Pass the previous result's workspace (and grads) to reuse their memory.
 */
export function runSequence(
  p: Params,
  seq: Sequence,
  reuse?: { ws?: Workspace | null; grads?: Params | null },
  wantDx = false,
): RunResult {
  const ws = ensureWorkspace(reuse?.ws ?? null, p, seq.steps);
  prepareWeights(ws, p);
  bindSequence(ws, seq);
  forwardAll(p, ws);
  backwardAll(p, ws, seq.truncation, wantDx);
  const grads = reuse?.grads ?? zerosLike(p);
  weightGradients(ws, grads);
  return { loss: sequenceLoss(ws), grads, ws };
}

/**
 * Fills `out` with the weight gradients from a workspace whose backward pass is complete,
 * counting the timesteps in [from, to) only (all of them: dL/dθ; [t, T): what the backward
 * pass, walking down from T − 1, has accumulated when it reaches t; [t, t + 1): step t's share):
 *   dW_ih = Σ_t dgi_tᵀ x_t,  dW_hh = Σ_t dgh_tᵀ h_{t-1},  dhead.W = Σ_t dy_tᵀ h_t,  biases Σ_t.
 * Each is one product over time, its operands packed into time-major panels.
 */
export function weightGradients(ws: Workspace, out: Params, from = 0, to = ws.steps): void {
  const { hiddenSize: H, inputSize: I, outputSize: O } = ws.shape;
  const K = to - from;
  const GH = ws.gateRows;
  const A = ws.gradPanelsA;
  const B = ws.gradPanelsB;

  packBlocks(A, ws.dgi, from * GH, 1, GH, GH, K, GEMM_M);
  packBlocks(B, ws.xs, from * I, 1, I, I, K, GEMM_N);
  gemmPanels(out.wIh, 0, I, A, GH, B, I, K, null);
  columnSums(out.bIh, ws.dgi, from, to, GH);

  if (ws.dgh !== ws.dgi) packBlocks(A, ws.dgh, from * GH, 1, GH, GH, K, GEMM_M);
  packBlocks(B, ws.hs, from * H, 1, H, H, K, GEMM_N);
  gemmPanels(out.wHh, 0, H, A, GH, B, H, K, null);
  columnSums(out.bHh, ws.dgh, from, to, GH);

  packBlocks(A, ws.dys, from * O, 1, O, O, K, GEMM_M);
  packBlocks(B, ws.hs, (from + 1) * H, 1, H, H, K, GEMM_N);
  gemmPanels(out.headW, 0, H, A, O, B, H, K, null);
  columnSums(out.headB, ws.dys, from, to, O);
}

/** out[c] = Σ_{from ≤ t < to} a[t·width + c], each summed over t in order. */
function columnSums(out: Float64Array, a: Float64Array, from: number, to: number, width: number): void {
  for (let c = 0; c < width; c++) {
    let s = 0;
    for (let t = from; t < to; t++) s += a[t * width + c];
    out[c] = s;
  }
}
