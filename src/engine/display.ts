import { softmaxInto } from './loss';
import type { NetworkWorkspace } from './network';
import { carriesFrom } from './sequence';
import { gemv } from './tensor';
import { pulse } from './pulse';
import type { Workspace } from './workspace';

/**
 * Derived per-step quantities the views show, computed here so that no view re-derives a
 * number with its own formula.
 */
export interface DisplayArrays {
  /** pre-activations exactly as they enter σ / tanh (T × GH); gru n: gi_n + r ⊙ gh_n; rnn: gi + gh */
  pre: Float64Array;
  /** softmax(y_t) (T × O) when the loss is cross_entropy, else empty */
  probs: Float64Array;
  /** ‖dL/dh_t‖ and ‖dL/dc_t‖ per step (T) */
  dhNorm: Float64Array;
  dcNorm: Float64Array;
  /**
   * The two summands of the state update (T × H): lstm keep = f ⊙ c_{t-1}, write = i ⊙ g
   * (c_t = keep + write); gru keep = z ⊙ h_{t-1}, write = (1 − z) ⊙ n; empty for rnn.
   */
  keep: Float64Array;
  write: Float64Array;
  /** gru: 1 − z_t (T × H); else empty */
  notZ: Float64Array;
  /**
   * The part of dL/dh_t that arrived from step t + 1 (T × H): zeros at the last step and where
   * step t + 1 starts a truncation block. dL/dh_t = dhHead + dhNext.
   */
  dhNext: Float64Array;
  /** lstm: the part of dL/dc_t that arrived from step t + 1, δc_{t+1} ⊙ f_{t+1} (T × H; zeros where not carried); else empty */
  dcNext: Float64Array;
  /** lstm: the part of dL/dc_t through h_t, δh_t ⊙ o_t ⊙ (1 − tanh² c_t) (T × H; dL/dc_t = dcLocal + dcNext); else empty */
  dcLocal: Float64Array;
  /** gru: the part of dL/dh_{t-1} that skips the weights, δh_t ⊙ z_t (T × H); else empty */
  dhPrevDirect: Float64Array;
  /** gru: the part of dL/dh_{t-1} through W_hh, W_hhᵀ [δa_r, δa_z, r ⊙ δa_n] (T × H; dhPrev = dhPrevDirect + dhPrevRec); else empty */
  dhPrevRec: Float64Array;
}

/** The display arrays of every (layer, direction) of a network, and softmax(y_t) of its output. */
export interface NetworkDisplayArrays {
  /** index l·D + d; each in its workspace's row order (the reverse direction's rows run from t = T − 1 down) */
  layers: DisplayArrays[];
  /** softmax(y_t) (T × O) when the loss is cross_entropy, else empty */
  probs: Float64Array;
  /** per layer (L), the mean of ‖dL/dh_t‖ over its steps and directions: how much gradient reaches each depth */
  layerDhNormMeans: Float64Array;
}

/** The mean ‖dL/dh_t‖ of each layer over its T steps and D directions (recurrences in index order l·D + d). */
export function layerDhNormMeans(layers: readonly Pick<DisplayArrays, 'dhNorm'>[], directions: number): Float64Array {
  const L = Math.floor(layers.length / directions);
  const out = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    let sum = 0;
    let n = 0;
    for (let d = 0; d < directions; d++) {
      const norms = layers[l * directions + d].dhNorm;
      for (let t = 0; t < norms.length; t++) sum += norms[t];
      n += norms.length;
    }
    out[l] = n > 0 ? sum / n : 0;
  }
  return out;
}

export function networkDisplayArrays(net: NetworkWorkspace, truncation: number): NetworkDisplayArrays {
  const layers = net.layers.map((ws) => displayArrays(ws, truncation));
  const means = layerDhNormMeans(layers, net.directions);
  if (net.layers.length === 1) return { layers, probs: layers[0].probs, layerDhNormMeans: means };
  const O = net.shape.outputSize;
  const T = net.steps;
  const probs = new Float64Array(net.targets.kind === 'cross_entropy' ? T * O : 0);
  if (probs.length) {
    const row = new Float64Array(O);
    for (let t = 0; t < T; t++) probs.set(softmaxInto(row, net.ys, t * O, O), t * O);
  }
  return { layers, probs, layerDhNormMeans: means };
}

/**
 * dL/dx_t of the network's inputs in time order (T × I): layer 0's dxs, and for two directions the
 * sum of both directions' parts (the reverse one's rows run backwards), added as the layers above add theirs.
 */
export function networkInputGrads(net: NetworkWorkspace): Float64Array {
  const fwd = net.layers[0].dxs;
  if (net.directions === 1) return fwd.slice();
  const rev = net.layers[1].dxs;
  const T = net.steps;
  const I = net.shape.inputSize;
  const out = new Float64Array(T * I);
  for (let t = 0; t < T; t++) {
    const a = t * I;
    const b = (T - 1 - t) * I;
    for (let j = 0; j < I; j++) out[a + j] = fwd[a + j] + rev[b + j];
  }
  return out;
}

/**
 * The derived arrays of one recurrence, in its workspace's row order (probs only for a
 * workspace that holds the head, i.e. a one-layer, one-direction network; else empty).
 * `truncation`: the session's k (0 = full backpropagation), to know which steps carry a gradient from the next one.
 */
export function displayArrays(ws: Workspace, truncation: number): DisplayArrays {
  const { cell, hiddenSize: H, outputSize: O } = ws.shape;
  const T = ws.steps;
  const GH = ws.gateRows;
  const pre = new Float64Array(T * GH);
  for (let k = 0; k < pre.length; k++) pre[k] = ws.gi[k] + ws.gh[k];
  if (cell === 'gru') {
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < H; j++) {
        const n = t * GH + 2 * H + j;
        pre[n] = ws.gi[n] + ws.act[t * GH + j] * ws.gh[n];
      }
    }
  }
  const probs = new Float64Array(ws.targets.kind === 'cross_entropy' && O > 0 ? T * O : 0);
  if (probs.length) {
    const row = new Float64Array(O);
    for (let t = 0; t < T; t++) probs.set(softmaxInto(row, ws.ys, t * O, O), t * O);
  }
  const dhNorm = new Float64Array(T);
  const dcNorm = new Float64Array(cell === 'lstm' ? T : 0);
  for (let t = 0; t < T; t++) {
    pulse();
    let s = 0;
    for (let j = 0; j < H; j++) s += ws.dhs[t * H + j] * ws.dhs[t * H + j];
    dhNorm[t] = Math.sqrt(s);
    if (cell === 'lstm') {
      let c = 0;
      for (let j = 0; j < H; j++) c += ws.dcs[t * H + j] * ws.dcs[t * H + j];
      dcNorm[t] = Math.sqrt(c);
    }
  }
  return { pre, probs, dhNorm, dcNorm, ...stateUpdateTerms(ws), ...gradientParts(ws, truncation) };
}

/** keep / write / notZ: the terms of c_t (lstm) and h_t (gru), with the engine's own products. */
function stateUpdateTerms(ws: Workspace): Pick<DisplayArrays, 'keep' | 'write' | 'notZ'> {
  const { cell, hiddenSize: H } = ws.shape;
  const T = ws.steps;
  const GH = ws.gateRows;
  const n = cell === 'rnn' ? 0 : T * H;
  const keep = new Float64Array(n);
  const write = new Float64Array(n);
  const notZ = new Float64Array(cell === 'gru' ? T * H : 0);
  const act = ws.act;
  for (let t = 0; t < T && n > 0; t++) {
    pulse();
    const a = t * GH;
    for (let j = 0; j < H; j++) {
      const k = t * H + j;
      if (cell === 'lstm') {
        keep[k] = act[a + H + j] * ws.cs[t * H + j];
        write[k] = act[a + j] * act[a + 2 * H + j];
      } else {
        const z = act[a + H + j];
        notZ[k] = 1 - z;
        keep[k] = z * ws.hs[t * H + j];
        write[k] = (1 - z) * act[a + 2 * H + j];
      }
    }
  }
  return { keep, write, notZ };
}

/** How each gradient of step t splits into the paths that make it up. */
function gradientParts(ws: Workspace, truncation: number): Pick<DisplayArrays, 'dhNext' | 'dcNext' | 'dcLocal' | 'dhPrevDirect' | 'dhPrevRec'> {
  const { cell, hiddenSize: H } = ws.shape;
  const T = ws.steps;
  const GH = ws.gateRows;
  const lstm = cell === 'lstm';
  const gru = cell === 'gru';
  const dhNext = new Float64Array(T * H);
  const dcNext = new Float64Array(lstm ? T * H : 0);
  const dcLocal = new Float64Array(lstm ? T * H : 0);
  const dhPrevDirect = new Float64Array(gru ? T * H : 0);
  const dhPrevRec = new Float64Array(gru ? T * H : 0);
  for (let t = 0; t < T; t++) {
    pulse();
    const carried = carriesFrom(t, T, truncation);
    const off = t * H;
    for (let j = 0; j < H; j++) {
      if (carried) dhNext[off + j] = ws.dhPrev[off + H + j];
      if (lstm) {
        if (carried) dcNext[off + j] = ws.dcPrev[off + H + j];
        const o = ws.act[t * GH + 3 * H + j];
        const tc = ws.tc[off + j];
        dcLocal[off + j] = ws.dhs[off + j] * o * (1 - tc * tc);
      }
      if (gru) dhPrevDirect[off + j] = ws.dhs[off + j] * ws.act[t * GH + H + j];
    }
    if (gru) gemv(dhPrevRec, off, ws.wHhT, 0, H, GH, ws.dgh, t * GH, null);
  }
  return { dhNext, dcNext, dcLocal, dhPrevDirect, dhPrevRec };
}
