import { hypot } from './mathfn';
import { eigenvalues, type Eigenvalue, spectralNorm } from './eigen';
import { orthogonal } from './init';
import { GATE_COUNT, GATE_NAMES, type Params } from './params';
import { createRng } from './rng';
import { gemmNT } from './tensor';
import type { Workspace } from './workspace';

/**
 * Why gradients vanish or explode, in numbers: the spectrum of each H × H block of W_hh,
 * the size of ∂h_{T-1}/∂h_t for every t (how much the last state still depends on an
 * earlier one), and the per-step factors (tanh', forget gate, update gate) that multiply in.
 */

export interface BlockSpectrum {
  /** gate name ('h' for the rnn) */
  gate: string;
  /** max |λ| of this block of W_hh */
  radius: number;
  /** ‖block‖₂, the largest singular value */
  norm: number;
  /** all eigenvalues, for the complex-plane plot */
  eigenvalues: Eigenvalue[];
}

/** Spectrum of every gate block of W_hh (for the rnn, of W_hh itself). */
export function recurrentSpectrum(p: Params): BlockSpectrum[] {
  const H = p.hiddenSize;
  const names = p.cell === 'rnn' ? ['h'] : GATE_NAMES[p.cell];
  return names.map((gate, g) => {
    const block = p.wHh.subarray(g * H * H, (g + 1) * H * H);
    const ev = eigenvalues(block, H) ?? [];
    let radius = 0;
    for (const e of ev) radius = Math.max(radius, hypot(e.re, e.im));
    return { gate, radius, norm: spectralNorm(block, H, H), eigenvalues: ev };
  });
}

export interface InfluenceNorms {
  /** ‖∂h_{T-1}/∂h_t‖_F for t = 0 … T − 1 (the full Jacobian, ignoring truncation); estimated when `probes` < H */
  frobenius: Float64Array;
  /** ‖∂h_{T-1}/∂h_t‖₂ when computed exactly (probes = H), else empty */
  spectral: Float64Array;
  /** how many directions were carried back: H means exact */
  probes: number;
}

/** Work (multiply-adds) above which the Jacobian is estimated from fewer directions. */
export const INFLUENCE_EXACT_WORK = 3e8;

/**
 * ∂h_{T-1}/∂h_t for every t, by carrying rows of the Jacobian back through the stored
 * forward pass (for the lstm together with ∂h_{T-1}/∂c_t). Exact (all H rows, cost T·G·H³)
 * when that is affordable; otherwise P seeded orthonormal directions u give ‖UJ‖_F·√(H/P),
 * an unbiased estimate of ‖J‖_F², at P/H of the cost.
 */
export function influenceNorms(p: Params, ws: Workspace, maxWork = INFLUENCE_EXACT_WORK): InfluenceNorms {
  const H = p.hiddenSize;
  const T = ws.steps;
  const GH = GATE_COUNT[p.cell] * H;
  const exactWork = GH * H * H * T;
  const P = exactWork <= maxWork ? H : Math.min(H, Math.max(8, Math.floor(maxWork / (GH * H * T))));
  const frob = new Float64Array(T);
  const spec = new Float64Array(P === H ? T : 0);
  let dh = new Float64Array(P * H);
  let dhNext = new Float64Array(P * H);
  const dc = new Float64Array(p.cell === 'lstm' ? P * H : 0);
  const da = new Float64Array(P * GH);
  if (P === H) for (let r = 0; r < H; r++) dh[r * H + r] = 1;
  else dh.set(orthogonal(H, createRng(20240917)).subarray(0, P * H));
  const scale = Math.sqrt(H / P);
  for (let t = T - 1; t >= 0; t--) {
    frob[t] = Math.sqrt(sumSq(dh)) * scale;
    if (P === H) spec[t] = spectralNorm(dh, H, H);
    if (t === 0) break;
    localBackward(p, ws, t, P, dh, dc, da);
    // rows of ∂h_{T-1}/∂h_{t-1} = da · W_hh  (plus the direct z path for the gru)
    gemmNT(dhNext, 0, H, da, 0, GH, P, ws.wHhT, 0, GH, H, GH, null);
    if (p.cell === 'gru') {
      const zOff = t * GH + H;
      for (let r = 0; r < P; r++) for (let j = 0; j < H; j++) dhNext[r * H + j] += dh[r * H + j] * ws.act[zOff + j];
    }
    [dh, dhNext] = [dhNext, dh];
  }
  return { frobenius: frob, spectral: spec, probes: P };
}

/**
 * For each of the R rows: from (∂/∂h_t, ∂/∂c_t) of one direction to the gradient of the
 * recurrent pre-activations of step t (into `da`, R × GH), and ∂/∂c_{t-1} in place in `dc`.
 * The same local derivatives as the cells' backward, without the head's contribution.
 */
function localBackward(p: Params, ws: Workspace, t: number, R: number, dh: Float64Array, dc: Float64Array, da: Float64Array): void {
  const H = p.hiddenSize;
  const GH = GATE_COUNT[p.cell] * H;
  const a = t * GH;
  const act = ws.act;
  for (let r = 0; r < R; r++) {
    const row = r * H;
    const out = r * GH;
    for (let j = 0; j < H; j++) {
      const d = dh[row + j];
      if (p.cell === 'rnn') {
        const h = ws.hs[(t + 1) * H + j];
        da[out + j] = d * (1 - h * h);
      } else if (p.cell === 'lstm') {
        const i = act[a + j];
        const f = act[a + H + j];
        const g = act[a + 2 * H + j];
        const o = act[a + 3 * H + j];
        const tc = ws.tc[t * H + j];
        const dct = dc[row + j] + d * o * (1 - tc * tc);
        da[out + j] = dct * g * i * (1 - i);
        da[out + H + j] = dct * ws.cs[t * H + j] * f * (1 - f);
        da[out + 2 * H + j] = dct * i * (1 - g * g);
        da[out + 3 * H + j] = d * tc * o * (1 - o);
        dc[row + j] = dct * f;
      } else {
        const rr = act[a + j];
        const z = act[a + H + j];
        const n = act[a + 2 * H + j];
        const dan = d * (1 - z) * (1 - n * n);
        da[out + j] = dan * ws.gh[a + 2 * H + j] * rr * (1 - rr);
        da[out + H + j] = d * (ws.hs[t * H + j] - n) * z * (1 - z);
        da[out + 2 * H + j] = dan * rr;
      }
    }
  }
}

function sumSq(a: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * a[k];
  return s;
}

export interface LocalFactors {
  /** what the factor is: 'tanh′' (rnn), 'forget gate' (lstm), 'update gate z' (gru) */
  label: 'tanh_prime' | 'forget' | 'update';
  /** per step: the mean over units of that factor */
  mean: Float64Array;
  /** per step: its smallest and largest value over units */
  min: Float64Array;
  max: Float64Array;
}

/**
 * The pointwise factor each step multiplies into the backward signal on the path that
 * matters: 1 − h_t² for the rnn (tanh′, always ≤ 1), f_t on the lstm's cell-state path,
 * z_t on the gru's direct path h_{t-1} → h_t.
 */
export function localFactors(p: Params, ws: Workspace): LocalFactors {
  const H = p.hiddenSize;
  const T = ws.steps;
  const GH = GATE_COUNT[p.cell] * H;
  const mean = new Float64Array(T);
  const min = new Float64Array(T);
  const max = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < H; j++) {
      let v: number;
      if (p.cell === 'rnn') {
        const h = ws.hs[(t + 1) * H + j];
        v = 1 - h * h;
      } else if (p.cell === 'lstm') v = ws.act[t * GH + H + j];
      else v = ws.act[t * GH + H + j];
      s += v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    mean[t] = s / H;
    min[t] = lo;
    max[t] = hi;
  }
  return { label: p.cell === 'rnn' ? 'tanh_prime' : p.cell === 'lstm' ? 'forget' : 'update', mean, min, max };
}
