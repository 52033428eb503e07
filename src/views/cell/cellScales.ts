/**
 * Colour of one per-unit quantity of the cell panel: gates in [0, 1] on their hue's
 * sequential scale, bounded values (tanh outputs) on the diverging scale over [−1, 1],
 * unbounded values and gradients on the diverging scale over the row's own symmetric range.
 */
import type { RowName } from '../../state/moment';
import { isDark, divergingColor, gateColor, symmetricExtent } from '../ui/scales';
import { ROLE_COLORS, type Role } from '../ui/theme';

export type RowScale = { kind: 'gate'; role: Role } | { kind: 'bounded' } | { kind: 'free' };

const SIGMOID_GATES = new Set(['f', 'i', 'o', 'r', 'z']);

export function rowScale(name: RowName): RowScale {
  if (name.startsWith('act.')) {
    const g = name.slice(4);
    return SIGMOID_GATES.has(g) ? { kind: 'gate', role: g as Role } : { kind: 'bounded' };
  }
  if (name === 'h' || name === 'hPrev' || name === 'tc') return { kind: 'bounded' };
  return { kind: 'free' };
}

export interface RowColors {
  color: (v: number) => string;
  /** the clamping range (±extent) for diverging rows, null for gates */
  extent: number | null;
}

export function rowColors(name: RowName, row: ArrayLike<number>, background: string): RowColors {
  const s = rowScale(name);
  if (s.kind === 'gate') return { color: gateColor(ROLE_COLORS[s.role], background), extent: null };
  const extent = s.kind === 'bounded' ? 1 : symmetricExtent(row);
  return { color: divergingColor(extent, isDark(background)), extent };
}
