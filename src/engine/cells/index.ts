import type { CellType, Params } from '../params';
import type { Workspace } from '../workspace';
import { gruBackward, gruForward } from './gru';
import { lstmBackward, lstmForward } from './lstm';
import { rnnBackward, rnnForward } from './rnn';

/** One timestep of a cell, forward and backward, reading and writing the shared workspace. */
export interface CellKernel {
  forward(p: Params, ws: Workspace, t: number): void;
  backward(p: Params, ws: Workspace, t: number, carry: boolean, wantDx: boolean): void;
}

export const cells: Record<CellType, CellKernel> = {
  rnn: { forward: rnnForward, backward: rnnBackward },
  lstm: { forward: lstmForward, backward: lstmBackward },
  gru: { forward: gruForward, backward: gruBackward },
};
