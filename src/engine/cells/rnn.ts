import { gemvPanels, gemvTPanels } from '../tensor';
import { tanhRange } from '../mathfn';
import type { LayerParams } from '../params';
import type { Workspace } from '../workspace';

/**
 * Vanilla RNN (PyTorch nn.RNN, nonlinearity tanh):
 *   h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
 * which is the lecture's h_t = tanh(h_{t-1} W_h + x_t W_x + b) with W_h = W_hhᵀ, W_x = W_ihᵀ, b = b_ih + b_hh.
 * The input part gi_t = W_ih x_t + b_ih is already in the workspace (computed for all t at once).
 */
export function rnnForward(p: LayerParams, ws: Workspace, t: number): void {
  const H = ws.shape.hiddenSize;
  const off = t * H;
  gemvPanels(ws.gh, off, ws.wHhPanels, H, H, ws.hs, off, p.bHh);
  const hs = ws.hs;
  const gi = ws.gi;
  const gh = ws.gh;
  const hOff = off + H;
  for (let j = 0; j < H; j++) hs[hOff + j] = gi[off + j] + gh[off + j];
  tanhRange(hs, hOff, hOff + H);
}

/**
 * Backward through step t; ws.dhHead row t holds the head's part of dL/dh_t.
 * `carry`: whether step t + 1's gradient reaches h_t (false at the end and at a truncation cut).
 *   dpre_t = dh_t ⊙ (1 − h_t²);  dh_{t-1} ← W_hhᵀ dpre_t
 */
export function rnnBackward(_p: LayerParams, ws: Workspace, t: number, carry: boolean): void {
  const H = ws.shape.hiddenSize;
  const off = t * H;
  const hOff = off + H;
  const hs = ws.hs;
  const dhs = ws.dhs;
  const head = ws.dhHead;
  const dpre = ws.dgi;
  const prev = ws.dhPrev;
  for (let j = 0; j < H; j++) {
    const dh = carry ? head[off + j] + prev[hOff + j] : head[off + j];
    dhs[off + j] = dh;
    const h = hs[hOff + j];
    dpre[off + j] = dh * (1 - h * h);
  }
  gemvTPanels(ws.dhPrev, off, ws.wHhPanels, H, H, dpre, off, ws.accH);
}
