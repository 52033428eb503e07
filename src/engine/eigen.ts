/**
 * Eigenvalues of a real square matrix: reduction to upper Hessenberg form by stabilised
 * elementary similarity transforms, then the Francis double-shift QR iteration (the classic
 * EISPACK hqr / Numerical Recipes §11.5–11.6 algorithm). Used for the spectrum of W_hh,
 * whose largest modulus decides whether repeated multiplication shrinks or grows a gradient.
 */

import { pulse } from './pulse';
import { exp, hypot, log } from './mathfn';
import { spectralNormExact } from './spectralNorm';

export interface Eigenvalue {
  re: number;
  im: number;
}

/** All n eigenvalues of the n × n row-major matrix `a` (not modified), or null if QR did not converge. */
export function eigenvalues(a: Float64Array, n: number): Eigenvalue[] | null {
  // 1-based working copy keeps the algorithm's indices as published, which keeps it checkable.
  const m: Float64Array[] = [];
  for (let i = 0; i <= n; i++) m.push(new Float64Array(n + 1));
  for (let i = 1; i <= n; i++) for (let j = 1; j <= n; j++) m[i][j] = a[(i - 1) * n + (j - 1)];
  elmhes(m, n);
  const wr = new Float64Array(n + 1);
  const wi = new Float64Array(n + 1);
  if (!hqr(m, n, wr, wi)) return null;
  const out: Eigenvalue[] = [];
  for (let i = 1; i <= n; i++) out.push({ re: wr[i], im: wi[i] });
  return out;
}

/** max |λ| over the eigenvalues of the n × n matrix `a`. */
export function spectralRadius(a: Float64Array, n: number): number {
  const ev = eigenvalues(a, n);
  if (!ev) return gelfandRadius(a, n);
  let r = 0;
  for (const { re, im } of ev) r = Math.max(r, hypot(re, im));
  return r;
}

/** Fallback: ρ(A) = lim ‖A^k‖^(1/k), by repeated squaring with renormalisation (k = 2^40). */
function gelfandRadius(a: Float64Array, n: number): number {
  let b = a.slice();
  let logScale = 0;
  let k = 1;
  for (let it = 0; it < 40; it++) {
    let s = 0;
    for (let i = 0; i < b.length; i++) s += b[i] * b[i];
    const nrm = Math.sqrt(s);
    if (nrm === 0) return 0;
    for (let i = 0; i < b.length; i++) b[i] /= nrm;
    logScale += log(nrm) / k;
    const c = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let l = 0; l < n; l++) {
      const x = b[i * n + l];
      if (x !== 0) for (let j = 0; j < n; j++) c[i * n + j] += x * b[l * n + j];
    }
    b = c;
    k *= 2;
    pulse();
  }
  return exp(logScale);
}

function elmhes(a: Float64Array[], n: number): void {
  for (let m = 2; m < n; m++) {
    pulse(); // O(n²) per column: ~0.1 ms at n = 256, and n³ in all
    let x = 0;
    let i = m;
    for (let j = m; j <= n; j++) {
      if (Math.abs(a[j][m - 1]) > Math.abs(x)) {
        x = a[j][m - 1];
        i = j;
      }
    }
    if (i !== m) {
      for (let j = m - 1; j <= n; j++) [a[i][j], a[m][j]] = [a[m][j], a[i][j]];
      for (let j = 1; j <= n; j++) [a[j][i], a[j][m]] = [a[j][m], a[j][i]];
    }
    if (x !== 0) {
      for (i = m + 1; i <= n; i++) {
        let y = a[i][m - 1];
        if (y !== 0) {
          y /= x;
          a[i][m - 1] = y;
          for (let j = m; j <= n; j++) a[i][j] -= y * a[m][j];
          for (let j = 1; j <= n; j++) a[j][m] += y * a[j][i];
        }
      }
    }
  }
}

const sign = (a: number, b: number) => (b >= 0 ? Math.abs(a) : -Math.abs(a));

function hqr(a: Float64Array[], n: number, wr: Float64Array, wi: Float64Array): boolean {
  let anorm = 0;
  for (let i = 1; i <= n; i++) for (let j = Math.max(i - 1, 1); j <= n; j++) anorm += Math.abs(a[i][j]);
  let nn = n;
  let t = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let w = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  while (nn >= 1) {
    let its = 0;
    let l: number;
    do {
      pulse(); // one QR sweep, O(n²): a few hundred sweeps at n = 256
      for (l = nn; l >= 2; l--) {
        s = Math.abs(a[l - 1][l - 1]) + Math.abs(a[l][l]);
        if (s === 0) s = anorm;
        if (Math.abs(a[l][l - 1]) + s === s) {
          a[l][l - 1] = 0;
          break;
        }
      }
      x = a[nn][nn];
      if (l === nn) {
        wr[nn] = x + t;
        wi[nn--] = 0;
      } else {
        y = a[nn - 1][nn - 1];
        w = a[nn][nn - 1] * a[nn - 1][nn];
        if (l === nn - 1) {
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn] = z;
            wi[nn - 1] = -z;
          }
          nn -= 2;
        } else {
          if (its === 60) return false;
          if (its === 10 || its === 20 || its === 40) {
            t += x;
            for (let i = 1; i <= nn; i++) a[i][i] -= x;
            s = Math.abs(a[nn][nn - 1]) + Math.abs(a[nn - 1][nn - 2]);
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = a[m][m];
            r = x - z;
            s = y - z;
            p = (r * s - w) / a[m + 1][m] + a[m][m + 1];
            q = a[m + 1][m + 1] - z - r - s;
            r = a[m + 2][m + 1];
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(a[m][m - 1]) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(a[m - 1][m - 1]) + Math.abs(z) + Math.abs(a[m + 1][m + 1]));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i][i - 2] = 0;
            if (i !== m + 2) a[i][i - 3] = 0;
          }
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a[k][k - 1];
              q = a[k + 1][k - 1];
              r = 0;
              if (k !== nn - 1) r = a[k + 2][k - 1];
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            s = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (s !== 0) {
              if (k === m) {
                if (l !== m) a[k][k - 1] = -a[k][k - 1];
              } else a[k][k - 1] = -s * x;
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = a[k][j] + q * a[k + 1][j];
                if (k !== nn - 1) {
                  p += r * a[k + 2][j];
                  a[k + 2][j] -= p * z;
                }
                a[k + 1][j] -= p * y;
                a[k][j] -= p * x;
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * a[i][k] + y * a[i][k + 1];
                if (k !== nn - 1) {
                  p += z * a[i][k + 2];
                  a[i][k + 2] -= p * r;
                }
                a[i][k + 1] -= p * q;
                a[i][k] -= p;
              }
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  return true;
}

/**
 * Largest singular value ‖A‖₂ of the rows × cols matrix `a`, exact to about n·ε relative
 * (bidiagonalisation and bisection, spectralNorm.ts). A power iteration with a fixed number of
 * steps used to stand here: it stopped 4 to 8 digits short whenever the top two singular values
 * were close, and printed those digits as if they were right.
 */
export function spectralNorm(a: Float64Array, rows: number, cols: number): number {
  return spectralNormExact(a, rows, cols);
}
