/**
 * The only language spoken between the UI and the engine worker (types only).
 * Requests carry an id; every reply has the type of its request and names the id it answers Typed arrays travel as
 * transferred buffers.
 */
import type { CellType } from '../engine/params';
import type { TaskId, TaskOptions } from '../engine/tasks';
import type { ModelChoice } from '../engine/init';
import type { TrainSettings } from '../engine/train';
import type { NormSeries, StepMechanism } from '../engine/jacobian';
import type { Evaluation } from '../engine/evaluate';

/** How to make the weights when none are given: seeded, so a link reproduces them bit for bit. */
export type ModelSpec = ModelChoice;

/** Which data the session walks through: a task and its options (engine/tasks.ts). */
export type DataSpec = { task: TaskId } & TaskOptions;

/** The six parameter arrays, row-major (the engine's Params layout). */
export interface ParamArrays {
  wIh: Float64Array;
  wHh: Float64Array;
  bIh: Float64Array;
  bHh: Float64Array;
  headW: Float64Array;
  headB: Float64Array;
}

/** Sizes and what the weights are. */
export interface ModelInfo {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  /** where the current weights came from */
  origin: 'init' | 'imported' | 'trained';
}

/**
 * Everything one sequence's forward and backward pass computed, as flat per-timestep rows
 * (the engine's Workspace layout): the UI reads values from here and computes none itself.
 */
export interface SessionSnapshot {
  /** increases with every new session */
  version: number;
  model: ModelInfo;
  steps: number;
  truncation: number;
  loss: 'mse' | 'cross_entropy';
  /** L = (1/T) Σ ℓ_t */
  lossValue: number;
  vocab: string[] | null;
  /** x_t, T × I */
  xs: Float64Array;
  /** mse: T × O target values; cross_entropy: T class indices */
  targets: Float64Array;
  /** h, (T + 1) × H, row 0 = h0 */
  hs: Float64Array;
  /** c, (T + 1) × H (lstm; else empty) */
  cs: Float64Array;
  /** W_ih x_t + b_ih and W_hh h_{t-1} + b_hh, T × GH */
  gi: Float64Array;
  gh: Float64Array;
  /** the gate pre-activations as they enter σ / tanh (gru n: gi_n + r ⊙ gh_n), T × GH */
  pre: Float64Array;
  /** post-activation gates, T × GH (empty for rnn) */
  act: Float64Array;
  /** tanh(c_t), T × H (lstm) */
  tc: Float64Array;
  /** y_t, T × O */
  ys: Float64Array;
  /** softmax(y_t) for cross_entropy, T × O (else empty) */
  probs: Float64Array;
  /** ℓ_t, T */
  lossTerms: Float64Array;
  /** dL/dy_t, T × O */
  dys: Float64Array;
  /** head's part of dL/dh_t, T × H */
  dhHead: Float64Array;
  /** dL/dh_t (total within its block), T × H */
  dhs: Float64Array;
  /** dL/dc_t, T × H (lstm) */
  dcs: Float64Array;
  /** gradient of the pre-activations, T × GH (input side) and the recurrent side (differs for gru) */
  dgi: Float64Array;
  dgh: Float64Array;
  /** what step t sends back to h_{t-1} / c_{t-1}, T × H */
  dhPrev: Float64Array;
  dcPrev: Float64Array;
  /** dL/dx_t, T × I */
  dxs: Float64Array;
  /** ‖dL/dh_t‖ and ‖dL/dc_t‖ per step, T */
  dhNorm: Float64Array;
  dcNorm: Float64Array;
  /** state-update terms, T × H: lstm keep = f ⊙ c_{t-1}, write = i ⊙ g; gru keep = z ⊙ h_{t-1}, write = (1 − z) ⊙ n (rnn: empty) */
  keep: Float64Array;
  write: Float64Array;
  /** gru: 1 − z_t, T × H (else empty) */
  notZ: Float64Array;
  /** the part of dL/dh_t that arrived from step t + 1, T × H (zeros at the end and where t + 1 starts a truncation block) */
  dhNext: Float64Array;
  /** lstm: the part of dL/dc_t from step t + 1 (δc_{t+1} ⊙ f_{t+1}) and the part through h_t (δh_t ⊙ o_t ⊙ (1 − tanh² c_t)), T × H */
  dcNext: Float64Array;
  dcLocal: Float64Array;
  /** gru: dL/dh_{t-1} split into the direct path δh_t ⊙ z_t and the path through W_hh, T × H (else empty) */
  dhPrevDirect: Float64Array;
  dhPrevRec: Float64Array;
  params: ParamArrays;
  /** dL/dθ for the whole sequence */
  grads: ParamArrays;
  /** ‖∇θ L‖ over every parameter, before any clipping */
  gradNorm: number;
  /** which sequence this is: the task's example, or the one the next training iteration uses */
  sequence: 'example' | 'next';
  /** training iterations done on these weights */
  iteration: number;
}

export interface GradsReply {
  /** backward step the accumulation has reached */
  t: number;
  accumulated: ParamArrays;
  contribution: ParamArrays;
}

/** Why gradients vanish or explode, for the current weights and sequence. */
export interface AnalysisReply {
  /** each H × H gate block of W_hh: max |λ|, ‖·‖₂ and the eigenvalues (re, im) */
  spectrum: { gate: string; radius: number; norm: number; re: Float64Array; im: Float64Array }[];
  /** why gradients vanish or explode, step by step: the gain of W_hh, the shrink of the activations, the paths back */
  mechanism: StepMechanism;
  /** ‖∇θ L‖ over every parameter, before any clipping */
  gradNorm: number;
}

export interface CompareCell {
  cell: CellType;
  /** ‖∂h_{T-1}/∂h_t‖₂ per t (the h path), and ‖·‖_F (exact, or estimated when the spectral norm is unavailable) */
  hPath: NormSeries;
  hPathFrobenius: Float64Array;
  /** the gated shortcut: the LSTM's cell path (all paths, and the highway ∏ f alone), the GRU's ∏ z; null for the RNN */
  gated: { full: NormSeries | null; shortcut: Float64Array } | null;
  /** ‖dL/dh_t‖ per t */
  dhNorm: Float64Array;
  /** the largest spectral radius over the gate blocks of W_hh */
  radius: number;
  loss: number;
}

export interface GradCheckReply {
  worstRelError: number;
  worstAbsError: number;
  worst: { key: string; index: number; analytic: number; numeric: number } | null;
  checked: number;
  total: number;
  step: number;
}

export type { TrainSettings } from '../engine/train';

export interface TrainProgress {
  iteration: number;
  /** mean loss of the last iteration's batch */
  loss: number;
  /** global gradient norm before clipping, and whether it clipped */
  gradNorm: number;
  clipped: boolean;
  finite: boolean;
  running: boolean;
  /** iterations per second over the last second of training */
  itPerSec: number;
  /** new loss values: iterations [lossFirst, lossFirst + losses.length) */
  lossFirst: number;
  losses: Float64Array;
  /** the weight snapshots one can rewind to */
  history: { iteration: number; loss: number }[];
}

export type TrainEvent =
  | { kind: 'progress'; progress: TrainProgress; snapshot: SessionSnapshot | null }
  | { kind: 'diverged'; progress: TrainProgress };

export type EngineRequest =
  /**
   * A new session. weights: null = seeded init; 'keep' = the current weights when they fit
   * (trained or imported ones survive a change of data); arrays = these weights.
   */
  | { type: 'open'; id: number; model: ModelSpec; data: DataSpec; weights: ParamArrays | 'keep' | null; origin?: 'imported' | 'trained' }
  | { type: 'grads'; id: number; t: number }
  /** the trace JSON of the current session, with its request (trace-format.md) */
  | { type: 'exportTrace'; id: number }
  | { type: 'analysis'; id: number }
  /** the three cells on the same data, seed and sizes */
  | { type: 'compare'; id: number; model: ModelSpec; data: DataSpec }
  | { type: 'gradcheck'; id: number }
  /** 'one': a single iteration, then the next iteration's session; 'start': train until paused */
  | { type: 'train'; id: number; settings: TrainSettings; mode: 'one' | 'start'; stopAt?: number }
  | { type: 'pauseTraining'; id: number }
  | { type: 'restoreHistory'; id: number; index: number }
  | { type: 'restoreFinite'; id: number }
  | { type: 'importWeights'; id: number; json: string }
  | { type: 'exportWeights'; id: number }
  /** the current weights on `count` fresh sequences of the task (engine/evaluate.ts) */
  | { type: 'evaluate'; id: number; count: number }
  | { type: 'sample'; id: number; start: string; length: number; temperature: number };

export type EngineReply =
  | { type: 'open'; id: number; snapshot: SessionSnapshot }
  | { type: 'grads'; id: number; grads: GradsReply }
  | { type: 'exportTrace'; id: number; json: string }
  | { type: 'analysis'; id: number; analysis: AnalysisReply }
  | { type: 'compare'; id: number; cells: CompareCell[] }
  | { type: 'gradcheck'; id: number; result: GradCheckReply }
  | { type: 'train'; id: number; progress: TrainProgress; snapshot: SessionSnapshot | null }
  | { type: 'pauseTraining'; id: number; progress: TrainProgress | null; snapshot: SessionSnapshot | null }
  | { type: 'restoreHistory'; id: number; snapshot: SessionSnapshot; progress: TrainProgress }
  | { type: 'restoreFinite'; id: number; snapshot: SessionSnapshot; progress: TrainProgress }
  | { type: 'importWeights'; id: number; snapshot: SessionSnapshot }
  | { type: 'exportWeights'; id: number; json: string }
  | { type: 'evaluate'; id: number; evaluation: Evaluation }
  | { type: 'sample'; id: number; text: string }
  /** unsolicited, while training runs (id 0) */
  | { type: 'event'; id: 0; event: TrainEvent }
  | { type: 'error'; id: number; message: string; key?: string };

