/**
 * Elementary functions whose bits do not depend on the JavaScript engine.
 *
 * ECMAScript leaves Math.exp, Math.log, Math.expm1, Math.sin, Math.cos, Math.tanh and Math.hypot
 * "implementation-approximated": engines differ in the last bit (Chromium 156 and Node 20 disagree
 * on Math.exp for about 1 input in 10, on Math.tanh for about 1 in 3,000). A trace exported by the
 * app must reproduce in Node to the bit, and a link must give the same weights and data on every
 * machine, so the engine uses these instead: ports of fdlibm 5.3 (Sun Microsystems, freely
 * redistributable), whose error is below 1 ulp, built only from +, −, ×, ÷ and exact bit
 * operations, which IEEE 754 fixes to the bit. Math.sqrt is correctly rounded by the standard, so
 * it is safe everywhere. Nothing in the engine may call the other Math functions above (a test
 * checks the source).
 */

// The two 32-bit words of a double, for fdlibm's exponent arithmetic.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;

function highWord(x: number): number {
  F64[0] = x;
  return U32[HI] | 0;
}
function fromWords(hi: number, lo: number): number {
  U32[HI] = hi >>> 0;
  U32[LO] = lo >>> 0;
  return F64[0];
}

/** 2^k for k = −1022 … 1023, by doubling and halving (exact). */
const POW2 = (() => {
  const t = new Float64Array(2046);
  t[1022] = 1;
  for (let k = 1; k <= 1023; k++) t[1022 + k] = t[1021 + k] * 2;
  for (let k = 1; k <= 1022; k++) t[1022 - k] = t[1023 - k] / 2;
  return t;
})();
const TWO_M1000 = 9.33263618503218878990e-302; // 2^-1000

/** y · 2^k, exact whenever the result is a normal number (fdlibm adds k to y's exponent). */
function scaleByPow2(y: number, k: number): number {
  if (k > 1023) return y * 2 * POW2[1022 + k - 1];
  if (k >= -1021) return y * POW2[1022 + k];
  return y * POW2[1022 + k + 1000] * TWO_M1000;
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e0;
const HALF_LN2 = 0.34657359027997264; // fdlibm's |x| > 0.5 ln2 test
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;

const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

/**
 * e^r for the reduced argument r = hi − lo, |r| ≤ ½ ln 2 (fdlibm e_exp.c's rational approximation;
 * with lo = 0 it is fdlibm's k = 0 case to the bit).
 */
function expReduced(hi: number, lo: number): number {
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  return 1 - (lo - (r * c) / (2 - c) - hi);
}

/*
 * The functions the time loops call (exp, sigmoid, tanh) keep their common path short and send
 * the rare cases to separate functions: V8 then inlines them into the loops (it inlines nothing
 * over 460 bytes of bytecode), and a call that is not inlined boxes its double argument and result.
 */

/** e^x (fdlibm e_exp.c), error < 1 ulp. */
export function exp(x: number): number {
  if (!(x > -707 && x < 709)) return expOutside(x);
  const a = x < 0 ? -x : x;
  if (a <= HALF_LN2) return a < 3.725290298461914e-9 ? 1 + x : expReduced(x, 0);
  // x = k ln2 + r with |r| ≤ ½ ln2; k·LN2_HI is exact (LN2_HI has trailing zeros)
  const k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0; // |0: an int32 index (a double key is slow)
  return expReduced(x - k * LN2_HI, k * LN2_LO) * POW2[1022 + k];
}

/** exp where the result is ∞, 0, subnormal, or near the overflow threshold, and NaN. */
function expOutside(x: number): number {
  if (x !== x) return x;
  if (x > O_THRESHOLD) return Infinity;
  if (x < U_THRESHOLD) return 0;
  const k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
  return scaleByPow2(expReduced(x - k * LN2_HI, k * LN2_LO), k);
}

const Q1 = -3.33333333333331316428e-2;
const Q2 = 1.58730158725481460165e-3;
const Q3 = -7.93650757867487942473e-5;
const Q4 = 4.00821782732936239552e-6;
const Q5 = -2.01099218183624371326e-7;

/**
 * e^x − 1 for −2 ≤ x ≤ 0, the range tanh needs (fdlibm s_expm1.c, its k = 0, −1, −2, −3 cases),
 * accurate near 0 where e^x − 1 would cancel.
 */
function expm1Negative(x: number): number {
  let k = 0;
  let c = 0;
  let r = x;
  if (x < -HALF_LN2) {
    k = (INV_LN2 * x - 0.5) | 0;
    const hi = x - k * LN2_HI;
    const lo = k * LN2_LO;
    r = hi - lo;
    c = hi - r - lo;
  }
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - r * t));
  if (k === 0) return r - (r * e - hxs);
  e = r * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (r - e) - 0.5;
  return (1 - (e - r)) * POW2[1022 + k] - 1;
}

const TWO54 = 1.8014398509481984e16;
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural logarithm (fdlibm e_log.c), error < 1 ulp. */
export function log(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    k -= 54; // subnormal: scale up
    x *= TWO54;
  }
  F64[0] = x;
  let hx = U32[HI] | 0;
  const lx = U32[LO];
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  x = fromWords(hx | (i0 ^ 0x3ff00000), lx); // normalise x or x/2
  k += i0 >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

/** sin on [−π/4, π/4] of x + y (y the tail of a reduced argument); fdlibm k_sin.c. */
function kernelSin(x: number, y: number, tailed: boolean): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!tailed) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** cos on [−π/4, π/4] of x + y; fdlibm k_cos.c. */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // about |x| / 4
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417e0;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;

/** x − n·π/2 as a head and a tail (fdlibm e_rem_pio2.c, its medium-size case), and n. */
const REDUCED = new Float64Array(2);
function remPio2(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  const t0 = x < 0 ? -x : x;
  const n = (t0 * INV_PIO2 + 0.5) | 0;
  const fn = n;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T;
  let y0 = r - w;
  const j = ix >> 20;
  let i = j - ((highWord(y0) >> 20) & 0x7ff);
  if (i > 16) {
    // cancellation: a second round, good to 118 bits
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - (t - r - w);
    y0 = r - w;
    i = j - ((highWord(y0) >> 20) & 0x7ff);
    if (i > 49) {
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - (t - r - w);
      y0 = r - w;
    }
  }
  const y1 = r - y0 - w;
  if (x < 0) {
    REDUCED[0] = -y0;
    REDUCED[1] = -y1;
    return -n;
  }
  REDUCED[0] = y0;
  REDUCED[1] = y1;
  return n;
}

/**
 * Beyond this the medium-size reduction loses accuracy (fdlibm switches to a multi-word π there);
 * the engine's arguments stay far below it (sine tasks: |ωt + φ| < 1000), and larger ones are refused.
 */
export const TRIG_MAX_ARGUMENT = 823549.6; // 2^19 · π/2

/** sin x (fdlibm s_sin.c), error < 1 ulp for |x| ≤ TRIG_MAX_ARGUMENT. */
export function sin(x: number): number {
  if (!(Math.abs(x) <= TRIG_MAX_ARGUMENT)) return x !== x || !Number.isFinite(x) ? NaN : checkedArgument(x);
  if ((highWord(x) & 0x7fffffff) <= 0x3fe921fb) return kernelSin(x, 0, false); // |x| ≲ π/4
  const n = remPio2(x);
  const [y0, y1] = REDUCED;
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, true);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, true);
    default:
      return -kernelCos(y0, y1);
  }
}

/** cos x (fdlibm s_cos.c), error < 1 ulp for |x| ≤ TRIG_MAX_ARGUMENT. */
export function cos(x: number): number {
  if (!(Math.abs(x) <= TRIG_MAX_ARGUMENT)) return x !== x || !Number.isFinite(x) ? NaN : checkedArgument(x);
  if ((highWord(x) & 0x7fffffff) <= 0x3fe921fb) return kernelCos(x, 0);
  const n = remPio2(x);
  const [y0, y1] = REDUCED;
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, true);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, true);
  }
}

function checkedArgument(x: number): number {
  throw new RangeError(`sin/cos argument ${x} is outside ±${TRIG_MAX_ARGUMENT}`);
}

/**
 * tanh x (after fdlibm s_tanh.c), error < 1 ulp: 1 − 2/(e^{2|x|} + 1) for |x| ≥ 1, and −t/(t + 2) with
 * t = e^{−2|x|} − 1 below, where the first form would cancel.
 */
export function tanh(x: number): number {
  const a = x < 0 ? -x : x;
  if (!(a < 22)) return x !== x ? x : x > 0 ? 1 : -1;
  if (a < 2.7755575615628914e-17) return x; // |x| < 2^-55: tanh x = x to the last bit
  let z: number;
  if (a >= 1) z = 1 - 2 / (exp(2 * a) + 1);
  else {
    const t = expm1Negative(-2 * a);
    z = -t / (t + 2);
  }
  return x < 0 ? -z : z;
}

/** a[i] = tanh(a[i]) for from ≤ i < to: a loop the time loops call once per gate block. */
export function tanhRange(a: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) a[i] = tanh(a[i]);
}

/** a[i] = σ(a[i]) for from ≤ i < to. */
export function sigmoidRange(a: Float64Array, from: number, to: number): void {
  for (let i = from; i < to; i++) a[i] = 1 / (1 + exp(-a[i]));
}

/** The logistic function σ(x) = 1 / (1 + e^{−x}). */
export function sigmoid(x: number): number {
  return 1 / (1 + exp(-x));
}

/** √(a² + b²) without overflow or underflow, from exact operations and Math.sqrt only. */
export function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const m = x > y ? x : y;
  if (m === 0 || m === Infinity) return m;
  if (m !== m) return NaN;
  const u = x / m;
  const v = y / m;
  return m * Math.sqrt(u * u + v * v);
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
