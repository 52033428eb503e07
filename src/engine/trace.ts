import { overflowError } from './overflow';
import { GATE_NAMES, type Params } from './params';
import { type NetworkWorkspace, processingRow } from './network';
import { runSequence, type Sequence } from './sequence';
import type { Workspace } from './workspace';
import { writeStateDict } from './stateDict';
import { pulse } from './pulse';

/** One timestep of the trace format, version 1: a one-layer, one-direction network. */
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

/** One (layer, direction) at one timestep of a version-2 trace. */
export interface TraceLayerStep {
  /** the state after reading x_t (for the reverse direction: after t = T − 1 … t) */
  h: number[];
  c?: number[];
  gates: Record<string, number[]>;
  /** dL/dh_t of this layer and direction: from above plus from its next step, within its truncation block */
  dh: number[];
  dc?: number[];
}

/** One timestep of the trace format, version 2 (L·D > 1): the output and every (layer, direction), index l·D + d. */
export interface TraceStepV2 {
  y: number[];
  layers: TraceLayerStep[];
}

export interface Trace {
  loss: number;
  steps: TraceStep[] | TraceStepV2[];
  grads: Record<string, number[] | number[][]>;
  request?: unknown;
}

/** Runs the fast path on a sequence and writes the trace JSON object. */
export function computeTrace(params: Params, seq: Sequence): Trace {
  return traceOf(runSequence(params, seq));
}

/**
 * The trace object of a finished run: version 1 for a one-layer, one-direction network, version 2
 * otherwise. Refuses (InputError) when anything overflowed to ±∞ or NaN.
 */
export function traceOf(run: { loss: number; grads: Params; net: NetworkWorkspace }): Trace {
  const { net, grads } = run;
  const { cell, outputSize: O } = net.shape;
  const T = net.steps;
  const steps: TraceStep[] | TraceStepV2[] = [];
  if (net.layers.length === 1) {
    const ws = net.layers[0];
    for (let t = 0; t < T; t++) {
      pulse();
      const e = layerStep(ws, t);
      const step: TraceStep = { h: e.h, gates: e.gates, y: slice(net.ys, t * O, O), dh: e.dh };
      if (cell === 'lstm') step.c = e.c;
      if (cell === 'lstm') step.dc = e.dc;
      (steps as TraceStep[]).push(step);
    }
  } else {
    const D = net.directions;
    for (let t = 0; t < T; t++) {
      pulse();
      const layers = net.layers.map((ws, i) => layerStep(ws, processingRow(T, i % D, t)));
      (steps as TraceStepV2[]).push({ y: slice(net.ys, t * O, O), layers });
    }
  }
  const trace: Trace = { loss: run.loss, steps, grads: writeStateDict(grads) };
  const bad = firstNonFinite(trace);
  if (bad) {
    throw overflowError(bad);
  }
  return trace;
}

/** Row s (processing order) of one recurrence: h, c, gates, dh, dc. */
function layerStep(ws: Workspace, s: number): TraceLayerStep {
  const { cell, hiddenSize: H } = ws.shape;
  const GH = ws.gateRows;
  const e: TraceLayerStep = { h: slice(ws.hs, (s + 1) * H, H), gates: {}, dh: [] };
  if (cell === 'lstm') e.c = slice(ws.cs, (s + 1) * H, H);
  GATE_NAMES[cell].forEach((name, g) => {
    e.gates[name] = slice(ws.act, s * GH + g * H, H);
  });
  e.dh = slice(ws.dhs, s * H, H);
  if (cell === 'lstm') e.dc = slice(ws.dcs, s * H, H);
  return e;
}

/** The steps of a version-1 trace (a one-layer, one-direction network); throws for version 2. */
export function stepsV1(trace: Trace): TraceStep[] {
  if (trace.steps.length > 0 && 'layers' in trace.steps[0]) throw new Error('this is a version-2 trace (several layers or directions): read steps[t].layers');
  return trace.steps as TraceStep[];
}

function slice(a: Float64Array, off: number, n: number): number[] {
  return Array.from(a.subarray(off, off + n));
}

/** Path of the first NaN or ±Infinity in a JSON-like value, or null. */
export function firstNonFinite(v: unknown, path = ''): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : path || 'value';
  if (Array.isArray(v)) {
    pulse(); // once per row of numbers
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
