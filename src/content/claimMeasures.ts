/**
 * What each claim measures, on the engine, for one seed: named quantities the claim's
 * conditions compare with its thresholds (claims.ts). Every quantity is a plain number.
 */
import { runSequence } from '../engine/sequence';
import { analyseExample, evaluate, openPreset, trainPreset } from './experiment';
import { EVAL_SEQUENCES, SATURATED_BELOW } from './claimConstants';
import { PRESETS } from './presets';
import { DEPTH_MEASURES } from './depthMeasures';

export { EVAL_SEQUENCES, SATURATED_BELOW };

export type Quantities = Record<string, number>;

/** min over t of a[t + k] / a[t]: the least a norm changes over k steps (going forward in t). */
function leastRatioOver(a: Float64Array, k: number): number {
  let m = Infinity;
  for (let t = 0; t + k < a.length; t++) m = Math.min(m, a[t + k] / a[t]);
  return m;
}

const first = (a: Float64Array) => a[0];
const last = (a: Float64Array) => a[a.length - 1];

export const MEASURES = {
  /** ‖∂L/∂h_0‖ / ‖∂L/∂h_{T−1}‖, the least fall over any 10 steps back, and ρ(W_hh). */
  vanishing(seed: number): Quantities {
    const a = analyseExample(PRESETS.vanishing, seed);
    return { ratio: first(a.dhNorm) / last(a.dhNorm), fallPer10: leastRatioOver(a.dhNorm, 10), rho: a.mechanism.gain[0].radius };
  },

  /** The same ratio for the exploding preset, the least growth over any 10 steps back, and the smallest tanh′ anywhere. */
  explodingGrowth(seed: number): Quantities {
    const a = analyseExample(PRESETS.exploding, seed);
    const m = a.mechanism;
    let growthPer10 = Infinity;
    for (let t = 0; t + 10 < a.dhNorm.length; t++) growthPer10 = Math.min(growthPer10, a.dhNorm[t] / a.dhNorm[t + 10]);
    return { ratio: first(a.dhNorm) / last(a.dhNorm), growthPer10, minTanhPrime: Math.min(...m.factor.min), rho: m.gain[0].radius, hPath0: m.hPath.spectral.value[0] };
  },

  /**
   * SGD on the exploding preset, clipping off and on: the first gradient norm, and the largest
   * loss within the budget relative to the first loss (non-finite counts as infinite).
   */
  clipping(seed: number): Quantities {
    const off = trainPreset(PRESETS.exploding, seed);
    const on = trainPreset(PRESETS.explodingClipped, seed);
    const worst = (log: ReturnType<typeof trainPreset>) => (log.nonFiniteAt >= 0 ? Infinity : Math.max(...log.losses) / log.losses[0]);
    let blowUpAt = -1;
    off.losses.forEach((l, i) => {
      if (blowUpAt < 0 && !(l <= 1e6 * off.losses[0])) blowUpAt = i;
    });
    return {
      firstGradNorm: off.gradNorms[0],
      unclippedWorst: worst(off),
      unclippedBlowUpAt: blowUpAt < 0 ? Infinity : blowUpAt,
      clippedWorst: worst(on),
      clippedFinal: last(Float64Array.from(on.losses)) / on.losses[0],
    };
  },

  /**
   * ρ = 8 and yet ‖∂h_{T−1}/∂h_0‖ is tiny. Why: tanh′ over every step and unit (from step 1 on,
   * after the state has left h0 = 0), its median and the share of it below SATURATED_BELOW.
   */
  saturation(seed: number): Quantities {
    const m = analyseExample(PRESETS.saturation, seed).mechanism;
    const crossed = m.factor.perUnit.subarray(m.hidden);
    return {
      rho: m.gain[0].radius,
      norm: m.gain[0].norm,
      hPath0: m.hPath.spectral.value[0],
      medianTanhPrime: m.factor.median,
      saturatedShare: crossed.filter((v) => v < SATURATED_BELOW).length / crossed.length,
    };
  },

  /** The LSTM's highway ∏f (largest unit) and ‖∂L/∂c_0‖ / ‖∂L/∂c_{T−1}‖, forget bias high and low. */
  highway(seed: number): Quantities {
    const open = analyseExample(PRESETS.highwayOpen, seed);
    const closed = analyseExample(PRESETS.highwayClosed, seed);
    return {
      openHighway: open.mechanism.cellPath!.highway.norm[0],
      openCellGradient: first(open.dcNorm) / last(open.dcNorm),
      closedHighway: closed.mechanism.cellPath!.highway.norm[0],
      closedCellGradient: first(closed.dcNorm) / last(closed.dcNorm),
    };
  },

  /** The GRU's direct path ∏z (largest unit) and ‖∂h_{T−1}/∂h_0‖₂, update-gate bias high and low. */
  zPath(seed: number): Quantities {
    const open = analyseExample(PRESETS.zPathOpen, seed).mechanism;
    const closed = analyseExample(PRESETS.zPathClosed, seed).mechanism;
    return {
      openZ: open.zPath!.norm[0],
      openFull: open.hPath.spectral.value[0],
      closedZ: closed.zPath!.norm[0],
      closedFull: closed.hPath.spectral.value[0],
    };
  },

  /** Train the RNN and the LSTM for the budget, then answer 64 new sequences each. */
  longMemory(seed: number): Quantities {
    const out: Quantities = {};
    for (const cell of ['rnn', 'lstm'] as const) {
      const log = trainPreset(PRESETS.longMemory, seed, cell);
      const ev = evaluate(log.opened, seed, EVAL_SEQUENCES);
      out[`${cell}Accuracy`] = ev.accuracy;
      out[`${cell}Loss`] = ev.loss;
    }
    return out;
  },

  /**
   * Truncated BPTT against full BPTT on the same sequence: the forward states (bit for bit), what
   * crosses a cut (exactly nothing), what flows inside a block (something), and the weight gradient.
   */
  truncated(seed: number): Quantities {
    const { params, data } = openPreset(PRESETS.truncated, seed);
    const seq = data.example;
    const k = seq.truncation;
    const cut = runSequence(params, seq);
    const full = runSequence(params, { ...seq, truncation: 0 });
    const H = params.hiddenSize;
    const T = seq.steps;
    let forwardDiff = 0;
    for (let i = 0; i < cut.ws.hs.length; i++) forwardDiff = Math.max(forwardDiff, Math.abs(cut.ws.hs[i] - full.ws.hs[i]));
    // the part of dL/dh_t that came from step t + 1: dL/dh_t − (the head's part)
    let acrossCut = 0;
    let insideBlock = Infinity;
    for (let t = 0; t < T - 1; t++) {
      let s = 0;
      for (let j = 0; j < H; j++) s += (cut.ws.dhs[t * H + j] - cut.ws.dhHead[t * H + j]) ** 2;
      const fromNext = Math.sqrt(s);
      if ((t + 1) % k === 0) acrossCut = Math.max(acrossCut, fromNext);
      else insideBlock = Math.min(insideBlock, fromNext);
    }
    let num = 0;
    let den = 0;
    for (let i = 0; i < full.grads.wHh.length; i++) {
      num += (cut.grads.wHh[i] - full.grads.wHh[i]) ** 2;
      den += full.grads.wHh[i] ** 2;
    }
    return { forwardDiff, lossDiff: Math.abs(cut.loss - full.loss), acrossCut, insideBlock, gradientChange: Math.sqrt(num / den) };
  },

  /**
   * The three cells on the comparison preset: ‖∂L/∂h_0‖ / ‖∂L/∂h_{T−1}‖ (the h path) for each,
   * the LSTM's ‖∂L/∂c_0‖ / ‖∂L/∂c_{T−1}‖ and highway ∏f, the GRU's direct path ∏z.
   */
  comparison(seed: number): Quantities {
    const rnn = analyseExample(PRESETS.comparison, seed, 'rnn');
    const lstm = analyseExample(PRESETS.comparison, seed, 'lstm');
    const gru = analyseExample(PRESETS.comparison, seed, 'gru');
    return {
      rnnH: first(rnn.dhNorm) / last(rnn.dhNorm),
      lstmH: first(lstm.dhNorm) / last(lstm.dhNorm),
      lstmC: first(lstm.dcNorm) / last(lstm.dcNorm),
      lstmHighway: lstm.mechanism.cellPath!.highway.norm[0],
      gruH: first(gru.dhNorm) / last(gru.dhNorm),
      gruZ: gru.mechanism.zPath!.norm[0],
    };
  },

  /** The depth chapter's (depthMeasures.ts). */
  ...DEPTH_MEASURES,
} satisfies Record<string, (seed: number) => Quantities>;

export type MeasureId = keyof typeof MEASURES;
