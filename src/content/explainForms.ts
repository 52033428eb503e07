/**
 * The words and formulas of "How this number is made": for every equation the engine decomposes a
 * number by (engine/explain.ts Form), its formula in symbols, the same formula with the numbers put
 * in, and one sentence in each language; and how each kind of term is written. δv stands for ∂L/∂v.
 * Pure text: the view fills the numbers, the worker computes them.
 */
import type { Form, Operand, QuantityRef } from '../engine/explain';
import { GATE_NAMES, type CellType } from '../engine/params';

export interface FormText {
  /** the equation in symbols (TeX) */
  tex: string;
  /** the equation with the operands' numbers put in, in the operands' order; null for a sum (its addends are listed) */
  plugged: ((v: string[]) => string) | null;
  en: string;
  ko: string;
}

const sq = (v: string) => `${v}^2`;

export const FORMS: Record<Form, FormText> = {
  'sum.gi': { tex: 'a^x_t[r] = \\sum_k W_{ih}[r,k]\\,x_t[k] + b_{ih}[r]', plugged: null, en: 'The input part of the pre-activation: each input times its weight, plus the bias.', ko: '사전 활성값의 입력 부분: 입력마다 가중치를 곱해 더하고, 편향을 더합니다.' },
  'sum.gh': { tex: 'a^h_t[r] = \\sum_k W_{hh}[r,k]\\,h_{t-1}[k] + b_{hh}[r]', plugged: null, en: 'The recurrent part: the previous state times its weights, plus the bias.', ko: '순환 부분: 이전 상태에 가중치를 곱해 더하고, 편향을 더합니다.' },
  'gate.sigmoid': { tex: '\\sigma(a^x_t + a^h_t)', plugged: ([a, b]) => `\\sigma(${a} + ${b})`, en: 'A gate squashes its pre-activation into (0, 1) with the sigmoid.', ko: '게이트는 사전 활성값을 시그모이드로 (0, 1) 사이에 눌러 담습니다.' },
  'gate.tanh': { tex: 'g_t = \\tanh(a^x_t + a^h_t)', plugged: ([a, b]) => `\\tanh(${a} + ${b})`, en: 'The candidate squashes its pre-activation into (−1, 1) with tanh.', ko: '후보 값은 사전 활성값을 tanh로 (−1, 1) 사이에 눌러 담습니다.' },
  'gru.n': { tex: 'n_t = \\tanh(a^x_n + r_t\\, a^h_n)', plugged: ([a, r, b]) => `\\tanh(${a} + ${r}\\cdot ${b})`, en: 'The reset gate scales the recurrent part before tanh.', ko: '리셋 게이트가 tanh 전에 순환 부분의 크기를 조절합니다.' },
  'rnn.h': { tex: 'h_t = \\tanh(a^x_t + a^h_t)', plugged: ([a, b]) => `\\tanh(${a} + ${b})`, en: 'The new state is tanh of the input part plus the recurrent part.', ko: '새 상태는 입력 부분과 순환 부분의 합에 tanh를 씌운 값입니다.' },
  'lstm.c': { tex: 'c_t = f_t\\, c_{t-1} + i_t\\, g_t', plugged: ([f, c, i, g]) => `${f}\\cdot ${c} + ${i}\\cdot ${g}`, en: 'The cell keeps the share f of its old value and writes the share i of the candidate.', ko: '셀은 이전 값의 f 만큼을 간직하고 후보 값의 i 만큼을 새로 씁니다.' },
  'lstm.h': { tex: 'h_t = o_t \\tanh c_t', plugged: ([o, c]) => `${o}\\cdot \\tanh(${c})`, en: 'The output gate lets a share of tanh(c_t) out as the state.', ko: '출력 게이트가 tanh(c_t)의 일부를 상태로 내보냅니다.' },
  'gru.h': { tex: 'h_t = (h_{t-1} - n_t)\\, z_t + n_t', plugged: ([z, n, h]) => `(${h} - ${n})\\cdot ${z} + ${n}`, en: 'The update gate z mixes the old state and the candidate n.', ko: '업데이트 게이트 z가 이전 상태와 후보 n을 섞습니다.' },
  'sum.y': { tex: 'y_t[o] = \\sum_k W_y[o,k]\\, h_t[k] + b_y[o]', plugged: null, en: 'The output reads the top layer’s state through the head’s weights.', ko: '출력은 맨 위 층의 상태를 출력층 가중치로 읽은 값입니다.' },
  'loss.mse': { tex: '\\ell_t = \\tfrac{1}{O} \\sum_o (y_t[o] - \\hat y_t[o])^2', plugged: null, en: 'The mean of the squared errors at this step.', ko: '이 스텝의 오차 제곱의 평균입니다.' },
  'loss.ce': { tex: '\\ell_t = \\log \\sum_o e^{y_t[o] - m} - (y_t[c] - m)', plugged: ([yc, m]) => `\\log \\Sigma - (${yc} - ${m})`, en: 'Cross-entropy: minus the log of the softmax at the right class (m, the largest y, keeps e^y finite).', ko: '교차 엔트로피: 정답 클래스의 소프트맥스 확률에 로그를 취해 부호를 바꾼 값입니다 (가장 큰 y인 m을 빼서 e^y가 넘치지 않게 합니다).' },
  'dy.mse': { tex: '\\delta y_t[o] = \\tfrac{2}{O\\,N}(y_t[o] - \\hat y_t[o])', plugged: ([y, tg, n]) => `\\tfrac{2}{O\\cdot ${n}}(${y} - ${tg})`, en: 'The squared error’s slope, divided by N (T for the mean over steps, 1 for the last step alone, none for a step the loss skips).', ko: '오차 제곱의 기울기를 N으로 나눈 값입니다 (스텝 평균이면 T, 마지막 스텝만 세면 1, 손실이 세지 않는 스텝이면 0).' },
  'dy.ce': { tex: '\\delta y_t[o] = (p_t[o] - [o = c]) / N', plugged: ([p, c, n]) => `(${p} - [o = ${c}]) / ${n}`, en: 'Softmax minus the one-hot target, divided by N.', ko: '소프트맥스 확률에서 정답의 원-핫 값을 빼고 N으로 나눈 값입니다.' },
  dh: { tex: '\\delta h_t = \\delta h^{\\uparrow}_t + \\delta h^{\\mathrm{back}}_{t+1}', plugged: ([a, b]) => `${a} + ${b}`, en: 'Two parts: from above (the output or the layer above), and what the next step sends back.', ko: '두 부분의 합: 위에서 온 부분(출력 또는 위층)과 다음 스텝이 되돌려 보낸 부분.' },
  'dh.cut': { tex: '\\delta h_t = \\delta h^{\\uparrow}_t', plugged: ([a]) => a, en: 'Only the part from above: nothing comes back from the next step here.', ko: '위에서 온 부분뿐입니다: 여기서는 다음 스텝에서 돌아오는 것이 없습니다.' },
  'sum.dhAbove.head': { tex: '\\delta h^{\\uparrow}_t[j] = \\sum_o W_y[o,j]\\, \\delta y_t[o]', plugged: null, en: 'What the output sends down: each output’s gradient times the weight that read h_t[j].', ko: '출력이 내려보내는 값: 각 출력의 그래디언트에 h_t[j]를 읽은 가중치를 곱해 더합니다.' },
  'sum.dhAbove.layer': { tex: '\\delta h^{\\uparrow}_t[j] = \\sum_{d} \\sum_r W^{(l+1)}_{ih}[r,j]\\, \\delta a^{(l+1)}_t[r]', plugged: null, en: 'What the layer above sends down: its pre-activation gradients times the weights that read h_t[j].', ko: '위층이 내려보내는 값: 위층 사전 활성값의 그래디언트에 h_t[j]를 읽은 가중치를 곱해 더합니다.' },
  'sum.dhSent': { tex: '\\delta h^{\\mathrm{back}}_t[j] = \\sum_r W_{hh}[r,j]\\, \\delta a_t[r]', plugged: null, en: 'What step t sends back to the state it read: W_hhᵀ times its pre-activation gradients.', ko: '스텝 t가 읽었던 상태로 되돌려 보내는 값: W_hhᵀ 곱하기 사전 활성값의 그래디언트.' },
  'sum.dhSent.gru': { tex: '\\delta h^{\\mathrm{back}}_t[j] = \\sum_r W_{hh}[r,j]\\, \\delta a^h_t[r] + \\delta h_t[j]\\, z_t[j]', plugged: null, en: 'W_hhᵀ times the recurrent gradients, plus the direct path through z (h_t keeps z of the old state).', ko: 'W_hhᵀ 곱하기 순환 그래디언트에, z를 지나는 직통 경로를 더합니다 (h_t는 이전 상태의 z만큼을 간직합니다).' },
  dc: { tex: '\\delta c_t = \\delta h_t\\, o_t (1 - \\tanh^2 c_t) + \\delta c_{t+1} f_{t+1}', plugged: ([dh, o, tc, dcn, fn]) => `${dh}\\cdot ${o}\\cdot (1 - ${sq(tc)}) + ${dcn}\\cdot ${fn}`, en: 'Through h_t, plus the next cell’s gradient passed back through its forget gate.', ko: 'h_t를 지나 온 부분에, 다음 셀의 그래디언트가 망각 게이트를 지나 돌아온 부분을 더합니다.' },
  'dc.cut': { tex: '\\delta c_t = \\delta h_t\\, o_t (1 - \\tanh^2 c_t)', plugged: ([dh, o, tc]) => `${dh}\\cdot ${o}\\cdot (1 - ${sq(tc)})`, en: 'Only through h_t: nothing comes back from the next cell here.', ko: 'h_t를 지나 온 부분뿐입니다: 여기서는 다음 셀에서 돌아오는 것이 없습니다.' },
  'dpre.rnn': { tex: '\\delta a_t = \\delta h_t\\, (1 - h_t^2)', plugged: ([dh, h]) => `${dh}\\cdot (1 - ${sq(h)})`, en: 'Back through tanh: its slope is 1 − h².', ko: 'tanh를 거꾸로 지납니다: 기울기는 1 − h²입니다.' },
  'dpre.lstm.i': { tex: '\\delta a_i = \\delta c_t\\, g_t\\, i_t (1 - i_t)', plugged: ([dc, g, i]) => `${dc}\\cdot ${g}\\cdot ${i}(1 - ${i})`, en: 'The input gate’s share of δc, back through the sigmoid.', ko: '입력 게이트 몫의 δc를 시그모이드를 거꾸로 지나게 합니다.' },
  'dpre.lstm.f': { tex: '\\delta a_f = \\delta c_t\\, c_{t-1}\\, f_t (1 - f_t)', plugged: ([dc, c, f]) => `${dc}\\cdot ${c}\\cdot ${f}(1 - ${f})`, en: 'The forget gate’s share of δc (it multiplied c_{t−1}), back through the sigmoid.', ko: '망각 게이트 몫의 δc(게이트가 c_{t−1}에 곱해졌으므로)를 시그모이드를 거꾸로 지나게 합니다.' },
  'dpre.lstm.g': { tex: '\\delta a_g = \\delta c_t\\, i_t (1 - g_t^2)', plugged: ([dc, i, g]) => `${dc}\\cdot ${i}\\cdot (1 - ${sq(g)})`, en: 'The candidate’s share of δc, back through tanh.', ko: '후보 값 몫의 δc를 tanh를 거꾸로 지나게 합니다.' },
  'dpre.lstm.o': { tex: '\\delta a_o = \\delta h_t \\tanh c_t\\, o_t (1 - o_t)', plugged: ([dh, tc, o]) => `${dh}\\cdot ${tc}\\cdot ${o}(1 - ${o})`, en: 'The output gate multiplied tanh c_t: δh times that, back through the sigmoid.', ko: '출력 게이트는 tanh c_t에 곱해졌습니다: δh에 그 값을 곱하고 시그모이드를 거꾸로 지나게 합니다.' },
  'dpre.gru.r': { tex: '\\delta a_r = \\delta h_t (1 - z_t)(1 - n_t^2)\\, a^h_n\\, r_t (1 - r_t)', plugged: ([dh, z, n, ah, r]) => `${dh}(1 - ${z})(1 - ${sq(n)})\\cdot ${ah}\\cdot ${r}(1 - ${r})`, en: 'The reset gate scaled a^h_n inside n: the gradient of n, times a^h_n, back through the sigmoid.', ko: '리셋 게이트는 n 안에서 a^h_n에 곱해졌습니다: n의 그래디언트에 a^h_n을 곱하고 시그모이드를 거꾸로 지나게 합니다.' },
  'dpre.gru.z': { tex: '\\delta a_z = \\delta h_t (h_{t-1} - n_t)\\, z_t (1 - z_t)', plugged: ([dh, h, n, z]) => `${dh}(${h} - ${n})\\cdot ${z}(1 - ${z})`, en: 'z weighs the old state against n: δh times their difference, back through the sigmoid.', ko: 'z는 이전 상태와 n 사이의 비중입니다: δh에 둘의 차를 곱하고 시그모이드를 거꾸로 지나게 합니다.' },
  'dpre.gru.n': { tex: '\\delta a_n = \\delta h_t (1 - z_t)(1 - n_t^2)', plugged: ([dh, z, n]) => `${dh}(1 - ${z})(1 - ${sq(n)})`, en: 'The candidate’s share (1 − z) of δh, back through tanh.', ko: '후보 값의 몫 (1 − z)만큼의 δh를 tanh를 거꾸로 지나게 합니다.' },
  'dpreH.gru.n': { tex: '\\delta a^h_n = \\delta a_n\\, r_t', plugged: ([a, r]) => `${a}\\cdot ${r}`, en: 'On the recurrent side the reset gate scales the gradient too.', ko: '순환 쪽에서는 리셋 게이트가 그래디언트의 크기도 조절합니다.' },
  'sum.wgrad': { tex: '\\frac{\\partial L}{\\partial \\theta} = \\sum_t \\delta a_t \\cdot (\\text{what } \\theta \\text{ multiplied at } t)', plugged: null, en: 'A weight is used at every step: its gradient is the sum of each step’s contribution.', ko: '가중치는 모든 스텝에서 쓰입니다: 그래디언트는 스텝마다의 기여를 모두 더한 값입니다.' },
  norm: { tex: '\\lVert \\delta h_t \\rVert = \\sqrt{\\textstyle\\sum_j \\delta h_t[j]^2}', plugged: null, en: 'The length of the gradient vector over all units.', ko: '모든 유닛에 걸친 그래디언트 벡터의 길이입니다.' },
};

const at = (t: number | undefined) => (t === undefined ? '' : `_{${t}}`);
const ix = (idx: number[]) => (idx.length ? `[${idx.join(',')}]` : '');
const gateName = (cell: CellType, g: number) => GATE_NAMES[cell][g] ?? '';

/** How a term is written: its symbol, step and indices (gates by name). */
export function operandTex(op: Pick<Operand, 'sym' | 'idx' | 't'>, cell: CellType): string {
  const { idx, t } = op;
  const j = idx.length ? `[${idx[idx.length - 1]}]` : '';
  const gate = (g: number) => gateName(cell, g);
  switch (op.sym) {
    case 'x': return `x${at(t)}${ix(idx)}`;
    case 'h': case 'hPrev': return `h${at(t)}${ix(idx)}`;
    case 'h0': return `h_{\\text{init}}${ix(idx)}`;
    case 'c': case 'cPrev': return `c${at(t)}${ix(idx)}`;
    case 'c0': return `c_{\\text{init}}${ix(idx)}`;
    case 'tanhC': return `\\tanh c${at(t)}${ix(idx)}`;
    case 'gate': case 'gateNext': return `${gate(idx[0])}${at(t)}${j}`;
    case 'gi': return `a^x_{${gate(idx[0]) || ' '}${t === undefined ? '' : `,${t}`}}${j}`;
    case 'gh': return `a^h_{${gate(idx[0]) || ' '}${t === undefined ? '' : `,${t}`}}${j}`;
    case 'dgi': return `\\delta a_{${gate(idx[0]) || ' '}${t === undefined ? '' : `,${t}`}}${j}`;
    case 'dgh': return `\\delta a^h_{${gate(idx[0]) || ' '}${t === undefined ? '' : `,${t}`}}${j}`;
    case 'wIh': return `W_{ih}${ix(idx)}`;
    case 'wHh': return `W_{hh}${ix(idx)}`;
    case 'bIh': return `b_{ih}${ix(idx)}`;
    case 'bHh': return `b_{hh}${ix(idx)}`;
    case 'wIhAbove': return `W^{(${idx[0]}${idx[1] === 1 ? ',\\leftarrow' : ''})}_{ih}[${idx[2]},${idx[3]}]`;
    case 'headW': return `W_y${ix(idx)}`;
    case 'headB': return `b_y${ix(idx)}`;
    case 'y': return `y${at(t)}${ix(idx)}`;
    case 'target': return idx.length ? `\\hat y${at(t)}${ix(idx)}` : `c${at(t)}`;
    case 'prob': return `p${at(t)}${ix(idx)}`;
    case 'ymax': return 'm';
    case 'divisor': return 'N';
    case 'dy': return `\\delta y${at(t)}${ix(idx)}`;
    case 'dh': return `\\delta h${at(t)}${ix(idx)}`;
    case 'dhAbove': return `\\delta h^{\\uparrow}${at(t)}${ix(idx)}`;
    case 'dhSent': return `\\delta h^{\\mathrm{back}}${at(t)}${ix(idx)}`;
    case 'dc': case 'dcNext': return `\\delta c${at(t)}${ix(idx)}`;
    case 'dxAbove': return `\\delta x${at(t)}${ix(idx)}`;
  }
}

const FIELD_TEX = { wIh: 'W_{ih}', wHh: 'W_{hh}', bIh: 'b_{ih}', bHh: 'b_{hh}', headW: 'W_y', headB: 'b_y' } as const;

/** The name of the quantity a dialog level explains (TeX), with its layer and direction when the network has several. */
export function quantityTex(ref: QuantityRef, cell: CellType, many: boolean): string {
  const where = 'layer' in ref && many && ref.kind !== 'wgrad' ? `^{(${ref.layer}${ref.direction === 1 ? ',\\leftarrow' : ''})}` : '';
  switch (ref.kind) {
    case 'h': case 'c': case 'dh': case 'dc': case 'dhAbove': case 'dhSent': {
      const base = operandTex({ sym: ref.kind, idx: [ref.unit], t: ref.t }, cell);
      return where ? base.replace(/_\{/, `${where}_{`) : base;
    }
    case 'gate': case 'gi': case 'gh': case 'dgi': case 'dgh':
      return operandTex({ sym: ref.kind, idx: [ref.gate, ref.unit], t: ref.t }, cell) + (where ? ` \\; ${where.slice(1)}` : '');
    case 'norm': return `\\lVert \\delta h_{${ref.t}} \\rVert${where ? ` \\; ${where.slice(1)}` : ''}`;
    case 'y': case 'dy': return operandTex({ sym: ref.kind, idx: [ref.unit], t: ref.t }, cell);
    case 'loss': return `\\ell_{${ref.t}}`;
    case 'wgrad': {
      const layer = ref.field === 'headW' || ref.field === 'headB' ? '' : `^{(${ref.layer}${ref.direction === 1 ? ',\\leftarrow' : ''})}`;
      return `\\partial L / \\partial ${FIELD_TEX[ref.field]}${many ? layer : ''}[${ref.index}]`;
    }
  }
}
