import { affine, dot } from '../tensor';
import { lossTerm } from '../loss';
import type { Params } from '../params';
import type { Workspace } from '../workspace';

/** y_t = head.weight h_t + head.bias, then ℓ_t and dL/dy_t. Reads h_t from row t + 1 of ws.hs. */
export function headForward(p: Params, ws: Workspace, t: number): void {
  const H = p.hiddenSize;
  const O = p.outputSize;
  affine(ws.ys, t * O, p.headW, p.headB, O, H, ws.hs, (t + 1) * H);
  ws.lossTerms[t] = lossTerm(ws.targets, t, ws.steps, ws.ys, t * O, O, ws.dys, t * O);
}

/**
 * dL/dh_t into ws.dhs row t: head.weightᵀ · dL/dy_t, plus (when `carry`) the gradient
 * that step t + 1 sent back. Returns the row offset.
 */
export function gatherDh(p: Params, ws: Workspace, t: number, carry: boolean): number {
  const H = p.hiddenSize;
  const O = p.outputSize;
  const off = t * H;
  const dhs = ws.dhs;
  if (carry) {
    const prev = ws.dhPrev;
    const nOff = (t + 1) * H;
    for (let j = 0; j < H; j++) dhs[off + j] = dot(ws.headWT, j * O, ws.dys, t * O, O) + prev[nOff + j];
  } else {
    for (let j = 0; j < H; j++) dhs[off + j] = dot(ws.headWT, j * O, ws.dys, t * O, O);
  }
  return off;
}

/** dL/dx_t = W_ihᵀ · dL/dgi_t into ws.dxs row t. */
export function inputGradient(p: Params, ws: Workspace, t: number): void {
  const I = p.inputSize;
  const GH = ws.gateRows;
  for (let j = 0; j < I; j++) ws.dxs[t * I + j] = dot(ws.wIhT, j * GH, ws.dgi, t * GH, GH);
}
