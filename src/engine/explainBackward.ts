import { checkIndex, type Addend, type Explanation, locate, nextTime, type Operand, type PassView, type QuantityRef, sumOf, type Where } from './explain';
import { cPrevOperand, formula, gateOperand, hOperand, hPrevOperand, leaf, product, sum, topOperand, where, xOperand, yOperand } from './explainForward';
import { InputError } from './errors';
import { countsInLoss } from './loss';
import { exp } from './mathfn';
import { headStepsGradients, processingRow } from './network';
import type { LayerParams } from './params';
import { carriesFrom, layerGradients } from './recurrence';

/**
 * The backward half of "how this number is made": dL/dy_t, dL/dh_t and its two parts, dL/dc_t, the
 * gate gradients, ‖dL/dh_t‖ and one entry of a weight gradient as its sum over timesteps, each from
 * what the backward kernels (cells/*.ts) and network.ts read, recomposed in their order.
 */

export function explainBackward(pass: PassView, ref: QuantityRef): Explanation {
  switch (ref.kind) {
    case 'dy':
      return outputGrad(pass, ref);
    case 'dh':
      return stateGrad(pass, ref);
    case 'dhAbove':
      return fromAbove(pass, ref);
    case 'dhSent':
      return sentBack(pass, ref);
    case 'dc':
      return cellGrad(pass, ref);
    case 'dgi':
    case 'dgh':
      return gateGrad(pass, ref);
    case 'norm':
      return norm(pass, ref);
    case 'wgrad':
      return weightGrad(pass, ref);
    default:
      throw new InputError(`there is no explanation of ${ref.kind}`);
  }
}



function dyOperand(pass: PassView, t: number, o: number): Operand {
  const O = pass.net.shape.outputSize;
  return { sym: 'dy', idx: [o], t, value: pass.net.dys[t * O + o], ref: { kind: 'dy', t, unit: o } };
}

function dhOperand(pass: PassView, w: Where, unit: number): Operand {
  const { ws, row, H } = locate(pass, w);
  return { sym: 'dh', idx: [unit], t: w.t, value: ws.dhs[row * H + unit], ref: { kind: 'dh', ...where(w), unit } };
}

function dcOperand(pass: PassView, w: Where, unit: number, sym: 'dc' | 'dcNext' = 'dc'): Operand {
  const { ws, row, H } = locate(pass, w);
  return { sym, idx: [unit], t: w.t, value: ws.dcs[row * H + unit], ref: { kind: 'dc', ...where(w), unit } };
}

function preGradOperand(pass: PassView, w: Where, side: 'dgi' | 'dgh', r: number): Operand {
  const { ws, row, GH, H } = locate(pass, w);
  const value = (side === 'dgi' ? ws.dgi : ws.dgh)[row * GH + r];
  return { sym: side, idx: [Math.floor(r / H), r % H], t: w.t, value, ref: { kind: side, ...where(w), gate: Math.floor(r / H), unit: r % H } };
}

/** dL/dy_t = dℓ_t/dy_t divided by T for the mean (1 for the last step alone, 0 for a step the loss does not count). */
function outputGrad(pass: PassView, ref: Extract<QuantityRef, { kind: 'dy' }>): Explanation {
  const net = pass.net;
  const O = net.shape.outputSize;
  const T = net.steps;
  checkIndex('t', ref.t, T);
  checkIndex('output', ref.unit, O);
  const { t, unit: o } = ref;
  const divisor = countsInLoss(t, T, net.lossSteps) ? (net.lossSteps === 'all' ? T : 1) : 0;
  const value = net.dys[t * O + o];
  const y = yOperand(pass, t, o);
  if (net.targets.kind === 'mse') {
    const target = net.targets.values[t * O + o];
    const scale = divisor === 0 ? 0 : 2 / (O * divisor);
    return formula(ref, 'dy.mse', value, [y, leaf('target', [o], target, t), leaf('divisor', [], divisor)], scale * (y.value - target));
  }
  const cls = net.targets.classes[t];
  let m = -Infinity;
  for (let j = 0; j < O; j++) if (net.ys[t * O + j] > m) m = net.ys[t * O + j];
  let s = 0;
  for (let j = 0; j < O; j++) s += exp(net.ys[t * O + j] - m);
  const p = exp(y.value - m) * (1 / s);
  const composed = divisor === 0 ? 0 : (o === cls ? p - 1 : p) / divisor;
  return formula(ref, 'dy.ce', value, [leaf('prob', [o], p, t), leaf('target', [], cls, t), leaf('divisor', [], divisor)], composed);
}

/** dL/dh_t = the part from above + what the next step of the walk sends back (absent at its end and at a truncation cut). */
function stateGrad(pass: PassView, ref: Extract<QuantityRef, { kind: 'dh' }>): Explanation {
  const { ws, row, H } = locate(pass, ref);
  checkIndex('unit', ref.unit, H);
  const j = ref.unit;
  const above: Operand = { sym: 'dhAbove', idx: [j], t: ref.t, value: ws.dhHead[row * H + j], ref: { kind: 'dhAbove', ...where(ref), unit: j } };
  const value = ws.dhs[row * H + j];
  const next = nextTime(ref, pass.net.steps);
  if (next === null || !carriesFrom(row, pass.net.steps, pass.truncation)) {
    return { ...formula(ref, 'dh.cut', value, [above], above.value), note: next === null ? 'last' : 'cut' };
  }
  const sent: Operand = { sym: 'dhSent', idx: [j], t: next, value: ws.dhPrev[(row + 1) * H + j], ref: { kind: 'dhSent', ...where(ref), t: next, unit: j } };
  return formula(ref, 'dh', value, [above, sent], above.value + sent.value);
}

/** The part of dL/dh_t from above: head.weightᵀ dL/dy_t for the last layer, Σ over the layer above's directions of its W_ihᵀ δ. */
function fromAbove(pass: PassView, ref: Extract<QuantityRef, { kind: 'dhAbove' }>): Explanation {
  const { ws, row, H } = locate(pass, ref);
  checkIndex('unit', ref.unit, H);
  const net = pass.net;
  const D = net.directions;
  const k = ref.direction * H + ref.unit;
  const value = ws.dhHead[row * H + ref.unit];
  const addends: Addend[] = [];
  if (ref.layer === net.numLayers - 1) {
    const O = net.shape.outputSize;
    const DH = D * H;
    for (let o = 0; o < O; o++) addends.push(product([leaf('headW', [o, k], pass.params.headW[o * DH + k]), dyOperand(pass, ref.t, o)]));
    return sum(ref, 'sum.dhAbove.head', value, addends);
  }
  const l = ref.layer + 1;
  // each direction above sends its own W_ihᵀ δ; network.ts adds the directions' sums: the same grouping here
  let composed = 0;
  for (let d = 0; d < D; d++) {
    const above = net.layers[l * D + d];
    const lp = pass.params.layers[l * D + d];
    const I = above.shape.inputSize;
    let part = 0;
    for (let r = 0; r < above.gateRows; r++) {
      const a = product([leaf('wIhAbove', [l, d, r, k], lp.wIh[r * I + k]), preGradOperand(pass, { layer: l, direction: d, t: ref.t }, 'dgi', r)]);
      addends.push(a);
      part += a.value;
    }
    composed = d === 0 ? part : composed + part;
  }
  return { ...sum(ref, 'sum.dhAbove.layer', value, addends), total: composed, composed };
}

/** What step t sends back to the state it read: W_hhᵀ δ (plus dL/dh_t ⊙ z for the GRU, whose h_t holds z ⊙ h_prev). */
function sentBack(pass: PassView, ref: Extract<QuantityRef, { kind: 'dhSent' }>): Explanation {
  const { ws, row, H, GH } = locate(pass, ref);
  checkIndex('unit', ref.unit, H);
  const j = ref.unit;
  const lp = pass.params.layers[ref.layer * pass.net.directions + ref.direction];
  const gru = ws.shape.cell === 'gru';
  const addends: Addend[] = [];
  for (let r = 0; r < GH; r++) addends.push(product([leaf('wHh', [r, j], lp.wHh[r * H + j]), preGradOperand(pass, ref, gru ? 'dgh' : 'dgi', r)]));
  if (gru) addends.push(product([dhOperand(pass, ref, j), gateOperand(pass, ref, 1, j)]));
  return sum(ref, gru ? 'sum.dhSent.gru' : 'sum.dhSent', ws.dhPrev[row * H + j], addends);
}

/** dL/dc_t = dL/dh_t ⊙ o ⊙ (1 − tanh² c_t) + dL/dc_{t+1} ⊙ f_{t+1} (the second part absent at the end of the walk and at a cut). */
function cellGrad(pass: PassView, ref: Extract<QuantityRef, { kind: 'dc' }>): Explanation {
  const { ws, row, H } = locate(pass, ref);
  if (ws.shape.cell !== 'lstm') throw new InputError('only the LSTM has a cell state');
  checkIndex('unit', ref.unit, H);
  const j = ref.unit;
  const dh = dhOperand(pass, ref, j);
  const o = gateOperand(pass, ref, 3, j);
  const tc: Operand = { sym: 'tanhC', idx: [j], t: ref.t, value: ws.tc[row * H + j], ref: { kind: 'c', ...where(ref), unit: j } };
  const local = dh.value * o.value * (1 - tc.value * tc.value);
  const value = ws.dcs[row * H + j];
  const next = nextTime(ref, pass.net.steps);
  if (next === null || !carriesFrom(row, pass.net.steps, pass.truncation)) {
    return { ...formula(ref, 'dc.cut', value, [dh, o, tc], local), note: next === null ? 'last' : 'cut' };
  }
  const w = { ...where(ref), t: next };
  const dcNext = dcOperand(pass, w, j, 'dcNext');
  const fNext = { ...gateOperand(pass, w, 1, j), sym: 'gateNext' as const };
  return formula(ref, 'dc', value, [dh, o, tc, dcNext, fNext], local + dcNext.value * fNext.value);
}

/** dL/d(pre-activation) of one gate, as the backward kernels form it (input side dgi; recurrent side dgh, different only for the GRU's n). */
function gateGrad(pass: PassView, ref: Extract<QuantityRef, { kind: 'dgi' | 'dgh' }>): Explanation {
  const { ws, row, H, GH } = locate(pass, ref);
  checkIndex('gate', ref.gate, GH / H);
  checkIndex('unit', ref.unit, H);
  const { gate, unit: j } = ref;
  const cell = ws.shape.cell;
  const value = (ref.kind === 'dgi' ? ws.dgi : ws.dgh)[row * GH + gate * H + j];
  const g = (k: number) => gateOperand(pass, ref, k, j);
  const dh = dhOperand(pass, ref, j);
  if (cell === 'rnn') {
    const h = hOperand(pass, ref, j);
    return formula(ref, 'dpre.rnn', value, [dh, h], dh.value * (1 - h.value * h.value));
  }
  if (cell === 'lstm') {
    const dc = dcOperand(pass, ref, j);
    const [i, f, gg, o] = [g(0), g(1), g(2), g(3)];
    if (gate === 0) return formula(ref, 'dpre.lstm.i', value, [dc, gg, i], dc.value * gg.value * i.value * (1 - i.value));
    if (gate === 1) {
      const cPrev = cPrevOperand(pass, ref, j);
      return formula(ref, 'dpre.lstm.f', value, [dc, cPrev, f], dc.value * cPrev.value * f.value * (1 - f.value));
    }
    if (gate === 2) return formula(ref, 'dpre.lstm.g', value, [dc, i, gg], dc.value * i.value * (1 - gg.value * gg.value));
    const tc: Operand = { sym: 'tanhC', idx: [j], t: ref.t, value: ws.tc[row * H + j], ref: { kind: 'c', ...where(ref), unit: j } };
    return formula(ref, 'dpre.lstm.o', value, [dh, tc, o], dh.value * tc.value * o.value * (1 - o.value));
  }
  const [r, z, n] = [g(0), g(1), g(2)];
  const dan = dh.value * (1 - z.value) * (1 - n.value * n.value);
  if (gate === 2 && ref.kind === 'dgh') {
    const dgi = preGradOperand(pass, ref, 'dgi', 2 * H + j);
    return formula(ref, 'dpreH.gru.n', value, [dgi, r], dgi.value * r.value);
  }
  if (gate === 0) {
    const ghN: Operand = { sym: 'gh', idx: [2, j], t: ref.t, value: ws.gh[row * GH + 2 * H + j], ref: { kind: 'gh', ...where(ref), gate: 2, unit: j } };
    return formula(ref, 'dpre.gru.r', value, [dh, z, n, ghN, r], dan * ghN.value * r.value * (1 - r.value));
  }
  if (gate === 1) {
    const hPrev = hPrevOperand(pass, ref, j);
    return formula(ref, 'dpre.gru.z', value, [dh, hPrev, n, z], dh.value * (hPrev.value - n.value) * z.value * (1 - z.value));
  }
  return formula(ref, 'dpre.gru.n', value, [dh, z, n], dan);
}

/** ‖dL/dh_t‖ = √(Σ_j (dL/dh_t[j])²), summed in the order the display does. */
function norm(pass: PassView, ref: Extract<QuantityRef, { kind: 'norm' }>): Explanation {
  const { ws, row, H } = locate(pass, ref);
  const addends: Addend[] = [];
  let s = 0;
  for (let j = 0; j < H; j++) {
    const v = ws.dhs[row * H + j];
    s += v * v;
    addends.push({ op: 'square', parts: [dhOperand(pass, ref, j)], value: v * v });
  }
  const total = sumOf(addends);
  return { ref, form: 'norm', value: Math.sqrt(s), operands: [], addends, total, composed: Math.sqrt(total), note: null };
}

/**
 * One entry of dL/dθ: the sum over timesteps of each step's contribution (processing order, as the
 * product over time adds them); over [from, to) only, the same partial sum the session hands out.
 */
function weightGrad(pass: PassView, ref: Extract<QuantityRef, { kind: 'wgrad' }>): Explanation {
  const net = pass.net;
  const T = net.steps;
  const H = net.shape.hiddenSize;
  const from = ref.from ?? 0;
  const to = ref.to ?? T;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > T || from >= to) throw new InputError(`steps [${from}, ${to}) are not inside [0, ${T})`);
  const whole = from === 0 && to === T;
  const addends: Addend[] = [];
  if (ref.field === 'headW' || ref.field === 'headB') {
    const DH = net.directions * H;
    const O = net.shape.outputSize;
    checkIndex('index', ref.index, ref.field === 'headW' ? O * DH : O);
    const o = ref.field === 'headW' ? Math.floor(ref.index / DH) : ref.index;
    const k = ref.index % DH;
    for (let t = from; t < to; t++) addends.push(product(ref.field === 'headW' ? [dyOperand(pass, t, o), topOperand(pass, t, k)] : [dyOperand(pass, t, o)], t));
    let value = pass.grads[ref.field][ref.index];
    if (!whole) {
      const part = { headW: new Float64Array(pass.grads.headW.length), headB: new Float64Array(pass.grads.headB.length) };
      headStepsGradients(net, part, from, to);
      value = part[ref.field][ref.index];
    }
    return sum(ref, 'sum.wgrad', value, addends);
  }
  const { ws } = locate(pass, { layer: ref.layer, direction: ref.direction, t: 0 });
  const I = ws.shape.inputSize;
  let lg: LayerParams = pass.grads.layers[ref.layer * net.directions + ref.direction];
  const width = ref.field === 'wIh' ? I : ref.field === 'wHh' ? H : 1;
  checkIndex('index', ref.index, lg[ref.field].length);
  if (!whole) {
    lg = { wIh: new Float64Array(lg.wIh.length), wHh: new Float64Array(lg.wHh.length), bIh: new Float64Array(lg.bIh.length), bHh: new Float64Array(lg.bHh.length) };
    layerGradients(ws, lg, from, to);
  }
  const r = Math.floor(ref.index / width);
  const k = ref.index % width;
  for (let s = from; s < to; s++) {
    const w = { layer: ref.layer, direction: ref.direction, t: processingRow(T, ref.direction, s) };
    const side = ref.field === 'wIh' || ref.field === 'bIh' ? 'dgi' : 'dgh';
    const delta = preGradOperand(pass, w, side, r);
    const parts = ref.field === 'wIh' ? [delta, xOperand(pass, w, k)] : ref.field === 'wHh' ? [delta, hPrevOperand(pass, w, k)] : [delta];
    addends.push(product(parts, w.t));
  }
  return sum(ref, 'sum.wgrad', lg[ref.field][ref.index], addends);
}
