/**
 * The depth chapter's claims (merged into CLAIMS in claims.ts; measured in depthMeasures.ts):
 * what an upper layer reads, how the gradient reaches the layers below, how fast it fades through
 * depth against through time, and that the gated cells' shortcuts do not run between layers.
 * Same rules as claims.ts: every number in a text is a threshold or a fact taken from the presets.
 */
import type { Claim } from './claims';
import { PRESETS } from './presets';

const P = PRESETS;
const stack = { L: P.depthRnn.model.layers, H: P.depthRnn.model.hidden, T: P.depthRnn.data.steps, last: P.depthRnn.data.steps - 1 };
const both = { L: P.depthRnn.model.layers, Lb: P.depthBidirectional.model.layers };

export const DEPTH_CLAIMS: readonly Claim[] = [
  {
    id: 'depth-reads',
    chapter: 'depth',
    presets: ['depthRnn', 'depthBidirectional'],
    measure: 'depthReads',
    seeds: 20,
    thresholds: { inputDiff: { value: 0, show: 'plain' }, oneLayerDiff: { value: 0, show: 'plain' } },
    facts: { ...both, H: P.depthRnn.model.hidden, Hb: P.depthBidirectional.model.hidden },
    conditions: [
      { quantity: 'inputDiff', op: '<=', than: 'inputDiff' },
      { quantity: 'oneLayerDiff', op: '<=', than: 'oneLayerDiff' },
    ],
    text: {
      ko: '{L}층 RNN(H = {H})과 {Lb}층 양방향 RNN(H = {Hb})에서 위층이 시점 t에 읽는 입력 $x_t$는, 바로 아래층이 같은 시점에 내놓은 출력과 차이가 {inputDiff}입니다(두 방향이면 그 출력은 [정방향 $h_t$, 역방향 $h_t$]). 위층의 가중치만 떼어 내 아래층의 출력 시퀀스에 한 층짜리 RNN으로 돌리면, 나오는 $h_t$와 그 층의 $h_t$의 차이도 {oneLayerDiff}입니다. 위층은 아래층의 $h_t$ 말고는 아무것도 읽지 않습니다.',
      en: 'In the {L}-layer RNN (H = {H}) and the {Lb}-layer bidirectional RNN (H = {Hb}), the input $x_t$ an upper layer reads at step t differs from what the layer below put out at the same step by {inputDiff} (with two directions, that output is [forward $h_t$, reverse $h_t$]). Run an upper layer\'s weights alone, as a one-layer RNN, on the layer below\'s outputs: its $h_t$ come out with a difference of {oneLayerDiff}. An upper layer reads the $h_t$ of the layer below, and nothing else.',
    },
  },
  {
    id: 'depth-gradient-sum',
    chapter: 'depth',
    presets: ['depthRnn', 'depthBidirectional'],
    measure: 'depthGradientSum',
    seeds: 20,
    thresholds: { sumError: { value: 1e-12, show: 'pow10' } },
    facts: both,
    conditions: [{ quantity: 'sumError', op: '<', than: 'sumError' }],
    text: {
      ko: '기울기는 $h_t$가 나간 길을 거꾸로 밟아 아래층에 닿습니다. l층의 $h_t$는 위로 l + 1층에, 옆으로 다음 시점에 가므로 $\\partial L / \\partial h_t$는 두 몫의 합입니다: 위에서 오는 l + 1층의 $W_{ih}^\\top \\delta_t$(두 방향이면 두 방향의 몫을 더한 것에서 이 방향의 절반)와, 같은 층에서 그 방향으로 다음 시점이 돌려보내는 $W_{hh}^\\top \\delta$. 여기서 $\\delta = \\partial L / \\partial h \\odot (1 - h^2)$입니다. 저장된 $\\partial L / \\partial h$와 $h$만으로 이렇게 다시 계산한 값은 {L}층 RNN과 {Lb}층 양방향 RNN의 모든 아래층, 모든 시점에서 저장된 $\\partial L / \\partial h_t$와 그 크기의 {sumError} 이내로 일치합니다.',
      en: 'The gradient reaches a lower layer along the paths $h_t$ took. $h_t$ of layer l goes up to layer l + 1 and on to the next step, so $\\partial L / \\partial h_t$ is the sum of two parts: from above, $W_{ih}^\\top \\delta_t$ of layer l + 1 (with two directions, this direction\'s half of the sum over both), and from the next step in its direction, $W_{hh}^\\top \\delta$ of its own layer, where $\\delta = \\partial L / \\partial h \\odot (1 - h^2)$. Recomputed that way from the stored $\\partial L / \\partial h$ and $h$ alone, every lower layer\'s $\\partial L / \\partial h_t$, at every step of the {L}-layer RNN and of the {Lb}-layer bidirectional RNN, agrees to within {sumError} of its size.',
    },
  },
  {
    id: 'depth-fade',
    chapter: 'depth',
    presets: ['depthRnn'],
    measure: 'depthFade',
    seeds: 20,
    thresholds: { low: { value: 0.3, show: 'plain' }, high: { value: 0.8, show: 'plain' }, spread: { value: 2, show: 'plain' } },
    facts: stack,
    conditions: [
      { quantity: 'perLayer', op: '>', than: 'low' },
      { quantity: 'perLayer', op: '<', than: 'high' },
      { quantity: 'perStep', op: '>', than: 'low' },
      { quantity: 'perStep', op: '<', than: 'high' },
      { quantity: 'spread', op: '<', than: 'spread' },
    ],
    text: {
      ko: '{L}층 RNN(H = {H}, T = {T}, 손실은 마지막 시점에만, PyTorch 기본 초기화)에서 기울기는 깊이 쪽과 시간 쪽으로 비슷한 속도로 옅어집니다. 시점 {last}에서 층을 따라 내려가면 $\\lVert \\partial L / \\partial h \\rVert$에 한 층마다 {low}에서 {high} 사이의 배율이 곱해지고(층에 걸친 기하 평균), 맨 위층에서 {last}개 시점을 거슬러 오르면 한 시점마다 역시 {low}에서 {high} 사이의 배율이 곱해집니다. 어느 시드에서나 두 배율은 서로 {spread}배 이내입니다. 한 층 내려갈 때는 $W_{ih}^\\top$와 tanh′이, 한 시점 거슬러 갈 때는 $W_{hh}^\\top$와 tanh′이 곱해지는데, 0층 위에서는 두 행렬의 크기도 초기 분포도 같습니다.',
      en: 'In the {L}-layer RNN (H = {H}, T = {T}, loss on the last step, PyTorch\'s initialisation) the gradient fades through depth about as fast as through time. At step {last}, going down the layers, $\\lVert \\partial L / \\partial h \\rVert$ is multiplied per layer by a factor between {low} and {high} (the geometric mean over the layers); in the top layer, going back {last} steps, per step by a factor between {low} and {high} as well; and on each seed the two factors are within a factor of {spread} of each other. A layer down multiplies by $W_{ih}^\\top$ and tanh′, a step back by $W_{hh}^\\top$ and tanh′, and above layer 0 the two matrices have the same size and the same initial distribution.',
    },
  },
  {
    id: 'depth-gated',
    chapter: 'depth',
    presets: ['depthGru', 'depthLstm', 'depthRnn'],
    measure: 'depthGated',
    seeds: 20,
    thresholds: {
      gruTime: { value: 0.5, show: 'plain' },
      gruDown: { value: 1e-4, show: 'pow10' },
      lstmTimeC: { value: 0.2, show: 'plain' },
      lstmDown: { value: 0.05, show: 'plain' },
    },
    facts: { L: P.depthGru.model.layers, H: P.depthGru.model.hidden, T: P.depthGru.data.steps, last: P.depthGru.data.steps - 1, gruBias: P.depthGru.model.updateBias, lstmBias: P.depthLstm.model.forgetBias },
    conditions: [
      { quantity: 'gruTime', op: '>', than: 'gruTime' },
      { quantity: 'gruDown', op: '<', than: 'gruDown' },
      { quantity: 'lstmTimeC', op: '>', than: 'lstmTimeC' },
      { quantity: 'lstmDown', op: '<', than: 'lstmDown' },
      { quantity: 'gruDown', op: '<', than: 'quantity:rnnDown' },
      { quantity: 'lstmDown', op: '<', than: 'quantity:rnnDown' },
    ],
    text: {
      ko: '게이트 셀의 지름길은 시간을 따라 나 있을 뿐, 층과 층 사이에는 없습니다. 업데이트 게이트 편향을 {gruBias} 더한 {L}층 GRU(H = {H}, T = {T}, 손실은 마지막 시점에만)에서 맨 위층의 $\\lVert \\partial L / \\partial h_0 \\rVert$는 $\\lVert \\partial L / \\partial h_{{last}} \\rVert$의 {gruTime}보다 크게 남지만, 시점 {last}에서 0층에 닿는 기울기는 맨 위층이 받는 것의 {gruDown}보다 작습니다. 같은 신경망을 망각 게이트 편향을 {lstmBias} 더한 LSTM으로 만들면 맨 위층의 $\\lVert \\partial L / \\partial c_0 \\rVert$는 $\\lVert \\partial L / \\partial c_{{last}} \\rVert$의 {lstmTimeC}보다 크게 남지만, 시점 {last}에서 0층에 닿는 $\\lVert \\partial L / \\partial h \\rVert$는 맨 위층의 {lstmDown}보다 작습니다. 둘 다 크기와 시드가 같은 보통 RNN이 0층까지 내려보내는 몫보다 적습니다.',
      en: 'The gated cells\' shortcuts run along time, not between layers. In the {L}-layer GRU with {gruBias} added to its update-gate bias (H = {H}, T = {T}, loss on the last step), the top layer\'s $\\lVert \\partial L / \\partial h_0 \\rVert$ keeps more than {gruTime} of $\\lVert \\partial L / \\partial h_{{last}} \\rVert$, yet at step {last} layer 0 gets less than {gruDown} of what the top layer gets. The same network as an LSTM with {lstmBias} added to its forget-gate bias: in the top layer $\\lVert \\partial L / \\partial c_0 \\rVert$ keeps more than {lstmTimeC} of $\\lVert \\partial L / \\partial c_{{last}} \\rVert$, yet at step {last} layer 0 gets less than {lstmDown} of the top layer\'s $\\lVert \\partial L / \\partial h \\rVert$. Both let less down to layer 0 than the plain RNN of the same size and seed.',
    },
  },
];
