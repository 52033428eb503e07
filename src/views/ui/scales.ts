/**
 * Colour maps and number formats: pure functions (d3 computes, React draws).
 */
import { interpolateRdBu, scaleLinear, scaleLog, interpolateRgb, interpolatePuRd } from 'd3';
import { DIGITS } from './theme';

/** Symmetric range [−m, m] covering the values (m ≥ tiny so an all-zero band still maps). */
export function symmetricExtent(values: ArrayLike<number>, from = 0, to = values.length): number {
  let m = 0;
  for (let k = from; k < to; k++) {
    const v = Math.abs(values[k]);
    if (v > m && Number.isFinite(v)) m = v;
  }
  return m > 1e-12 ? m : 1;
}

/**
 * Diverging colour for a value: blue below 0, neutral at 0, red above; clamped at ±extent.
 * RdBu's two ends stay apart for deuteranopes and protanopes.
 */
export function divergingColor(extent: number, dark = false): (v: number) => string {
  if (dark) {
    // On a dark panel 0 must be dark too, or near-zero cells glare: panel → blue / orange-red.
    const neg = interpolateRgb(DARK_NEUTRAL, '#6cb4ee');
    const pos = interpolateRgb(DARK_NEUTRAL, '#f4845f');
    return (v: number) => {
      const t = Math.min(1, Math.abs(v) / extent);
      return v < 0 ? neg(Math.pow(t, 0.8)) : pos(Math.pow(t, 0.8));
    };
  }
  const s = scaleLinear<number>().domain([-extent, extent]).range([1, 0]).clamp(true);
  return (v: number) => interpolateRdBu(s(v));
}

/** The neutral (zero) colour of the scales in the dark theme: close to its panels. */
export const DARK_NEUTRAL = '#252d38';

/** Whether a #rrggbb background is dark (then scales centre on a dark neutral). */
export function isDark(background: string): boolean {
  const v = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16) / 255);
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2] < 0.4;
}

/** Sequential colour for a gate in [0, 1] in that gate's hue (light = closed, dark = open). */
export function gateColor(hue: string, background = '#FFFFFF'): (v: number) => string {
  const interp = interpolateRgb(background, hue);
  return (v: number) => interp(0.08 + 0.92 * Math.min(1, Math.max(0, v)));
}

/** Gradient magnitude on a log scale between lo and hi (both > 0). */
export function gradientMagnitudeColor(lo: number, hi: number, dark = false): (v: number) => string {
  const s = scaleLog().domain([Math.max(lo, 1e-300), Math.max(hi, lo * 10, 1e-299)]).range([0.1, 1]).clamp(true);
  if (dark) {
    const f = interpolateRgb(DARK_NEUTRAL, '#ff7ab6');
    return (v: number) => f(Math.abs(v) > 0 ? s(Math.abs(v)) : 0.02);
  }
  return (v: number) => interpolatePuRd(Math.abs(v) > 0 ? s(Math.abs(v)) : 0.05);
}

/** A number with DIGITS significant digits, no exponent for everyday magnitudes. */
export function fmt(v: number, digits = DIGITS): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) {
    const s = v.toPrecision(digits);
    return s.includes('e') ? String(Number(s)) : stripZeros(s);
  }
  return v.toExponential(digits - 1).replace('e+', 'e');
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Full precision for tooltips and exports. */
export function fmtFull(v: number): string {
  return String(v);
}

/**
 * Signed value on a log scale: hue by sign (diverging), depth by log magnitude over the
 * `decades` below maxAbs. Gradients span orders of magnitude, which a linear scale would hide.
 */
export function signedLogColor(maxAbs: number, decades: number): (v: number) => string {
  const top = Math.log10(Math.max(maxAbs, 1e-300));
  return (v: number) => {
    const a = Math.abs(v);
    if (!(a > 0)) return interpolateRdBu(0.5);
    const depth = Math.min(1, Math.max(0, (Math.log10(a) - (top - decades)) / decades));
    return interpolateRdBu(0.5 - 0.5 * Math.sign(v) * (0.08 + 0.92 * depth));
  };
}

/** The significant digits a value known to a relative error deserves (at most the usual DIGITS). */
export function digitsFor(relError: number): number {
  if (!(relError > 0)) return DIGITS;
  return Math.max(1, Math.min(DIGITS, Math.floor(-Math.log10(relError))));
}
