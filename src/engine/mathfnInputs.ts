/**
 * The inputs of the cross-engine check of mathfn.ts (e2e/determinism.spec.ts runs every function
 * over them in Chromium and in Node and compares the bits). Self-contained: the browser test loads
 * this file on its own. Uniform over each function's working range, plus tiny and huge magnitudes.
 */
export function mathfnInputs(n = 120_000): Float64Array {
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const widths = [1400, 80, 8, 2, 0.05, 1e-6];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (next() - 0.5) * widths[i % widths.length] + (next() - 0.5) * 1e-9;
  return out;
}

/** FNV-1a over the bytes of the results: one number per function to compare across engines. */
export function fingerprint(values: Float64Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
