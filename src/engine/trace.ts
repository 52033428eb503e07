import { InputError } from './errors';
import { GATE_NAMES, type Params } from './params';
import { runSequence, type RunResult, type Sequence } from './sequence';
import { writeStateDict } from './stateDict';

/** One timestep of the trace format (shared/trace-format.md). */
export interface TraceStep {
  h: number[];
  c?: number[];
  gates: Record<string, number[]>;
  y: number[];
  /** dL/dh_t, total within its truncation block */
  dh: number[];
  /** dL/dc_t, lstm only */
  dc?: number[];
}

export interface Trace {
  loss: number;
  steps: TraceStep[];
  grads: Record<string, number[] | number[][]>;
  request?: unknown;
}

/** Runs the fast path on a sequence and writes the trace JSON object. */
export function computeTrace(params: Params, seq: Sequence): Trace {
  return traceOf(runSequence(params, seq));
}

/** The trace object of a finished run. Refuses (InputError) when anything overflowed to ±∞ or NaN. */
export function traceOf(run: RunResult): Trace {
  const { ws, grads } = run;
  const { cell, hiddenSize: H, outputSize: O } = ws.shape;
  const GH = ws.gateRows;
  const names = GATE_NAMES[cell];
  const steps: TraceStep[] = [];
  for (let t = 0; t < ws.steps; t++) {
    const step: TraceStep = { h: slice(ws.hs, (t + 1) * H, H), gates: {}, y: [], dh: [] };
    if (cell === 'lstm') step.c = slice(ws.cs, (t + 1) * H, H);
    names.forEach((name, g) => {
      step.gates[name] = slice(ws.act, t * GH + g * H, H);
    });
    step.y = slice(ws.ys, t * O, O);
    step.dh = slice(ws.dhs, t * H, H);
    if (cell === 'lstm') step.dc = slice(ws.dcs, t * H, H);
    steps.push(step);
  }
  const trace: Trace = { loss: run.loss, steps, grads: writeStateDict(grads) };
  const bad = firstNonFinite(trace);
  if (bad) {
    throw new InputError(`the computation overflowed: ${bad} is not a finite number; scale the inputs or weights down`);
  }
  return trace;
}

function slice(a: Float64Array, off: number, n: number): number[] {
  return Array.from(a.subarray(off, off + n));
}

/** Path of the first NaN or ±Infinity in a JSON-like value, or null. */
export function firstNonFinite(v: unknown, path = ''): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : path || 'value';
  if (Array.isArray(v)) {
    for (let k = 0; k < v.length; k++) {
      const bad = firstNonFinite(v[k], `${path}[${k}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const bad = firstNonFinite(x, path ? `${path}.${k}` : k);
      if (bad) return bad;
    }
  }
  return null;
}
