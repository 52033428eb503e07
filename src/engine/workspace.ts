import { GATE_COUNT, type LayerParams, type Params, type Shape } from './params';
import type { LossSteps, Targets } from './loss';
import { blockPanelLength, doubleArray, GEMM_M, GEMM_N, packRows, panelLength } from './tensor';

/**
 * Every intermediate of one sequence's forward and backward pass through ONE recurrence (one
 * layer in one direction), in flat per-timestep rows. The cells write here; the trace, the
 * step-by-step session and the weight gradients read from here. Allocated once per (shape, T)
 * and reused, so the time loops allocate nothing. A network holds one per (layer, direction)
 * (network.ts); a one-layer, one-direction network is exactly one of these, head included.
 *
 * Rows are in the recurrence's own processing order: row s of a T-row buffer is the s-th step
 * it takes. hs and cs have T + 1 rows: row 0 is the initial state (h0), row s + 1 the state
 * after step s. For a forward recurrence step s is timestep t = s; for the reverse direction
 * of a bidirectional network it is t = T − 1 − s (its xs are the inputs in reverse order).
 */
export interface Workspace {
  /** this recurrence's sizes: inputSize its input width, outputSize O when it alone feeds the head, else 0 */
  shape: Shape;
  /** T */
  steps: number;
  /** G·H, the height of the stacked gate matrices */
  gateRows: number;
  /** inputs x_t, T × I, in processing order (set by bindSequence, or by the network for stacked and reverse recurrences) */
  xs: Float64Array;
  targets: Targets;
  /** which steps the loss counts (set by bindSequence) */
  lossSteps: LossSteps;
  /** hidden states, (T + 1) × H; row 0 = h0 */
  hs: Float64Array;
  /** LSTM cell states, (T + 1) × H; row 0 = c0 (empty for rnn and gru) */
  cs: Float64Array;
  /** input part of the pre-activations, W_ih x_t + b_ih, T × GH */
  gi: Float64Array;
  /** recurrent part of the pre-activations, W_hh h_{t-1} + b_hh, T × GH */
  gh: Float64Array;
  /** post-activation gates in PyTorch order (lstm i f g o; gru r z n), T × GH (empty for rnn) */
  act: Float64Array;
  /** tanh(c_t), T × H (lstm) */
  tc: Float64Array;
  /** outputs y_t = head.weight h_t + head.bias, T × O (empty unless this recurrence alone feeds the head) */
  ys: Float64Array;
  /** dL/dy_t (already divided by T; 0 at steps L does not count), T × O (empty unless it alone feeds the head) */
  dys: Float64Array;
  /** ℓ_t, the loss term of each step before the 1/T mean (computed at every step, also those L does not count), T (empty unless it alone feeds the head) */
  lossTerms: Float64Array;
  /**
   * The part of dL/dh_t that comes from above, T × H: the head's, head.weightᵀ dL/dy_t, for a
   * one-layer network; in a stack, this direction's half of dL/d(this layer's output) from the
   * head (last layer) or from the layer above's input. The name is kept from the one-layer engine.
   */
  dhHead: Float64Array;
  /** dL/dh_t: total derivative (from above at t plus the path through the next step within its block), T × H */
  dhs: Float64Array;
  /** dL/dc_t: total derivative including the path through h_t = o ⊙ tanh(c_t), T × H (lstm) */
  dcs: Float64Array;
  /** dL/d(gi_t): gradient of the input-side pre-activations, T × GH */
  dgi: Float64Array;
  /** dL/d(gh_t): gradient of the recurrent-side pre-activations, T × GH (the same buffer as dgi except for gru) */
  dgh: Float64Array;
  /** the gradient step t sends back to h_{t-1} (whether or not a truncation cut stops it), T × H */
  dhPrev: Float64Array;
  /** the gradient step t sends back to c_{t-1}, i.e. dc_t ⊙ f_t, T × H (lstm) */
  dcPrev: Float64Array;
  /** dL/dx_t, T × I (filled only when asked for) */
  dxs: Float64Array;
  /** transposes of weight_hh, weight_ih and head.weight (empty unless it alone feeds the head), refreshed by prepareWeights */
  wHhT: Float64Array;
  wIhT: Float64Array;
  headWT: Float64Array;
  /** W_hh packed into panels (a plain double array, see tensor.ts) for both time loops' products, refreshed by prepareWeights */
  wHhPanels: number[];
  /** accumulators of the backward product W_hhᵀ·δ (H) */
  accH: number[];
  /** panels of the post-loop weight-gradient products (gradients and states, time-major) */
  gradPanelsA: number[];
  gradPanelsB: number[];
  /**
   * No longer read by the engine (the weight gradients use gradPanelsA/B); kept while limits.ts's
   * workspaceEntries and its test count Float64Array entries only, since they size the same memory.
   */
  scratchA: Float64Array;
  scratchB: Float64Array;
}

export function createWorkspace(shape: Shape, steps: number): Workspace {
  const H = shape.hiddenSize;
  const I = shape.inputSize;
  const O = shape.outputSize;
  const G = GATE_COUNT[shape.cell];
  const GH = G * H;
  const lstm = shape.cell === 'lstm';
  const gru = shape.cell === 'gru';
  const dgi = new Float64Array(steps * GH);
  return {
    shape: { cell: shape.cell, inputSize: I, hiddenSize: H, outputSize: O },
    steps,
    gateRows: GH,
    xs: new Float64Array(0),
    targets: { kind: 'mse', values: new Float64Array(0) },
    lossSteps: 'all',
    hs: new Float64Array((steps + 1) * H),
    cs: new Float64Array(lstm ? (steps + 1) * H : 0),
    gi: new Float64Array(steps * GH),
    gh: new Float64Array(steps * GH),
    act: new Float64Array(shape.cell === 'rnn' ? 0 : steps * GH),
    tc: new Float64Array(lstm ? steps * H : 0),
    ys: new Float64Array(steps * O),
    dys: new Float64Array(steps * O),
    lossTerms: new Float64Array(O > 0 ? steps : 0),
    dhHead: new Float64Array(steps * H),
    dhs: new Float64Array(steps * H),
    dcs: new Float64Array(lstm ? steps * H : 0),
    dgi,
    dgh: gru ? new Float64Array(steps * GH) : dgi,
    dhPrev: new Float64Array(steps * H),
    dcPrev: new Float64Array(lstm ? steps * H : 0),
    dxs: new Float64Array(steps * I),
    wHhT: new Float64Array(GH * H),
    wIhT: new Float64Array(GH * I),
    headWT: new Float64Array(O * H),
    wHhPanels: doubleArray(panelLength(GH, H)),
    accH: doubleArray(H),
    gradPanelsA: doubleArray(blockPanelLength(Math.max(GH, O), steps, GEMM_M)),
    gradPanelsB: doubleArray(blockPanelLength(Math.max(H, I), steps, GEMM_N)),
    scratchA: new Float64Array(Math.max(GH, O) * steps),
    scratchB: new Float64Array(Math.max(H, I) * steps),
  };
}

/**
 * Refreshes what the time loops read instead of the weights themselves: W_hh packed into panels (with
 * its transpose W_hhᵀ written in the same pass), W_ihᵀ and head.weightᵀ. forwardAll and backwardAll
 * read these, so call this again whenever the parameters change. `p` is a one-layer network's
 * parameters (its layer-0 arrays are the recurrence's).
 */
export function prepareWeights(ws: Workspace, p: Params): void {
  prepareLayer(ws, p);
  const { hiddenSize: H, outputSize: O } = ws.shape;
  for (let r = 0; r < O; r++) for (let c = 0; c < H; c++) ws.headWT[c * O + r] = p.headW[r * H + c];
}

/** The recurrence's part of prepareWeights: W_hh panels, W_hhᵀ and W_ihᵀ of one layer and direction. */
export function prepareLayer(ws: Workspace, lp: LayerParams): void {
  const { hiddenSize: H, inputSize: I } = ws.shape;
  const GH = ws.gateRows;
  packRows(ws.wHhPanels, lp.wHh, 0, GH, H, ws.wHhT);
  for (let r = 0; r < GH; r++) for (let c = 0; c < I; c++) ws.wIhT[c * GH + r] = lp.wIh[r * I + c];
}
