/**
 * Reference singular values for tests, by a method independent of the engine's: one-sided
 * (Hestenes) Jacobi. Plane rotations applied to the rows of A until every pair of rows is
 * orthogonal; the row norms are then the singular values, to high relative accuracy.
 * Slow (several sweeps of n²/2 rotations), which is fine for a test.
 */
export function jacobiSingularValues(a: Float64Array, rows: number, cols: number): number[] {
  const u = a.slice();
  const tol = 1e-15;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < rows - 1; p++) {
      for (let q = p + 1; q < rows; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        const P = p * cols;
        const Q = q * cols;
        for (let k = 0; k < cols; k++) {
          const x = u[P + k];
          const y = u[Q + k];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < cols; k++) {
          const x = u[P + k];
          const y = u[Q + k];
          u[P + k] = c * x - s * y;
          u[Q + k] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let k = 0; k < cols; k++) s += u[r * cols + k] * u[r * cols + k];
    out.push(Math.sqrt(s));
  }
  return out.sort((x, y) => y - x);
}
