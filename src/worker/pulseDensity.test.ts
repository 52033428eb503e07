/**
 * Every request the worker answers is a sign of life while it computes: its long loops call
 * pulse() (engine/pulse.ts), so the watchdog allows no request more than REQUEST_SILENCE_MS of silence
 * (deadlines.ts). The worker's beat looks at the clock only every PULSE_LOOK_EVERY-th pulse while
 * pulses are light (at every one once they are heavy), so at worst what must stay short is the
 * time that many consecutive pulses span (and the stretch before the first and after the last).
 * Measured here as a share of the request's own time, not in milliseconds, so that a slow
 * or busy machine changes nothing: a loop that does not pulse shows as one span holding much of
 * the request (before the pulses were added: all of it, for analysis, compare, exportTrace, sample).
 *
 * The sizes are smaller than the app's largest (H = 256, T = 1000; 4 layers × 2 directions at
 * H = 128, T = 400) to keep the test quick, but large enough that every loop runs many times. At
 * the largest sizes the pieces between pulses grow at most as H² per pulse (a timestep, a row,
 * a QR sweep, one column of a reduction), src/worker/pulseGaps.bench.ts measures them there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PULSE_LOOK_EVERY, setPulse } from '../engine/pulse';
import { EngineHost } from './host';
import type { DataSpec, EngineRequest, ModelSpec } from './protocol';

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

const LOOK_EVERY = PULSE_LOOK_EVERY;

/** The request's time and the longest span of LOOK_EVERY consecutive gaps between pulses, from its start to its end. */
function measure(host: EngineHost, body: Body): { ms: number; pulses: number; span: number; type: string } {
  const stamps: number[] = [];
  const before = setPulse(() => stamps.push(performance.now()));
  const start = performance.now();
  let type: string;
  try {
    const reply = host.handle({ ...body, id: 1 } as EngineRequest).reply;
    type = reply.type === 'error' ? `error: ${reply.message}` : reply.type;
  } finally {
    setPulse(before);
  }
  const end = performance.now();
  const all = [start, ...stamps, end];
  let span = 0;
  for (let i = 0; i < all.length - 1; i++) span = Math.max(span, all[Math.min(all.length - 1, i + LOOK_EVERY)] - all[i]);
  return { ms: end - start, pulses: stamps.length, span, type };
}

/**
 * The densest of up to three measurements. A busy machine can stop the process (another job, the
 * collector) long enough to make one stretch long by itself: that does not happen three times in
 * a row, while a loop that does not pulse makes the stretch long every time.
 */
function densest(run: () => ReturnType<typeof measure>): ReturnType<typeof measure> {
  let best = run();
  for (let i = 1; i < 3 && best.span > best.ms / 2; i++) {
    const r = run();
    if (r.span / r.ms < best.span / best.ms) best = r;
  }
  return best;
}

const BASE: ModelSpec = { cell: 'lstm', hidden: 96, seed: 3, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 };
const TEXT = 'the quick brown fox jumps over the lazy dog. '.repeat(20);
const SIZES: { name: string; model: ModelSpec; data: DataSpec }[] = [
  { name: 'one layer', model: { ...BASE, hidden: 128 }, data: { task: 'text', steps: 600, truncation: 0, text: TEXT } },
  { name: '3 layers × 2 directions', model: { ...BASE, hidden: 48, layers: 3, bidirectional: true }, data: { task: 'sine', steps: 150, truncation: 0 } },
];

afterEach(() => setPulse(() => undefined));

describe('every formerly slow request pulses densely through its work', () => {
  for (const size of SIZES) {
    it(size.name, () => {
      const host = new EngineHost();
      const rows: string[] = [];
      const check = (what: string, body: Body, expected = body.type) => {
        const r = densest(() => measure(host, body));
        rows.push(`${what}: ${r.ms.toFixed(0)} ms, ${r.pulses} pulses, longest span of ${LOOK_EVERY} gaps ${r.span.toFixed(1)} ms`);
        expect(r.type, what).toBe(expected);
        // the beat looks at the clock at least 8 times, and no stretch between two looks holds half the request (allocations and the collector make up the rest)
        expect(r.pulses, what).toBeGreaterThanOrEqual(8 * LOOK_EVERY);
        expect(r.span, `${what}: ${rows.at(-1)}`).toBeLessThanOrEqual(r.ms / 2);
        return r;
      };
      // once unmeasured: the first pass also compiles the engine's code
      host.handle({ type: 'open', id: 0, model: size.model, data: size.data, weights: null });
      check('open', { type: 'open', model: size.model, data: size.data, weights: null });
      check('analysis', { type: 'analysis' });
      check('compare', { type: 'compare', model: size.model, data: size.data });
      check('exportTrace', { type: 'exportTrace' });
      const weights = host.handle({ type: 'exportWeights', id: 2 }).reply;
      if (weights.type !== 'exportWeights') throw new Error(weights.type);
      check('exportWeights', { type: 'exportWeights' });
      check('importWeights', { type: 'importWeights', json: weights.json });
      check('evaluate', { type: 'evaluate', count: 16 });
      if (size.data.task === 'text') check('sample', { type: 'sample', start: 't', length: 2000, temperature: 1 });
      host.handle({ type: 'train', id: 3, settings: { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1, batch: 1 }, mode: 'one' });
      check('restoreHistory', { type: 'restoreHistory', index: 0 });
      check('restoreFinite', { type: 'restoreFinite' });
    });
  }
});

it('gradcheck pulses through its 2 × 400 passes (at a small size: at the app’s largest it runs for minutes, a pass per parameter)', () => {
  const host = new EngineHost();
  host.handle({ type: 'open', id: 0, model: { ...BASE, hidden: 8 }, data: { task: 'sine', steps: 60, truncation: 0 }, weights: null });
  const r = densest(() => measure(host, { type: 'gradcheck' }));
  expect(r.type).toBe('gradcheck');
  expect(r.pulses).toBeGreaterThanOrEqual(800 * 60);
  expect(r.span).toBeLessThanOrEqual(r.ms / 2);
});

it('an imported file of a million one-number rows is read with signs of life, then refused', () => {
  // Once one JSON.parse, silent for 0.3–0.5 s here and past the watchdog's allowance on a busy machine.
  const host = new EngineHost();
  host.handle({ type: 'open', id: 0, model: BASE, data: { task: 'sine', steps: 20, truncation: 0 }, weights: null });
  const json = JSON.stringify({ weight_hh_l0: Array.from({ length: 1_000_000 }, () => [0]) });
  const r = densest(() => measure(host, { type: 'importWeights', json }));
  expect(r.type).toBe("error: state_dict['weight_hh_l0']: 1000000 rows is over the limit of 1024");
  expect(r.pulses).toBeGreaterThanOrEqual(8 * LOOK_EVERY);
  expect(r.span, `${r.ms.toFixed(0)} ms, ${r.pulses} pulses, longest span ${r.span.toFixed(1)} ms`).toBeLessThanOrEqual(r.ms / 2);
});
