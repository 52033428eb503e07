/**
 * Elementary functions whose bits do not depend on the JavaScript engine.
 *
 * Math.tanh differs in the last bit between V8 versions (Node 20 and Chromium 156 disagree on
 * about 1 input in 3,000), which would break the promise that `npm run trace` reproduces a
 * trace exported by the app to the bit. Math.exp, Math.expm1 and Math.log agree across them
 * (checked over 200,000 inputs), so tanh is built here from expm1 with the classic fdlibm
 * formulas (error ≤ 1 ulp), and powers are products.
 */

/** tanh(x) via expm1: 1 − 2/(e^{2|x|} + 1) for |x| ≥ 1, −t/(t + 2) with t = expm1(−2|x|) below. */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (!(a < 22)) return x !== x ? x : x > 0 ? 1 : -1;
  if (a < 2.7755575615628914e-17) return x * (1 + x); // |x| < 2^-55: tanh x = x to the last bit
  let z: number;
  if (a >= 1) {
    const t = Math.expm1(2 * a);
    z = 1 - 2 / (t + 2);
  } else {
    const t = Math.expm1(-2 * a);
    z = -t / (t + 2);
  }
  return x > 0 || Object.is(x, 0) ? z : -z;
}

/** b^n for a whole n ≥ 0 by repeated squaring (only multiplications: the same bits everywhere). */
export function powInt(b: number, n: number): number {
  let result = 1;
  let base = b;
  let k = n;
  while (k > 0) {
    if (k & 1) result *= base;
    base *= base;
    k = Math.floor(k / 2);
  }
  return result;
}
