/**
 * Presets: configurations chosen so that each claim of the lesson shows, robustly, over many
 * seeds (claims.test.ts runs every claim on them). Plain data the app can open: a model (what
 * ModelSpec holds, plus the GRU's update-gate bias), data (DataSpec plus loss steps and an input
 * scale), and for the claims about training the optimiser settings and an iteration budget.
 *
 * Values the app does not accept in a link today (it knows forgetBias 0 or 1 and W_hh scales
 * 0.05–8 only): forgetBias 3 and 5, updateBias (new), inputScale (new), lossSteps 'last'.
 */
import type { ModelChoice } from '../engine/init';
import type { LossSteps } from '../engine/loss';
import type { TaskId } from '../engine/tasks';
import type { OptimizerKind } from '../engine/train';
import type { Lang } from './i18n';

/** A preset's model: what the app's worker is asked to initialise (the default seed; the claims test runs others too). */
export type PresetModel = ModelChoice;

export interface PresetData {
  task: TaskId;
  steps: number;
  /** truncated-BPTT block length; 0 = full BPTT */
  truncation: number;
  lossSteps: LossSteps;
  /** copy task: number of symbols */
  symbols?: number;
  /** multiplies every input (tasks.ts); 1 when absent */
  inputScale?: number;
}

export interface PresetTraining {
  optimizer: OptimizerKind;
  lr: number;
  /** global-norm clipping threshold; 0 = off */
  clip: number;
  batch: number;
  /** how many iterations the claim's budget allows */
  iterations: number;
}

export interface Preset {
  id: string;
  /** the lesson chapter it belongs to (lessons.ts ids) */
  chapter: string;
  title: Record<Lang, string>;
  model: PresetModel;
  data: PresetData;
  training?: PresetTraining;
}

const pytorch = { init: 'pytorch' as const, hhScale: 1, forgetBias: 0, updateBias: 0, seed: 1 };

/** The copy task with the loss on the answer only: what the last step needs is T − 1 steps back. */
const copyLast = (steps: number, symbols = 4): PresetData => ({ task: 'copy', steps, truncation: 0, lossSteps: 'last', symbols });

export const PRESETS = {
  /** Vanishing: ρ(W_hh) < 1 and tanh′ ≤ 1, thirty times over. */
  vanishing: {
    id: 'vanishing',
    chapter: 'vanishing',
    title: { ko: '기울기 소실: 마지막 시점의 손실만 있는 RNN', en: 'Vanishing: an RNN with the loss on the last step only' },
    model: { ...pytorch, cell: 'rnn', hidden: 16 },
    data: copyLast(30),
  },
  /**
   * Exploding: W_hh = 1.15 × an orthogonal matrix (every singular value 1.15), zero biases, and
   * inputs scaled by 1e-6 so that h stays in tanh's linear region over all 80 steps: each step
   * back multiplies the gradient by 1.15, and nothing saturates to stop it.
   */
  exploding: {
    id: 'exploding',
    chapter: 'exploding',
    title: { ko: '기울기 폭발: tanh의 선형 구간에 머무는 RNN', en: 'Exploding: an RNN kept in tanh\'s linear region' },
    model: { ...pytorch, cell: 'rnn', hidden: 16, init: 'orthogonal', hhScale: 1.15 },
    data: { task: 'sine', steps: 80, truncation: 0, lossSteps: 'last', inputScale: 1e-6 },
    training: { optimizer: 'sgd', lr: 0.1, clip: 0, batch: 8, iterations: 30 },
  },
  /** The same run with clipping on: the one difference. */
  explodingClipped: {
    id: 'explodingClipped',
    chapter: 'exploding',
    title: { ko: '같은 학습, 기울기 자르기 켬', en: 'The same training, with clipping on' },
    model: { ...pytorch, cell: 'rnn', hidden: 16, init: 'orthogonal', hhScale: 1.15 },
    data: { task: 'sine', steps: 80, truncation: 0, lossSteps: 'last', inputScale: 1e-6 },
    training: { optimizer: 'sgd', lr: 0.1, clip: 1, batch: 8, iterations: 30 },
  },
  /**
   * Saturation: W_hh = 8 × an orthogonal matrix, so ρ = ‖W_hh‖₂ = 8, and yet the gradient
   * vanishes: the states sit at ±1, where tanh′ ≈ 0. (With H = 16 the same scale usually makes
   * the state chaotic and the gradient explode instead; H = 4 settles.)
   */
  saturation: {
    id: 'saturation',
    chapter: 'vanishing',
    title: { ko: '포화: W_hh가 커도 기울기가 사라지는 경우', en: 'Saturation: a large W_hh, and the gradient vanishes anyway' },
    model: { ...pytorch, cell: 'rnn', hidden: 4, init: 'orthogonal', hhScale: 8 },
    data: { task: 'sine', steps: 40, truncation: 0, lossSteps: 'last' },
  },
  /** LSTM whose forget gates start near 1 (f ≈ σ(5) ≈ 0.993): the cell-state highway is open. */
  highwayOpen: {
    id: 'highwayOpen',
    chapter: 'lstm',
    title: { ko: 'LSTM 고속도로 열림: 망각 게이트 편향 +5', en: 'LSTM highway open: forget bias +5' },
    model: { ...pytorch, cell: 'lstm', hidden: 16, forgetBias: 5 },
    data: copyLast(30),
  },
  /** The same LSTM with PyTorch's own initialisation (f ≈ σ(0) = 0.5): the highway leaks. */
  highwayClosed: {
    id: 'highwayClosed',
    chapter: 'lstm',
    title: { ko: 'LSTM 고속도로 닫힘: 망각 게이트 편향 0', en: 'LSTM highway closed: forget bias 0' },
    model: { ...pytorch, cell: 'lstm', hidden: 16, forgetBias: 0 },
    data: copyLast(30),
  },
  /** GRU whose update gates start near 1 (z ≈ σ(5)): the direct path h_{t−1} → h_t is open. */
  zPathOpen: {
    id: 'zPathOpen',
    chapter: 'gru',
    title: { ko: 'GRU 지름길 열림: 업데이트 게이트 편향 +5', en: 'GRU shortcut open: update-gate bias +5' },
    model: { ...pytorch, cell: 'gru', hidden: 16, updateBias: 5 },
    data: copyLast(30),
  },
  zPathClosed: {
    id: 'zPathClosed',
    chapter: 'gru',
    title: { ko: 'GRU 지름길 닫힘: 업데이트 게이트 편향 0', en: 'GRU shortcut closed: update-gate bias 0' },
    model: { ...pytorch, cell: 'gru', hidden: 16, updateBias: 0 },
    data: copyLast(30),
  },
  /**
   * The three cells on the same data and seed, shortcuts open (gate bias 3 for the LSTM's f and
   * the GRU's z). Open it with cell 'rnn', 'lstm' or 'gru'; the gate biases only touch their cell.
   */
  comparison: {
    id: 'comparison',
    chapter: 'gru',
    title: { ko: 'RNN · LSTM · GRU: 같은 데이터, 같은 시드', en: 'RNN · LSTM · GRU: same data, same seed' },
    model: { ...pytorch, cell: 'rnn', hidden: 16, forgetBias: 3, updateBias: 3 },
    data: copyLast(30),
  },
  /**
   * Depth: three stacked tanh RNN layers (PyTorch num_layers = 3), the loss on the last step only.
   * Layer l ≥ 1 reads layer l − 1's h_t; at the last step the gradient reaches the layers below
   * only from above, one W_ihᵀ at a time, and in the top layer earlier steps only from t + 1.
   */
  depthRnn: {
    id: 'depthRnn',
    chapter: 'depth',
    title: { ko: '세 층 RNN: 마지막 시점의 손실만', en: 'A three-layer RNN, loss on the last step' },
    model: { ...pytorch, cell: 'rnn', hidden: 16, layers: 3 },
    data: copyLast(20),
  },
  /** Two layers, both directions, the loss at every step: layer 1 reads [forward h_t, reverse h_t]. */
  depthBidirectional: {
    id: 'depthBidirectional',
    chapter: 'depth',
    title: { ko: '두 층 양방향 RNN', en: 'A two-layer bidirectional RNN' },
    model: { ...pytorch, cell: 'rnn', hidden: 8, layers: 2, bidirectional: true },
    data: { task: 'sine', steps: 16, truncation: 0, lossSteps: 'all' },
  },
  /** The three-layer network as a GRU with its shortcut along time open (update-gate bias +5). */
  depthGru: {
    id: 'depthGru',
    chapter: 'depth',
    title: { ko: '세 층 GRU: 업데이트 게이트 편향 +5', en: 'A three-layer GRU: update-gate bias +5' },
    model: { ...pytorch, cell: 'gru', hidden: 16, layers: 3, updateBias: 5 },
    data: copyLast(20),
  },
  /** The same as an LSTM with its cell-state highway open (forget bias +5). */
  depthLstm: {
    id: 'depthLstm',
    chapter: 'depth',
    title: { ko: '세 층 LSTM: 망각 게이트 편향 +5', en: 'A three-layer LSTM: forget bias +5' },
    model: { ...pytorch, cell: 'lstm', hidden: 16, layers: 3, forgetBias: 5 },
    data: copyLast(20),
  },
  /**
   * Long memory: recall a bit seen 39 steps earlier. Xavier initialisation (zero biases, so the
   * cell state does not drift) and inputs × 3, so that the LSTM's memory is big enough to read.
   * Open with cell 'rnn' or 'lstm'; forget bias 5 keeps the LSTM's highway open (0.993³⁹ ≈ 0.76).
   */
  longMemory: {
    id: 'longMemory',
    chapter: 'train',
    title: { ko: '긴 기억: 39개 시점 전의 기호 되살리기', en: 'Long memory: recall a symbol from 39 steps back' },
    model: { ...pytorch, cell: 'lstm', hidden: 8, init: 'xavier', forgetBias: 5 },
    data: { task: 'copy', steps: 40, truncation: 0, lossSteps: 'last', symbols: 2, inputScale: 3 },
    training: { optimizer: 'adam', lr: 0.01, clip: 1, batch: 8, iterations: 200 },
  },
  /** Truncated BPTT: blocks of 4 on 16 steps; the state runs on, the gradient stops at each cut. */
  truncated: {
    id: 'truncated',
    chapter: 'truncated',
    title: { ko: '절단된 BPTT: k = 4', en: 'Truncated BPTT: k = 4' },
    model: { ...pytorch, cell: 'rnn', hidden: 4 },
    data: { task: 'sine', steps: 16, truncation: 4, lossSteps: 'all' },
  },
} as const satisfies Record<string, Preset>;

export type PresetId = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];
