/**
 * Predict, then reveal: questions about the step about to be shown, made from the live numbers (so
 * every seed and step asks something new), each with its check and a one-line explanation built
 * from the numbers. Pure content: the numbers come in through a PredictView, which the state fills
 * from the worker's snapshot; nothing here computes a network number.
 */
import type { Lang } from './i18n';
import type { CellType } from '../engine/params';
import type { QuantityRef } from '../engine/explain';

/** What a question may read of the step about to be revealed (and of the step shown before it). */
export interface PredictView {
  seed: number;
  cell: CellType;
  phase: 'forward' | 'backward';
  t: number;
  layer: number;
  direction: number;
  hidden: number;
  truncation: number;
  /** the unit the reader selected, or null */
  unit: number | null;
  /** forward: each gate's pre-activation and value at t (the RNN: one entry, h = tanh(a)) */
  gates: { name: string; pre: Float64Array; act: Float64Array }[];
  /** backward: dL/dh_t, its part from above and the part the next step of the walk sent back (0 when none reached it) */
  dh: Float64Array;
  dhAbove: Float64Array;
  dhNext: Float64Array;
  /** the step whose gradient reaches t along the walk (null at its end), and whether a truncation cut stops it */
  nextT: number | null;
  cutNext: boolean;
  /** ‖dL/dh_t‖ at t, and at the step the backward walk showed just before (null when there is none) */
  norm: number;
  shownNorm: number | null;
  shownT: number | null;
}

export type ItemKind = 'gate' | 'closest' | 'dh' | 'normDir' | 'cut';
export const ITEM_KINDS: readonly ItemKind[] = ['gate', 'closest', 'dh', 'normDir', 'cut'];

type Text = Record<Lang, string>;

export type PredictItem =
  /** `of`: what the answer is, so the reveal can open "How this number is made" on it */
  | { kind: ItemKind; id: string; type: 'number'; prompt: Text; answer: number; tolerance: number; explain: Text; of: QuantityRef }
  | { kind: ItemKind; id: string; type: 'choice'; prompt: Text; choices: { value: string; label: Text }[]; answer: string; explain: Text };

/** A number in a sentence: four significant digits (the check's tolerance is far coarser). */
export function show(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(3);
  return s.replace('-', '−');
}

const both = (en: string, ko: string): Text => ({ en, ko });

/** The unit a question is about: the selected one, else one picked from the seed and the step. */
function unitOf(v: PredictView): number {
  return v.unit !== null && v.unit < v.hidden ? v.unit : (v.seed * 7 + v.t * 3 + v.layer) % v.hidden;
}

function gateItem(v: PredictView): PredictItem | null {
  if (v.phase !== 'forward' || v.gates.length === 0) return null;
  const u = unitOf(v);
  const gi = (v.seed + v.t) % v.gates.length;
  const g = v.gates[gi];
  const at = { layer: v.layer, direction: v.direction, t: v.t, unit: u };
  const pre = g.pre[u];
  const act = g.act[u];
  const tanhLike = v.cell === 'rnn' || g.name === 'g' || g.name === 'n';
  const fn = tanhLike ? 'tanh' : 'σ';
  const name = v.cell === 'rnn' ? 'h' : g.name;
  const sat = Math.abs(pre) > 2.5;
  let why: Text;
  if (!tanhLike) {
    why = pre >= 0 ? both('the pre-activation is positive, so the gate is more open than closed', '사전 활성값이 양수라서 게이트가 닫힌 쪽보다 열린 쪽에 가깝습니다') : both('the pre-activation is negative, so the gate is more closed than open', '사전 활성값이 음수라서 게이트가 열린 쪽보다 닫힌 쪽에 가깝습니다');
  } else {
    why = pre >= 0 ? both('tanh keeps the sign of its input: positive', 'tanh는 입력의 부호를 유지합니다: 양수') : both('tanh keeps the sign of its input: negative', 'tanh는 입력의 부호를 유지합니다: 음수');
  }
  const satText = sat ? both(', and it is saturated (near its limit, where its slope is almost 0)', ', 그리고 포화되어 한계값 가까이에 있습니다 (기울기가 거의 0)') : both('', '');
  const f = `${name} = ${fn}(${show(pre)}) = ${show(act)}: `;
  return {
    kind: 'gate',
    id: `gate:${v.layer}:${v.direction}:${v.t}:${g.name}:${u}`,
    type: 'number',
    prompt: both(
      `Step t = ${v.t}, unit ${u}: its pre-activation is ${show(pre)}. What will ${name}_t = ${fn}(${show(pre)}) be?`,
      `스텝 t = ${v.t}, 유닛 ${u}: 사전 활성값은 ${show(pre)}입니다. ${name}_t = ${fn}(${show(pre)})는 얼마일까요?`,
    ),
    answer: act,
    tolerance: 0.02,
    of: v.cell === 'rnn' ? { kind: 'h', ...at } : { kind: 'gate', ...at, gate: gi },
    explain: { en: f + why.en + satText.en + '.', ko: f + why.ko + satText.ko + '.' },
  };
}

function closestItem(v: PredictView): PredictItem | null {
  if (v.phase !== 'forward' || v.cell === 'rnn' || v.gates.length < 2) return null;
  const u = unitOf(v);
  let best = 0;
  v.gates.forEach((g, k) => {
    if (Math.abs(g.act[u]) < Math.abs(v.gates[best].act[u])) best = k;
  });
  const list = v.gates.map((g) => `${g.name} ${show(g.act[u])}`).join(', ');
  const w = v.gates[best];
  return {
    kind: 'closest',
    id: `closest:${v.layer}:${v.direction}:${v.t}:${u}`,
    type: 'choice',
    prompt: both(`Step t = ${v.t}, unit ${u}: which gate will be closest to 0?`, `스텝 t = ${v.t}, 유닛 ${u}: 어느 게이트가 0에 가장 가까울까요?`),
    choices: v.gates.map((g) => ({ value: g.name, label: both(g.name, g.name) })),
    answer: w.name,
    explain: both(
      `${w.name} = ${show(w.act[u])} is the smallest in size (${list}): its pre-activation ${show(w.pre[u])} is the one nearest to where the gate shuts.`,
      `${w.name} = ${show(w.act[u])}의 크기가 가장 작습니다 (${list}): 사전 활성값 ${show(w.pre[u])}이 게이트가 닫히는 쪽에 가장 가깝습니다.`,
    ),
  };
}

function dhItem(v: PredictView): PredictItem | null {
  if (v.phase !== 'backward') return null;
  const u = unitOf(v);
  const above = v.dhAbove[u];
  const next = v.dhNext[u];
  const dh = v.dh[u];
  const none = v.nextT === null || v.cutNext;
  const from = v.nextT === null ? '' : String(v.nextT);
  return {
    kind: 'dh',
    id: `dh:${v.layer}:${v.direction}:${v.t}:${u}`,
    type: 'number',
    prompt: none
      ? both(
          `Step t = ${v.t}, unit ${u}: the part of ∂L/∂h_t from above is ${show(above)}, and ${v.nextT === null ? 'no later step sends anything back' : `a truncation cut stops what step ${from} sends back`}. What is ∂L/∂h_t?`,
          `스텝 t = ${v.t}, 유닛 ${u}: ∂L/∂h_t 가운데 위에서 온 부분은 ${show(above)}이고, ${v.nextT === null ? '뒤의 스텝에서 돌아오는 것은 없습니다' : `스텝 ${from}이 되돌려 보내는 값은 절단 경계에서 멈춥니다`}. ∂L/∂h_t는 얼마일까요?`,
        )
      : both(
          `Step t = ${v.t}, unit ${u}: the part of ∂L/∂h_t from above is ${show(above)}, and step ${from} sends back ${show(next)}. What is ∂L/∂h_t?`,
          `스텝 t = ${v.t}, 유닛 ${u}: ∂L/∂h_t 가운데 위에서 온 부분은 ${show(above)}, 스텝 ${from}이 되돌려 보낸 부분은 ${show(next)}입니다. ∂L/∂h_t는 얼마일까요?`,
        ),
    answer: dh,
    tolerance: Math.max(1e-9, 0.01 * Math.abs(dh)),
    of: { kind: 'dh', layer: v.layer, direction: v.direction, t: v.t, unit: u },
    explain: none
      ? both(`∂L/∂h_t = ${show(dh)}: only the part from above reaches this step.`, `∂L/∂h_t = ${show(dh)}: 위에서 온 부분만 이 스텝에 닿습니다.`)
      : both(`∂L/∂h_t = ${show(above)} + ${show(next)} = ${show(dh)}: the two paths add.`, `∂L/∂h_t = ${show(above)} + ${show(next)} = ${show(dh)}: 두 경로의 값이 더해집니다.`),
  };
}

function normDirItem(v: PredictView): PredictItem | null {
  if (v.phase !== 'backward' || v.shownNorm === null || v.shownT === null) return null;
  const larger = v.norm > v.shownNorm;
  const ratio = v.shownNorm > 0 ? v.norm / v.shownNorm : Infinity;
  return {
    kind: 'normDir',
    id: `normDir:${v.layer}:${v.direction}:${v.t}`,
    type: 'choice',
    prompt: both(
      `Going back to step t = ${v.t}: will ‖∂L/∂h_t‖ be larger or smaller than at step ${v.shownT} (${show(v.shownNorm)})?`,
      `스텝 t = ${v.t}로 거슬러 가면: ‖∂L/∂h_t‖는 스텝 ${v.shownT}(${show(v.shownNorm)})보다 클까요, 작을까요?`,
    ),
    choices: [
      { value: 'larger', label: both('Larger', '더 크다') },
      { value: 'smaller', label: both('Smaller', '더 작다') },
    ],
    answer: larger ? 'larger' : 'smaller',
    explain: both(
      `‖∂L/∂h_${v.t}‖ = ${show(v.norm)} against ${show(v.shownNorm)}: ${show(ratio)} times, the gradient ${larger ? 'grew' : 'shrank'} on the way back.`,
      `‖∂L/∂h_${v.t}‖ = ${show(v.norm)}, 앞의 값은 ${show(v.shownNorm)}: ${show(ratio)}배로, 거슬러 가는 동안 그래디언트가 ${larger ? '커졌습니다' : '작아졌습니다'}.`,
    ),
  };
}

function cutItem(v: PredictView): PredictItem | null {
  if (v.phase !== 'backward' || v.nextT === null) return null;
  const k = v.truncation;
  const why: Text =
    k === 0
      ? both('k = 0: full backpropagation through time, no step is cut.', 'k = 0: 절단 없는 전체 BPTT라서 어느 스텝도 잘리지 않습니다.')
      : v.cutNext
        ? both(`k = ${k}: a new truncation block starts at step ${v.nextT}'s side of the walk, so nothing passes back to t = ${v.t}.`, `k = ${k}: 스텝 ${v.nextT} 쪽에서 새 절단 블록이 시작되므로, t = ${v.t}로는 아무것도 돌아오지 않습니다.`)
        : both(`k = ${k}: steps ${v.nextT} and ${v.t} are in the same block, so the gradient passes.`, `k = ${k}: 스텝 ${v.nextT}와 ${v.t}는 같은 블록이라 그래디언트가 지나갑니다.`);
  return {
    kind: 'cut',
    id: `cut:${v.layer}:${v.direction}:${v.t}`,
    type: 'choice',
    prompt: both(
      `Step t = ${v.t}: does a truncation cut stop the gradient from step ${v.nextT} reaching it?`,
      `스텝 t = ${v.t}: 절단(truncation) 경계가 스텝 ${v.nextT}의 그래디언트가 여기까지 오는 것을 막을까요?`,
    ),
    choices: [
      { value: 'yes', label: both('Yes, it stops', '예, 막힌다') },
      { value: 'no', label: both('No, it passes', '아니요, 지나간다') },
    ],
    answer: v.cutNext ? 'yes' : 'no',
    explain: why,
  };
}

const MAKERS: Record<ItemKind, (v: PredictView) => PredictItem | null> = { gate: gateItem, closest: closestItem, dh: dhItem, normDir: normDirItem, cut: cutItem };

/** One kind's question about this view, or null when it does not apply (a forward question going back, …). */
export function makeItem(kind: ItemKind, v: PredictView): PredictItem | null {
  return MAKERS[kind](v);
}

/** The question for this view: one of the chapter's kinds that applies (turn by turn with the step), else any kind that does. */
export function pickItem(v: PredictView, kinds: readonly ItemKind[] = ITEM_KINDS): PredictItem | null {
  for (const list of [kinds, ITEM_KINDS]) {
    const made = list.map((k) => makeItem(k, v)).filter((x): x is PredictItem => x !== null);
    if (made.length) return made[(v.t + v.seed) % made.length];
  }
  return null;
}

/** Whether an answer is right: within the tolerance for a number, the same choice otherwise. */
export function isRight(item: PredictItem, given: number | string): boolean {
  if (item.type === 'number') return typeof given === 'number' && Number.isFinite(given) && Math.abs(given - item.answer) <= item.tolerance;
  return given === item.answer;
}
