/**
 * The lesson's claims about gradients, as data: what is claimed (in Korean and English), on
 * which preset, and the conditions a test checks on the engine over many seeds
 * (claims.test.ts). The texts are templates: every number in them is filled from the claim's
 * thresholds or from the presets themselves, so the text cannot say something the test does not check.
 *
 * Thresholds are set with a margin over what was measured across seeds (the test prints the
 * measured range next to each), yet close enough to mean what the sentence says.
 */
import type { Lang } from './i18n';
import { EVAL_SEQUENCES, SATURATED_BELOW } from './claimConstants';
import type { MeasureId } from './claimMeasures';
import { PRESETS, type PresetId } from './presets';
import { DEPTH_CLAIMS } from './depthClaims';

/** How a threshold is printed: `pow10` as $10^{k}$ (the value must be a power of ten), `plain` as is, `percent` as 95%. */
export type ThresholdFormat = 'pow10' | 'plain' | 'percent';

export interface Threshold {
  value: number;
  show: ThresholdFormat;
}

export interface Condition {
  /** a quantity the claim's measure returns */
  quantity: string;
  op: '<' | '<=' | '>' | '>=';
  /** a key of the claim's thresholds, or `quantity:<name>` to compare with another measured quantity */
  than: string;
}

export interface Claim {
  id: string;
  /** the lesson chapter whose text states it (lessons.ts ids) */
  chapter: string;
  presets: readonly PresetId[];
  measure: MeasureId;
  /** the test runs seeds 1 … seeds, and every one must satisfy every condition */
  seeds: number;
  thresholds: Record<string, Threshold>;
  /** other numbers the text quotes, taken from the presets (never typed in by hand) */
  facts: Record<string, number | string>;
  conditions: readonly Condition[];
  /** templates: {name} is a threshold or a fact */
  text: Record<Lang, string>;
}

const P = PRESETS;

export const CLAIMS: readonly Claim[] = [
  {
    id: 'vanishing',
    chapter: 'vanishing',
    presets: ['vanishing'],
    measure: 'vanishing',
    seeds: 20,
    thresholds: { ratio: { value: 1e-4, show: 'pow10' }, fallPer10: { value: 10, show: 'plain' }, rho: { value: 0.9, show: 'plain' } },
    facts: { H: P.vanishing.model.hidden, T: P.vanishing.data.steps, last: P.vanishing.data.steps - 1 },
    conditions: [
      { quantity: 'ratio', op: '<', than: 'ratio' },
      { quantity: 'fallPer10', op: '>', than: 'fallPer10' },
      { quantity: 'rho', op: '<', than: 'rho' },
    ],
    text: {
      ko: '손실이 마지막 시점에만 있는 RNN(H = {H}, T = {T}, PyTorch 기본 초기화)에서 시점 {last}부터 0까지 거슬러 오르면, $\\lVert \\partial L / \\partial h_t \\rVert$는 마지막 시점 크기의 {ratio}보다 작아지고, 어느 10개 시점 구간에서든 {fallPer10}배 넘게 줄어듭니다. 로그 눈금에서 곧은 직선입니다. 까닭: $\\rho(W_{hh})$가 {rho}보다 작아서 $W_{hh}$를 거듭 곱하면 기울기가 길게 보아 한 시점에 약 $\\rho$배씩 줄어들고, 1 이하인 tanh′이 거기에 더해집니다.',
      en: 'In an RNN with the loss on the last step only (H = {H}, T = {T}, PyTorch\'s initialisation), going back from step {last} to step 0, $\\lVert \\partial L / \\partial h_t \\rVert$ ends below {ratio} of its size at the last step, and over any 10 steps it falls more than {fallPer10}-fold: a straight line on the log scale. Why: $\\rho(W_{hh})$ is below {rho}, so multiplying by $W_{hh}$ again and again shrinks any gradient, in the long run by about $\\rho$ per step, and tanh′ ≤ 1 only adds to that.',
    },
  },
  {
    id: 'exploding-growth',
    chapter: 'exploding',
    presets: ['exploding'],
    measure: 'explodingGrowth',
    seeds: 20,
    thresholds: { ratio: { value: 1e4, show: 'pow10' }, growthPer10: { value: 3.5, show: 'plain' }, minTanhPrime: { value: 0.95, show: 'plain' }, rho: { value: 1, show: 'plain' } },
    facts: { H: P.exploding.model.hidden, T: P.exploding.data.steps, last: P.exploding.data.steps - 1, scale: P.exploding.model.hhScale, inputScale: formatThreshold({ value: P.exploding.data.inputScale, show: 'pow10' }) },
    conditions: [
      { quantity: 'ratio', op: '>', than: 'ratio' },
      { quantity: 'hPath0', op: '>', than: 'ratio' },
      { quantity: 'growthPer10', op: '>', than: 'growthPer10' },
      { quantity: 'minTanhPrime', op: '>', than: 'minTanhPrime' },
      { quantity: 'rho', op: '>', than: 'rho' },
    ],
    text: {
      ko: '입력을 {inputScale}배로 줄여 tanh의 선형 구간에 머무는 RNN(H = {H}, T = {T}): $W_{hh}$는 직교 행렬의 {scale}배라서 $\\rho(W_{hh}) = \\lVert W_{hh} \\rVert_2 = {scale}$로 {rho}보다 크고, tanh′은 모든 시점·유닛에서 {minTanhPrime}보다 큽니다. 그러면 한 시점 거슬러 갈 때마다 $\\lVert \\partial L / \\partial h_t \\rVert$에 약 {scale}가 곱해져, 어느 10개 시점 구간에서든 {growthPer10}배 넘게 커지고 시점 0에서는 시점 {last}의 {ratio}배를 넘습니다. 야코비안 $\\lVert \\partial h_{{last}} / \\partial h_0 \\rVert_2$도 {ratio}보다 큽니다.',
      en: 'An RNN kept in tanh\'s linear region by inputs scaled by {inputScale} (H = {H}, T = {T}): $W_{hh}$ is {scale} × an orthogonal matrix, so $\\rho(W_{hh}) = \\lVert W_{hh} \\rVert_2 = {scale}$, above {rho}, and tanh′ stays above {minTanhPrime} at every step and unit. Then every step back multiplies $\\lVert \\partial L / \\partial h_t \\rVert$ by about {scale}: it grows more than {growthPer10}-fold over any 10 steps, and at step 0 it is more than {ratio} times its size at step {last}. So is the Jacobian: $\\lVert \\partial h_{{last}} / \\partial h_0 \\rVert_2 >$ {ratio}.',
    },
  },
  {
    id: 'exploding-clipping',
    chapter: 'exploding',
    presets: ['exploding', 'explodingClipped'],
    measure: 'clipping',
    seeds: 10,
    thresholds: { firstGradNorm: { value: 1e3, show: 'pow10' }, unclippedWorst: { value: 1e6, show: 'pow10' }, clippedWorst: { value: 10, show: 'plain' } },
    facts: { lr: P.exploding.training.lr, batch: P.exploding.training.batch, iterations: P.exploding.training.iterations, clip: P.explodingClipped.training.clip },
    conditions: [
      { quantity: 'firstGradNorm', op: '>', than: 'firstGradNorm' },
      { quantity: 'unclippedWorst', op: '>', than: 'unclippedWorst' },
      { quantity: 'clippedWorst', op: '<', than: 'clippedWorst' },
    ],
    text: {
      ko: '같은 RNN을 그냥 SGD(학습률 {lr}, 배치 {batch})로 학습하면 첫 기울기부터 노름이 {firstGradNorm}보다 큽니다. 기울기 자르기를 끄면 {iterations}번 안에 손실이 처음 값의 {unclippedWorst}배를 넘어 폭주합니다. 기울기 노름을 {clip}로 자르면 같은 {iterations}번 동안 손실이 처음 값의 {clippedWorst}배를 넘지 않습니다.',
      en: 'Train that RNN with plain SGD (learning rate {lr}, batch {batch}) and the very first gradient has a norm above {firstGradNorm}. With clipping off, within {iterations} iterations the loss blows up past {unclippedWorst} times its first value. With the gradient clipped to norm {clip}, over the same {iterations} iterations the loss never exceeds {clippedWorst} times its first value.',
    },
  },
  {
    id: 'saturation',
    chapter: 'vanishing',
    presets: ['saturation'],
    measure: 'saturation',
    seeds: 20,
    thresholds: { hPath0: { value: 1e-4, show: 'pow10' }, medianTanhPrime: { value: 0.02, show: 'plain' }, saturatedShare: { value: 0.6, show: 'percent' }, rho: { value: 1, show: 'plain' } },
    facts: { H: P.saturation.model.hidden, T: P.saturation.data.steps, last: P.saturation.data.steps - 1, scale: P.saturation.model.hhScale, cutoff: SATURATED_BELOW },
    conditions: [
      { quantity: 'rho', op: '>', than: 'rho' },
      { quantity: 'hPath0', op: '<', than: 'hPath0' },
      { quantity: 'medianTanhPrime', op: '<', than: 'medianTanhPrime' },
      { quantity: 'saturatedShare', op: '>', than: 'saturatedShare' },
    ],
    text: {
      ko: '$W_{hh}$를 직교 행렬의 {scale}배로 키운 RNN(H = {H}, T = {T}): $\\rho(W_{hh}) = {scale}$로 {rho}보다 훨씬 큰데도 $\\lVert \\partial h_{{last}} / \\partial h_0 \\rVert_2$는 {hPath0}보다 작습니다. 시점별 숫자가 까닭을 말해 줍니다: 상태가 ±1 근처에 붙어 tanh′이 거의 0입니다. 모든 시점·유닛의 tanh′ 중앙값이 {medianTanhPrime}보다 작고, {saturatedShare} 넘게 {cutoff}보다 작습니다. ±1에 붙은 유닛은 그 시점에서 기울기를 거의 통과시키지 않습니다.',
      en: 'An RNN whose $W_{hh}$ is {scale} × an orthogonal matrix (H = {H}, T = {T}): $\\rho(W_{hh}) = {scale}$, far above {rho}, and yet $\\lVert \\partial h_{{last}} / \\partial h_0 \\rVert_2$ is below {hPath0}. The per-step numbers say why: the states cling to ±1, where tanh′ is almost 0. Over all steps and units the median tanh′ is below {medianTanhPrime}, and more than {saturatedShare} of them are below {cutoff}; a unit stuck at ±1 passes almost nothing back through its step.',
    },
  },
  {
    id: 'lstm-highway',
    chapter: 'lstm',
    presets: ['highwayOpen', 'highwayClosed'],
    measure: 'highway',
    seeds: 20,
    thresholds: {
      openHighway: { value: 0.5, show: 'plain' },
      openCellGradient: { value: 0.1, show: 'plain' },
      closedHighway: { value: 1e-4, show: 'pow10' },
      closedCellGradient: { value: 1e-3, show: 'pow10' },
    },
    facts: { H: P.highwayOpen.model.hidden, T: P.highwayOpen.data.steps, last: P.highwayOpen.data.steps - 1, openBias: P.highwayOpen.model.forgetBias, closedBias: P.highwayClosed.model.forgetBias },
    conditions: [
      { quantity: 'openHighway', op: '>', than: 'openHighway' },
      { quantity: 'openCellGradient', op: '>', than: 'openCellGradient' },
      { quantity: 'closedHighway', op: '<', than: 'closedHighway' },
      { quantity: 'closedCellGradient', op: '<', than: 'closedCellGradient' },
    ],
    text: {
      ko: 'LSTM(H = {H}, T = {T})에서 망각 게이트 편향을 {openBias} 더하면 $f$가 1 가까이에서 시작해, 마지막 시점부터 시점 0까지의 고속도로 $\\prod f$가 가장 큰 유닛에서 {openHighway}보다 크게 남고, $\\lVert \\partial L / \\partial c_0 \\rVert$도 $\\lVert \\partial L / \\partial c_{{last}} \\rVert$의 {openCellGradient}보다 큽니다. 편향이 {closedBias}(PyTorch 그대로)이면 같은 곱이 {closedHighway}보다 작고, $\\lVert \\partial L / \\partial c_0 \\rVert$도 $\\lVert \\partial L / \\partial c_{{last}} \\rVert$의 {closedCellGradient}보다 작습니다. 무엇을 남길지는 망각 게이트가 정합니다.',
      en: 'In an LSTM (H = {H}, T = {T}) with {openBias} added to the forget-gate bias, $f$ starts near 1: the highway $\\prod f$ from the last step back to step 0 keeps more than {openHighway} for its best unit, and $\\lVert \\partial L / \\partial c_0 \\rVert$ is more than {openCellGradient} of $\\lVert \\partial L / \\partial c_{{last}} \\rVert$. With bias {closedBias} (PyTorch as is), the same product is below {closedHighway}, and $\\lVert \\partial L / \\partial c_0 \\rVert$ is below {closedCellGradient} of $\\lVert \\partial L / \\partial c_{{last}} \\rVert$. The forget gate decides what is kept.',
    },
  },
  {
    id: 'gru-z-path',
    chapter: 'gru',
    presets: ['zPathOpen', 'zPathClosed'],
    measure: 'zPath',
    seeds: 20,
    thresholds: { openZ: { value: 0.5, show: 'plain' }, openFull: { value: 0.5, show: 'plain' }, closedZ: { value: 1e-3, show: 'pow10' }, closedFull: { value: 1e-3, show: 'pow10' } },
    facts: { H: P.zPathOpen.model.hidden, T: P.zPathOpen.data.steps, last: P.zPathOpen.data.steps - 1, openBias: P.zPathOpen.model.updateBias, closedBias: P.zPathClosed.model.updateBias },
    conditions: [
      { quantity: 'openZ', op: '>', than: 'openZ' },
      { quantity: 'openFull', op: '>', than: 'openFull' },
      { quantity: 'closedZ', op: '<', than: 'closedZ' },
      { quantity: 'closedFull', op: '<', than: 'closedFull' },
    ],
    text: {
      ko: 'GRU(H = {H}, T = {T})에서 업데이트 게이트 $z$의 편향을 {openBias} 더하면 $z$가 1 가까이에서 시작해, 옛 상태를 그대로 넘기는 지름길 $\\prod z$가 마지막 시점부터 시점 0까지 {openZ}보다 크게 남고, 야코비안 전체 $\\lVert \\partial h_{{last}} / \\partial h_0 \\rVert_2$도 {openFull}보다 큽니다. 편향이 {closedBias}이면 $\\prod z$는 {closedZ}보다, 야코비안은 {closedFull}보다 작습니다.',
      en: 'In a GRU (H = {H}, T = {T}) with {openBias} added to the update gate\'s bias, $z$ starts near 1: the shortcut $\\prod z$ that hands the old state straight on keeps more than {openZ} from the last step back to step 0, and the whole Jacobian $\\lVert \\partial h_{{last}} / \\partial h_0 \\rVert_2$ stays above {openFull}. With bias {closedBias}, $\\prod z$ is below {closedZ} and the Jacobian below {closedFull}.',
    },
  },
  {
    id: 'long-memory',
    chapter: 'train',
    presets: ['longMemory'],
    measure: 'longMemory',
    seeds: 10,
    thresholds: {
      rnnAccuracy: { value: 0.8, show: 'percent' },
      rnnLoss: { value: 0.6, show: 'plain' },
      lstmAccuracy: { value: 0.95, show: 'percent' },
      lstmLoss: { value: 0.05, show: 'plain' },
    },
    facts: {
      H: P.longMemory.model.hidden,
      gap: P.longMemory.data.steps - 1,
      symbols: P.longMemory.data.symbols,
      chance: `${Math.round(100 / P.longMemory.data.symbols)}%`,
      chanceLoss: Math.log(P.longMemory.data.symbols).toFixed(2),
      lr: P.longMemory.training.lr,
      batch: P.longMemory.training.batch,
      clip: P.longMemory.training.clip,
      iterations: P.longMemory.training.iterations,
      forgetBias: P.longMemory.model.forgetBias,
      count: EVAL_SEQUENCES,
    },
    conditions: [
      { quantity: 'rnnAccuracy', op: '<', than: 'rnnAccuracy' },
      { quantity: 'rnnLoss', op: '>', than: 'rnnLoss' },
      { quantity: 'lstmAccuracy', op: '>', than: 'lstmAccuracy' },
      { quantity: 'lstmLoss', op: '<', than: 'lstmLoss' },
    ],
    text: {
      ko: '기호 {symbols}개 중 하나를 보고 {gap}개 시점 뒤에 되말하는 복사 과제(손실은 마지막 시점에만, H = {H}, Adam 학습률 {lr}, 배치 {batch}, 기울기 자르기 {clip})로 {iterations}번 학습한 뒤 새 시퀀스 {count}개에 답하게 하면: LSTM(망각 게이트 편향 {forgetBias})은 {lstmAccuracy} 넘게 맞히고 손실이 {lstmLoss}보다 작습니다. RNN은 많아야 {rnnAccuracy}를 맞힐 뿐이고(찍어서 맞힐 확률 {chance}), 손실도 {rnnLoss}보다 커서 우연 수준 ln {symbols} ≈ {chanceLoss} 근처에 머뭅니다.',
      en: 'Copy task: one of {symbols} symbols, to be given back {gap} steps later (loss on the last step only; H = {H}; Adam, learning rate {lr}, batch {batch}, gradient clipping at {clip}). After {iterations} iterations, answering {count} new sequences: the LSTM (forget bias {forgetBias}) gets more than {lstmAccuracy} right, with loss below {lstmLoss}. The RNN gets at most {rnnAccuracy} right (guessing gives {chance}), and its loss stays above {rnnLoss}, near chance, ln {symbols} ≈ {chanceLoss}.',
    },
  },
  {
    id: 'truncated-bptt',
    chapter: 'truncated',
    presets: ['truncated'],
    measure: 'truncated',
    seeds: 20,
    thresholds: { forwardDiff: { value: 0, show: 'plain' }, acrossCut: { value: 0, show: 'plain' }, insideBlock: { value: 1e-5, show: 'pow10' }, gradientChange: { value: 0.01, show: 'plain' } },
    facts: { k: P.truncated.data.truncation, T: P.truncated.data.steps },
    conditions: [
      { quantity: 'forwardDiff', op: '<=', than: 'forwardDiff' },
      { quantity: 'lossDiff', op: '<=', than: 'forwardDiff' },
      { quantity: 'acrossCut', op: '<=', than: 'acrossCut' },
      { quantity: 'insideBlock', op: '>', than: 'insideBlock' },
      { quantity: 'gradientChange', op: '>', than: 'gradientChange' },
    ],
    text: {
      ko: 'T = {T}개 시점을 k = {k}로 자르면, 순전파는 자르지 않았을 때와 비트 하나까지 같습니다(어느 $h_t$에서든 차이 {forwardDiff}, 손실도 같음). 역전파에서 자른 경계를 넘는 기울기는 정확히 {acrossCut}이고, 블록 안에서는 매 시점 {insideBlock}보다 큰 기울기가 앞 시점으로 넘어갑니다. 그래서 $W_{hh}$의 기울기는 전체 BPTT의 것과 상대적으로 {gradientChange} 넘게 다릅니다.',
      en: 'Cutting T = {T} steps into blocks of k = {k}, the forward pass is the same as without cuts, bit for bit (a difference of {forwardDiff} in every $h_t$, and in the loss). Going back, the gradient crossing a cut is exactly {acrossCut}, while inside a block every step passes more than {insideBlock} on to the step before. So the gradient of $W_{hh}$ differs from full BPTT\'s, by more than {gradientChange} relative.',
    },
  },
  {
    id: 'comparison',
    chapter: 'gru',
    presets: ['comparison'],
    measure: 'comparison',
    seeds: 20,
    thresholds: {
      rnnH: { value: 1e-4, show: 'pow10' },
      lstmC: { value: 0.05, show: 'plain' },
      lstmHighway: { value: 0.1, show: 'plain' },
      gruH: { value: 0.05, show: 'plain' },
      gruZ: { value: 0.1, show: 'plain' },
    },
    facts: { H: P.comparison.model.hidden, T: P.comparison.data.steps, bias: P.comparison.model.forgetBias },
    conditions: [
      { quantity: 'rnnH', op: '<', than: 'rnnH' },
      { quantity: 'lstmC', op: '>', than: 'lstmC' },
      { quantity: 'lstmHighway', op: '>', than: 'lstmHighway' },
      { quantity: 'gruH', op: '>', than: 'gruH' },
      { quantity: 'gruZ', op: '>', than: 'gruZ' },
      { quantity: 'lstmH', op: '<', than: 'quantity:lstmC' },
    ],
    text: {
      ko: '같은 데이터, 같은 시드, T = {T}, H = {H}에서 마지막 시점부터 시점 0까지 거슬러 오르면: RNN에는 $\\lVert \\partial L / \\partial h \\rVert$의 {rnnH}도 남지 않습니다. 남길 게이트를 1 가까이에서 시작한(편향 {bias}) LSTM은 기억 셀을 따라 $\\lVert \\partial L / \\partial c \\rVert$의 {lstmC} 넘게 남기고(고속도로 $\\prod f$만으로 {lstmHighway} 넘게, $h$ 경로로는 $c$ 경로보다 적게), GRU는 $\\lVert \\partial L / \\partial h \\rVert$의 {gruH} 넘게 남깁니다(지름길 $\\prod z$만으로 {gruZ} 넘게).',
      en: 'Same data, same seed, T = {T}, H = {H}, from the last step back to step 0: the RNN keeps less than {rnnH} of $\\lVert \\partial L / \\partial h \\rVert$. With their keep-gates starting near 1 (bias {bias}), the LSTM keeps more than {lstmC} of $\\lVert \\partial L / \\partial c \\rVert$ along its cell state (the highway $\\prod f$ alone more than {lstmHighway}; along its $h$ path, less than along $c$), and the GRU more than {gruH} of $\\lVert \\partial L / \\partial h \\rVert$ (its shortcut $\\prod z$ alone more than {gruZ}).',
    },
  },
  // the depth chapter's, kept in their own file (depthClaims.ts)
  ...DEPTH_CLAIMS,
];

/** A threshold as the text prints it. */
export function formatThreshold(t: Threshold): string {
  // (a function declaration, so CLAIMS above may use it while the module loads)
  if (t.show === 'percent') return `${+(t.value * 100).toFixed(6)}%`;
  if (t.show === 'pow10') {
    const k = Math.round(Math.log10(t.value));
    return k === 0 ? '1' : k === 1 ? '10' : `$10^{${k}}$`;
  }
  return String(t.value);
}

/** The claim's text in `lang` with every {name} filled from its thresholds and facts. */
export function claimText(claim: Claim, lang: Lang): string {
  return claim.text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name in claim.thresholds) return formatThreshold(claim.thresholds[name]);
    if (name in claim.facts) return String(claim.facts[name]);
    return whole;
  });
}

/** The claims a lesson chapter states. */
export function chapterClaims(chapter: string): Claim[] {
  return CLAIMS.filter((c) => c.chapter === chapter);
}

/** Whether a measured quantity satisfies a condition (NaN never does). */
export function conditionHolds(c: Condition, quantities: Record<string, number>, claim: Claim): boolean {
  const v = quantities[c.quantity];
  const bound = c.than.startsWith('quantity:') ? quantities[c.than.slice('quantity:'.length)] : claim.thresholds[c.than]?.value;
  if (typeof v !== 'number' || typeof bound !== 'number' || Number.isNaN(v) || Number.isNaN(bound)) return false;
  switch (c.op) {
    case '<':
      return v < bound;
    case '<=':
      return v <= bound;
    case '>':
      return v > bound;
    case '>=':
      return v >= bound;
  }
}
