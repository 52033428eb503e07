import type { CellType, Params } from './params';
import type { Workspace } from './workspace';

/** One layer's stored forward pass: sizes, W_hh, and the Workspace rows (same layout). */
export interface StoredPass {
  cell: CellType;
  /** H */
  hidden: number;
  /** T */
  steps: number;
  /** weight_hh: (G·H) × H row-major, gate blocks in PyTorch order (lstm i f g o, gru r z n) */
  wHh: Float64Array;
  /** (T + 1) × H; row 0 = h0, row t + 1 = h_t */
  hs: Float64Array;
  /** (T + 1) × H, lstm only (row 0 = c0) */
  cs: Float64Array;
  /** post-activation gates, T × G·H (lstm, gru) */
  act: Float64Array;
  /** tanh(c_t), T × H (lstm) */
  tc: Float64Array;
  /** W_hh h_{t−1} + b_hh, T × G·H (the gru's reset gate multiplies its n block) */
  gh: Float64Array;
}

/**
 * The one place that knows where a single-layer model keeps what jacobian.ts reads: W_hh in the
 * parameters, the rest in the workspace of a finished forward pass. The arrays are shared, not copied.
 */
export function storedPassOf(p: Params, ws: Workspace): StoredPass {
  return { cell: p.cell, hidden: p.hiddenSize, steps: ws.steps, wHh: p.wHh, hs: ws.hs, cs: ws.cs, act: ws.act, tc: ws.tc, gh: ws.gh };
}
