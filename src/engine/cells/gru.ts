import { gemvPanels, gemvTPanels } from '../tensor';
import { sigmoidRange, tanhRange } from '../mathfn';
import type { LayerParams } from '../params';
import type { Workspace } from '../workspace';

/**
 * GRU (PyTorch nn.GRU, gate order r, z, n):
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)
 *   z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 *   h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}      (computed as PyTorch does: n + z ⊙ (h_{t-1} − n))
 * The input part gi_t = W_ih x_t + b_ih is already in the workspace (computed for all t at once).
 */
export function gruForward(p: LayerParams, ws: Workspace, t: number): void {
  const H = ws.shape.hiddenSize;
  const GH = 3 * H;
  gemvPanels(ws.gh, t * GH, ws.wHhPanels, GH, H, ws.hs, t * H, p.bHh);
  gruGates(ws, t, H);
}

function gruGates(ws: Workspace, t: number, H: number): void {
  const a = t * 3 * H;
  const gi = ws.gi;
  const gh = ws.gh;
  const act = ws.act;
  const hPrev = t * H;
  const hOff = hPrev + H;
  const hs = ws.hs;
  for (let k = a; k < a + 2 * H; k++) act[k] = gi[k] + gh[k];
  sigmoidRange(act, a, a + 2 * H); // r, z
  const n0 = a + 2 * H;
  for (let j = 0; j < H; j++) act[n0 + j] = gi[n0 + j] + act[a + j] * gh[n0 + j]; // W_in x + b_in + r ⊙ (W_hn h + b_hn)
  tanhRange(act, n0, n0 + H); // n
  for (let j = 0; j < H; j++) {
    const z = act[a + H + j];
    const n = act[n0 + j];
    hs[hOff + j] = (hs[hPrev + j] - n) * z + n;
  }
}

/**
 * Backward through step t; ws.dhHead row t holds the head's part of dL/dh_t.
 *   δn = δh ⊙ (1 − z)   δz = δh ⊙ (h_{t-1} − n)   δa_n = δn ⊙ (1 − n²)
 *   δgi_n = δa_n   δgh_n = δa_n ⊙ r   δr = δa_n ⊙ (W_hn h + b_hn)
 *   δh_{t-1} ← δh ⊙ z + W_hhᵀ δgh
 */
export function gruBackward(_p: LayerParams, ws: Workspace, t: number, carry: boolean): void {
  const H = ws.shape.hiddenSize;
  const GH = 3 * H;
  gruGatesBackward(ws, t, H, carry);
  const off = t * H;
  gemvTPanels(ws.dhPrev, off, ws.wHhPanels, GH, H, ws.dgh, t * GH, ws.accH);
  const dhPrev = ws.dhPrev;
  const dhs = ws.dhs;
  const act = ws.act;
  const zOff = t * GH + H;
  for (let j = 0; j < H; j++) dhPrev[off + j] += dhs[off + j] * act[zOff + j];
}

function gruGatesBackward(ws: Workspace, t: number, H: number, carry: boolean): void {
  const a = t * 3 * H;
  const off = t * H;
  const nOff = off + H;
  const act = ws.act;
  const hs = ws.hs;
  const gh = ws.gh;
  const dgi = ws.dgi;
  const dgh = ws.dgh;
  const dhs = ws.dhs;
  const head = ws.dhHead;
  const dhPrev = ws.dhPrev;
  for (let j = 0; j < H; j++) {
    const ri = a + j;
    const zi = ri + H;
    const ni = zi + H;
    const r = act[ri];
    const z = act[zi];
    const n = act[ni];
    const dh = carry ? head[off + j] + dhPrev[nOff + j] : head[off + j];
    dhs[off + j] = dh;
    const dan = dh * (1 - z) * (1 - n * n);
    const dar = dan * gh[ni] * r * (1 - r);
    const daz = dh * (hs[off + j] - n) * z * (1 - z);
    dgi[ri] = dar;
    dgh[ri] = dar;
    dgi[zi] = daz;
    dgh[zi] = daz;
    dgi[ni] = dan;
    dgh[ni] = dan * r;
  }
}
