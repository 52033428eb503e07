/**
 * Bench rows for stacked and bidirectional networks: µs per timestep of the whole network and
 * per (layer, direction), timed in alternating batches against "its layers alone": the same
 * recurrences run as one-layer networks of the same sizes (layer 0 reads I numbers, a layer
 * above reads D·H, and also forms dL/dx_t, which it must send down), one after the other. The
 * ratio is the price of stacking: the concatenation,
 * the time reversal, the gradient sums between layers and the bookkeeping (the layers alone each
 * also pay a small O × H head, which the network pays once).
 */
import { initParams } from '../engine/init';
import { type CellType, type Directions, layerInputSize, type Params } from '../engine/params';
import { createRng } from '../engine/rng';
import { type RunResult, runSequence, type Sequence } from '../engine/sequence';

export interface NetworkRow {
  cell: CellType;
  hiddenSize: number;
  numLayers: number;
  directions: Directions;
  /** whole network, µs per timestep */
  usPerStep: number;
  /** usPerStep / (L·D) */
  usPerRecurrence: number;
  /** the L·D recurrences run alone as one-layer networks, µs per timestep in total */
  aloneUsPerStep: number;
}

export interface NetworkSetup {
  cell: CellType;
  H: number;
  L: number;
  D: Directions;
  network: () => void;
  alone: () => void;
}

export function networkSetup(cell: CellType, H: number, L: number, D: Directions, I: number, O: number, T: number): NetworkSetup {
  const rng = createRng(4321 + H + 10 * L + D);
  const shape = { cell, inputSize: I, hiddenSize: H, outputSize: O, numLayers: L, directions: D };
  const params: Params = initParams(shape, rng, { scheme: 'pytorch' });
  const inputs = new Float64Array(T * I).map(() => rng.normal());
  const values = new Float64Array(T * O).map(() => rng.normal());
  const seq: Sequence = { steps: T, inputs, targets: { kind: 'mse', values }, truncation: 0 };
  let run: RunResult = runSequence(params, seq);
  const reuse = { net: run.net, grads: run.grads };
  // the same recurrences as one-layer, one-direction networks of the same input widths
  const alone = params.layers.map((_, i) => {
    const width = layerInputSize(shape, Math.floor(i / D));
    const one = initParams({ cell, inputSize: width, hiddenSize: H, outputSize: O }, rng, { scheme: 'pytorch' });
    const oneSeq: Sequence = { steps: T, inputs: new Float64Array(T * width).map(() => rng.normal()), targets: { kind: 'mse', values }, truncation: 0 };
    // a layer above 0 also sends dL/dx_t down to the layer below: time that product too
    const sendsDown = i >= D;
    let r = runSequence(one, oneSeq, undefined, sendsDown);
    const keep = { net: r.net, grads: r.grads };
    return () => {
      r = runSequence(one, oneSeq, keep, sendsDown);
    };
  });
  return {
    cell,
    H,
    L,
    D,
    network: () => {
      run = runSequence(params, seq, reuse);
      if (!Number.isFinite(run.loss)) throw new Error('benchmark run produced a non-finite loss');
    },
    alone: () => {
      for (const f of alone) f();
    },
  };
}
