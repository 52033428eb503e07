import { checkIndex, type Addend, type Explanation, type Form, locate, type Located, type Operand, type PassView, previousTime, type QuantityRef, sumOf, type Where } from './explain';
import { InputError } from './errors';
import { exp, log, sigmoid, tanh } from './mathfn';

/**
 * The forward half of "how this number is made": pre-activation parts, gates, c_t, h_t, y_t and ℓ_t,
 * each from the operands the cell kernels (cells/*.ts) and the head (recurrence.ts, loss.ts) read,
 * recomposed with the same arithmetic in the same order.
 */

/** h_t of a recurrence as an operand (openable). */
export function hOperand(pass: PassView, w: Where, unit: number): Operand {
  const { ws, row, H } = locate(pass, w);
  return { sym: 'h', idx: [unit], t: w.t, value: ws.hs[(row + 1) * H + unit], ref: { kind: 'h', ...where(w), unit } };
}

/** The state step t reads: h of the previous step in its walk (openable), or the initial state (a leaf). */
export function hPrevOperand(pass: PassView, w: Where, unit: number): Operand {
  const { ws, row, H } = locate(pass, w);
  const prev = previousTime(w, pass.net.steps);
  const value = ws.hs[row * H + unit];
  if (prev === null) return { sym: 'h0', idx: [unit], value, ref: null };
  return { sym: 'hPrev', idx: [unit], t: prev, value, ref: { kind: 'h', layer: w.layer, direction: w.direction, t: prev, unit } };
}

export function cPrevOperand(pass: PassView, w: Where, unit: number): Operand {
  const { ws, row, H } = locate(pass, w);
  const prev = previousTime(w, pass.net.steps);
  const value = ws.cs[row * H + unit];
  if (prev === null) return { sym: 'c0', idx: [unit], value, ref: null };
  return { sym: 'cPrev', idx: [unit], t: prev, value, ref: { kind: 'c', layer: w.layer, direction: w.direction, t: prev, unit } };
}

/** Entry k of the input x_t this recurrence reads: data for layer 0, the layer below's h_t above it. */
export function xOperand(pass: PassView, w: Where, k: number): Operand {
  const { ws, row } = locate(pass, w);
  const I = ws.shape.inputSize;
  const value = ws.xs[row * I + k];
  if (w.layer === 0) return { sym: 'x', idx: [k], t: w.t, value, ref: null };
  const H = pass.net.shape.hiddenSize;
  const below = { layer: w.layer - 1, direction: Math.floor(k / H), t: w.t };
  return { ...hOperand(pass, below, k % H), value };
}

export function gateOperand(pass: PassView, w: Where, gate: number, unit: number): Operand {
  const { ws, row, GH, H } = locate(pass, w);
  return { sym: 'gate', idx: [gate, unit], t: w.t, value: ws.act[row * GH + gate * H + unit], ref: { kind: 'gate', ...where(w), gate, unit } };
}

export function leaf(sym: Operand['sym'], idx: number[], value: number, t?: number): Operand {
  return t === undefined ? { sym, idx, value, ref: null } : { sym, idx, t, value, ref: null };
}

export function formula(ref: QuantityRef, form: Form, value: number, operands: Operand[], composed: number): Explanation {
  return { ref, form, value, operands, addends: [], total: 0, composed, note: null };
}

export function sum(ref: QuantityRef, form: Form, value: number, addends: Addend[], operands: Operand[] = []): Explanation {
  const total = sumOf(addends);
  return { ref, form, value, operands, addends, total, composed: total, note: null };
}

export function product(parts: Operand[], t?: number): Addend {
  let v = parts[0].value;
  for (let i = 1; i < parts.length; i++) v *= parts[i].value;
  return t === undefined ? { op: 'product', parts, value: v } : { op: 'product', parts, value: v, t };
}

export function explainForward(pass: PassView, ref: QuantityRef): Explanation | null {
  switch (ref.kind) {
    case 'gi':
    case 'gh':
      return preActivationPart(pass, ref);
    case 'gate':
      return gate(pass, ref);
    case 'h':
      return hidden(pass, ref);
    case 'c':
      return cellState(pass, ref);
    case 'y':
      return output(pass, ref);
    case 'loss':
      return lossTermOf(pass, ref);
    default:
      return null;
  }
}

type GateRef = Extract<QuantityRef, { kind: 'gate' }>;

function checkGate(loc: Located, gate: number, unit: number): void {
  checkIndex('gate', gate, loc.GH / loc.H);
  checkIndex('unit', unit, loc.H);
}

/** W_ih x_t + b_ih (or W_hh h_prev + b_hh) for one row r = gate·H + unit: a sum over the input (or state) entries and the bias. */
function preActivationPart(pass: PassView, ref: Extract<QuantityRef, { kind: 'gi' | 'gh' }>): Explanation {
  const loc = locate(pass, ref);
  checkGate(loc, ref.gate, ref.unit);
  const { ws, row, GH, H } = loc;
  const r = ref.gate * H + ref.unit;
  const lp = pass.params.layers[ref.layer * pass.net.directions + ref.direction];
  const addends: Addend[] = [];
  if (ref.kind === 'gi') {
    const I = ws.shape.inputSize;
    for (let k = 0; k < I; k++) addends.push(product([leaf('wIh', [r, k], lp.wIh[r * I + k]), xOperand(pass, ref, k)]));
    addends.push(product([leaf('bIh', [r], lp.bIh[r])]));
    return sum(ref, 'sum.gi', ws.gi[row * GH + r], addends);
  }
  for (let k = 0; k < H; k++) addends.push(product([leaf('wHh', [r, k], lp.wHh[r * H + k]), hPrevOperand(pass, ref, k)]));
  addends.push(product([leaf('bHh', [r], lp.bHh[r])]));
  return sum(ref, 'sum.gh', ws.gh[row * GH + r], addends);
}

function partOperands(pass: PassView, w: Where, gate: number, unit: number): [Operand, Operand] {
  const { ws, row, GH, H } = locate(pass, w);
  const r = row * GH + gate * H + unit;
  return [
    { sym: 'gi', idx: [gate, unit], t: w.t, value: ws.gi[r], ref: { kind: 'gi', ...where(w), gate, unit } },
    { sym: 'gh', idx: [gate, unit], t: w.t, value: ws.gh[r], ref: { kind: 'gh', ...where(w), gate, unit } },
  ];
}

export function where(w: Where): Where {
  return { layer: w.layer, direction: w.direction, t: w.t };
}

function gate(pass: PassView, ref: GateRef): Explanation {
  const loc = locate(pass, ref);
  const cell = loc.ws.shape.cell;
  if (cell === 'rnn') throw new InputError('the RNN has no gates: ask for h');
  checkGate(loc, ref.gate, ref.unit);
  const value = loc.ws.act[loc.row * loc.GH + ref.gate * loc.H + ref.unit];
  const [gi, gh] = partOperands(pass, ref, ref.gate, ref.unit);
  if (cell === 'gru' && ref.gate === 2) {
    // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), as gruGates sums it
    const r = gateOperand(pass, ref, 0, ref.unit);
    return formula(ref, 'gru.n', value, [gi, r, gh], tanh(gi.value + r.value * gh.value));
  }
  const a = gi.value + gh.value;
  if (cell === 'lstm' && ref.gate === 2) return formula(ref, 'gate.tanh', value, [gi, gh], tanh(a));
  return formula(ref, 'gate.sigmoid', value, [gi, gh], sigmoid(a));
}

function hidden(pass: PassView, ref: Extract<QuantityRef, { kind: 'h' }>): Explanation {
  const loc = locate(pass, ref);
  checkIndex('unit', ref.unit, loc.H);
  const { ws, row, H } = loc;
  const j = ref.unit;
  const value = ws.hs[(row + 1) * H + j];
  if (ws.shape.cell === 'rnn') {
    const [gi, gh] = partOperands(pass, ref, 0, j);
    return formula(ref, 'rnn.h', value, [gi, gh], tanh(gi.value + gh.value));
  }
  if (ws.shape.cell === 'lstm') {
    const o = gateOperand(pass, ref, 3, j);
    const c: Operand = { sym: 'c', idx: [j], t: ref.t, value: ws.cs[(row + 1) * H + j], ref: { kind: 'c', ...where(ref), unit: j } };
    return formula(ref, 'lstm.h', value, [o, c], o.value * tanh(c.value));
  }
  const z = gateOperand(pass, ref, 1, j);
  const n = gateOperand(pass, ref, 2, j);
  const hPrev = hPrevOperand(pass, ref, j);
  return formula(ref, 'gru.h', value, [z, n, hPrev], (hPrev.value - n.value) * z.value + n.value);
}

function cellState(pass: PassView, ref: Extract<QuantityRef, { kind: 'c' }>): Explanation {
  const loc = locate(pass, ref);
  if (loc.ws.shape.cell !== 'lstm') throw new InputError('only the LSTM has a cell state');
  checkIndex('unit', ref.unit, loc.H);
  const j = ref.unit;
  const f = gateOperand(pass, ref, 1, j);
  const cPrev = cPrevOperand(pass, ref, j);
  const i = gateOperand(pass, ref, 0, j);
  const g = gateOperand(pass, ref, 2, j);
  return formula(ref, 'lstm.c', loc.ws.cs[(loc.row + 1) * loc.H + j], [f, cPrev, i, g], f.value * cPrev.value + i.value * g.value);
}

/** The last layer's output at t, entry k of [forward h_t, reverse h_t], as an operand. */
export function topOperand(pass: PassView, t: number, k: number): Operand {
  const net = pass.net;
  const H = net.shape.hiddenSize;
  const DH = net.directions * H;
  const op = hOperand(pass, { layer: net.numLayers - 1, direction: Math.floor(k / H), t }, k % H);
  return { ...op, value: net.outputs[net.numLayers - 1][t * DH + k] };
}

function output(pass: PassView, ref: Extract<QuantityRef, { kind: 'y' }>): Explanation {
  const net = pass.net;
  const O = net.shape.outputSize;
  checkIndex('t', ref.t, net.steps);
  checkIndex('output', ref.unit, O);
  const DH = net.directions * net.shape.hiddenSize;
  const o = ref.unit;
  const addends: Addend[] = [];
  for (let k = 0; k < DH; k++) addends.push(product([leaf('headW', [o, k], pass.params.headW[o * DH + k]), topOperand(pass, ref.t, k)]));
  addends.push(product([leaf('headB', [o], pass.params.headB[o])]));
  return sum(ref, 'sum.y', net.ys[ref.t * O + o], addends);
}

export function yOperand(pass: PassView, t: number, o: number): Operand {
  const O = pass.net.shape.outputSize;
  return { sym: 'y', idx: [o], t, value: pass.net.ys[t * O + o], ref: { kind: 'y', t, unit: o } };
}

/** ℓ_t: mse, the mean of the squared errors (addends (y − target)²); cross-entropy, log Σ e^{y_j − m} − (y_c − m). */
function lossTermOf(pass: PassView, ref: Extract<QuantityRef, { kind: 'loss' }>): Explanation {
  const net = pass.net;
  const O = net.shape.outputSize;
  checkIndex('t', ref.t, net.steps);
  const t = ref.t;
  const value = net.lossTerms[t];
  if (net.targets.kind === 'mse') {
    const tv = net.targets.values;
    const addends: Addend[] = [];
    for (let j = 0; j < O; j++) {
      const y = yOperand(pass, t, j);
      const d = y.value - tv[t * O + j];
      addends.push({ op: 'squaredError', parts: [y, leaf('target', [j], tv[t * O + j], t)], value: d * d });
    }
    const total = sumOf(addends);
    return { ref, form: 'loss.mse', value, operands: [], addends, total, composed: total / O, note: null };
  }
  const cls = net.targets.classes[t];
  let m = -Infinity;
  for (let j = 0; j < O; j++) if (net.ys[t * O + j] > m) m = net.ys[t * O + j];
  const addends: Addend[] = [];
  for (let j = 0; j < O; j++) addends.push({ op: 'expShifted', parts: [yOperand(pass, t, j)], value: exp(net.ys[t * O + j] - m) });
  const yc = yOperand(pass, t, cls);
  const total = sumOf(addends);
  return { ref, form: 'loss.ce', value, operands: [yc, leaf('ymax', [], m)], addends, total, composed: log(total) - (yc.value - m), note: null };
}
