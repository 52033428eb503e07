import type { CellType, LayerParams } from '../params';
import type { Workspace } from '../workspace';
import { gruBackward, gruForward } from './gru';
import { lstmBackward, lstmForward } from './lstm';
import { rnnBackward, rnnForward } from './rnn';

/**
 * The recurrent part of one timestep of a cell. The parts that do not depend on the
 * previous step (input projection, output head, loss) run for all t at once in sequence.ts.
 */
export interface CellKernel {
  /** h_t (and c_t, the gates) from h_{t-1} and the precomputed input part gi_t; `p` is this layer's (and direction's) weights */
  forward(p: LayerParams, ws: Workspace, t: number): void;
  /** dL/dh_t (and dc_t), the pre-activation gradients and the gradient sent to h_{t-1} (W_hh is read from the workspace's panels) */
  backward(p: LayerParams, ws: Workspace, t: number, carry: boolean): void;
}

export const cells: Record<CellType, CellKernel> = {
  rnn: { forward: rnnForward, backward: rnnBackward },
  lstm: { forward: lstmForward, backward: lstmBackward },
  gru: { forward: gruForward, backward: gruBackward },
};
