/**
 * The guided lesson, as data: each chapter says what to read and what the app should show
 * (configuration, phase, step, selection, the part to point at). Text is ours, in Korean and
 * English; formulas in $…$ are our own TeX, rendered by KaTeX.
 */
import type { InitScheme } from '../engine/init';
import type { CellType } from '../engine/params';
import type { TaskId } from '../engine/tasks';
import type { Lang } from './i18n';

/** The settings a chapter may set (the app's configuration has these fields, and more). */
export interface ChapterSetup {
  cell?: CellType;
  hidden?: number;
  steps?: number;
  seed?: number;
  task?: TaskId;
  truncation?: number;
  init?: InitScheme;
  hhScale?: number;
  forgetBias?: number;
}

export type LessonFocus = 'input' | 'timeline' | 'equations' | 'diagram' | 'controls' | 'gradients' | 'training';

export interface Chapter {
  id: string;
  /** what to set: config fields (the rest stay as they are), view and cursor */
  config: ChapterSetup;
  view: 'rolled' | 'unrolled';
  phase: 'forward' | 'backward';
  /** step to open at; negative counts from the end (−1 = T − 1) */
  t: number;
  unit: number | null;
  focus: LessonFocus;
  title: Record<Lang, string>;
  /** paragraphs */
  body: Record<Lang, string[]>;
  /** one concrete thing to try */
  tryIt: Record<Lang, string>;
}

export const CHAPTERS: readonly Chapter[] = [
  {
    id: 'sequence',
    config: { cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
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
    config: { cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
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
    config: { cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
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
    config: { cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
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
    config: { cell: 'rnn', hidden: 4, steps: 12, task: 'sine', truncation: 0, hhScale: 1, seed: 1 },
    view: 'unrolled',
    phase: 'backward',
    t: -1,
    unit: 1,
    focus: 'gradients',
    title: { ko: '5. 시간을 거슬러 오르는 역전파(BPTT)', en: '5. Backpropagation through time' },
    body: {
      ko: [
        '이제 손실을 줄이려면 각 가중치가 손실에 얼마나 영향을 주는지, 즉 기울기가 필요합니다. 기울기는 마지막 시점부터 처음 시점 쪽으로, 펼친 열을 따라 거꾸로 흘러갑니다.',
        '각 $h_t$에 도착하는 기울기는 두 갈래입니다: 그 시점의 출력 $y_t$에서 오는 것과, 다음 시점 $h_{t+1}$에서 되돌아오는 것. 가중치는 모든 시점이 공유하므로, 가중치의 기울기는 모든 시점의 몫을 더한 값입니다.',
      ],
      en: [
        'To lower the loss we need gradients: how much each weight moves the loss. They flow from the last step back towards the first, along the unrolled columns in reverse.',
        'The gradient arriving at each $h_t$ has two sources: the output $y_t$ of that step, and what comes back from $h_{t+1}$. Because every step shares the weights, a weight\'s gradient is the sum of every step\'s share.',
      ],
    },
    tryIt: {
      ko: '"다음 단계"를 눌러 역전파를 한 시점씩 따라가며, 아래 가중치 기울기가 쌓이는 모습을 보세요.',
      en: 'Keep pressing "Next step" to walk the backward pass and watch the weight gradients fill in below.',
    },
  },
  {
    id: 'truncated',
    config: { cell: 'rnn', hidden: 4, steps: 16, task: 'sine', truncation: 4, hhScale: 1, seed: 1 },
    view: 'unrolled',
    phase: 'backward',
    t: 9,
    unit: 1,
    focus: 'timeline',
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
    config: { cell: 'rnn', hidden: 16, steps: 30, task: 'copy', truncation: 0, hhScale: 1, seed: 1 },
    view: 'unrolled',
    phase: 'backward',
    t: 0,
    unit: 0,
    focus: 'gradients',
    title: { ko: '7. 기울기 소실과 폭발', en: '7. Vanishing and exploding gradients' },
    body: {
      ko: [
        '한 시점 거슬러 올라갈 때마다 기울기에는 두 가지가 곱해집니다: tanh의 미분값(항상 1 이하)과 행렬 $W_h$. 수십 번 곱하면 그 크기는 지수적으로 줄어들거나 커집니다. 어느 쪽인지는 주로 $W_h$의 스펙트럼 반경이 정합니다.',
        '아래 그래프에서 마지막 상태가 앞선 상태에 얼마나 의존하는지($\\lVert \\partial h_{T-1} / \\partial h_t \\rVert$) 보세요. 로그 눈금에서 직선으로 떨어진다면 지수적 소실입니다. 그러면 먼 과거의 정보로는 학습할 수 없습니다.',
      ],
      en: [
        'Each step back multiplies the gradient by two things: the derivative of tanh (never above 1) and the matrix $W_h$. After dozens of steps its size has shrunk or grown exponentially; which one mostly depends on the spectral radius of $W_h$.',
        'The chart below shows how much the last state still depends on each earlier one, $\\lVert \\partial h_{T-1} / \\partial h_t \\rVert$. A straight fall on the log scale is exponential vanishing: nothing from the distant past can be learned.',
      ],
    },
    tryIt: {
      ko: 'W_hh 배율을 0.5와 2로 바꿔 보며 스펙트럼 반경과 곡선이 어떻게 변하는지 보세요.',
      en: 'Move the W_hh scale to 0.5 and to 2 and watch the spectral radius and the curve change.',
    },
  },
  {
    id: 'lstm',
    config: { cell: 'lstm', hidden: 16, steps: 30, task: 'copy', truncation: 0, hhScale: 1, forgetBias: 1, seed: 1 },
    view: 'unrolled',
    phase: 'backward',
    t: 20,
    unit: 0,
    focus: 'diagram',
    title: { ko: '8. LSTM: 게이트와 기억 셀 고속도로', en: '8. The LSTM: gates and the cell-state highway' },
    body: {
      ko: [
        'LSTM에는 $h$ 말고도 기억 셀 $c$가 있습니다. $c$는 계층 안에서만 다음 시점으로 넘어가고 바깥으로는 나가지 않습니다. 세 게이트가 흐름을 조절합니다: 망각 게이트 $f$는 옛 기억을 얼마나 남길지, 입력 게이트 $i$는 새 후보 $g$를 얼마나 더할지, 출력 게이트 $o$는 기억을 얼마나 내보낼지 정합니다. $c_t = f \\odot c_{t-1} + g \\odot i$, $h_t = o \\odot \\tanh(c_t)$.',
        '역전파에서 $c$를 따라가는 기울기는 행렬이 아니라 $f$와의 원소별 곱(⊙)만 거칩니다. $f$가 1에 가까우면 기울기가 거의 그대로 살아남습니다. 각 게이트는 자기만의 $W_x, W_h$를 가집니다.',
      ],
      en: [
        'Besides $h$, an LSTM carries a memory cell $c$, which passes only from step to step inside the layer and never leaves it. Three gates steer it: the forget gate $f$ decides how much old memory stays, the input gate $i$ how much of the new candidate $g$ is written, the output gate $o$ how much of the memory is shown. $c_t = f \\odot c_{t-1} + g \\odot i$, $h_t = o \\odot \\tanh(c_t)$.',
        'Going backward along $c$, the gradient meets no matrix, only an element-wise product (⊙) with $f$. When $f$ is near 1 the gradient survives almost unchanged. Every gate has its own $W_x$ and $W_h$.',
      ],
    },
    tryIt: {
      ko: '"게이트 하나씩"을 켜고 한 단계씩 진행하며 어느 게이트가 열리고 닫히는지 보세요.',
      en: 'Turn on "Gate by gate" and step through to see which gates open and close.',
    },
  },
  {
    id: 'gru',
    config: { cell: 'gru', hidden: 16, steps: 30, task: 'copy', truncation: 0, hhScale: 1, seed: 1 },
    view: 'unrolled',
    phase: 'forward',
    t: 5,
    unit: 0,
    focus: 'diagram',
    title: { ko: '9. GRU: 더 간단한 게이트 셀', en: '9. The GRU: a leaner gated cell' },
    body: {
      ko: [
        'GRU는 기억 셀을 따로 두지 않고 $h$ 하나로 기억합니다. 리셋 게이트 $r$은 새 후보 $n$을 만들 때 옛 상태를 얼마나 참고할지, 업데이트 게이트 $z$는 옛 상태와 새 후보를 어떤 비율로 섞을지 정합니다: $h_t = (1 - z) \\odot n + z \\odot h_{t-1}$.',
        '$z$가 1에 가까우면 옛 상태가 그대로 다음 시점으로 건너가므로, LSTM의 고속도로와 같은 지름길이 생깁니다.',
      ],
      en: [
        'A GRU keeps no separate cell; $h$ alone is the memory. The reset gate $r$ decides how much of the old state feeds the new candidate $n$, and the update gate $z$ mixes old state and candidate: $h_t = (1 - z) \\odot n + z \\odot h_{t-1}$.',
        'When $z$ is near 1 the old state passes straight to the next step: the same kind of shortcut as the LSTM\'s highway.',
      ],
    },
    tryIt: {
      ko: '아래 "RNN · LSTM · GRU 비교" 탭에서 "RNN, LSTM, GRU 비교하기"를 눌러 세 셀의 기울기 곡선을 겹쳐 보세요.',
      en: 'In the "RNN · LSTM · GRU" tab below, press "Compare RNN, LSTM and GRU" to overlay the three cells\' gradient curves.',
    },
  },
  {
    id: 'train',
    config: { cell: 'rnn', hidden: 16, steps: 20, task: 'copy', truncation: 0, hhScale: 1, forgetBias: 1, seed: 1 },
    view: 'unrolled',
    phase: 'forward',
    t: 0,
    unit: null,
    focus: 'training',
    title: { ko: '10. 긴 기억이 필요한 과제로 학습하기', en: '10. Training on a task that needs long memory' },
    body: {
      ko: [
        '복사 과제에서는 첫 시점에 본 기호를 19개 시점 뒤에 다시 말해야 합니다. 먼저 RNN으로 학습해 보세요. 손실이 우연 수준(약 0.069)에서 내려오지 않습니다. 기울기가 그 먼 거리를 건너지 못하기 때문입니다.',
        '이제 셀을 LSTM으로 바꾸고 다시 학습하세요. 몇 초 안에 손실이 크게 떨어집니다. 기억 셀의 고속도로 덕분에 기울기가 첫 시점까지 닿기 때문입니다.',
      ],
      en: [
        'In the copy task the symbol shown at the first step must be given back 19 steps later. Train the RNN first: its loss stays at chance (about 0.069), because the gradient cannot cross that distance.',
        'Now switch the cell to LSTM and train again. Within seconds the loss drops far: the cell-state highway lets the gradient reach the first step.',
      ],
    },
    tryIt: {
      ko: '"학습 시작"을 누르고, 손실이 더 내려가지 않으면 "학습 멈춤"을 누른 뒤 셀을 LSTM으로 바꿔 다시 학습하세요.',
      en: 'Press "Train"; when the loss stops falling, press "Pause training", switch the cell to LSTM and train again.',
    },
  },
];

export function chapterIndex(id: string): number {
  return CHAPTERS.findIndex((c) => c.id === id);
}
