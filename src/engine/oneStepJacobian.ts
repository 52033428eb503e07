/**
 * Each cell's one-step Jacobian ∂h_t/∂h_{t−1}: as a matrix (for its norm), and applied from the
 * left to rows going back (the cells' own backward), which is how products of them are carried.
 */

import { GATE_COUNT } from './params';
import type { StoredPass } from './storedPass';

/**
 * The one-step Jacobian ∂h_t/∂h_{t−1} (H × H, row i = unit i of h_t) into `out`; for the lstm
 * with c_{t−1} held:
 *   rnn   diag(1 − h_t²) W
 *   lstm  diag(o ⊙ (1 − tanh² c_t)) ∂c_t/∂h_{t−1} + diag(tanh c_t ⊙ o ⊙ (1 − o)) W_o,
 *         ∂c_t/∂h_{t−1} = diag(g ⊙ i(1 − i)) W_i + diag(c_{t−1} ⊙ f(1 − f)) W_f + diag(i ⊙ (1 − g²)) W_g
 *   gru   diag(z) + diag((1 − z) ⊙ (1 − n²)) (diag(r) W_n + diag(ghn ⊙ r(1 − r)) W_r) + diag((h_{t−1} − n) ⊙ z(1 − z)) W_z,
 *         ghn = W_hn h_{t−1} + b_hn
 */
export function oneStepJacobian(pass: StoredPass, t: number, out: Float64Array): Float64Array {
  const { cell, hidden: H, wHh: W } = pass;
  const GH = GATE_COUNT[cell] * H;
  const HH = H * H;
  const a = t * GH;
  for (let i = 0; i < H; i++) {
    const row = i * H;
    if (cell === 'rnn') {
      const h = pass.hs[(t + 1) * H + i];
      const s = 1 - h * h;
      for (let j = 0; j < H; j++) out[row + j] = s * W[row + j];
    } else if (cell === 'lstm') {
      const ig = pass.act[a + i];
      const f = pass.act[a + H + i];
      const g = pass.act[a + 2 * H + i];
      const o = pass.act[a + 3 * H + i];
      const tc = pass.tc[t * H + i];
      const cp = pass.cs[t * H + i];
      const toC = o * (1 - tc * tc); // ∂h_t/∂c_t
      const si = toC * g * ig * (1 - ig);
      const sf = toC * cp * f * (1 - f);
      const sg = toC * ig * (1 - g * g);
      const so = tc * o * (1 - o);
      for (let j = 0; j < H; j++) out[row + j] = si * W[row + j] + sf * W[HH + row + j] + sg * W[2 * HH + row + j] + so * W[3 * HH + row + j];
    } else {
      const r = pass.act[a + i];
      const z = pass.act[a + H + i];
      const n = pass.act[a + 2 * H + i];
      const ghn = pass.gh[a + 2 * H + i];
      const hp = pass.hs[t * H + i];
      const dn = (1 - z) * (1 - n * n); // ∂h_t/∂(pre-activation of n)
      const sr = dn * ghn * r * (1 - r);
      const sn = dn * r;
      const sz = (hp - n) * z * (1 - z);
      for (let j = 0; j < H; j++) out[row + j] = sr * W[row + j] + sz * W[HH + row + j] + sn * W[2 * HH + row + j];
      out[row + i] += z;
    }
  }
  return out;
}

/**
 * For each of the R rows: from (∂X/∂h_t, ∂X/∂c_t), the derivatives with respect to the state
 * entering steps t + 1 … T − 1, to ∂X/∂(recurrent pre-activations of step t) in `da` (R × GH), and
 * ∂X/∂c_{t−1} in place in `dc`. The cells' own backward, without the output head:
 *   rnn   da = dh ⊙ (1 − h_t²)
 *   lstm  dcTot = dc + dh ⊙ o ⊙ (1 − tanh² c_t)   (c_t also reaches X through h_t = o ⊙ tanh c_t)
 *         da_i = dcTot ⊙ g ⊙ i(1 − i), da_f = dcTot ⊙ c_{t−1} ⊙ f(1 − f), da_g = dcTot ⊙ i ⊙ (1 − g²),
 *         da_o = dh ⊙ tanh c_t ⊙ o(1 − o), and ∂X/∂c_{t−1} = dcTot ⊙ f
 *   gru   dan = dh ⊙ (1 − z) ⊙ (1 − n²); da_r = dan ⊙ ghn ⊙ r(1 − r); da_z = dh ⊙ (h_{t−1} − n) ⊙ z(1 − z);
 *         da_n (recurrent side) = dan ⊙ r
 */
export function localBackward(pass: StoredPass, t: number, R: number, dh: Float64Array, dc: Float64Array, da: Float64Array): void {
  const { cell, hidden: H } = pass;
  const GH = GATE_COUNT[cell] * H;
  const a = t * GH;
  const act = pass.act;
  for (let r = 0; r < R; r++) {
    const row = r * H;
    const out = r * GH;
    for (let j = 0; j < H; j++) {
      const d = dh[row + j];
      if (cell === 'rnn') {
        const h = pass.hs[(t + 1) * H + j];
        da[out + j] = d * (1 - h * h);
      } else if (cell === 'lstm') {
        const i = act[a + j];
        const f = act[a + H + j];
        const g = act[a + 2 * H + j];
        const o = act[a + 3 * H + j];
        const tc = pass.tc[t * H + j];
        const dct = dc[row + j] + d * o * (1 - tc * tc);
        da[out + j] = dct * g * i * (1 - i);
        da[out + H + j] = dct * pass.cs[t * H + j] * f * (1 - f);
        da[out + 2 * H + j] = dct * i * (1 - g * g);
        da[out + 3 * H + j] = d * tc * o * (1 - o);
        dc[row + j] = dct * f;
      } else {
        const rr = act[a + j];
        const z = act[a + H + j];
        const n = act[a + 2 * H + j];
        const dan = d * (1 - z) * (1 - n * n);
        da[out + j] = dan * pass.gh[a + 2 * H + j] * rr * (1 - rr);
        da[out + H + j] = d * (pass.hs[t * H + j] - n) * z * (1 - z);
        da[out + 2 * H + j] = dan * rr;
      }
    }
  }
}
