import { GATE_NAMES, type CellType, type Params, zerosLike } from './params';
import { backwardAll, bindSequence, carriesFrom, forwardAll, sequenceLoss, type Sequence, weightGradients } from './sequence';
import { createWorkspace, prepareWeights, type Workspace } from './workspace';

/**
 * Step-by-step inspection of one sequence. The session runs the same forward and backward
 * kernels as training (so every number equals the fast path's), keeps every intermediate,
 * and hands out one event at a time: forward t = 0 … T − 1, then backward t = T − 1 … 0,
 * the order in which the engine computes them. Revisiting an event reads what is stored:
 * nothing is recomputed.
 */

export type Phase = 'forward' | 'backward';

export interface StepEvent {
  phase: Phase;
  t: number;
}

/**
 * Finer sub-steps inside one event, in the order the views light them up.
 * Forward: the gate arithmetic, then h, then the output. Backward: the gradient gathered
 * at h_t, back through the gates, then what is sent on to step t − 1.
 */
export const SUBSTEPS: Record<CellType, Record<Phase, readonly string[]>> = {
  rnn: { forward: ['pre', 'h', 'y'], backward: ['dh', 'dpre', 'dprev'] },
  lstm: { forward: ['f', 'i', 'g', 'c', 'o', 'h', 'y'], backward: ['dh', 'do', 'dc', 'df', 'di', 'dg', 'dprev'] },
  gru: { forward: ['r', 'z', 'n', 'h', 'y'], backward: ['dh', 'dn', 'dz', 'dr', 'dprev'] },
};

/** Everything step t computed going forward (views into the session's storage). */
export interface ForwardRecord {
  t: number;
  x: Float64Array;
  /** h_{t-1} (h0 at t = 0) */
  hPrev: Float64Array;
  /** c_{t-1} (lstm) */
  cPrev?: Float64Array;
  /** input part of the pre-activations, W_ih x_t + b_ih (G·H, gates stacked in PyTorch order) */
  gi: Float64Array;
  /** recurrent part, W_hh h_{t-1} + b_hh (G·H) */
  gh: Float64Array;
  /** post-activation gates by name (lstm i f g o; gru r z n; rnn none) */
  gates: Record<string, Float64Array>;
  /** c_t and tanh(c_t) (lstm) */
  c?: Float64Array;
  tanhC?: Float64Array;
  h: Float64Array;
  y: Float64Array;
  /** ℓ_t before the 1/T mean */
  loss: number;
}

/** Everything step t computed going backward. */
export interface BackwardRecord {
  t: number;
  /** dL/dy_t (includes the 1/T of the mean) */
  dy: Float64Array;
  /** the head's part of dL/dh_t: head.weightᵀ dL/dy_t */
  dhFromOutput: Float64Array;
  /** the part that arrived from step t + 1 (zeros at the end and where a truncation block ends) */
  dhFromNext: Float64Array;
  /** dL/dh_t, the sum of the two */
  dh: Float64Array;
  /** dL/dc_t arriving from step t + 1 (dc_{t+1} ⊙ f_{t+1}; lstm) */
  dcFromNext?: Float64Array;
  /** dL/dc_t, total (lstm) */
  dc?: Float64Array;
  /** gradient of each gate's pre-activation (the input side; for gru's n the recurrent side is r ⊙ this) */
  dPre: Record<string, Float64Array>;
  /** what step t sends back to h_{t-1} and c_{t-1}; not passed on when `cut` */
  dhPrev: Float64Array;
  dcPrev?: Float64Array;
  /** dL/dx_t */
  dx: Float64Array;
  /** true when t starts a truncation block, so dhPrev stops here */
  cut: boolean;
  /** true when step t + 1's gradient reached h_t */
  carried: boolean;
}

export class StepSession {
  readonly params: Params;
  readonly seq: Sequence;
  readonly ws: Workspace;
  readonly loss: number;
  /** dL/dθ over the whole sequence (the same as the fast path's) */
  readonly grads: Params;
  readonly events: readonly StepEvent[];
  private readonly zeros: Float64Array;

  constructor(params: Params, seq: Sequence) {
    this.params = params;
    this.seq = seq;
    const ws = createWorkspace(params, seq.steps);
    prepareWeights(ws, params);
    bindSequence(ws, seq);
    forwardAll(params, ws);
    backwardAll(params, ws, seq.truncation, true);
    this.ws = ws;
    this.loss = sequenceLoss(ws);
    this.grads = zerosLike(params);
    weightGradients(ws, this.grads);
    const T = seq.steps;
    const events: StepEvent[] = [];
    for (let t = 0; t < T; t++) events.push({ phase: 'forward', t });
    for (let t = T - 1; t >= 0; t--) events.push({ phase: 'backward', t });
    this.events = events;
    this.zeros = new Float64Array(params.hiddenSize);
  }

  get steps(): number {
    return this.seq.steps;
  }

  /** Index into `events` of (phase, t). */
  eventIndex(phase: Phase, t: number): number {
    return phase === 'forward' ? t : 2 * this.steps - 1 - t;
  }

  forward(t: number): ForwardRecord {
    this.check(t);
    const { ws, params: p } = this;
    const { hiddenSize: H, inputSize: I, outputSize: O, cell } = p;
    const GH = ws.gateRows;
    const gates: Record<string, Float64Array> = {};
    GATE_NAMES[cell].forEach((name, g) => {
      gates[name] = ws.act.subarray(t * GH + g * H, t * GH + (g + 1) * H);
    });
    const rec: ForwardRecord = {
      t,
      x: ws.xs.subarray(t * I, (t + 1) * I),
      hPrev: ws.hs.subarray(t * H, (t + 1) * H),
      gi: ws.gi.subarray(t * GH, (t + 1) * GH),
      gh: ws.gh.subarray(t * GH, (t + 1) * GH),
      gates,
      h: ws.hs.subarray((t + 1) * H, (t + 2) * H),
      y: ws.ys.subarray(t * O, (t + 1) * O),
      loss: ws.lossTerms[t],
    };
    if (cell === 'lstm') {
      rec.cPrev = ws.cs.subarray(t * H, (t + 1) * H);
      rec.c = ws.cs.subarray((t + 1) * H, (t + 2) * H);
      rec.tanhC = ws.tc.subarray(t * H, (t + 1) * H);
    }
    return rec;
  }

  backward(t: number): BackwardRecord {
    this.check(t);
    const { ws, params: p } = this;
    const { hiddenSize: H, inputSize: I, outputSize: O, cell } = p;
    const GH = ws.gateRows;
    const T = this.steps;
    const k = this.seq.truncation;
    const carried = carriesFrom(t, T, k);
    const row = (a: Float64Array, r: number) => a.subarray(r * H, (r + 1) * H);
    const dPre: Record<string, Float64Array> = {};
    const names = cell === 'rnn' ? ['h'] : GATE_NAMES[cell];
    names.forEach((name, g) => {
      dPre[name] = ws.dgi.subarray(t * GH + g * H, t * GH + (g + 1) * H);
    });
    const rec: BackwardRecord = {
      t,
      dy: ws.dys.subarray(t * O, (t + 1) * O),
      dhFromOutput: row(ws.dhHead, t),
      dhFromNext: carried ? row(ws.dhPrev, t + 1) : this.zeros,
      dh: row(ws.dhs, t),
      dPre,
      dhPrev: row(ws.dhPrev, t),
      dx: ws.dxs.subarray(t * I, (t + 1) * I),
      cut: k > 0 && t % k === 0,
      carried,
    };
    if (cell === 'lstm') {
      rec.dcFromNext = carried ? row(ws.dcPrev, t + 1) : this.zeros;
      rec.dc = row(ws.dcs, t);
      rec.dcPrev = row(ws.dcPrev, t);
    }
    return rec;
  }

  /**
   * The weight gradients the backward pass has accumulated once it has processed step t
   * (steps T − 1 down to t). At t = 0 this is dL/dθ, bit for bit.
   */
  accumulatedGrads(t: number, out: Params = zerosLike(this.params)): Params {
    this.check(t);
    if (t === 0) {
      for (const key of ['wIh', 'wHh', 'bIh', 'bHh', 'headW', 'headB'] as const) out[key].set(this.grads[key]);
      return out;
    }
    weightGradients(this.ws, out, t);
    return out;
  }

  /** Step t's own contribution to the weight gradients. */
  stepContribution(t: number, out: Params = zerosLike(this.params)): Params {
    this.check(t);
    weightGradients(this.ws, out, t, t + 1);
    return out;
  }

  private check(t: number): void {
    if (!Number.isInteger(t) || t < 0 || t >= this.steps) throw new RangeError(`timestep ${t} is outside 0 … ${this.steps - 1}`);
  }
}
