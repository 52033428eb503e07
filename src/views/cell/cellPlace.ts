/**
 * A cell diagram's labels for where the cell sits in a stacked or bidirectional network. The
 * geometry stays (cellLayout.ts): the previous state still enters on the left; only what the
 * labels name changes.
 *   - reverse direction: the state comes from step t + 1 and the gradient from step t − 1;
 *   - layer l ≥ 1: the input is x^{(l)}_t, the layer below's output;
 *   - below the top layer: h_t goes up to layer l + 1 instead of into the head, and the part of
 *     δh_t from above is marked (↑).
 * Pure: a layout in, a layout out (the same object for one layer in one direction).
 */
import type { Layout, Prim, Sym } from './cellLayout';

/** Where a cell sits (a StepReader has these fields). */
export interface Place {
  layer: number;
  layers: number;
  direction: number;
  directions: number;
}

/** A box for the layer above is wider than the head's W_y: it names the layer. */
export const UP_BOX_WIDTH = 58;

/** t−1 ↔ t+1 in a symbol's subscript and superscript. */
function reverseSym(s: Sym): Sym {
  const swap = (v: string | undefined) => v?.replace(/t([−+])1/, (_, op: string) => `t${op === '−' ? '+' : '−'}1`);
  return { ...s, sub: swap(s.sub), sup: swap(s.sup) };
}

export function placeLayout(layout: Layout, p: Place): Layout {
  if (p.layers * p.directions === 1) return layout;
  const top = p.layer === p.layers - 1;
  const prims: Prim[] = [];
  for (const q of layout.prims) {
    let out: Prim = q;
    if (out.kind === 'label' && p.direction === 1) out = { ...out, sym: reverseSym(out.sym) };
    if (out.kind === 'label' && out.id === 'x' && p.layer > 0) out = { ...out, sym: { base: 'x', sub: 't', sup: `(${p.layer})` } };
    if (!top && out.kind === 'layer' && out.id === 'head') out = { ...out, above: p.layer + 1, w: UP_BOX_WIDTH };
    if (!top && out.kind === 'label' && out.id === 'y') {
      // going forward the box names the layer above; going backward its part of δh_t is marked ↑
      if (!out.sym.delta) continue;
      out = { ...out, sym: { ...out.sym, sup: '(↑)' } };
    }
    prims.push(out);
  }
  return { ...layout, prims };
}
