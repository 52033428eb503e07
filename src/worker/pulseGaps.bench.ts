/**
 * `npm run bench:pulse -- [filter]` — how densely each request the worker answers calls
 * pulse(), at the largest sizes the app allows: per request the time it took, the pulses, the
 * longest gap between two pulses (and from the start and to the end), and the longest span of
 * PULSE_LOOK_EVERY consecutive gaps (the throttled beat looks at the clock only that often).
 */
import { PULSE_LOOK_EVERY, setPulse } from '../engine/pulse';
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

function timed(host: EngineHost, body: Body): { reply: EngineReply; ms: number; pulses: number; gap: number; spanLook: number } {
  const stamps: number[] = [];
  // STACKS=1: where each long gap ends and starts (Error objects format their stack only when read)
  const stacks = process.env.STACKS ? ([] as Error[]) : null;
  const before = setPulse(() => {
    stamps.push(performance.now());
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
  if (stacks) for (let i = 1; i < all.length; i++) if (all[i] - all[i - 1] > 40) console.log(`  ${(all[i] - all[i - 1]).toFixed(0)} ms after: ${where(stacks[i - 2]) ?? 'start'}\n    before: ${where(stacks[i - 1]) ?? 'end'}`);
  let spanLook = 0;
  for (let i = 0; i < all.length; i++) spanLook = Math.max(spanLook, all[Math.min(all.length - 1, i + PULSE_LOOK_EVERY)] - all[i]);
  if (reply.type === 'error') throw new Error(`${body.type}: ${reply.message}`);
  return { reply, ms: end - start, pulses: stamps.length, gap, spanLook };
}

const rows: string[] = [];
function row(config: string, type: string, r: ReturnType<typeof timed>) {
  const line = `${config.padEnd(22)} ${type.padEnd(15)} ${r.ms.toFixed(0).padStart(7)} ms ${String(r.pulses).padStart(8)} pulses  max gap ${r.gap.toFixed(1).padStart(7)} ms  ${PULSE_LOOK_EVERY} gaps ${r.spanLook.toFixed(0).padStart(6)} ms`;
  console.log(line);
  rows.push(line);
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
