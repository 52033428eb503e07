import { affine, dot } from '../tensor';
import type { Params } from '../params';
import type { Workspace } from '../workspace';
import { gatherDh, headForward, inputGradient } from './head';

/**
 * Vanilla RNN (PyTorch nn.RNN, nonlinearity tanh):
 *   h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
 * which is the lecture's h_t = tanh(h_{t-1} W_h + x_t W_x + b) with W_h = W_hhᵀ, W_x = W_ihᵀ, b = b_ih + b_hh.
 */
export function rnnForward(p: Params, ws: Workspace, t: number): void {
  const H = p.hiddenSize;
  const off = t * H;
  affine(ws.gi, off, p.wIh, p.bIh, H, p.inputSize, ws.xs, t * p.inputSize);
  affine(ws.gh, off, p.wHh, p.bHh, H, H, ws.hs, off);
  const hs = ws.hs;
  const hOff = off + H;
  for (let j = 0; j < H; j++) hs[hOff + j] = Math.tanh(ws.gi[off + j] + ws.gh[off + j]);
  headForward(p, ws, t);
}

/**
 * Backward through step t. `carry` says whether dL/dh_t receives the gradient of step t + 1
 * (false at the end of the sequence and at the end of a truncation block).
 *   dpre_t = dh_t ⊙ (1 − h_t²);  dh_{t-1} ← W_hhᵀ dpre_t
 */
export function rnnBackward(p: Params, ws: Workspace, t: number, carry: boolean, wantDx: boolean): void {
  const H = p.hiddenSize;
  const off = gatherDh(p, ws, t, carry);
  const hs = ws.hs;
  const hOff = off + H;
  const dpre = ws.dgi;
  for (let j = 0; j < H; j++) {
    const h = hs[hOff + j];
    dpre[off + j] = ws.dhs[off + j] * (1 - h * h);
  }
  const wT = ws.wHhT;
  for (let j = 0; j < H; j++) ws.dhPrev[off + j] = dot(wT, j * H, dpre, off, H);
  if (wantDx) inputGradient(p, ws, t);
}
