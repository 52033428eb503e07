/**
 * The norm series the vanishing/exploding analysis reports (jacobian.ts), and how a norm is stored
 * in one: as a value times 2^exponent, so that long products of Jacobians keep their size in log10
 * where the value itself underflows or overflows.
 */

import { log, powInt } from './mathfn';
import { exactRelativeError } from './spectralNorm';

export const LOG10E = 0.4342944819032518;
export const LOG10_2 = 0.3010299956639812;

/**
 * A norm per step t = 0 … T − 1. `value` is the norm itself (it can underflow to 0 or overflow to
 * ∞ where the true value lies outside the doubles); `log10` is its base-10 logarithm, finite
 * wherever the norm is positive; `relError` bounds |value − true| / true (NaN: not known).
 */
export interface NormSeries {
  value: Float64Array;
  log10: Float64Array;
  relError: Float64Array;
  /**
   * 'exact': bidiagonalisation and bisection, relError = n·ε. 'estimate': power iteration, relError
   * its a-posteriori bound (the view should show only the digits that bound allows).
   * 'unavailable': the carried Jacobian was not exact (over the work budget), value NaN.
   */
  method: 'exact' | 'estimate' | 'unavailable';
}

/** 2^e exactly (0 or ∞ beyond the doubles). */
export function pow2(e: number): number {
  if (e > 1023) return Infinity;
  if (e < -1074) return 0;
  if (e >= -1022) return e >= 0 ? powInt(2, e) : 1 / powInt(2, -e);
  return (1 / powInt(2, 1022)) / powInt(2, -e - 1022);
}

/** An empty series of T steps; an 'unavailable' one is all NaN, as it will stay. */
export function newSeries(T: number, method: NormSeries['method']): NormSeries {
  const s: NormSeries = { value: new Float64Array(T), log10: new Float64Array(T), relError: new Float64Array(T), method };
  if (method === 'unavailable') {
    s.value.fill(NaN);
    s.log10.fill(NaN);
    s.relError.fill(NaN);
  }
  return s;
}

/** Step t of `s` = norm · 2^exponent, exact up to n·ε. */
export function setExact(s: NormSeries, t: number, norm: number, exponent: number, n: number): void {
  s.value[t] = norm * pow2(exponent);
  s.log10[t] = norm > 0 ? log(norm) * LOG10E + exponent * LOG10_2 : -Infinity;
  s.relError[t] = exactRelativeError(n);
}

/** Step t of `s` = value · 2^exponent, estimated within `bound` (absolute, before scaling). */
export function setEstimate(s: NormSeries, t: number, value: number, bound: number, exponent: number): void {
  s.value[t] = value * pow2(exponent);
  s.log10[t] = value > 0 ? log(value) * LOG10E + exponent * LOG10_2 : -Infinity;
  s.relError[t] = value > 0 ? bound / value : bound === 0 ? 0 : Infinity;
}
