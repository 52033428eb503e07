import { affine, dot } from '../tensor';
import type { Params } from '../params';
import type { Workspace } from '../workspace';
import { gatherDh, headForward, inputGradient } from './head';

/**
 * LSTM (PyTorch nn.LSTM, gate order i, f, g, o):
 *   [a_i a_f a_g a_o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
 *   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 */
export function lstmForward(p: Params, ws: Workspace, t: number): void {
  const H = p.hiddenSize;
  const GH = 4 * H;
  const a = t * GH;
  const gi = ws.gi;
  const gh = ws.gh;
  const act = ws.act;
  affine(gi, a, p.wIh, p.bIh, GH, p.inputSize, ws.xs, t * p.inputSize);
  affine(gh, a, p.wHh, p.bHh, GH, H, ws.hs, t * H);
  const cPrev = t * H;
  const cOff = cPrev + H;
  const cs = ws.cs;
  const hs = ws.hs;
  for (let j = 0; j < H; j++) {
    const ii = a + j;
    const fi = ii + H;
    const gIdx = fi + H;
    const oi = gIdx + H;
    const i = 1 / (1 + Math.exp(-(gi[ii] + gh[ii])));
    const f = 1 / (1 + Math.exp(-(gi[fi] + gh[fi])));
    const g = Math.tanh(gi[gIdx] + gh[gIdx]);
    const o = 1 / (1 + Math.exp(-(gi[oi] + gh[oi])));
    act[ii] = i;
    act[fi] = f;
    act[gIdx] = g;
    act[oi] = o;
    const c = f * cs[cPrev + j] + i * g;
    cs[cOff + j] = c;
    const tc = Math.tanh(c);
    ws.tc[cPrev + j] = tc;
    hs[cOff + j] = o * tc;
  }
  headForward(p, ws, t);
}

/**
 * Backward through step t (`carry`: whether the gradients of step t + 1 reach h_t and c_t).
 *   δo = δh ⊙ tanh(c_t)
 *   δc_t = δh ⊙ o ⊙ (1 − tanh² c_t) + δc_{t+1} ⊙ f_{t+1}
 *   δi = δc ⊙ g   δg = δc ⊙ i   δf = δc ⊙ c_{t-1}   (then through σ' and tanh')
 *   δc_{t-1} ← δc_t ⊙ f_t   (a Hadamard product: no matrix on the cell-state path)
 *   δh_{t-1} ← W_hhᵀ δa
 */
export function lstmBackward(p: Params, ws: Workspace, t: number, carry: boolean, wantDx: boolean): void {
  const H = p.hiddenSize;
  const GH = 4 * H;
  const a = t * GH;
  const off = gatherDh(p, ws, t, carry);
  const nOff = off + H;
  const act = ws.act;
  const cs = ws.cs;
  const dhs = ws.dhs;
  const dcs = ws.dcs;
  const dpre = ws.dgi;
  const dcPrev = ws.dcPrev;
  for (let j = 0; j < H; j++) {
    const ii = a + j;
    const fi = ii + H;
    const gIdx = fi + H;
    const oi = gIdx + H;
    const i = act[ii];
    const f = act[fi];
    const g = act[gIdx];
    const o = act[oi];
    const tc = ws.tc[off + j];
    const dh = dhs[off + j];
    const dc = dh * o * (1 - tc * tc) + (carry ? dcPrev[nOff + j] : 0);
    dcs[off + j] = dc;
    dpre[ii] = dc * g * i * (1 - i);
    dpre[fi] = dc * cs[off + j] * f * (1 - f);
    dpre[gIdx] = dc * i * (1 - g * g);
    dpre[oi] = dh * tc * o * (1 - o);
    dcPrev[off + j] = dc * f;
  }
  const wT = ws.wHhT;
  for (let j = 0; j < H; j++) ws.dhPrev[off + j] = dot(wT, j * GH, dpre, a, GH);
  if (wantDx) inputGradient(p, ws, t);
}
