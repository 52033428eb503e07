/**
 * The guided lesson, as data: each chapter says what to read and what the app should show
 * (configuration, phase, step, selection, the part to point at). Text is ours, in Korean and
 * English; formulas in $…$ are our own TeX, rendered by KaTeX.
 */
import type { InitScheme } from '../engine/init';
import type { CellType } from '../engine/params';
import type { TaskId } from '../engine/tasks';
import type { Lang } from './i18n';
import type { PresetId } from './presets';

/** The settings a chapter may set (the app's configuration has these fields, and more). */
export interface ChapterSetup {
  lossSteps?: 'all' | 'last';
  inputScale?: number;
  updateBias?: number;
  cell?: CellType;
  hidden?: number;
  layers?: number;
  bidirectional?: boolean;
  steps?: number;
  seed?: number;
  task?: TaskId;
  truncation?: number;
  init?: InitScheme;
  hhScale?: number;
  forgetBias?: number;
}

export type LessonFocus = 'input' | 'timeline' | 'equations' | 'diagram' | 'controls' | 'gradients' | 'training';

/** The tabs of the gradient band a chapter may open. */
export type LessonTab = 'bptt' | 'weights' | 'vanish' | 'compare';

/** A preset to open, for one cell when the preset is made for several. */
export interface PresetChoice {
  id: PresetId;
  cell?: CellType;
}

export interface Chapter {
  id: string;
  /** what to set: config fields (the rest stay as they are), view and cursor */
  config: ChapterSetup;
  /** a preset the chapter opens (its settings are applied after `config`) */
  preset?: PresetChoice;
  /** the gradient tab the chapter talks about */
  tab?: LessonTab;
  /** presets the reader can switch to within the chapter, one button each */
  tryPresets?: readonly PresetChoice[];
  /** a training budget the chapter asks for: one button trains this many iterations */
  trainFor?: number;
  view: 'rolled' | 'unrolled';
  phase: 'forward' | 'backward';
  /** step to open at; negative counts from the end (−1 = T − 1) */
  t: number;
  /** the layer of the cell to open at (0 when absent) */
  layer?: number;
  unit: number | null;
  focus: LessonFocus;
  title: Record<Lang, string>;
  /** paragraphs */
  body: Record<Lang, string[]>;
  /** one concrete thing to try */
  tryIt: Record<Lang, string>;
}

/** The plain setting the first chapters start from (a preset opened later may have changed any of it). */
const PLAIN: ChapterSetup = { init: 'pytorch', forgetBias: 1, updateBias: 0, lossSteps: 'all', inputScale: 1, layers: 1, bidirectional: false };

export const CHAPTERS: readonly Chapter[] = [
  {
    id: 'sequence',
    config: { ...PLAIN, cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
    view: 'unrolled',
    phase: 'forward',
    t: 0,
    unit: null,
    focus: 'input',
    title: { ko: '1. 순서가 있는 데이터', en: '1. A sequence, and why order matters' },
    body: {
      ko: [
        '기온, 주가, 문장처럼 값이 시간 순서대로 이어지는 데이터가 있습니다. 이런 데이터에서는 다음 값이 바로 앞의 값들에 달려 있어서, 순서를 섞으면 의미가 사라집니다.',
        '아래 입력 x는 사인파입니다. 네트워크의 과제는 지금까지 본 값으로 다음 값을 맞히는 것입니다. 그러려면 지나간 값을 어딘가에 기억해 두어야 합니다.',
      ],
      en: [
        'Temperatures, prices and sentences are values that come one after another in time. In such data the next value depends on the ones just before it, so shuffling the order destroys the meaning.',
        'The input x below is a sine wave. The network must guess the next value from the values seen so far, which means it has to keep something of the past in memory.',
      ],
    },
    tryIt: {
      ko: '아래 입력 칸에서 숫자 몇 개를 바꾸고 "이 입력 사용"을 눌러 보세요.',
      en: 'Change a few numbers in the input field below and press "Use this input".',
    },
  },
  {
    id: 'rnn-cell',
    config: { ...PLAIN, cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
    view: 'rolled',
    phase: 'forward',
    t: 3,
    unit: 0,
    focus: 'equations',
    title: { ko: '2. RNN 셀과 그 식', en: '2. The RNN cell and its equation' },
    body: {
      ko: [
        'RNN 계층은 매 시점 두 가지를 받습니다: 이번 입력 $x_t$와, 한 시점 전에 자기가 내놓은 은닉 상태 $h_{t-1}$. 둘을 각각 가중치와 곱해 더하고 tanh를 씌운 것이 새 은닉 상태입니다: $h_t = \\tanh(h_{t-1} W_h + x_t W_x + b)$.',
        '$h_t$는 두 곳으로 갑니다. 위로는 출력 $y_t$를 만들고, 옆으로는 다음 시점의 자기 자신에게 다시 들어갑니다. 그림의 고리가 바로 이 되먹임입니다.',
      ],
      en: [
        'At every step the RNN layer takes two things: the new input $x_t$ and the hidden state $h_{t-1}$ it produced one step earlier. Each is multiplied by its weights, they are added, and tanh squashes the sum: $h_t = \\tanh(h_{t-1} W_h + x_t W_x + b)$.',
        '$h_t$ goes two ways: up, to make the output $y_t$, and around, back into the same layer at the next step. The loop in the picture is that feedback.',
      ],
    },
    tryIt: {
      ko: '유닛 하나를 클릭하면 식에 그 유닛의 실제 숫자가 채워집니다.',
      en: 'Click a unit: the equation fills in with that unit\'s real numbers.',
    },
  },
  {
    id: 'unrolled',
    config: { ...PLAIN, cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
    view: 'unrolled',
    phase: 'forward',
    t: 5,
    unit: 0,
    focus: 'timeline',
    title: { ko: '3. 시간 축으로 펼치기', en: '3. The same layer, unrolled in time' },
    body: {
      ko: [
        '고리를 시간 방향으로 풀어 놓으면 열이 여러 개 생깁니다. 하지만 이것들은 서로 다른 계층이 아닙니다. 시점만 다를 뿐, 모두 같은 가중치 $W_x, W_h, b$를 쓰는 하나의 계층입니다.',
        '그래서 파라미터 수는 시퀀스 길이와 상관이 없고, 한 시점에서 배운 것이 모든 시점에 똑같이 적용됩니다.',
      ],
      en: [
        'Unrolling the loop along time gives a row of columns. They are not different layers: they are one layer at different moments, all using the same $W_x$, $W_h$ and $b$.',
        'That is why the number of parameters does not grow with the sequence length, and what is learned at one step applies at every step.',
      ],
    },
    tryIt: {
      ko: '"접힌 모양"과 "펼친 모양"을 번갈아 눌러 보고, 열 위에 마우스를 올려 공유된 계층을 확인해 보세요.',
      en: 'Switch between "Rolled" and "Unrolled", and hover a column to see the shared layer light up everywhere.',
    },
  },
  {
    id: 'forward',
    config: { ...PLAIN, cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
    view: 'unrolled',
    phase: 'forward',
    t: 0,
    unit: 1,
    focus: 'controls',
    title: { ko: '4. 순전파를 한 단계씩', en: '4. The forward pass, step by step' },
    body: {
      ko: [
        '순전파는 왼쪽에서 오른쪽으로 진행합니다. 각 시점은 바로 앞 시점의 $h$가 있어야 계산할 수 있으므로, 한 번에 하나씩 차례로 계산할 수밖에 없습니다.',
        '매 시점의 출력 $y_t$와 정답을 비교해 손실 $\\ell_t$를 얻고, 전체 손실은 그 평균 $L = \\frac{1}{T}\\sum_t \\ell_t$입니다.',
      ],
      en: [
        'The forward pass runs left to right. A step needs the $h$ of the step before, so the steps can only be computed one after another.',
        'Each output $y_t$ is compared with its target to give a loss $\\ell_t$; the total loss is their mean, $L = \\frac{1}{T}\\sum_t \\ell_t$.',
      ],
    },
    tryIt: {
      ko: '"다음 단계"(→ 키)를 눌러 한 시점씩 나아가 보세요. 재생을 누르면 자동으로 진행됩니다.',
      en: 'Press "Next step" (→) to advance one step at a time, or Play to let it run.',
    },
  },
  {
    id: 'bptt',
    config: { ...PLAIN, cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
    view: 'unrolled',
    phase: 'backward',
    t: -1,
    unit: 1,
    focus: 'gradients',
    tab: 'bptt',
    title: { ko: '5. 시간을 거슬러 오르는 역전파(BPTT)', en: '5. Backpropagation through time' },
    body: {
      ko: [
        '이제 손실을 줄이려면 각 가중치가 손실에 얼마나 영향을 주는지, 즉 기울기가 필요합니다. 기울기는 마지막 시점부터 처음 시점 쪽으로, 펼친 열을 따라 거꾸로 흘러갑니다.',
        '각 $h_t$에 도착하는 기울기는 두 갈래입니다: 그 시점의 출력 $y_t$에서 오는 것과, 다음 시점 $h_{t+1}$에서 되돌아오는 것. 아래 표가 두 몫과 그 합을 보여 줍니다. 가중치는 모든 시점이 공유하므로, 가중치의 기울기는 모든 시점의 몫을 더한 값입니다.',
        '여기서는 손실이 모든 시점에 있어서 어느 시점이든 자기 출력에서 기울기를 새로 받습니다. 손실을 마지막 시점에만 두면(아래 "손실 위치") $h_t$의 기울기는 순전히 시간을 거슬러 온 것만 남습니다.',
      ],
      en: [
        'To lower the loss we need gradients: how much each weight moves the loss. They flow from the last step back towards the first, along the unrolled columns in reverse.',
        'The gradient arriving at each $h_t$ has two sources: the output $y_t$ of that step, and what comes back from $h_{t+1}$. The table below shows the two parts and their sum. Because every step shares the weights, a weight\'s gradient is the sum of every step\'s share.',
        'Here every step has its own loss term, so every step gets fresh gradient from its own output. With the loss on the last step only ("Loss at" below), the gradient at $h_t$ is purely what came back through time.',
      ],
    },
    tryIt: {
      ko: '"다음 단계"를 눌러 역전파를 한 시점씩 따라가며, "가중치 기울기" 탭에서 기울기가 쌓이는 모습을 보세요.',
      en: 'Keep pressing "Next step" to walk the backward pass, and open "Weight gradients" to watch them fill in.',
    },
  },
  {
    id: 'truncated',
    config: { ...PLAIN, cell: 'rnn', hidden: 4, steps: 16, task: 'sine', truncation: 4, hhScale: 1, seed: 1 },
    preset: { id: 'truncated' },
    view: 'unrolled',
    phase: 'backward',
    t: 9,
    unit: 1,
    focus: 'timeline',
    tab: 'bptt',
    title: { ko: '6. 절단된 BPTT: 순전파는 잇고, 역전파는 자른다', en: '6. Truncated BPTT: forward carried, backward cut' },
    body: {
      ko: [
        '아주 긴 시퀀스 전체를 거꾸로 훑으려면 모든 시점의 중간값을 메모리에 들고 있어야 합니다. 그래서 실제로는 $k$개 시점마다 역전파의 연결을 끊습니다. 점선이 그 경계입니다.',
        '하지만 순전파는 끊지 않습니다. 은닉 상태는 경계를 넘어 계속 이어지므로, 데이터는 반드시 순서대로 넣어야 합니다. 기울기만 블록 안에서 멈추고, 블록마다 구한 기울기를 더합니다.',
      ],
      en: [
        'Walking back over a very long sequence means keeping every step\'s intermediate values in memory. In practice the backward pass is cut every $k$ steps; the dotted lines are those cuts.',
        'The forward pass is not cut: the hidden state carries on across the boundaries, which is why the data must be fed in order. Only the gradient stops inside its block, and the blocks\' gradients are added up.',
      ],
    },
    tryIt: {
      ko: '위쪽 "절단 길이 k"를 0(전체), 2, 8로 바꿔 보세요. 점선을 넘는 역방향 화살표는 없습니다.',
      en: 'Set "Truncation k" above to 0 (full), 2 or 8. No backward arrow crosses a cut.',
    },
  },
  {
    id: 'vanishing',
    config: {},
    preset: { id: 'vanishing' },
    view: 'unrolled',
    phase: 'backward',
    t: 0,
    unit: 0,
    focus: 'gradients',
    tab: 'vanish',
    tryPresets: [{ id: 'vanishing' }, { id: 'saturation' }],
    title: { ko: '7. 기울기 소실', en: '7. Vanishing gradients' },
    body: {
      ko: [
        '한 시점 거슬러 올라갈 때마다 기울기에는 두 가지가 곱해집니다: tanh의 미분값(항상 1 이하)과 행렬 $W_h$. 수십 번 곱하면 그 크기는 지수적으로 줄어들거나 커집니다. 길게 보아 어느 쪽인지는 $W_h$의 스펙트럼 반지름 $\\rho$가 정합니다.',
        '손실을 마지막 시점에만 두면 앞쪽 시점의 기울기는 모두 시간을 거슬러 온 것입니다. 아래 그래프가 마지막 시점에서 각 시점까지의 경로 크기를 로그 눈금으로 보여 주고, 옆의 표가 고른 시점에서 $W_h$의 이득, tanh′의 축소, 한 시점의 곱, 시점당 평균 배율을 나란히 보여 줍니다.',
      ],
      en: [
        'Each step back multiplies the gradient by two things: the derivative of tanh (never above 1) and the matrix $W_h$. After dozens of steps its size has shrunk or grown exponentially; in the long run, the spectral radius $\\rho$ of $W_h$ decides which.',
        'With the loss on the last step only, every earlier gradient is what came back through time. The chart below shows the size of the path from the last step back to each step on a log scale; the table beside it puts the gain of $W_h$, the shrink of tanh′, one step\'s product and the average factor per step side by side at the step you pick.',
      ],
    },
    tryIt: {
      ko: '그래프에서 시점을 골라(화살표 키) 숫자를 읽어 보고, 포화 프리셋을 열어 $\\rho > 1$인데도 기울기가 사라지는 까닭을 확인하세요.',
      en: 'Pick steps on the chart (arrow keys) and read the numbers; then open the saturation preset to see why the gradient vanishes even with $\\rho > 1$.',
    },
  },
  {
    id: 'exploding',
    config: {},
    preset: { id: 'exploding' },
    view: 'unrolled',
    phase: 'backward',
    t: 0,
    unit: 0,
    focus: 'gradients',
    tab: 'vanish',
    tryPresets: [{ id: 'exploding' }, { id: 'explodingClipped' }],
    trainFor: 30,
    title: { ko: '8. 기울기 폭발과 기울기 자르기', en: '8. Exploding gradients, and clipping' },
    body: {
      ko: [
        '반대로 $W_h$가 벡터를 늘리고 tanh가 그 늘어남을 꺾지 못하면, 곧 활성값이 tanh의 선형 구간에 머물면, 기울기는 한 시점마다 커져서 지수적으로 폭발합니다.',
        '폭발한 기울기로 한 번만 크게 움직여도 학습이 망가집니다. 흔한 처방은 기울기 노름이 어떤 값을 넘으면 전체를 그 값으로 줄이는 기울기 자르기입니다. 방향은 그대로 두고 크기만 자릅니다.',
      ],
      en: [
        'The other way round: when $W_h$ stretches vectors and tanh does not bend the stretch back, that is when the activations stay in tanh\'s linear region, the gradient grows a little at every step and explodes exponentially.',
        'One large step along an exploded gradient can wreck the training. The usual cure is gradient clipping: when the gradient\'s norm exceeds a threshold, the whole gradient is scaled down to it. Its direction stays; only its size is cut.',
      ],
    },
    tryIt: {
      ko: '이 프리셋은 기울기 자르기를 끈 채 학습합니다. 아래 단추로 학습해 손실 곡선을 보고, "같은 학습, 기울기 자르기 켬"을 연 뒤 다시 학습해 비교하세요.',
      en: 'This preset trains with clipping off. Train with the button below and watch the loss curve; then open "The same training, with clipping on" and train again.',
    },
  },
  {
    id: 'lstm',
    config: {},
    preset: { id: 'highwayOpen' },
    view: 'unrolled',
    phase: 'backward',
    t: 0,
    unit: 0,
    focus: 'gradients',
    tab: 'vanish',
    tryPresets: [{ id: 'highwayOpen' }, { id: 'highwayClosed' }],
    title: { ko: '9. LSTM: 게이트와 기억 셀 고속도로', en: '9. The LSTM: gates and the cell-state highway' },
    body: {
      ko: [
        'LSTM에는 $h$ 말고도 기억 셀 $c$가 있습니다. $c$는 계층 안에서만 다음 시점으로 넘어가고 바깥으로는 나가지 않습니다. 세 게이트가 흐름을 조절합니다: 망각 게이트 $f$는 옛 기억을 얼마나 남길지, 입력 게이트 $i$는 새 후보 $g$를 얼마나 더할지, 출력 게이트 $o$는 기억을 얼마나 내보낼지 정합니다. $c_t = f \\odot c_{t-1} + g \\odot i$, $h_t = o \\odot \\tanh(c_t)$.',
        '역전파에서 $c$를 따라가는 기울기는 행렬이 아니라 $f$와의 원소별 곱(⊙)만 거칩니다. 그래서 무엇이 남는지는 $f$가 정합니다. $f$가 1에 가까우면 기울기가 거의 그대로 살아남고, 0.5 근처라면 곧 사라집니다. 각 게이트는 자기만의 $W_x, W_h$를 가집니다.',
      ],
      en: [
        'Besides $h$, an LSTM carries a memory cell $c$, which passes only from step to step inside the layer and never leaves it. Three gates steer it: the forget gate $f$ decides how much old memory stays, the input gate $i$ how much of the new candidate $g$ is written, the output gate $o$ how much of the memory is shown. $c_t = f \\odot c_{t-1} + g \\odot i$, $h_t = o \\odot \\tanh(c_t)$.',
        'Going backward along $c$, the gradient meets no matrix, only an element-wise product (⊙) with $f$. So $f$ decides what survives: near 1, the gradient passes almost unchanged; near 0.5, it is soon gone. Every gate has its own $W_x$ and $W_h$.',
      ],
    },
    tryIt: {
      ko: '고속도로가 열린 프리셋과 닫힌 프리셋을 번갈아 열고 $\\prod f$ 곡선을 비교하세요. "게이트 하나씩"을 켜고 순전파를 따라가며 게이트를 봐도 좋습니다.',
      en: 'Switch between the open and the closed highway and compare the $\\prod f$ curves. Turn on "Gate by gate" and step forward to watch the gates.',
    },
  },
  {
    id: 'gru',
    config: {},
    preset: { id: 'zPathOpen' },
    view: 'unrolled',
    phase: 'backward',
    t: 0,
    unit: 0,
    focus: 'gradients',
    tab: 'vanish',
    tryPresets: [{ id: 'zPathOpen' }, { id: 'zPathClosed' }, { id: 'comparison', cell: 'gru' }],
    title: { ko: '10. GRU, 그리고 세 셀 비교', en: '10. The GRU, and the three cells compared' },
    body: {
      ko: [
        'GRU는 기억 셀을 따로 두지 않고 $h$ 하나로 기억합니다. 리셋 게이트 $r$은 새 후보 $n$을 만들 때 옛 상태를 얼마나 참고할지, 업데이트 게이트 $z$는 옛 상태와 새 후보를 어떤 비율로 섞을지 정합니다: $h_t = (1 - z) \\odot n + z \\odot h_{t-1}$.',
        '$z$가 1에 가까우면 옛 상태가 그대로 다음 시점으로 건너가므로, LSTM의 고속도로와 같은 지름길이 생깁니다. "RNN · LSTM · GRU 비교" 탭에서 세 셀의 두 경로를 같은 데이터로 나란히 볼 수 있습니다.',
      ],
      en: [
        'A GRU keeps no separate cell; $h$ alone is the memory. The reset gate $r$ decides how much of the old state feeds the new candidate $n$, and the update gate $z$ mixes old state and candidate: $h_t = (1 - z) \\odot n + z \\odot h_{t-1}$.',
        'When $z$ is near 1 the old state passes straight to the next step: the same kind of shortcut as the LSTM\'s highway. The "RNN · LSTM · GRU" tab puts both paths of the three cells side by side on the same data.',
      ],
    },
    tryIt: {
      ko: '비교 프리셋을 연 뒤 "RNN · LSTM · GRU 비교" 탭에서 "RNN, LSTM, GRU 비교하기"를 누르세요.',
      en: 'Open the comparison preset, then in the "RNN · LSTM · GRU" tab press "Compare RNN, LSTM and GRU".',
    },
  },
  {
    id: 'depth',
    config: {},
    preset: { id: 'depthRnn' },
    view: 'unrolled',
    phase: 'backward',
    t: -1,
    layer: 0,
    unit: 0,
    focus: 'gradients',
    tab: 'bptt',
    tryPresets: [{ id: 'depthRnn' }, { id: 'depthBidirectional' }, { id: 'depthGru' }, { id: 'depthLstm' }],
    title: { ko: '11. 층을 쌓으면: 위층이 읽는 것, 아래층에 닿는 기울기', en: '11. Stacked layers: what the upper layer reads, how the gradient gets down' },
    body: {
      ko: [
        '지금까지 펼친 그림은 한 층이었습니다. 열이 아무리 많아도 모두 같은 가중치를 쓰는 하나의 계층입니다. 층을 쌓으면(PyTorch의 num_layers) 그런 줄이 위아래로 여러 개 생깁니다. 줄마다 가중치가 따로 있고, 한 줄 안에서는 모든 시점이 그 줄의 가중치를 함께 씁니다.',
        '위층이 시점 t에 읽는 입력은 바로 아래층이 같은 시점에 내놓은 $h_t$입니다. 그래서 $h_t$는 두 곳으로 갑니다: 위로는 다음 층의 입력이 되고, 옆으로는 같은 층의 다음 시점으로 넘어갑니다. 양방향이면 위층은 정방향의 $h_t$와 역방향의 $h_t$를 이어 붙여 읽습니다.',
        '역전파는 그 두 길을 거꾸로 밟습니다. 아래층 $h_t$의 기울기는 위층에서 $W_{ih}^\\top$를 거쳐 내려온 몫과 다음 시점에서 $W_{hh}^\\top$를 거쳐 돌아온 몫의 합입니다. 계산 순서도 그렇습니다: 맨 위층이 시간을 끝까지 거슬러 오른 뒤에야 그 아래층이 시작합니다. 히트맵은 층(행)과 시점(열)마다 $\\lVert \\partial L / \\partial h_t \\rVert$를 보여 줍니다. 왼쪽으로 옅어지면 시간을 따라, 아래로 옅어지면 깊이를 따라 기울기가 사라지는 것입니다.',
        '한 층 내려갈 때마다 $W_{ih}^\\top$와 tanh나 게이트의 미분이 곱해집니다. LSTM의 기억 셀 $c$와 GRU의 $z$ 지름길은 한 층 안에서 시간을 따라 이어질 뿐, 층과 층을 잇지 않습니다. 그래서 시간 쪽 지름길을 활짝 열어 둔 게이트 셀도 깊이 쪽으로는 기울기를 잃고, 보통 RNN보다 더 많이 잃습니다.',
      ],
      en: [
        'The unrolled picture so far was one layer: however many columns, one set of weights. Stacking layers (PyTorch\'s num_layers) gives several such rows, one above the other. Each row has its own weights, and within a row every step shares that row\'s weights.',
        'At step t an upper layer reads the $h_t$ that the layer below put out at the same step. So $h_t$ goes two ways: up, as the next layer\'s input, and on, to the same layer\'s next step. With both directions, the layer above reads the forward $h_t$ and the reverse $h_t$ side by side.',
        'Backpropagation walks both ways back. The gradient at a lower layer\'s $h_t$ is the sum of what comes down from the layer above through $W_{ih}^\\top$ and what comes back from the next step through $W_{hh}^\\top$. The order of the computation follows: the top layer goes all the way back in time before the layer below it starts. The heatmap shows $\\lVert \\partial L / \\partial h_t \\rVert$ for every layer (rows) and step (columns): fading to the left is the gradient vanishing through time, fading downwards is it vanishing through depth.',
        'Each layer down multiplies by $W_{ih}^\\top$ and the derivatives of tanh or of the gates. The LSTM\'s cell state $c$ and the GRU\'s $z$ shortcut run along time, inside a layer; nothing like them connects the layers. So gated cells with their shortcuts through time wide open still lose the gradient through depth, and lose more of it than a plain RNN.',
      ],
    },
    tryIt: {
      ko: '"다음 단계"를 눌러 0층을 한 시점씩 거슬러 가며 기울기의 두 몫을 읽어 보세요. 그다음 "세 층 GRU: 업데이트 게이트 편향 +5"를 열어 히트맵의 행을 비교하세요.',
      en: 'Press "Next step" to walk layer 0 back in time and read the two parts of its gradient at each step. Then open "A three-layer GRU: update-gate bias +5" and compare the heatmap\'s rows.',
    },
  },
  {
    id: 'train',
    config: {},
    preset: { id: 'longMemory', cell: 'rnn' },
    view: 'unrolled',
    phase: 'forward',
    t: 0,
    unit: null,
    focus: 'training',
    tryPresets: [
      { id: 'longMemory', cell: 'rnn' },
      { id: 'longMemory', cell: 'lstm' },
    ],
    trainFor: 200,
    title: { ko: '12. 긴 기억이 필요한 과제로 학습하기', en: '12. Training on a task that needs long memory' },
    body: {
      ko: [
        '복사 과제에서는 첫 시점에 본 기호를 한참 뒤에 다시 말해야 합니다. 손실이 마지막 시점에만 있으니, 첫 시점의 입력에 닿는 기울기는 그 긴 거리를 온전히 거슬러 가야 합니다.',
        '같은 데이터, 같은 시드, 같은 학습 설정으로 RNN과 LSTM을 학습해 보세요. 학습이 끝나면 "새 시퀀스 64개로 시험"으로 처음 보는 시퀀스에서 얼마나 맞히는지 확인합니다.',
      ],
      en: [
        'In the copy task the symbol shown at the first step must be given back much later. The loss sits on the last step only, so the gradient that reaches the first input must travel back that whole distance.',
        'Train the RNN and the LSTM on the same data, with the same seed and settings. When training stops, "Test on 64 new sequences" shows how many sequences they have never seen each one answers right.',
      ],
    },
    tryIt: {
      ko: '아래 단추로 RNN을 학습하고 시험한 뒤, LSTM으로 열어 똑같이 해 보세요.',
      en: 'Train the RNN with the button below and test it; then open it with the LSTM and do the same.',
    },
  },
];

export function chapterIndex(id: string): number {
  return CHAPTERS.findIndex((c) => c.id === id);
}
