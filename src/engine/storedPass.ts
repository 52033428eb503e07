import type { StoredPass } from './jacobian';
import type { Params } from './params';
import type { Workspace } from './workspace';

/**
 * The one place that knows where a single-layer model keeps what jacobian.ts reads: W_hh in the
 * parameters, the rest in the workspace of a finished forward pass. The arrays are shared, not copied.
 */
export function storedPassOf(p: Params, ws: Workspace): StoredPass {
  return { cell: p.cell, hidden: p.hiddenSize, steps: ws.steps, wHh: p.wHh, hs: ws.hs, cs: ws.cs, act: ws.act, tc: ws.tc, gh: ws.gh };
}
