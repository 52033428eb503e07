/**
 * One JSON number token, from the bytes it was read as, to the float64 JSON.parse gives for
 * it, bit for bit. Most numbers a person writes (up to 15 significant digits, a power of ten
 * within ±22) take the exact fast path below; the rest go through Number(), which rounds
 * exactly as JSON.parse does (both are ECMAScript's decimal-to-double conversion).
 */

/** 10^0 … 10^22: the powers of ten a float64 holds exactly. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Significant digits whose integer a float64 holds exactly, whatever they are. */
const EXACT_DIGITS = 15;

/**
 * ASCII bytes as a string (for Number(), and for JSON.parse of a row). Buffer's latin1Slice
 * is what toString('latin1') calls after checking its arguments; called directly it halves
 * the cost of a number that takes the slow path (most numbers written in full do).
 */
export const asciiText: (bytes: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as { latin1Slice?: unknown }).latin1Slice === 'function'
    ? (bytes, start, end) => (bytes as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(start, end)
    : (bytes, start, end) => bytes.toString('latin1', start, end);

const ZERO = 0x30;
const NINE = 0x39;

/**
 * The value of bytes[start, end) when it is a JSON number (-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?),
 * or NaN when it is not. With `convert` false the token is only checked (and 0 returned),
 * for numbers that are read past rather than kept.
 */
export function jsonNumberValue(bytes: Buffer, start: number, end: number, convert = true): number {
  let i = start;
  const negative = bytes[i] === 0x2d;
  if (negative) i++;
  if (i >= end) return NaN;

  // Digits go into `mantissa` while it stays exact; `scale` is the power of ten it is off by.
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let c = bytes[i];
  if (c === ZERO) {
    i++;
  } else if (c > ZERO && c <= NINE) {
    for (; i < end && (c = bytes[i]) >= ZERO && c <= NINE; i++) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
    }
  } else {
    return NaN;
  }
  if (i < end && bytes[i] === 0x2e) {
    i++;
    const first = i;
    for (; i < end && (c = bytes[i]) >= ZERO && c <= NINE; i++) {
      mantissa = mantissa * 10 + (c - ZERO);
      // leading zeros of a fraction (0.0001) are not significant digits
      if (digits > 0 || c !== ZERO) digits++;
      scale--;
    }
    if (i === first) return NaN;
  }
  let exponent = 0;
  let exponentDigits = 0;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) {
      exponentNegative = bytes[i] === 0x2d;
      i++;
    }
    const first = i;
    for (; i < end && (c = bytes[i]) >= ZERO && c <= NINE; i++) {
      if (exponentDigits < 8) exponent = exponent * 10 + (c - ZERO);
      exponentDigits++;
    }
    if (i === first) return NaN;
    if (exponentNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;
  if (!convert) return 0;

  if (digits <= EXACT_DIGITS && exponentDigits <= 8) {
    // Clinger's fast path: an exact integer times or over an exact power of ten, rounded
    // once by IEEE arithmetic, is the correctly rounded value of the decimal.
    if (mantissa === 0) return negative ? -0 : 0;
    const power = scale + exponent;
    if (power >= 0 && power <= 22) return negative ? -(mantissa * EXACT_POWERS_OF_TEN[power]) : mantissa * EXACT_POWERS_OF_TEN[power];
    if (power < 0 && power >= -22) return negative ? -(mantissa / EXACT_POWERS_OF_TEN[-power]) : mantissa / EXACT_POWERS_OF_TEN[-power];
  }
  return Number(asciiText(bytes, start, end));
}
