import { cells } from './cells';
import type { Targets, LossKind } from './loss';
import { type Params, zerosLike } from './params';
import { dot, transposeInto } from './tensor';
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
  const H = ws.shape.hiddenSize;
  if (seq.h0) ws.hs.set(seq.h0.subarray(0, H), 0);
  else ws.hs.fill(0, 0, H);
  if (ws.cs.length > 0) {
    if (seq.c0) ws.cs.set(seq.c0.subarray(0, H), 0);
    else ws.cs.fill(0, 0, H);
  }
}

export interface RunResult {
  /** L = (1/T) Σ_t ℓ_t */
  loss: number;
  /** dL/dθ for every parameter (sum over truncation blocks) */
  grads: Params;
  /** the workspace holding every intermediate of this run */
  ws: Workspace;
}

/** L = (1/T) Σ_t ℓ_t from the per-step terms of a finished forward pass. */
export function meanLoss(ws: Workspace): number {
  let s = 0;
  for (let t = 0; t < ws.steps; t++) s += ws.lossTerms[t];
  return s / ws.steps;
}

/** Forward over all T steps (the state is carried through every block). */
export function forwardAll(p: Params, ws: Workspace): void {
  const kernel = cells[p.cell];
  for (let t = 0; t < ws.steps; t++) kernel.forward(p, ws, t);
}

/** Backward from T − 1 down to 0, cutting at truncation block starts. */
export function backwardAll(p: Params, ws: Workspace, truncation: number, wantDx = false): void {
  const kernel = cells[p.cell];
  const T = ws.steps;
  for (let t = T - 1; t >= 0; t--) kernel.backward(p, ws, t, carriesFrom(t, T, truncation), wantDx);
}

/**
 * The fast path training and the CLI use: forward, backward, then the weight gradients
 * formed once after the time loop as products over time,
 *   dW_ih = Σ_t dgi_tᵀ x_t,  dW_hh = Σ_t dgh_tᵀ h_{t-1},  dhead.W = Σ_t dy_tᵀ h_t,
 * each entry a contiguous dot product of length T.
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
  return { loss: meanLoss(ws), grads, ws };
}

/** Fills `out` with dL/dθ from a workspace whose backward pass is complete. */
export function weightGradients(ws: Workspace, out: Params): void {
  const { hiddenSize: H, inputSize: I, outputSize: O } = ws.shape;
  const T = ws.steps;
  const GH = ws.gateRows;
  const A = ws.scratchA;
  const B = ws.scratchB;

  // dW_ih and db_ih from dgi (GH × T after transposing) against x (I × T).
  transposeInto(A, ws.dgi, 0, T, GH);
  transposeInto(B, ws.xs, 0, T, I);
  productRows(out.wIh, A, B, GH, I, T);
  rowSums(out.bIh, A, GH, T);

  // dW_hh and db_hh from dgh against h_{t-1} (rows 0 .. T-1 of hs).
  if (ws.dgh !== ws.dgi) transposeInto(A, ws.dgh, 0, T, GH);
  transposeInto(B, ws.hs, 0, T, H);
  productRows(out.wHh, A, B, GH, H, T);
  rowSums(out.bHh, A, GH, T);

  // head: dy_t against h_t (rows 1 .. T of hs).
  transposeInto(A, ws.dys, 0, T, O);
  transposeInto(B, ws.hs, H, T, H);
  productRows(out.headW, A, B, O, H, T);
  rowSums(out.headB, A, O, T);
}

/** out[r, c] = Σ_t a[r, t] · b[c, t] */
function productRows(out: Float64Array, a: Float64Array, b: Float64Array, rows: number, cols: number, T: number): void {
  for (let r = 0; r < rows; r++) {
    const rOff = r * T;
    const oOff = r * cols;
    for (let c = 0; c < cols; c++) out[oOff + c] = dot(a, rOff, b, c * T, T);
  }
}

function rowSums(out: Float64Array, a: Float64Array, rows: number, T: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const off = r * T;
    for (let t = 0; t < T; t++) s += a[off + t];
    out[r] = s;
  }
}
