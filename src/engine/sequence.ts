import type { LossKind, LossSteps, Targets } from './loss';
import { bindNetwork, backwardNetworkSlices, checkTruncation, ensureNetwork, forwardNetworkSlices, networkGradientsSlices, networkLoss, networkOf, type NetworkWorkspace, prepareNetwork } from './network';
import { finish, type Slices } from './slices';
import { type Params, zerosLike } from './params';
import type { Workspace } from './workspace';

export {
  backwardAll,
  bindSequence,
  carriesFrom,
  forwardAll,
  type FrozenStates,
  sequenceLoss,
  weightGradients,
} from './recurrence';

/** One training/inspection example: inputs, targets, initial states and the truncation length. */
export interface Sequence {
  /** T */
  steps: number;
  /** x_t, T × I row-major */
  inputs: Float64Array;
  targets: Targets;
  /**
   * Initial hidden states: H numbers for a one-layer, one-direction network; otherwise (L·D) × H,
   * row l·D + d for layer l, direction d (PyTorch's h_0 order). Zeros when absent.
   */
  h0?: Float64Array;
  /** initial cell states (lstm only), laid out like h0; zeros when absent */
  c0?: Float64Array;
  /** truncated-BPTT block length k; 0 = full backpropagation through time (one direction only) */
  truncation: number;
  /** which steps the loss counts; absent = 'all' (the mean over every step) */
  lossSteps?: LossSteps;
}

export function lossKindOf(seq: Sequence): LossKind {
  return seq.targets.kind;
}

export interface RunResult {
  /** L = (1/T) Σ_t ℓ_t, or ℓ_{T−1} (loss steps 'last') */
  loss: number;
  /** dL/dθ for every parameter (sum over truncation blocks) */
  grads: Params;
  /** the network's working memory, every intermediate of this run */
  net: NetworkWorkspace;
  /** net.layers[0]: layer 0's forward recurrence (for a one-layer, one-direction network, all of it, head included) */
  ws: Workspace;
}

/**
 * The fast path training and the CLI use: forward, backward, then the weight gradients
 * formed once after the time loop as products over time.
 * Pass the previous result's network (and grads) to reuse their memory; a bare workspace
 * of a one-layer network is reused too.
 */
export function runSequence(
  p: Params,
  seq: Sequence,
  reuse?: { net?: NetworkWorkspace | null; ws?: Workspace | null; grads?: Params | null },
  wantDx = false,
): RunResult {
  return finish(runSequenceSlices(p, seq, reuse, wantDx));
}

/** runSequence in pieces (slices.ts): what the worker's training loop runs, so a Pause gets in between. */
export function* runSequenceSlices(
  p: Params,
  seq: Sequence,
  reuse?: { net?: NetworkWorkspace | null; ws?: Workspace | null; grads?: Params | null },
  wantDx = false,
): Slices<RunResult> {
  checkTruncation(p, seq.truncation);
  const prior = reuse?.net ?? (reuse?.ws ? networkOf(reuse.ws) : null);
  const net = ensureNetwork(prior, p, seq.steps);
  prepareNetwork(net, p);
  bindNetwork(net, seq);
  yield* forwardNetworkSlices(p, net);
  yield* backwardNetworkSlices(p, net, seq.truncation, wantDx);
  const grads = reuse?.grads ?? zerosLike(p);
  yield* networkGradientsSlices(net, grads);
  return { loss: networkLoss(net), grads, net, ws: net.layers[0] };
}
