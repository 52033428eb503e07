import { GATE_NAMES, type CellType, type Params, zerosLike } from './params';
import {
  backwardNetworkSlices,
  bindNetwork,
  createNetwork,
  forwardNetworkSlices,
  headStepsGradients,
  networkGradientsSlices,
  networkLoss,
  type NetworkWorkspace,
  prepareNetwork,
  processingRow,
} from './network';
import { layerGradients } from './recurrence';
import { carriesFrom, type Sequence, weightGradients } from './sequence';
import type { Workspace } from './workspace';
import { finish, type Slices } from './slices';

/**
 * Step-by-step inspection of one sequence. The session runs the same forward and backward
 * kernels as training (so every number equals the fast path's), keeps every intermediate,
 * and hands out one event at a time, in the order the engine computes them. Revisiting an
 * event reads what is stored: nothing is recomputed.
 *
 * THE EVENT ORDER (one event = one cell of one layer and direction at one timestep):
 *   forward:  layer 0 forward direction t = 0 … T − 1, then (bidirectional) layer 0 reverse
 *             t = T − 1 … 0, then layer 1 forward, layer 1 reverse, …, up to layer L − 1;
 *   backward: exactly the reverse of the forward list: layer L − 1 first (its reverse direction
 *             t = 0 … T − 1, then its forward direction t = T − 1 … 0), then layer L − 2, … .
 * So every cell has its whole gradient when its backward event comes: the part from above (the
 * head, or the layer above, finished before) and the part from its next step in its direction
 * (the event just before). A one-layer, one-direction network has the order it always had:
 * forward t = 0 … T − 1, then backward t = T − 1 … 0.
 */

export type Phase = 'forward' | 'backward';

export interface StepEvent {
  phase: Phase;
  t: number;
  /** l, 0 … L − 1 */
  layer: number;
  /** d: 0 forward, 1 reverse */
  direction: number;
}

/**
 * Finer sub-steps inside one event, in the order the views light them up.
 * Forward: the gate arithmetic, then h, then the output. Backward: the gradient gathered
 * at h_t, back through the gates, then what is sent on to the next step in the direction's backward walk.
 */
export const SUBSTEPS: Record<CellType, Record<Phase, readonly string[]>> = {
  rnn: { forward: ['pre', 'h', 'y'], backward: ['dh', 'dpre', 'dprev'] },
  lstm: { forward: ['f', 'i', 'g', 'c', 'o', 'h', 'y'], backward: ['dh', 'do', 'dc', 'df', 'di', 'dg', 'dprev'] },
  gru: { forward: ['r', 'z', 'n', 'h', 'y'], backward: ['dh', 'dn', 'dz', 'dr', 'dprev'] },
};

/** Everything one cell (layer, direction, step t) computed going forward (views into the session's storage). */
export interface ForwardRecord {
  t: number;
  layer: number;
  direction: number;
  /** what x is: the network's input (layer 0), or the layer below's output [forward h_t, reverse h_t] */
  input: 'inputs' | 'layer below';
  /** x_t as this layer reads it (I numbers for layer 0, D·H above) */
  x: Float64Array;
  /** the state before this step: h_{t-1} going forward, h_{t+1} in reverse (h0's row at the first step) */
  hPrev: Float64Array;
  /** c before this step (lstm) */
  cPrev?: Float64Array;
  /** input part of the pre-activations, W_ih x_t + b_ih (G·H, gates stacked in PyTorch order) */
  gi: Float64Array;
  /** recurrent part, W_hh h_prev + b_hh (G·H) */
  gh: Float64Array;
  /** post-activation gates by name (lstm i f g o; gru r z n; rnn none) */
  gates: Record<string, Float64Array>;
  /** c_t and tanh(c_t) (lstm) */
  c?: Float64Array;
  tanhC?: Float64Array;
  h: Float64Array;
  /** whether this layer's output feeds the head (the last layer) */
  feedsHead: boolean;
  /** the network's output y_t (the head reads the last layer, so it exists once that layer has run) */
  y: Float64Array;
  /** ℓ_t before the 1/T mean */
  loss: number;
}

/** Everything one cell computed going backward. */
export interface BackwardRecord {
  t: number;
  layer: number;
  direction: number;
  /** where dhFromAbove comes from: the head (last layer) or the layer above's input */
  above: 'head' | 'layer above';
  /** dL/dy_t of the network (includes the 1/T of the mean) */
  dy: Float64Array;
  /**
   * The part of dL/dh_t from above: head.weightᵀ dL/dy_t (this direction's columns) for the last
   * layer; this direction's half of the sum over the layer above's directions of dL/dx_t below it.
   */
  dhFromAbove: Float64Array;
  /** the part that arrived from the next step in this direction (t + 1 forward, t − 1 reverse; zeros at its end and where a truncation block ends) */
  dhFromNext: Float64Array;
  /** dL/dh_t, the sum of the two */
  dh: Float64Array;
  /** dL/dc_t arriving from the next step (dc_next ⊙ f_next; lstm) */
  dcFromNext?: Float64Array;
  /** dL/dc_t, total (lstm) */
  dc?: Float64Array;
  /** gradient of each gate's pre-activation (the input side; for gru's n the recurrent side is r ⊙ this) */
  dPre: Record<string, Float64Array>;
  /** what this step sends back to the previous state of its direction (h_{t-1} forward, h_{t+1} reverse); not passed on when `cut` */
  dhPrev: Float64Array;
  dcPrev?: Float64Array;
  /** dL/dx_t through this cell, W_ihᵀ dPre (for layer l ≥ 1 what it sends to the layer below: D·H numbers) */
  dx: Float64Array;
  /** true when t starts a truncation block, so dhPrev stops here */
  cut: boolean;
  /** true when the next step's gradient reached h_t */
  carried: boolean;
}

export class StepSession {
  readonly params: Params;
  readonly seq: Sequence;
  /** every intermediate of the network */
  readonly net: NetworkWorkspace;
  /** net.layers[0], layer 0's forward recurrence (for a one-layer, one-direction network, all of it) */
  readonly ws: Workspace;
  readonly loss: number;
  /** dL/dθ over the whole sequence (the same as the fast path's) */
  readonly grads: Params;
  readonly events: readonly StepEvent[];
  private readonly zeros: Float64Array;

  constructor(params: Params, seq: Sequence, passes: { net: NetworkWorkspace; grads: Params } = finish(StepSession.passes(params, seq))) {
    this.params = params;
    this.seq = seq;
    const net = passes.net;
    this.net = net;
    this.ws = net.layers[0];
    this.loss = networkLoss(net);
    this.grads = passes.grads;
    const T = seq.steps;
    const forward: StepEvent[] = [];
    for (let layer = 0; layer < params.numLayers; layer++) {
      for (let direction = 0; direction < params.directions; direction++) {
        for (let s = 0; s < T; s++) forward.push({ phase: 'forward', t: processingRow(T, direction, s), layer, direction });
      }
    }
    const backward = forward.map((e) => ({ ...e, phase: 'backward' as const })).reverse();
    this.events = [...forward, ...backward];
    this.zeros = new Float64Array(params.hiddenSize);
  }

  /** A session built in pieces (slices.ts), so the worker can answer in between. */
  static *build(params: Params, seq: Sequence): Slices<StepSession> {
    return new StepSession(params, seq, yield* StepSession.passes(params, seq));
  }

  /** The forward and backward passes a session keeps, and the weight gradients. */
  private static *passes(params: Params, seq: Sequence): Slices<{ net: NetworkWorkspace; grads: Params }> {
    const net = createNetwork(params, seq.steps);
    yield; // at the largest sizes, a few hundred megabytes of working memory
    prepareNetwork(net, params);
    bindNetwork(net, seq);
    yield* forwardNetworkSlices(params, net);
    yield* backwardNetworkSlices(params, net, seq.truncation, true);
    const grads = zerosLike(params);
    yield* networkGradientsSlices(net, grads);
    return { net, grads };
  }

  get steps(): number {
    return this.seq.steps;
  }

  /** Index into `events` of (phase, t) of a layer and direction. */
  eventIndex(phase: Phase, t: number, layer = 0, direction = 0): number {
    const T = this.steps;
    const forward = (layer * this.params.directions + direction) * T + processingRow(T, direction, t);
    return phase === 'forward' ? forward : this.events.length - 1 - forward;
  }

  forward(t: number, layer = 0, direction = 0): ForwardRecord {
    const { ws, s } = this.locate(t, layer, direction);
    const { hiddenSize: H, inputSize: I, cell } = ws.shape;
    const O = this.params.outputSize;
    const GH = ws.gateRows;
    const gates: Record<string, Float64Array> = {};
    GATE_NAMES[cell].forEach((name, g) => {
      gates[name] = ws.act.subarray(s * GH + g * H, s * GH + (g + 1) * H);
    });
    const rec: ForwardRecord = {
      t,
      layer,
      direction,
      input: layer === 0 ? 'inputs' : 'layer below',
      x: ws.xs.subarray(s * I, (s + 1) * I),
      hPrev: ws.hs.subarray(s * H, (s + 1) * H),
      gi: ws.gi.subarray(s * GH, (s + 1) * GH),
      gh: ws.gh.subarray(s * GH, (s + 1) * GH),
      gates,
      h: ws.hs.subarray((s + 1) * H, (s + 2) * H),
      feedsHead: layer === this.params.numLayers - 1,
      y: this.net.ys.subarray(t * O, (t + 1) * O),
      loss: this.net.lossTerms[t],
    };
    if (cell === 'lstm') {
      rec.cPrev = ws.cs.subarray(s * H, (s + 1) * H);
      rec.c = ws.cs.subarray((s + 1) * H, (s + 2) * H);
      rec.tanhC = ws.tc.subarray(s * H, (s + 1) * H);
    }
    return rec;
  }

  backward(t: number, layer = 0, direction = 0): BackwardRecord {
    const { ws, s } = this.locate(t, layer, direction);
    const { hiddenSize: H, inputSize: I, cell } = ws.shape;
    const O = this.params.outputSize;
    const GH = ws.gateRows;
    const T = this.steps;
    const k = this.seq.truncation;
    const carried = carriesFrom(s, T, k);
    const row = (a: Float64Array, r: number) => a.subarray(r * H, (r + 1) * H);
    const dPre: Record<string, Float64Array> = {};
    const names = cell === 'rnn' ? ['h'] : GATE_NAMES[cell];
    names.forEach((name, g) => {
      dPre[name] = ws.dgi.subarray(s * GH + g * H, s * GH + (g + 1) * H);
    });
    const rec: BackwardRecord = {
      t,
      layer,
      direction,
      above: layer === this.params.numLayers - 1 ? 'head' : 'layer above',
      dy: this.net.dys.subarray(t * O, (t + 1) * O),
      dhFromAbove: row(ws.dhHead, s),
      dhFromNext: carried ? row(ws.dhPrev, s + 1) : this.zeros,
      dh: row(ws.dhs, s),
      dPre,
      dhPrev: row(ws.dhPrev, s),
      dx: ws.dxs.subarray(s * I, (s + 1) * I),
      cut: k > 0 && s % k === 0,
      carried,
    };
    if (cell === 'lstm') {
      rec.dcFromNext = carried ? row(ws.dcPrev, s + 1) : this.zeros;
      rec.dc = row(ws.dcs, s);
      rec.dcPrev = row(ws.dcPrev, s);
    }
    return rec;
  }

  /**
   * The weight gradients the backward pass has accumulated once it has processed the backward
   * event (t, layer, direction), in event order: every layer and direction before it complete, its
   * own steps so far, nothing of those after. The head's share of timestep t comes with the last
   * layer's first backward direction at t (for D = 1 its only one). At the last backward event
   * (layer 0, forward, t = 0) this is dL/dθ, bit for bit.
   */
  accumulatedGrads(t: number, out: Params = zerosLike(this.params), layer = 0, direction = 0): Params {
    const { s, index } = this.locate(t, layer, direction);
    const net = this.net;
    const T = this.steps;
    if (net.layers.length === 1) {
      if (t === 0) copyParams(out, this.grads);
      else weightGradients(net.layers[0], out, t);
      return out;
    }
    net.layers.forEach((ws, i) => {
      const o = out.layers[i];
      if (i > index || (i === index && s === 0)) copyLayer(o, this.grads.layers[i]);
      else if (i === index) layerGradients(ws, o, s, T);
      else for (const a of [o.wIh, o.wHh, o.bIh, o.bHh]) a.fill(0);
    });
    const top = net.layers.length - 1;
    if (index < top || s === 0) {
      out.headW.set(this.grads.headW);
      out.headB.set(this.grads.headB);
    } else if (net.directions === 1) headStepsGradients(net, out, t, T);
    else headStepsGradients(net, out, 0, t + 1);
    return out;
  }

  /** The backward event (t, layer, direction)'s own contribution to the weight gradients (zeros elsewhere). */
  stepContribution(t: number, out: Params = zerosLike(this.params), layer = 0, direction = 0): Params {
    const { s, index } = this.locate(t, layer, direction);
    const net = this.net;
    if (net.layers.length === 1) {
      weightGradients(net.layers[0], out, t, t + 1);
      return out;
    }
    net.layers.forEach((ws, i) => {
      const o = out.layers[i];
      if (i === index) layerGradients(ws, o, s, s + 1);
      else for (const a of [o.wIh, o.wHh, o.bIh, o.bHh]) a.fill(0);
    });
    if (index === net.layers.length - 1) headStepsGradients(net, out, t, t + 1);
    else {
      out.headW.fill(0);
      out.headB.fill(0);
    }
    return out;
  }

  /** The workspace of (layer, direction), its index l·D + d, and the row that holds timestep t. */
  private locate(t: number, layer: number, direction: number): { ws: Workspace; s: number; index: number } {
    if (!Number.isInteger(t) || t < 0 || t >= this.steps) throw new RangeError(`timestep ${t} is outside 0 … ${this.steps - 1}`);
    const { numLayers: L, directions: D } = this.params;
    if (!Number.isInteger(layer) || layer < 0 || layer >= L) throw new RangeError(`layer ${layer} is outside 0 … ${L - 1}`);
    if (direction !== 0 && !(direction === 1 && D === 2)) throw new RangeError(`direction ${direction} is not one of this network's (${D === 2 ? '0, 1' : '0'})`);
    const index = layer * D + direction;
    return { ws: this.net.layers[index], s: processingRow(this.steps, direction, t), index };
  }
}

function copyLayer(dst: { wIh: Float64Array; wHh: Float64Array; bIh: Float64Array; bHh: Float64Array }, src: typeof dst): void {
  dst.wIh.set(src.wIh);
  dst.wHh.set(src.wHh);
  dst.bIh.set(src.bIh);
  dst.bHh.set(src.bHh);
}

function copyParams(dst: Params, src: Params): void {
  src.layers.forEach((l, i) => copyLayer(dst.layers[i], l));
  dst.headW.set(src.headW);
  dst.headB.set(src.headB);
}
