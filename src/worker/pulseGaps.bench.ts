/**
 * `npm run bench:pulse -- [filter]` — how densely each request the worker answers calls
 * pulse(), at the largest sizes the app allows: per request the time it took, the pulses, the
 * longest gap between two pulses (and from the start and to the end), and the longest silence the
 * page would see: between two signs of life sent by the worker's own beat (throttledBeat, which
 * looks at the clock every PULSE_LOOK_EVERY-th light pulse and sends at most every BEAT_EVERY_MS).
 * Budget: that silence ≤ REQUEST_SILENCE_MS / 10 on this machine, so that a machine ten times
 * slower (two CI runs side by side on two cores) stays inside the watchdog's allowance; exits 1
 * when a request misses it. STACKS=<ms> prints where each gap longer than that starts and ends.
 */
import { BEAT_EVERY_MS, PULSE_LOOK_EVERY, setPulse, throttledBeat } from '../engine/pulse';
import { REQUEST_SILENCE_MS } from './deadlines';
import { EngineHost } from './host';
import type { DataSpec, EngineReply, EngineRequest, ModelSpec } from './protocol';

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

const filter = process.argv[2] ?? '';
const base: ModelSpec = { cell: 'lstm', hidden: 256, seed: 3, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 };
const TEXT = 'the quick brown fox jumps over the lazy dog. '.repeat(45);
const configs: { name: string; model: ModelSpec; data: DataSpec }[] = [
  { name: 'lstm H256 T1000', model: base, data: { task: 'sine', steps: 1000, truncation: 0 } },
  { name: 'lstm 4x2 H128 T400', model: { ...base, hidden: 128, layers: 4, bidirectional: true }, data: { task: 'sine', steps: 400, truncation: 0 } },
  { name: 'text lstm H256 T1000', model: base, data: { task: 'text', steps: 1000, truncation: 0, text: TEXT } },
];

const SILENCE_BUDGET_MS = REQUEST_SILENCE_MS / 10;
const missed: string[] = [];

function timed(host: EngineHost, body: Body): { reply: EngineReply; ms: number; pulses: number; gap: number; silence: number } {
  const stamps: number[] = [];
  const sends: number[] = [];
  const beat = throttledBeat(() => sends.push(performance.now()), () => performance.now(), BEAT_EVERY_MS);
  // STACKS=<ms>: where each gap longer than that ends and starts (Error objects format their stack only when read)
  const stacks = process.env.STACKS ? ([] as Error[]) : null;
  const before = setPulse(() => {
    stamps.push(performance.now());
    beat();
    stacks?.push(new Error());
  });
  const where = (e: Error | undefined) => e?.stack!.split('\n').slice(2, 6).join(' | ');
  const start = performance.now();
  const reply = host.handle({ ...body, id: 1 } as EngineRequest).reply;
  const end = performance.now();
  setPulse(before);
  const all = [start, ...stamps, end];
  let gap = 0;
  for (let i = 1; i < all.length; i++) gap = Math.max(gap, all[i] - all[i - 1]);
  if (stacks) for (let i = 1; i < all.length; i++) if (all[i] - all[i - 1] > Number(process.env.STACKS)) console.log(`  ${(all[i] - all[i - 1]).toFixed(0)} ms after: ${where(stacks[i - 2]) ?? 'start'}\n    before: ${where(stacks[i - 1]) ?? 'end'}`);
  const heard = [start, ...sends, end];
  let silence = 0;
  for (let i = 1; i < heard.length; i++) silence = Math.max(silence, heard[i] - heard[i - 1]);
  if (reply.type === 'error') throw new Error(`${body.type}: ${reply.message}`);
  return { reply, ms: end - start, pulses: stamps.length, gap, silence };
}

function row(config: string, type: string, r: ReturnType<typeof timed>) {
  const line = `${config.padEnd(22)} ${type.padEnd(15)} ${r.ms.toFixed(0).padStart(7)} ms ${String(r.pulses).padStart(8)} pulses  max gap ${r.gap.toFixed(1).padStart(7)} ms  longest silence ${r.silence.toFixed(0).padStart(5)} ms${r.silence <= SILENCE_BUDGET_MS ? '' : ' MISSED'}`;
  console.log(line);
  if (r.silence > SILENCE_BUDGET_MS) missed.push(`${config} ${type}: ${r.silence.toFixed(0)} ms`);
}

for (const c of configs) {
  const host = new EngineHost();
  const run = (type: string, body: Body) => {
    if (!`${c.name} ${type}`.includes(filter)) return null;
    const r = timed(host, body);
    row(c.name, type, r);
    return r;
  };
  timed(host, { type: 'open', model: c.model, data: c.data, weights: null });
  run('open', { type: 'open', model: c.model, data: c.data, weights: null });
  run('grads', { type: 'grads', t: 0 });
  run('analysis', { type: 'analysis' });
  if ((c.model.layers ?? 1) > 1) run('analysis L3', { type: 'analysis', layer: 3 });
  run('compare', { type: 'compare', model: c.model, data: c.data });
  // minutes at these sizes (400 parameters × 2 passes), and it pulses every timestep: asked for by name only
  if (filter.includes('gradcheck')) run('gradcheck', { type: 'gradcheck' });
  run('exportTrace', { type: 'exportTrace' });
  const w = timed(host, { type: 'exportWeights' });
  run('exportWeights', { type: 'exportWeights' });
  if (w.reply.type === 'exportWeights') run('importWeights', { type: 'importWeights', json: w.reply.json });
  run('evaluate', { type: 'evaluate', count: 4 });
  if (c.data.task === 'text') run('sample', { type: 'sample', start: 't', length: 2000, temperature: 1 });
  if (`${c.name} restore`.includes(filter) || filter === '') {
    timed(host, { type: 'train', settings: { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1, batch: 1 }, mode: 'one' });
    run('restoreHistory', { type: 'restoreHistory', index: 0 });
  }
}

console.log(`\nbudget: longest silence ≤ ${SILENCE_BUDGET_MS} ms (REQUEST_SILENCE_MS / 10; light pulses share a look every ${PULSE_LOOK_EVERY})`);
if (missed.length > 0) {
  console.error(`bench:pulse: ${missed.length} request(s) over the budget:\n  ${missed.join('\n  ')}`);
  process.exit(1);
}
