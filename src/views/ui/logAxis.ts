/**
 * The one log axis of the charts (gradient norms, the loss): d3's scaleLog chooses the ticks, this
 * keeps at most a few of them and writes powers of ten the way people read them (10⁻⁶, not 1e-6).
 */
import { scaleLog } from 'd3';
import { fmt } from './scales';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

function isPowerOfTen(v: number): boolean {
  const e = Math.round(Math.log10(v));
  return Math.abs(v / Math.pow(10, e) - 1) < 1e-9;
}

/**
 * At most `maxTicks` ticks of a log axis over `domain`: d3's ticks, only its powers of ten when the
 * domain spans two decades or more, evenly thinned (the ends kept where they are ticks).
 */
export function logTicks(domain: readonly [number, number], maxTicks: number): number[] {
  const all = scaleLog().domain([domain[0], domain[1]]).ticks(maxTicks);
  const decades = all.filter(isPowerOfTen);
  const ticks = decades.length >= 2 ? decades : all;
  if (ticks.length <= maxTicks) return ticks;
  const every = Math.ceil((ticks.length - 1) / Math.max(1, maxTicks - 1));
  return ticks.filter((_, i) => i % every === 0);
}

/** A log-axis label: 0.01 … 100 as they are, other powers of ten as 10ⁿ, anything else in the app's format. */
export function logTickLabel(v: number): string {
  if (!isPowerOfTen(v)) return fmt(v);
  const e = Math.round(Math.log10(v));
  if (e >= -2 && e <= 2) return String(Number(Math.pow(10, e).toPrecision(1)));
  return '10' + [...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** The values of some arrays that a log axis can show (> 0, finite): their smallest and largest, or null. */
export function positiveExtent(arrays: readonly ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let k = 0; k < a.length; k++) {
      const v = a[k];
      if (v > 0 && Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * A log-scale domain covering the positive values, widened to whole decades (at least
 * `minDecades` of them) so the ticks land on powers of ten.
 */
export function logDomain(arrays: readonly ArrayLike<number>[], minDecades = 1): [number, number] {
  const ext = positiveExtent(arrays);
  if (!ext) return [1e-3, 1];
  let a = Math.floor(Math.log10(ext[0]) + 1e-9);
  let b = Math.ceil(Math.log10(ext[1]) - 1e-9);
  if (b - a < minDecades) {
    const add = minDecades - (b - a);
    a -= Math.ceil(add / 2);
    b += Math.floor(add / 2);
  }
  // Doubles reach 1e-323; keep the exponents inside what Math.pow returns as a positive number.
  a = Math.max(a, -320);
  b = Math.min(Math.max(b, a + 1), 308);
  return [Math.pow(10, a), Math.pow(10, b)];
}
