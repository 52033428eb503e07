/**
 * One check for numbers that overflowed, shared by the trace CLI (which refuses to write a trace
 * with ±∞ or NaN in it) and the app's weight import (which refuses weights whose forward and
 * backward pass overflows, however finite each weight is: 1e308 is a float64, its products are not).
 */
import { InputError } from './errors';
import type { NetworkWorkspace } from './network';
import { paramArray, paramEntries, type Params } from './params';

/** The refusal of a run whose `what` is not a finite number, in the words the CLI uses. */
export function overflowError(what: string, key?: string): InputError {
  return new InputError(`the computation overflowed: ${what} is not a finite number; scale the inputs or weights down`, key);
}

/**
 * What overflowed first in a finished run (the loss, the outputs, a state, a gradient), or null
 * when every number is finite. The trace reads the same arrays, so a run this passes writes a trace.
 */
export function runOverflow(run: { loss: number; grads: Params; net: NetworkWorkspace }): string | null {
  if (!Number.isFinite(run.loss)) return 'the loss';
  if (!allFinite(run.net.ys)) return 'an output y_t';
  for (const [i, ws] of run.net.layers.entries()) {
    const where = run.net.layers.length > 1 ? ` of recurrence ${i}` : '';
    if (!allFinite(ws.hs) || !allFinite(ws.cs) || !allFinite(ws.act)) return `a state${where}`;
    if (!allFinite(ws.dhs) || !allFinite(ws.dcs)) return `a gradient dL/dh_t${where}`;
  }
  for (const e of paramEntries(run.grads)) if (!allFinite(paramArray(run.grads, e))) return `the gradient of ${e.key}`;
  return null;
}

/** The weight of largest magnitude and where it is (to say what to scale down). */
export function largestWeight(p: Params): { key: string; value: number } {
  let best = { key: '', value: 0 };
  for (const e of paramEntries(p)) {
    for (const v of paramArray(p, e)) if (Math.abs(v) > Math.abs(best.value) || best.key === '') best = { key: e.key, value: v };
  }
  return best;
}

function allFinite(a: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k])) return false;
  return true;
}
