import { isPlainObject, readMatrix, readVector, toRows } from './arrays';
import { describe, InputError } from './errors';
import { ENGINE_LIMITS, type Limits, maxLayersOf } from './limits';
import {
  assembleParams,
  CELL_TYPES,
  GATE_COUNT,
  type CellType,
  type Directions,
  type LayerField,
  layerKey,
  type LayerParams,
  type Params,
  paramArray,
  paramEntries,
} from './params';

/**
 * PyTorch state_dict JSON in and out: the keys of nn.RNN / nn.LSTM / nn.GRU (num_layers = L,
 * bidirectional or not) plus an nn.Linear called `head`. Keys may carry a module prefix
 * (`lstm.weight_ih_l0`, `model.head.weight`). L and D come from the keys: weight_ih_l{l} …
 * for l = 0 … L − 1, and the same with `_reverse` on every layer for D = 2. A file is read whole
 * or refused whole, with the key and the expected shape in the message; nothing is half-loaded.
 */

const LAYER_KEY = /(?:^|\.)(weight|bias)_(ih|hh)_l(\d+)(_reverse)?$/;
const HEAD_NAMES = ['head.weight', 'head.bias'];

interface Found {
  key: string;
  value: unknown;
}

const GATE_NOTE: Record<CellType, string> = { rnn: 'H', lstm: '4·H', gru: '3·H' };

/** Reads a state_dict object into Params. `cell`, when given, must agree with the shapes. */
export function readStateDict(raw: unknown, cell?: CellType, limits: Limits = ENGINE_LIMITS, where = 'state_dict'): Params {
  if (!isPlainObject(raw)) {
    throw new InputError(`${where}: expected an object mapping PyTorch parameter names to lists, got ${describe(raw)}`, where);
  }
  const byName = new Map<string, Found>();
  /** the (layer, reverse?) pairs that have at least one key */
  const layersSeen = new Map<number, { forward: string | null; reverse: string | null }>();
  for (const [key, value] of Object.entries(raw)) {
    let name: string | null = null;
    const m = LAYER_KEY.exec(key);
    if (m && (m[3] === '0' || !m[3].startsWith('0'))) {
      name = `${m[1]}_${m[2]}_l${m[3]}${m[4] ?? ''}`;
      const layer = Number(m[3]);
      const seen = layersSeen.get(layer) ?? { forward: null, reverse: null };
      if (m[4]) seen.reverse ??= key;
      else seen.forward ??= key;
      layersSeen.set(layer, seen);
    } else {
      for (const h of HEAD_NAMES) if (key === h || key.endsWith('.' + h)) name = h;
    }
    if (name === null) {
      throw new InputError(
        `${where} key '${key}' is not a parameter Unroll knows: expected weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 (and _l1 … for more layers, _reverse for a bidirectional network), head.weight, head.bias (a module prefix such as 'lstm.' is fine)`,
        key,
      );
    }
    const seen = byName.get(name);
    if (seen) throw new InputError(`${where}: both '${seen.key}' and '${key}' give ${name}; keep one`, key);
    byName.set(name, { key, value });
  }

  const numbers = [...layersSeen.keys()].sort((a, b) => a - b);
  const L = numbers.length === 0 ? 1 : numbers[numbers.length - 1] + 1;
  const maxLayers = maxLayersOf(limits);
  if (L > maxLayers) {
    const key = layersSeen.get(L - 1)!.forward ?? layersSeen.get(L - 1)!.reverse!;
    throw new InputError(`${where} key '${key}': ${L} layers is over the limit of ${maxLayers}`, key);
  }
  for (let l = 0; l < L; l++) {
    if (!layersSeen.has(l) && numbers.length > 0) {
      const name = layerKey('wIh', l, 0);
      throw new InputError(
        `${where}: missing '${name}': layers must be numbered 0 … L − 1 without a gap, and layer ${numbers[numbers.length - 1]} is given`,
        name,
      );
    }
  }
  const reverseAt = numbers.filter((l) => layersSeen.get(l)!.reverse !== null);
  const D: Directions = reverseAt.length > 0 ? 2 : 1;
  if (D === 2) {
    for (let l = 0; l < L; l++) {
      const seen = layersSeen.get(l);
      if (!seen || seen.reverse === null) {
        const name = layerKey('wIh', l, 1);
        throw new InputError(
          `${where}: missing '${name}': a bidirectional network has _reverse keys on every layer, and '${layersSeen.get(reverseAt[0])!.reverse}' is given`,
          name,
        );
      }
      if (seen.forward === null) {
        const name = layerKey('wIh', l, 0);
        throw new InputError(`${where}: missing '${name}': layer ${l} has '${seen.reverse}' but no forward direction`, name);
      }
    }
  }

  const get = (name: string, expected: string): Found => {
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
  const DH = D * H;

  let I = 0;
  const layers: LayerParams[] = [];
  for (let l = 0; l < L; l++) {
    for (let d = 0; d < D; d++) {
      const name = (field: LayerField) => layerKey(field, l, d);
      let wHh: Float64Array;
      if (l === 0 && d === 0) wHh = hh.data;
      else {
        const e = get(name('wHh'), `a matrix of shape [${GH}, ${H}]`);
        const m = readMatrix(e.value, `${where}['${e.key}']`, GH + 1, H + 1);
        if (m.rows !== GH || m.cols !== H) {
          throw new InputError(`${where}['${e.key}']: expected shape [${GH}, ${H}] (${gateNote} × H, like weight_hh_l0), got [${m.rows}, ${m.cols}]`, e.key);
        }
        wHh = m.data;
      }
      let wIh: Float64Array;
      if (l === 0) {
        const e = get(name('wIh'), d === 0 ? `a matrix of shape [${GH}, I]` : `a matrix of shape [${GH}, ${I}]`);
        const m = readMatrix(e.value, `${where}['${e.key}']`, GH + 1, limits.maxInput);
        if (d === 0 && (m.rows !== GH || m.cols < 1)) {
          throw new InputError(`${where}['${e.key}']: expected shape [${GH}, I] (${gateNote}, I ≥ 1), got [${m.rows}, ${m.cols}]`, e.key);
        }
        if (d === 1 && (m.rows !== GH || m.cols !== I)) {
          throw new InputError(`${where}['${e.key}']: expected shape [${GH}, ${I}] (${gateNote} × I, like weight_ih_l0), got [${m.rows}, ${m.cols}]`, e.key);
        }
        if (d === 0) I = m.cols;
        wIh = m.data;
      } else {
        const e = get(name('wIh'), `a matrix of shape [${GH}, ${DH}]`);
        const m = readMatrix(e.value, `${where}['${e.key}']`, GH + 1, DH + 1);
        if (m.rows !== GH || m.cols !== DH) {
          const reads = D === 2 ? `the ${DH} outputs of layer ${l - 1}, both directions` : `the ${H} outputs of layer ${l - 1}`;
          throw new InputError(
            `${where}['${e.key}']: expected shape [${GH}, ${DH}] (G·H × D·H: ${gateNote}, reading ${reads}), got [${m.rows}, ${m.cols}]`,
            e.key,
          );
        }
        wIh = m.data;
      }
      const bihEntry = get(name('bIh'), `${GH} numbers`);
      const bIh = readVector(bihEntry.value, `${where}['${bihEntry.key}']`, GH, ` (${gateNote})`);
      const bhhEntry = get(name('bHh'), `${GH} numbers`);
      const bHh = readVector(bhhEntry.value, `${where}['${bhhEntry.key}']`, GH, ` (${gateNote})`);
      layers.push({ wIh, wHh, bIh, bHh });
    }
  }

  const hwEntry = get('head.weight', `a matrix of shape [O, ${DH}]`);
  const hw = readMatrix(hwEntry.value, `${where}['${hwEntry.key}']`, limits.maxOutput, DH + 1);
  if (hw.cols !== DH || hw.rows < 1) {
    const what = D === 2 ? `D·H = ${DH}, both directions of the last layer` : `hidden size ${H}`;
    throw new InputError(`${where}['${hwEntry.key}']: expected shape [O, ${DH}] (O ≥ 1 outputs × ${what}), got [${hw.rows}, ${hw.cols}]`, hwEntry.key);
  }
  const hbEntry = get('head.bias', `${hw.rows} numbers`);
  const headB = readVector(hbEntry.value, `${where}['${hbEntry.key}']`, hw.rows, ' (one per output)');

  return assembleParams({ cell: wanted, inputSize: I, hiddenSize: H, outputSize: hw.rows, numLayers: L, directions: D }, layers, hw.data, headB);
}

/** The module prefixes of a state_dict's keys: of the recurrent module ('lstm.') and of the head ('' or 'model.'). */
export interface KeyPrefixes {
  recurrent: string;
  head: string;
}

/** The prefixes the keys of a state_dict carry (the first recurrent key's and head key's); '' where none. */
export function keyPrefixes(raw: unknown): KeyPrefixes {
  const out: KeyPrefixes = { recurrent: '', head: '' };
  if (!isPlainObject(raw)) return out;
  const keys = Object.keys(raw);
  for (const key of keys) {
    const m = LAYER_KEY.exec(key);
    if (!m) continue;
    // m[0] may start with the '.' that ends the prefix
    out.recurrent = key.slice(0, key.length - m[0].length + (m[0].startsWith('.') ? 1 : 0));
    break;
  }
  for (const key of keys) {
    const name = HEAD_NAMES.find((h) => key === h || key.endsWith('.' + h));
    if (!name) continue;
    out.head = key.slice(0, key.length - name.length);
    break;
  }
  return out;
}

/**
 * The state_dict JSON of these parameters (or gradients): PyTorch key names and order, nested lists.
 * `prefixes` puts the module names back (e.g. 'lstm.' before weight_ih_l0), so that a model whose
 * LSTM is called `lstm` and whose Linear is called `head` loads the file with load_state_dict as is.
 */
export function writeStateDict(p: Params, prefixes: KeyPrefixes = { recurrent: '', head: '' }): Record<string, number[] | number[][]> {
  const out: Record<string, number[] | number[][]> = {};
  for (const e of paramEntries(p)) {
    const data = paramArray(p, e);
    const [rows, cols] = e.shape;
    out[(e.layer < 0 ? prefixes.head : prefixes.recurrent) + e.key] = cols === 0 ? Array.from(data) : toRows(data, rows, cols);
  }
  return out;
}
