import { gemvPanels, gemvTPanels } from '../tensor';
import { sigmoidRange, tanhRange } from '../mathfn';
import type { LayerParams } from '../params';
import type { Workspace } from '../workspace';

/**
 * LSTM (PyTorch nn.LSTM, gate order i, f, g, o):
 *   [a_i a_f a_g a_o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
 *   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 * The input part gi_t = W_ih x_t + b_ih is already in the workspace (computed for all t at once).
 */
export function lstmForward(p: LayerParams, ws: Workspace, t: number): void {
  const H = ws.shape.hiddenSize;
  const GH = 4 * H;
  gemvPanels(ws.gh, t * GH, ws.wHhPanels, GH, H, ws.hs, t * H, p.bHh);
  lstmGates(ws, t, H);
}

// The pointwise gate arithmetic stays out of the function holding the matrix product:
// fused with the exp / tanh calls, V8 compiled the product's loop about 2× slower. The
// activations run over whole gate blocks so that V8 inlines them into one short loop each.
function lstmGates(ws: Workspace, t: number, H: number): void {
  const a = t * 4 * H;
  const gi = ws.gi;
  const gh = ws.gh;
  const act = ws.act;
  const cPrev = t * H;
  const cOff = cPrev + H;
  const cs = ws.cs;
  const hs = ws.hs;
  const tcs = ws.tc;
  for (let k = a; k < a + 4 * H; k++) act[k] = gi[k] + gh[k];
  sigmoidRange(act, a, a + 2 * H); // i, f
  tanhRange(act, a + 2 * H, a + 3 * H); // g
  sigmoidRange(act, a + 3 * H, a + 4 * H); // o
  for (let j = 0; j < H; j++) {
    const c = act[a + H + j] * cs[cPrev + j] + act[a + j] * act[a + 2 * H + j]; // f ⊙ c_{t-1} + i ⊙ g
    cs[cOff + j] = c;
    tcs[cPrev + j] = c;
  }
  tanhRange(tcs, cPrev, cPrev + H);
  for (let j = 0; j < H; j++) hs[cOff + j] = act[a + 3 * H + j] * tcs[cPrev + j]; // o ⊙ tanh(c_t)
}

/**
 * Backward through step t; ws.dhHead row t holds the head's part of dL/dh_t.
 * `carry`: whether step t + 1's gradients reach h_t and c_t.
 *   δo = δh ⊙ tanh(c_t)
 *   δc_t = δh ⊙ o ⊙ (1 − tanh² c_t) + δc_{t+1} ⊙ f_{t+1}
 *   δi = δc ⊙ g   δg = δc ⊙ i   δf = δc ⊙ c_{t-1}   (then through σ' and tanh')
 *   δc_{t-1} ← δc_t ⊙ f_t   (a Hadamard product: no matrix on the cell-state path)
 *   δh_{t-1} ← W_hhᵀ δa
 */
export function lstmBackward(_p: LayerParams, ws: Workspace, t: number, carry: boolean): void {
  const H = ws.shape.hiddenSize;
  const GH = 4 * H;
  lstmGatesBackward(ws, t, H, carry);
  gemvTPanels(ws.dhPrev, t * H, ws.wHhPanels, GH, H, ws.dgi, t * GH, ws.accH);
}

function lstmGatesBackward(ws: Workspace, t: number, H: number, carry: boolean): void {
  const a = t * 4 * H;
  const off = t * H;
  const nOff = off + H;
  const act = ws.act;
  const cs = ws.cs;
  const tcs = ws.tc;
  const dhs = ws.dhs;
  const head = ws.dhHead;
  const dcs = ws.dcs;
  const dpre = ws.dgi;
  const dhPrev = ws.dhPrev;
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
    const tc = tcs[off + j];
    const dh = carry ? head[off + j] + dhPrev[nOff + j] : head[off + j];
    dhs[off + j] = dh;
    const dc = carry ? dh * o * (1 - tc * tc) + dcPrev[nOff + j] : dh * o * (1 - tc * tc);
    dcs[off + j] = dc;
    dpre[ii] = dc * g * i * (1 - i);
    dpre[fi] = dc * cs[off + j] * f * (1 - f);
    dpre[gIdx] = dc * i * (1 - g * g);
    dpre[oi] = dh * tc * o * (1 - o);
    dcPrev[off + j] = dc * f;
  }
}
