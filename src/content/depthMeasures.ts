/**
 * What the depth chapter's claims measure (depthClaims.ts), on the engine's own step-by-step
 * session (the numbers the app shows for the same preset and seed), for one seed.
 *
 * Notation: layer l, direction d (0 forward, 1 reverse), step t; dh(l, d, t) is the session's
 * dL/dh_t of that cell. With the loss on the last step only, dh of a layer below the top at
 * T − 1 has only its part from above, and dh of the top layer before T − 1 only its part from t + 1.
 */
import type { Params } from '../engine/params';
import { runSequence } from '../engine/sequence';
import { StepSession } from '../engine/session';
import { zerosLike } from '../engine/params';
import type { Quantities } from './claimMeasures';
import { openPreset } from './experiment';
import { PRESETS, type Preset } from './presets';

export function sessionOf(preset: Preset, seed: number): StepSession {
  const { params, data } = openPreset(preset, seed);
  return new StepSession(params, data.example);
}

const norm = (a: Float64Array) => Math.hypot(...a);

/** y = Wᵀ v for a row-major rows × cols matrix W (plain loops: an independent reckoning, not the engine's kernels). */
function transposeTimes(W: Float64Array, rows: number, cols: number, v: Float64Array): Float64Array {
  const y = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) y[c] += W[r * cols + c] * v[r];
  return y;
}

/** The layer below's output at t as layer l reads it: [forward h_t, reverse h_t] (just h_t for one direction). */
function outputBelow(s: StepSession, l: number, t: number): Float64Array {
  const { directions: D, hiddenSize: H } = s.params;
  const out = new Float64Array(D * H);
  for (let d = 0; d < D; d++) out.set(s.forward(t, l - 1, d).h, d * H);
  return out;
}

/**
 * What the second layer reads: for every layer l ≥ 1, direction and step, the largest difference
 * between layer l's stored input x_t and the layer below's output at t; and between layer l's
 * h_t and what layer l's weights give as a one-layer RNN run on the layer below's outputs alone.
 */
export function readsBelow(s: StepSession): { inputDiff: number; oneLayerDiff: number } {
  const p = s.params;
  const { numLayers: L, directions: D, hiddenSize: H } = p;
  const T = s.steps;
  let inputDiff = 0;
  let oneLayerDiff = 0;
  for (let l = 1; l < L; l++) {
    const below = Array.from({ length: T }, (_, t) => outputBelow(s, l, t));
    for (let d = 0; d < D; d++) {
      for (let t = 0; t < T; t++) {
        const x = s.forward(t, l, d).x;
        for (let j = 0; j < D * H; j++) inputDiff = Math.max(inputDiff, Math.abs(x[j] - below[t][j]));
      }
      // layer l in direction d as its own one-layer network: its four arrays, the outputs below as its inputs
      const one: Params = zerosLike({ cell: p.cell, inputSize: D * H, hiddenSize: H, outputSize: 1 });
      const lp = p.layers[l * D + d];
      one.wIh.set(lp.wIh);
      one.wHh.set(lp.wHh);
      one.bIh.set(lp.bIh);
      one.bHh.set(lp.bHh);
      const inputs = new Float64Array(T * D * H);
      for (let k = 0; k < T; k++) inputs.set(below[d === 0 ? k : T - 1 - k], k * D * H);
      const run = runSequence(one, { steps: T, inputs, targets: { kind: 'mse', values: new Float64Array(T) }, truncation: 0 });
      for (let k = 0; k < T; k++) {
        const h = s.forward(d === 0 ? k : T - 1 - k, l, d).h;
        for (let j = 0; j < H; j++) oneLayerDiff = Math.max(oneLayerDiff, Math.abs(h[j] - run.ws.hs[(k + 1) * H + j]));
      }
    }
  }
  return { inputDiff, oneLayerDiff };
}

/**
 * How the gradient reaches a layer below (tanh RNN): for every layer l below the top, direction d
 * and step t, dh(l, d, t) recomputed as
 *   the part from above: this direction's half of Σ_d′ W_ih(l + 1, d′)ᵀ (dh(l + 1, d′, t) ⊙ (1 − h²)),
 *   plus the part from the next step in its direction: W_hh(l, d)ᵀ (dh(l, d, t ± 1) ⊙ (1 − h²)),
 * from the session's dh and h alone. sumError: the largest difference, relative to the largest
 * |dh| of that cell.
 */
export function gradientSum(s: StepSession): number {
  const p = s.params;
  const { numLayers: L, directions: D, hiddenSize: H } = p;
  const T = s.steps;
  const delta = (l: number, d: number, t: number) => {
    const dh = s.backward(t, l, d).dh;
    const h = s.forward(t, l, d).h;
    return dh.map((g, j) => g * (1 - h[j] * h[j]));
  };
  let sumError = 0;
  for (let l = 0; l < L - 1; l++) {
    for (let t = 0; t < T; t++) {
      const above = new Float64Array(D * H);
      for (let d2 = 0; d2 < D; d2++) {
        const part = transposeTimes(p.layers[(l + 1) * D + d2].wIh, H, D * H, delta(l + 1, d2, t));
        for (let j = 0; j < D * H; j++) above[j] += part[j];
      }
      for (let d = 0; d < D; d++) {
        const fromAbove = above.subarray(d * H, (d + 1) * H);
        const next = d === 0 ? t + 1 : t - 1;
        const hasNext = next >= 0 && next < T;
        const fromNext = hasNext ? transposeTimes(p.layers[l * D + d].wHh, H, H, delta(l, d, next)) : new Float64Array(H);
        const dh = s.backward(t, l, d).dh;
        const scale = Math.max(...dh.map(Math.abs));
        for (let j = 0; j < H; j++) {
          const err = Math.abs(dh[j] - (fromAbove[j] + fromNext[j]));
          sumError = Math.max(sumError, scale > 0 ? err / scale : err);
        }
      }
    }
  }
  return sumError;
}

/** ‖dh(l, 0, t)‖ of a session (forward direction). */
const dhNorm = (s: StepSession, l: number, t: number) => norm(s.backward(t, l).dh);

export const DEPTH_MEASURES = {
  /** readsBelow on the three-layer RNN and on the two-layer bidirectional one: the largest difference of either. */
  depthReads(seed: number): Quantities {
    const a = readsBelow(sessionOf(PRESETS.depthRnn, seed));
    const b = readsBelow(sessionOf(PRESETS.depthBidirectional, seed));
    return { inputDiff: Math.max(a.inputDiff, b.inputDiff), oneLayerDiff: Math.max(a.oneLayerDiff, b.oneLayerDiff) };
  },

  /** gradientSum on the same two networks: the larger error. */
  depthGradientSum(seed: number): Quantities {
    return { sumError: Math.max(gradientSum(sessionOf(PRESETS.depthRnn, seed)), gradientSum(sessionOf(PRESETS.depthBidirectional, seed))) };
  },

  /**
   * The three-layer RNN, hop by hop. perLayer: at the last step, the factor by which ‖dh‖ shrinks
   * per layer down, as a geometric mean, (‖dh(0, T − 1)‖ / ‖dh(L − 1, T − 1)‖)^(1/(L − 1)).
   * perStep: in the top layer, the factor per step back, (‖dh(L − 1, 0)‖ / ‖dh(L − 1, T − 1)‖)^(1/(T − 1)).
   * spread: the larger of the two over the smaller.
   */
  depthFade(seed: number): Quantities {
    const s = sessionOf(PRESETS.depthRnn, seed);
    const T = s.steps;
    const top = s.params.numLayers - 1;
    const perLayer = (dhNorm(s, 0, T - 1) / dhNorm(s, top, T - 1)) ** (1 / top);
    const perStep = (dhNorm(s, top, 0) / dhNorm(s, top, T - 1)) ** (1 / (T - 1));
    return { perLayer, perStep, spread: Math.max(perLayer / perStep, perStep / perLayer) };
  },

  /**
   * The gated cells with their paths along time open, three layers: the top layer's gradient at
   * step 0 over its gradient at T − 1 (the GRU's ‖dh‖, the LSTM's ‖dc‖), and at the last step the
   * gradient reaching layer 0 over the top layer's (‖dh‖), with the plain
   * three-layer RNN's ‖dh‖ ratio on the same seed beside them.
   */
  depthGated(seed: number): Quantities {
    const gru = sessionOf(PRESETS.depthGru, seed);
    const lstm = sessionOf(PRESETS.depthLstm, seed);
    const rnn = sessionOf(PRESETS.depthRnn, seed);
    const T = gru.steps;
    const top = gru.params.numLayers - 1;
    for (const other of [lstm, rnn]) {
      if (other.steps !== T || other.params.numLayers !== top + 1) throw new Error('depthGated compares networks of the same depth and length');
    }
    const dcNorm = (l: number, t: number) => norm(lstm.backward(t, l).dc!);
    return {
      gruTime: dhNorm(gru, top, 0) / dhNorm(gru, top, T - 1),
      gruDown: dhNorm(gru, 0, T - 1) / dhNorm(gru, top, T - 1),
      lstmTimeC: dcNorm(top, 0) / dcNorm(top, T - 1),
      lstmDown: dhNorm(lstm, 0, T - 1) / dhNorm(lstm, top, T - 1),
      rnnDown: dhNorm(rnn, 0, T - 1) / dhNorm(rnn, top, T - 1),
    };
  },
} satisfies Record<string, (seed: number) => Quantities>;
