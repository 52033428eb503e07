import { hypot } from './mathfn';
import { eigenvalues, type Eigenvalue, spectralNorm } from './eigen';
import {  GATE_NAMES, type Params } from './params';

/**
 * Why gradients vanish or explode, in numbers: the spectrum of each H × H block of W_hh,
 * the size of ∂h_{T-1}/∂h_t for every t (how much the last state still depends on an
 * earlier one), and the per-step factors (tanh', forget gate, update gate) that multiply in.
 */

export interface BlockSpectrum {
  /** gate name ('h' for the rnn) */
  gate: string;
  /** max |λ| of this block of W_hh */
  radius: number;
  /** ‖block‖₂, the largest singular value */
  norm: number;
  /** all eigenvalues, for the complex-plane plot */
  eigenvalues: Eigenvalue[];
}

/** Spectrum of every gate block of W_hh (for the rnn, of W_hh itself). */
export function recurrentSpectrum(p: Params): BlockSpectrum[] {
  const H = p.hiddenSize;
  const names = p.cell === 'rnn' ? ['h'] : GATE_NAMES[p.cell];
  return names.map((gate, g) => {
    const block = p.wHh.subarray(g * H * H, (g + 1) * H * H);
    const ev = eigenvalues(block, H) ?? [];
    let radius = 0;
    for (const e of ev) radius = Math.max(radius, hypot(e.re, e.im));
    return { gate, radius, norm: spectralNorm(block, H, H), eigenvalues: ev };
  });
}
