/**
 * The norm series of stepMechanism (jacobian.ts): each step's Jacobian on its own, and the products
 * ∂h_{T−1}/∂h_t (and the lstm's ∂c_{T−1}/∂c_t) carried back from T − 1, exact or estimated.
 */

import { pulse } from './pulse';
import { createRng } from './rng';
import { orthogonal } from './init';
import { log, powInt } from './mathfn';
import { LOG10_2, LOG10E, newSeries, type NormSeries, pow2, setEstimate, setExact } from './normSeries';
import { localBackward, oneStepJacobian } from './oneStepJacobian';
import { GATE_COUNT } from './params';
import { spectralNormEstimate, spectralNormExact } from './spectralNorm';
import type { StoredPass } from './storedPass';
import { gemmNT, transpose } from './tensor';

/** ‖∂h_t/∂h_{t−1}‖₂ for every t: exact, or at most `iterations` power iterations warm-started from the step after. */
export function stepNorms(pass: StoredPass, exact: boolean, iterations: number): { series: NormSeries; iterations: number } {
  const { hidden: H, steps: T } = pass;
  const out = newSeries(T, exact ? 'exact' : 'estimate');
  const D = new Float64Array(H * H);
  let warm: Float64Array | null = null;
  let spent = 0;
  for (let t = T - 1; t >= 0; t--) {
    pulse();
    oneStepJacobian(pass, t, D);
    if (exact) setExact(out, t, spectralNormExact(D, H, H), 0, H);
    else {
      const est = spectralNormEstimate(D, H, H, warm, 1e-12, iterations);
      warm = est.vector;
      spent += est.iterations;
      setEstimate(out, t, est.value, est.bound, 0);
    }
  }
  return { series: out, iterations: spent };
}

/**
 * Carries rows of ∂h_{T−1}/∂(h_t, c_t) (and for the lstm of ∂c_{T−1}/∂(h_t, c_t)) from t = T − 1
 * down to 0, reading off the norms at every t. With P = H the rows are the identity at T − 1 and
 * the Jacobians are exact; with P < H they are P seeded orthonormal directions, which estimate
 * ‖J‖_F as ‖UJ‖_F·√(H/P) and give no spectral norm. Each group of rows is rescaled by powers of
 * two as it goes (exactly), so that long products neither underflow nor overflow.
 */
export function carryJacobians(pass: StoredPass, P: number, exactH: boolean, exactC: boolean, iterations: number) {
  const { cell, hidden: H, steps: T } = pass;
  const GH = GATE_COUNT[cell] * H;
  const lstm = cell === 'lstm';
  const groups = lstm ? 2 : 1;
  const R = groups * P;
  const wT = transpose(pass.wHh, GH, H); // H × GH, so that gemmNT(da, wT) = da · W_hh
  let dh = new Float64Array(R * H);
  let dc = new Float64Array(lstm ? R * H : 0);
  let dhNext = new Float64Array(R * H);
  const da = new Float64Array(R * GH);
  const start = P === H ? null : orthogonal(H, createRng(20240917)).subarray(0, P * H);
  for (let r = 0; r < P; r++) {
    for (let j = 0; j < H; j++) {
      const v = start ? start[r * H + j] : r === j ? 1 : 0;
      dh[r * H + j] = v; // rows of ∂h_{T−1}/∂h_{T−1} = I
      if (lstm) dc[(P + r) * H + j] = v; // rows of ∂c_{T−1}/∂c_{T−1} = I
    }
  }
  const exponent = new Int32Array(groups); // group g's rows are 2^exponent[g] times the stored ones
  const hPath = { spectral: newSeries(T, P < H ? 'unavailable' : exactH ? 'exact' : 'estimate'), frobenius: new Float64Array(T), frobeniusLog10: new Float64Array(T), frobeniusExact: P === H };
  const cFull = lstm ? newSeries(T, P < H ? 'unavailable' : exactC ? 'exact' : 'estimate') : null;
  const cFrobenius = lstm ? new Float64Array(T) : null;
  const scale = Math.sqrt(H / P);
  const block = new Float64Array(P * H);
  const warm: (Float64Array | null)[] = [null, null];
  let spent = 0;
  for (let t = T - 1; t >= 0; t--) {
    pulse();
    // h path: ∂h_{T−1}/∂h_t = the dh part of group 0; cell path: the dc part of group 1.
    for (let g = 0; g < groups; g++) {
      const src = g === 0 ? dh : dc;
      block.set(src.subarray(g * P * H, (g + 1) * P * H));
      const series = g === 0 ? hPath.spectral : cFull!;
      const fro = Math.sqrt(sumSquares(block)) * scale;
      const froLog10 = fro > 0 ? log(fro) * LOG10E + exponent[g] * LOG10_2 : -Infinity;
      const froValue = fro * pow2(exponent[g]);
      if (g === 0) {
        hPath.frobenius[t] = froValue;
        hPath.frobeniusLog10[t] = froLog10;
      } else cFrobenius![t] = froValue;
      if (P < H) continue;
      if (series.method === 'exact') setExact(series, t, spectralNormExact(block, H, H), exponent[g], H);
      else {
        const est = spectralNormEstimate(block, H, H, warm[g], 1e-12, iterations);
        warm[g] = est.vector;
        spent += est.iterations;
        setEstimate(series, t, est.value, est.bound, exponent[g]);
      }
    }
    if (t === 0) break;
    localBackward(pass, t, R, dh, dc, da);
    gemmNT(dhNext, 0, H, da, 0, GH, R, wT, 0, GH, H, GH, null);
    if (cell === 'gru') {
      // the direct path: h_t = … + z_t ⊙ h_{t−1}
      const zOff = t * GH + H;
      for (let r = 0; r < R; r++) for (let j = 0; j < H; j++) dhNext[r * H + j] += dh[r * H + j] * pass.act[zOff + j];
    }
    [dh, dhNext] = [dhNext, dh];
    for (let g = 0; g < groups; g++) rescale(g, P, H, dh, dc, exponent);
  }
  return { hPath, cFull, cFrobenius, iterations: spent };
}

/** Rescales group g's rows (dh and dc parts together) by a power of two when their size leaves [2^-400, 2^400]. */
function rescale(g: number, P: number, H: number, dh: Float64Array, dc: Float64Array, exponent: Int32Array): void {
  const from = g * P * H;
  const to = from + P * H;
  let m = 0;
  for (let k = from; k < to; k++) m = Math.max(m, Math.abs(dh[k]));
  for (let k = from; k < Math.min(to, dc.length); k++) m = Math.max(m, Math.abs(dc[k]));
  if (m === 0 || !Number.isFinite(m) || (m > TWO_M400 && m < TWO_400)) return;
  // the exponent of m, by halving / doubling in steps of 2^100 then 2 (all exact)
  let e = 0;
  let x = m;
  while (x >= TWO_100) (x /= TWO_100), (e += 100);
  while (x < 1 / TWO_100) (x *= TWO_100), (e -= 100);
  while (x >= 2) (x /= 2), e++;
  while (x < 1) (x *= 2), e--;
  const f = pow2(-e);
  for (let k = from; k < to; k++) dh[k] *= f;
  for (let k = from; k < Math.min(to, dc.length); k++) dc[k] *= f;
  exponent[g] += e;
}

const TWO_100 = powInt(2, 100);
const TWO_400 = powInt(2, 400);
const TWO_M400 = 1 / TWO_400;

function sumSquares(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return s;
}
