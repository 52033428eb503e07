import { cells } from './cells';
import { softmaxInto } from './loss';
import type { Params } from './params';
import type { Rng } from './rng';
import { gemmNT, gemv } from './tensor';
import { createWorkspace, prepareWeights } from './workspace';

/**
 * Lets a character model write: feed a start character, sample the next one from
 * softmax(y_t / temperature), feed it back, and so on. Runs the same cell kernels as training.
 */
export function sampleText(p: Params, vocab: readonly string[], start: string, length: number, temperature: number, rng: Rng): string {
  const V = vocab.length;
  if (p.inputSize !== V || p.outputSize !== V) throw new Error('the model does not read and write this vocabulary');
  const ws = createWorkspace(p, length);
  prepareWeights(ws, p);
  const xs = new Float64Array(length * V);
  ws.xs = xs;
  const GH = ws.gateRows;
  const H = p.hiddenSize;
  const probs = new Float64Array(V);
  const kernel = cells[p.cell];
  let c = Math.max(0, vocab.indexOf(start));
  let out = '';
  const temp = Math.max(1e-3, temperature);
  for (let t = 0; t < length; t++) {
    xs[t * V + c] = 1;
    gemmNT(ws.gi, t * GH, GH, xs, t * V, V, 1, p.wIh, 0, V, GH, V, p.bIh);
    kernel.forward(p, ws, t);
    gemv(ws.ys, t * V, p.headW, 0, V, H, ws.hs, (t + 1) * H, p.headB);
    softmaxInto(probs, ws.ys, t * V, V, temp);
    let u = rng.next();
    c = V - 1;
    for (let k = 0; k < V; k++) {
      u -= probs[k];
      if (u < 0) {
        c = k;
        break;
      }
    }
    out += vocab[c];
  }
  return out;
}
