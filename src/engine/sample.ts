import { cells } from './cells';
import { pulse } from './pulse';
import { softmaxInto } from './loss';
import { type Params, recurrenceShape } from './params';
import type { Rng } from './rng';
import { gemmNT, gemv } from './tensor';
import { createWorkspace, prepareLayer } from './workspace';

/**
 * Lets a character model write: feed a start character, sample the next one from
 * softmax(y_t / temperature), feed it back, and so on. Runs the same cell kernels as training,
 * through every layer (step t of layer l reads layer l − 1's h_t). A bidirectional model reads
 * the whole sequence at once, so it cannot write one character at a time: refused.
 */
export function sampleText(p: Params, vocab: readonly string[], start: string, length: number, temperature: number, rng: Rng): string {
  const V = vocab.length;
  if (p.inputSize !== V || p.outputSize !== V) throw new Error('the model does not read and write this vocabulary');
  if (p.directions !== 1) throw new Error('a bidirectional model reads the whole sequence at once; it cannot write one character at a time');
  const layers = p.layers.map((lp, l) => {
    const ws = createWorkspace(recurrenceShape(p, l), length);
    prepareLayer(ws, lp);
    return ws;
  });
  const xs = new Float64Array(length * V);
  layers[0].xs = xs;
  const GH = layers[0].gateRows;
  const H = p.hiddenSize;
  const top = layers[layers.length - 1];
  const ys = new Float64Array(length * V);
  const probs = new Float64Array(V);
  const kernel = cells[p.cell];
  let c = Math.max(0, vocab.indexOf(start));
  let out = '';
  const temp = Math.max(1e-3, temperature);
  for (let t = 0; t < length; t++) {
    pulse();
    xs[t * V + c] = 1;
    gemmNT(layers[0].gi, t * GH, GH, xs, t * V, V, 1, p.wIh, 0, V, GH, V, p.bIh);
    kernel.forward(p.layers[0], layers[0], t);
    for (let l = 1; l < layers.length; l++) {
      const lp = p.layers[l];
      gemmNT(layers[l].gi, t * GH, GH, layers[l - 1].hs, (t + 1) * H, H, 1, lp.wIh, 0, H, GH, H, lp.bIh);
      kernel.forward(lp, layers[l], t);
    }
    gemv(ys, t * V, p.headW, 0, V, H, top.hs, (t + 1) * H, p.headB);
    softmaxInto(probs, ys, t * V, V, temp);
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
