import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRequest } from './request';
import { computeTrace } from './trace';

/**
 * The PyTorch float64 reference cases: six one-layer cases (trace format version 1) and four
 * stacked or bidirectional ones (version 2, PyTorch 1.13 autograd: a 2-layer lstm, a
 * bidirectional gru, a 2-layer bidirectional rnn with the loss on the last step, a 3-layer gru
 * with truncation 2). Every entry of our trace must agree with PyTorch's to
 * |got − ref| ≤ 1e-9 · max(1, |ref|).
 */
const dir = join(import.meta.dirname, '__fixtures__');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.request.json'))
  .map((f) => f.replace('.request.json', ''));

function compare(got: unknown, ref: unknown, path: string, worst: { err: number; path: string }): void {
  if (typeof ref === 'number') {
    expect(typeof got, path).toBe('number');
    const err = Math.abs((got as number) - ref) / Math.max(1, Math.abs(ref));
    if (err > worst.err) Object.assign(worst, { err, path });
    return;
  }
  if (Array.isArray(ref)) {
    expect(Array.isArray(got), path).toBe(true);
    expect((got as unknown[]).length, path).toBe(ref.length);
    ref.forEach((r, k) => compare((got as unknown[])[k], r, `${path}[${k}]`, worst));
    return;
  }
  const g = got as Record<string, unknown>;
  const r = ref as Record<string, unknown>;
  expect(Object.keys(g).sort(), path).toEqual(Object.keys(r).sort());
  for (const k of Object.keys(r)) compare(g[k], r[k], `${path}.${k}`, worst);
}

describe('agreement with PyTorch float64 reference traces', () => {
  it('finds the ten cases, four of them version 2', () => {
    expect(cases.length).toBe(10);
    expect(cases.filter((c) => c.startsWith('v2-')).length).toBe(4);
  });
  for (const name of cases) {
    it(name, () => {
      const request = JSON.parse(readFileSync(join(dir, `${name}.request.json`), 'utf8'));
      const ref = JSON.parse(readFileSync(join(dir, `${name}.trace.json`), 'utf8'));
      const { params, seq } = parseRequest(request);
      const worst = { err: 0, path: '' };
      compare(computeTrace(params, seq), ref, 'trace', worst);
      expect(worst.err, `worst at ${worst.path}`).toBeLessThanOrEqual(1e-9);
      // We aim for rounding-level agreement, far inside the tolerance.
      expect(worst.err, `worst at ${worst.path}`).toBeLessThan(1e-13);
      if (process.env.REFERENCE_REPORT) console.log(`${name}: worst ${worst.err.toExponential(2)} at ${worst.path}`);
    });
  }
});
