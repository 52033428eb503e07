import { isPlainObject, readMatrix, readVector, toRows } from './arrays';
import { describe, InputError } from './errors';
import { checkLimits, ENGINE_LIMITS, type Limits } from './limits';
import { LOSS_KINDS, LOSS_STEPS, type LossKind, type LossSteps, type Targets } from './loss';
import { CELL_TYPES, type CellType, type Params, recurrenceCount } from './params';
import type { Sequence } from './sequence';
import { readStateDict, writeStateDict } from './stateDict';

/** The trace request (format versions 1 and 2), as parsed JSON. */
export interface TraceRequestJson {
  cell: CellType;
  state_dict: Record<string, unknown>;
  inputs: number[][];
  targets: number[][] | number[];
  loss: LossKind;
  /** H numbers for a one-layer, one-direction network; else an (L·D) × H matrix, row l·D + d */
  h0?: number[] | number[][];
  c0?: number[] | number[][];
  truncation?: number;
  /** which steps the loss counts; absent = "all" */
  loss_steps?: LossSteps;
}

export interface ParsedRequest {
  params: Params;
  seq: Sequence;
}

const KNOWN_KEYS = new Set(['cell', 'state_dict', 'inputs', 'targets', 'loss', 'h0', 'c0', 'truncation', 'loss_steps']);

/** Keys a request carries that the format does not define (reported as warnings, not errors). */
export function unknownRequestKeys(raw: unknown): string[] {
  return isPlainObject(raw) ? Object.keys(raw).filter((k) => !KNOWN_KEYS.has(k)) : [];
}

/**
 * Validates a request and turns it into parameters and a sequence.
 * Every refusal is an InputError naming the key and what was expected.
 */
export function parseRequest(raw: unknown, limits: Limits = ENGINE_LIMITS): ParsedRequest {
  if (!isPlainObject(raw)) throw new InputError(`request: expected a JSON object, got ${describe(raw)}`);
  const cell = raw.cell;
  if (typeof cell !== 'string' || !(CELL_TYPES as readonly string[]).includes(cell)) {
    throw new InputError(`cell: expected one of ${CELL_TYPES.map((c) => `"${c}"`).join(', ')}, got ${describe(cell)}`, 'cell');
  }
  const loss = raw.loss;
  if (typeof loss !== 'string' || !(LOSS_KINDS as readonly string[]).includes(loss)) {
    throw new InputError(`loss: expected "mse" or "cross_entropy", got ${describe(loss)}`, 'loss');
  }
  if (!('state_dict' in raw)) throw new InputError('state_dict: missing (the weights, with PyTorch key names)', 'state_dict');
  const params = readStateDict(raw.state_dict, cell as CellType, limits);
  const { inputSize: I, outputSize: O } = params;

  if (!('inputs' in raw)) throw new InputError('inputs: missing (a list of T rows of I numbers)', 'inputs');
  const inputs = readMatrix(raw.inputs, 'inputs', limits.maxSteps, limits.maxInput);
  const T = inputs.rows;
  if (T < 1) throw new InputError('inputs: expected at least one timestep, got an empty list', 'inputs');
  if (inputs.cols !== I) {
    throw new InputError(`inputs: expected rows of ${I} numbers (weight_ih_l0 has ${I} columns), got ${inputs.cols}`, 'inputs');
  }
  const over = checkLimits(params, T, limits);
  if (over) throw new InputError(over);

  if (!('targets' in raw)) throw new InputError('targets: missing', 'targets');
  const targets = readTargets(raw.targets, loss as LossKind, T, O);

  const h0 = raw.h0 === undefined || raw.h0 === null ? undefined : readInitialState(raw.h0, 'h0', params);
  let c0: Float64Array | undefined;
  if (raw.c0 !== undefined && raw.c0 !== null) {
    if (cell !== 'lstm') throw new InputError(`c0: only an lstm has a cell state; remove c0 for ${cell}`, 'c0');
    c0 = readInitialState(raw.c0, 'c0', params);
  }
  let truncation = 0;
  if (raw.truncation !== undefined && raw.truncation !== null) {
    const k = raw.truncation;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0) {
      throw new InputError(`truncation: expected a whole number ≥ 0 (0 = full BPTT), got ${describe(k)}`, 'truncation');
    }
    truncation = k;
  }
  if (truncation > 0 && params.directions === 2) {
    throw new InputError(
      `truncation: a bidirectional network has no truncated form here (its reverse pass starts at the end); use 0 or leave it out, got ${truncation}`,
      'truncation',
    );
  }
  let lossSteps: LossSteps = 'all';
  if (raw.loss_steps !== undefined && raw.loss_steps !== null) {
    const v = raw.loss_steps;
    if (typeof v !== 'string' || !(LOSS_STEPS as readonly string[]).includes(v)) {
      throw new InputError(`loss_steps: expected "all" or "last", got ${describe(v)}`, 'loss_steps');
    }
    lossSteps = v as LossSteps;
  }
  const seq: Sequence = { steps: T, inputs: inputs.data, targets, h0, c0, truncation };
  if (lossSteps === 'last') seq.lossSteps = 'last';
  return { params, seq };
}

/** h0 or c0: H numbers when L·D = 1 (as in version 1), else an (L·D) × H matrix in PyTorch's h_0 row order. */
function readInitialState(v: unknown, key: string, p: Params): Float64Array {
  const H = p.hiddenSize;
  const rows = recurrenceCount(p);
  if (rows === 1) return readVector(v, key, H, ' (the hidden size)');
  const what = `(L·D = ${p.numLayers}·${p.directions} rows, row l·D + d for layer l and direction d, of H = ${H} numbers)`;
  if (!Array.isArray(v) || (v.length > 0 && !Array.isArray(v[0]))) {
    throw new InputError(`${key}: expected a matrix of shape [${rows}, ${H}] ${what}, got ${describe(v)}${Array.isArray(v) ? ' of numbers' : ''}`, key);
  }
  const m = readMatrix(v, key, rows + 1, H + 1);
  if (m.rows !== rows || m.cols !== H) throw new InputError(`${key}: expected shape [${rows}, ${H}] ${what}, got [${m.rows}, ${m.cols}]`, key);
  return m.data;
}

function readTargets(v: unknown, loss: LossKind, T: number, O: number): Targets {
  if (!Array.isArray(v)) throw new InputError(`targets: expected a list of ${T}, got ${describe(v)}`, 'targets');
  if (v.length !== T) throw new InputError(`targets: expected ${T} entries (one per input step), got ${v.length}`, 'targets');
  if (loss === 'mse') {
    const m = readMatrix(v, 'targets', T, O);
    if (m.cols !== O) throw new InputError(`targets: expected rows of ${O} numbers (head.weight has ${O} rows), got ${m.cols}`, 'targets');
    return { kind: 'mse', values: m.data };
  }
  const classes = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    const c = v[t];
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c >= O) {
      throw new InputError(`targets[${t}]: expected a class index from 0 to ${O - 1}, got ${describe(c)}`, 'targets');
    }
    classes[t] = c;
  }
  return { kind: 'cross_entropy', classes };
}

/** The request JSON for parameters and a sequence: the inverse of parseRequest. */
export function writeRequest(params: Params, seq: Sequence): TraceRequestJson {
  const { inputSize: I, outputSize: O } = params;
  const req: TraceRequestJson = {
    cell: params.cell,
    state_dict: writeStateDict(params),
    inputs: toRows(seq.inputs, seq.steps, I),
    targets: seq.targets.kind === 'mse' ? toRows(seq.targets.values, seq.steps, O) : Array.from(seq.targets.classes),
    loss: seq.targets.kind,
  };
  const rows = recurrenceCount(params);
  const state = (a: Float64Array) => (rows === 1 ? Array.from(a) : toRows(a, rows, params.hiddenSize));
  if (seq.h0) req.h0 = state(seq.h0);
  if (seq.c0 && params.cell === 'lstm') req.c0 = state(seq.c0);
  req.truncation = seq.truncation;
  // "all" is the default: a request that leaves it out keeps the first version of the format.
  if (seq.lossSteps === 'last') req.loss_steps = 'last';
  return req;
}
