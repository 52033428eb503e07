/**
 * The only language spoken between the UI and the engine worker (types only).
 * Requests carry an id; every reply has the type of its request and names the id it answers Typed arrays travel as
 * transferred buffers.
 */
import type { CellType, Directions, ParamSet } from '../engine/params';
import type { Workspace } from '../engine/workspace';
import type { SequenceTokens } from '../engine/tokens';
import type { DisplayArrays } from '../engine/display';
import type { TaskId, TaskOptions } from '../engine/tasks';
import type { ModelChoice } from '../engine/init';
import type { TrainSettings } from '../engine/train';
import type { NormSeries, StepMechanism } from '../engine/jacobian';
import type { Evaluation } from '../engine/evaluate';
import type { Explanation, QuantityRef } from '../engine/explain';

export type { Explanation, QuantityRef } from '../engine/explain';

/** How to make the weights when none are given: seeded, so a link reproduces them bit for bit. */
export type ModelSpec = ModelChoice;

/** Which data the session walks through: a task and its options (engine/tasks.ts). */
export type DataSpec = { task: TaskId } & TaskOptions;

/** Every parameter array (the engine's Params without its sizes): layers[l·D + d] and the head, row-major. */
export type ParamArrays = ParamSet;

/** Sizes and what the weights are. */
export interface ModelInfo {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  /** L, stacked layers */
  numLayers: number;
  /** D, 2 for a bidirectional network */
  directions: Directions;
  /** where the current weights came from */
  origin: 'init' | 'imported' | 'trained';
}

/**
 * One recurrence (layer l, direction d) of a sequence's forward and backward pass: its workspace
 * rows (engine/workspace.ts) and the derived rows of engine/display.ts, in ITS PROCESSING ORDER:
 * row s is timestep t = s going forward and t = T − 1 − s in the reverse direction; hs and cs have
 * T + 1 rows, row 0 the initial state. state/moment.ts is the one reader that maps t to rows.
 * xs is the recurrence's input (the data for layer 0, the layer below's output above it), dxs
 * dL/d(that input); dhHead is the part of dL/dh from above (the head, or the layer above).
 */
export type RecurrenceSnapshot = { layer: number; direction: number } & Pick<
  Workspace,
  'xs' | 'hs' | 'cs' | 'gi' | 'gh' | 'act' | 'tc' | 'dhHead' | 'dhs' | 'dcs' | 'dgi' | 'dgh' | 'dhPrev' | 'dcPrev' | 'dxs'
> &
  Omit<DisplayArrays, 'probs'>;

/**
 * Everything one sequence's forward and backward pass computed: the network's inputs and outputs
 * in time order, and one RecurrenceSnapshot per (layer, direction). The UI reads values from here
 * and computes none itself.
 */
export interface SessionSnapshot {
  /** increases with every new session */
  version: number;
  model: ModelInfo;
  steps: number;
  truncation: number;
  loss: 'mse' | 'cross_entropy';
  /** L = (1/T) Σ ℓ_t (or ℓ_{T−1} alone) */
  lossValue: number;
  vocab: string[] | null;
  /** the task whose data this is */
  task: TaskId;
  /** what each step reads and should answer, as a person names it (a character, a symbol, the values) */
  tokens: SequenceTokens;
  /** x_t, T × I */
  xs: Float64Array;
  /** dL/dx_t, T × I (both directions' parts summed) */
  dxs: Float64Array;
  /** mse: T × O target values; cross_entropy: T class indices */
  targets: Float64Array;
  /** y_t, T × O */
  ys: Float64Array;
  /** softmax(y_t) for cross_entropy, T × O (else empty) */
  probs: Float64Array;
  /** ℓ_t, T */
  lossTerms: Float64Array;
  /** dL/dy_t, T × O */
  dys: Float64Array;
  /** index l·D + d */
  layers: RecurrenceSnapshot[];
  /** per layer (L): the mean ‖dL/dh_t‖ over its steps and directions (engine/display.ts) */
  layerDhNormMeans: Float64Array;
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
  /** the backward event the accumulation has reached: step t of (layer, direction) */
  t: number;
  layer: number;
  direction: number;
  accumulated: ParamArrays;
  contribution: ParamArrays;
}

/** Why gradients vanish or explode, for the current weights and sequence. */
export interface AnalysisReply {
  /** the layer analysed (its forward direction) */
  layer: number;
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
  | {
      type: 'open';
      id: number;
      model: ModelSpec;
      data: DataSpec;
      weights: ParamArrays | 'keep' | null;
      origin?: 'imported' | 'trained';
      /** with weights given: the training iterations they already had (a restarted worker goes on counting from there) */
      iteration?: number;
    }
  /** the weight gradients at a backward event: step t of (layer, direction), both 0 when absent */
  | { type: 'grads'; id: number; t: number; layer?: number; direction?: number }
  /** the trace JSON of the current session, with its request (trace-format.md) */
  | { type: 'exportTrace'; id: number }
  /** the mechanism of one layer (its forward direction) */
  | { type: 'analysis'; id: number; layer?: number }
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
  | { type: 'sample'; id: number; start: string; length: number; temperature: number }
  /** how one number of the open session is made: its equation, its terms, and the value they make again */
  | { type: 'explain'; id: number; ref: QuantityRef };

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
  | { type: 'explain'; id: number; explanation: Explanation }
  /** unsolicited, while training runs (id 0) */
  | { type: 'event'; id: 0; event: TrainEvent }
  /** the answer to a ping: the worker's loop is turning (id 0) */
  | { type: 'alive'; id: 0 }
  | { type: 'error'; id: number; message: string; key?: string };


/**
 * Messages about the worker itself rather than the engine: the watchdog's ping, and the faults the
 * end-to-end tests inject (an uncaught error, a silent stop, a loop that does not yield).
 */
export type WorkerControl =
  | { type: 'ping' }
  /** the page has shown the training snapshot it was sent (the loop waits for this, briefly) */
  | { type: 'shown' }
  | { type: 'crashForTest' } | { type: 'closeForTest' } | { type: 'hangForTest'; ms: number };
