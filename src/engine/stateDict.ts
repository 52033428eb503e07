import { isPlainObject, readMatrix, readVector, toRows } from './arrays';
import { describe, InputError } from './errors';
import { ENGINE_LIMITS, type Limits } from './limits';
import { CELL_TYPES, GATE_COUNT, type CellType, type Params, PARAM_KEYS } from './params';

/**
 * PyTorch state_dict JSON in and out: the keys of nn.RNN / nn.LSTM / nn.GRU (one layer)
 * plus an nn.Linear called `head`. Keys may carry a module prefix (`lstm.weight_ih_l0`,
 * `model.head.weight`). A file is read whole or refused whole, with the key and the
 * expected shape in the message; nothing is half-loaded.
 */

const RECURRENT_NAMES = ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0'];
const HEAD_NAMES = ['head.weight', 'head.bias'];
const OTHER_LAYER = /(weight|bias)_(ih|hh)_l\d+(_reverse)?$/;

function canonicalName(key: string): string | null {
  for (const name of RECURRENT_NAMES) if (key === name || key.endsWith('.' + name)) return name;
  for (const name of HEAD_NAMES) if (key === name || key.endsWith('.' + name)) return name;
  return null;
}

const GATE_NOTE: Record<CellType, string> = { rnn: 'H', lstm: '4·H', gru: '3·H' };

/** Reads a state_dict object into Params. `cell`, when given, must agree with the shapes. */
export function readStateDict(raw: unknown, cell?: CellType, limits: Limits = ENGINE_LIMITS, where = 'state_dict'): Params {
  if (!isPlainObject(raw)) {
    throw new InputError(`${where}: expected an object mapping PyTorch parameter names to lists, got ${describe(raw)}`, where);
  }
  const byName = new Map<string, { key: string; value: unknown }>();
  for (const [key, value] of Object.entries(raw)) {
    const name = canonicalName(key);
    if (name === null) {
      if (OTHER_LAYER.test(key)) {
        throw new InputError(
          `${where} key '${key}': only one recurrent layer, one direction, is supported (num_layers = 1, bidirectional = False)`,
          key,
        );
      }
      throw new InputError(
        `${where} key '${key}' is not a parameter Unroll knows: expected ${[...RECURRENT_NAMES, ...HEAD_NAMES].join(', ')} (a module prefix such as 'lstm.' is fine)`,
        key,
      );
    }
    const seen = byName.get(name);
    if (seen) throw new InputError(`${where}: both '${seen.key}' and '${key}' give ${name}; keep one`, key);
    byName.set(name, { key, value });
  }
  const get = (name: string, expected: string) => {
    const entry = byName.get(name);
    if (!entry) throw new InputError(`${where}: missing '${name}' (expected ${expected})`, name);
    return entry;
  };

  // weight_hh_l0 (G·H × H) fixes H and, with it, the gate count G and so the cell type.
  const hhEntry = get('weight_hh_l0', 'a matrix of G·H rows × H columns');
  const hh = readMatrix(hhEntry.value, `${where}['${hhEntry.key}']`, 4 * limits.maxHidden, limits.maxHidden);
  const H = hh.cols;
  if (H < 1) throw new InputError(`${where}['${hhEntry.key}']: expected at least one column (the hidden size H)`, hhEntry.key);
  const G = hh.rows / H;
  const inferred = CELL_TYPES.find((c) => GATE_COUNT[c] === G);
  const wanted = cell ?? inferred;
  if (!wanted || (cell && GATE_COUNT[cell] !== G)) {
    const msg = cell
      ? `expected shape [${GATE_COUNT[cell] * H}, ${H}] (${GATE_NOTE[cell]} × H for ${cell}, H = ${H})`
      : `expected H, 3·H or 4·H rows (rnn, gru, lstm) for its H = ${H} columns`;
    throw new InputError(`${where}['${hhEntry.key}']: ${msg}, got [${hh.rows}, ${H}]`, hhEntry.key);
  }
  const GH = GATE_COUNT[wanted] * H;
  const gateNote = `${GATE_NOTE[wanted]} for ${wanted}`;

  const ihEntry = get('weight_ih_l0', `a matrix of shape [${GH}, I]`);
  const ih = readMatrix(ihEntry.value, `${where}['${ihEntry.key}']`, GH + 1, limits.maxInput);
  if (ih.rows !== GH || ih.cols < 1) {
    throw new InputError(`${where}['${ihEntry.key}']: expected shape [${GH}, I] (${gateNote}, I ≥ 1), got [${ih.rows}, ${ih.cols}]`, ihEntry.key);
  }
  const bihEntry = get('bias_ih_l0', `${GH} numbers`);
  const bIh = readVector(bihEntry.value, `${where}['${bihEntry.key}']`, GH, ` (${gateNote})`);
  const bhhEntry = get('bias_hh_l0', `${GH} numbers`);
  const bHh = readVector(bhhEntry.value, `${where}['${bhhEntry.key}']`, GH, ` (${gateNote})`);

  const hwEntry = get('head.weight', `a matrix of shape [O, ${H}]`);
  const hw = readMatrix(hwEntry.value, `${where}['${hwEntry.key}']`, limits.maxOutput, H + 1);
  if (hw.cols !== H || hw.rows < 1) {
    throw new InputError(`${where}['${hwEntry.key}']: expected shape [O, ${H}] (O ≥ 1 outputs × hidden size ${H}), got [${hw.rows}, ${hw.cols}]`, hwEntry.key);
  }
  const hbEntry = get('head.bias', `${hw.rows} numbers`);
  const headB = readVector(hbEntry.value, `${where}['${hbEntry.key}']`, hw.rows, ' (one per output)');

  return {
    cell: wanted,
    inputSize: ih.cols,
    hiddenSize: H,
    outputSize: hw.rows,
    wIh: ih.data,
    wHh: hh.data,
    bIh,
    bHh,
    headW: hw.data,
    headB,
  };
}

/** The state_dict JSON of these parameters (or gradients): PyTorch key names, no prefix, nested lists. */
export function writeStateDict(p: Params): Record<string, number[] | number[][]> {
  const out: Record<string, number[] | number[][]> = {};
  const GH = GATE_COUNT[p.cell] * p.hiddenSize;
  for (const { field, key } of PARAM_KEYS) {
    const data = p[field];
    switch (field) {
      case 'wIh':
        out[key] = toRows(data, GH, p.inputSize);
        break;
      case 'wHh':
        out[key] = toRows(data, GH, p.hiddenSize);
        break;
      case 'headW':
        out[key] = toRows(data, p.outputSize, p.hiddenSize);
        break;
      default:
        out[key] = Array.from(data);
    }
  }
  return out;
}
