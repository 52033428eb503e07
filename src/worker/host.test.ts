/**
 * The worker's engine host, driven directly in Node: sessions, training, weights in and out,
 * and adversarial input (every refusal is an 'error' reply with a message; the previous
 * session stays usable).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../engine/rng';
import { parseRequest } from '../engine/request';
import { computeTrace } from '../engine/trace';
import { EngineHost, type HostReply } from './host';
import type { DataSpec, EngineReply, EngineRequest, ModelSpec, TrainSettings } from './protocol';

const MODEL: ModelSpec = { cell: 'lstm', hidden: 6, seed: 3, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 };
const DATA: DataSpec = { task: 'sine', steps: 10, truncation: 0 };
const SETTINGS: TrainSettings = { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1, batch: 4 };

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function call(host: EngineHost, body: Body): EngineReply {
  return (host.handle({ ...body, id: 1 } as EngineRequest) as HostReply).reply;
}

function opened(host: EngineHost, model = MODEL, data = DATA) {
  const r = call(host, { type: 'open', model, data, weights: null });
  if (r.type !== 'open') throw new Error(`open failed: ${r.type === 'error' ? r.message : r.type}`);
  return r.snapshot;
}

describe('EngineHost sessions', () => {
  it('opens a seeded session: same spec, same bits', () => {
    const a = opened(new EngineHost());
    const b = opened(new EngineHost());
    expect(Array.from(a.layers[0].hs)).toEqual(Array.from(b.layers[0].hs));
    expect(a.lossValue).toBe(b.lossValue);
    expect(a.model).toMatchObject({ cell: 'lstm', inputSize: 1, hiddenSize: 6, outputSize: 1, origin: 'init' });
  });

  it('answers grads, analysis, gradcheck and exportTrace for the open session', () => {
    const host = new EngineHost();
    const snap = opened(host);
    const g = call(host, { type: 'grads', t: 0 });
    expect(g.type).toBe('grads');
    if (g.type === 'grads') expect(Array.from(g.grads.accumulated.layers[0].wHh)).toEqual(Array.from(snap.grads.layers[0].wHh));
    const a = call(host, { type: 'analysis' });
    expect(a.type).toBe('analysis');
    if (a.type === 'analysis') {
      expect(a.analysis.spectrum).toHaveLength(4);
      expect(a.analysis.mechanism.hPath.spectral.value).toHaveLength(10);
      expect(a.analysis.mechanism.hPath.spectral.method).toBe('exact');
      expect(a.analysis.mechanism.cellPath?.highway.norm).toHaveLength(10);
    }
    const c = call(host, { type: 'gradcheck' });
    expect(c.type).toBe('gradcheck');
    if (c.type === 'gradcheck') expect(c.result.worstRelError).toBeLessThan(1e-4);
    const e = call(host, { type: 'exportTrace' });
    expect(e.type).toBe('exportTrace');
    if (e.type === 'exportTrace') expect(JSON.parse(e.json).request.cell).toBe('lstm');
  });

  it('compares the three cells on the same data', () => {
    const r = call(new EngineHost(), { type: 'compare', model: { ...MODEL, hidden: 16 }, data: { task: 'copy', steps: 30, truncation: 0 } });
    expect(r.type).toBe('compare');
    if (r.type !== 'compare') return;
    expect(r.cells.map((c) => c.cell)).toEqual(['rnn', 'lstm', 'gru']);
    const [rnn, lstm, gru] = r.cells;
    // On the long-dependency default the RNN forgets faster than the LSTM's and the GRU's shortcuts.
    expect(rnn.hPath.value[0]).toBeLessThan(lstm.gated!.full!.value[0]);
    expect(rnn.gated).toBeNull();
    expect(gru.gated!.full).toBeNull();
    expect(gru.gated!.shortcut).toHaveLength(30);
  });
});

describe('EngineHost training', () => {
  it('trains one iteration and shows the next iteration\'s sequence', () => {
    const host = new EngineHost();
    opened(host);
    const r = call(host, { type: 'train', settings: SETTINGS, mode: 'one' });
    expect(r.type).toBe('train');
    if (r.type !== 'train') return;
    expect(r.progress.iteration).toBe(1);
    expect(r.snapshot?.sequence).toBe('next');
    expect(r.snapshot?.model.origin).toBe('trained');
  });

  it('runs in slices and emits progress until paused', () => {
    const events: EngineReply[] = [];
    const queue: (() => void)[] = [];
    let clock = 0;
    const host = new EngineHost((reply) => events.push(reply), () => (clock += 1), (f) => queue.push(f));
    opened(host);
    expect(call(host, { type: 'train', settings: SETTINGS, mode: 'start' }).type).toBe('train');
    for (let i = 0; i < 50 && queue.length; i++) queue.shift()!();
    expect(events.length).toBeGreaterThan(0);
    const paused = call(host, { type: 'pauseTraining' });
    expect(paused.type).toBe('pauseTraining');
    if (paused.type === 'pauseTraining') {
      expect(paused.progress!.iteration).toBeGreaterThan(1);
      expect(paused.progress!.running).toBe(false);
    }
  });

  it('stops on divergence and restores the last finite weights', () => {
    const host = new EngineHost();
    opened(host, { ...MODEL, cell: 'rnn' }, { task: 'adding', steps: 20, truncation: 0 });
    const wild: TrainSettings = { ...SETTINGS, optimizer: 'sgd', lr: 10, clip: 0 };
    let last: EngineReply | null = null;
    for (let i = 0; i < 200; i++) {
      last = call(host, { type: 'train', settings: wild, mode: 'one' });
      if (last.type === 'train' && !last.progress.finite) break;
    }
    // If SGD at lr 10 did not blow up, the test setup is wrong: it must fail loudly.
    expect(last?.type === 'train' && !last.progress.finite).toBe(true);
    const restored = call(host, { type: 'restoreFinite' });
    expect(restored.type).toBe('restoreFinite');
    if (restored.type === 'restoreFinite') expect(Number.isFinite(restored.snapshot.lossValue)).toBe(true);
  });
});

describe('EngineHost weights in and out', () => {
  it('exports and re-imports weights to the same numbers', () => {
    const host = new EngineHost();
    const snap = opened(host);
    const out = call(host, { type: 'exportWeights' });
    expect(out.type).toBe('exportWeights');
    if (out.type !== 'exportWeights') return;
    const other = new EngineHost();
    opened(other, { ...MODEL, init: 'xavier' });
    const imp = call(other, { type: 'importWeights', json: out.json });
    expect(imp.type).toBe('importWeights');
    if (imp.type === 'importWeights') {
      expect(Array.from(imp.snapshot.layers[0].hs)).toEqual(Array.from(snap.layers[0].hs));
      expect(imp.snapshot.model.origin).toBe('imported');
    }
  });

  it('accepts module prefixes (lstm., model.head.) as PyTorch writes them', () => {
    const host = new EngineHost();
    opened(host);
    const out = call(host, { type: 'exportWeights' });
    if (out.type !== 'exportWeights') throw new Error('export failed');
    const prefixed = Object.fromEntries(Object.entries(JSON.parse(out.json)).map(([k, v]) => [k.startsWith('head') ? `model.${k}` : `lstm.${k}`, v]));
    const r = call(host, { type: 'importWeights', json: JSON.stringify({ cell: 'lstm', state_dict: prefixed }) });
    expect(r.type).toBe('importWeights');
  });

  it('refuses weights whose input size does not fit the task, naming the key', () => {
    const host = new EngineHost();
    opened(host, { ...MODEL, cell: 'rnn' });
    const req = readFileSync(join(import.meta.dirname, '../engine/__fixtures__/sample-1-rnn-mse.request.json'), 'utf8');
    const r = call(host, { type: 'importWeights', json: req });
    expect(r.type).toBe('error');
    if (r.type === 'error') expect(r.message).toMatch(/weight_ih_l0/);
  });
});

describe('EngineHost with stacked or bidirectional networks', () => {
  /** A session whose data reads 2 numbers and writes 2 (the v2 fixtures' sizes). */
  const twoColumns = (host: EngineHost, truncation = 0) =>
    opened(host, { ...MODEL, cell: 'lstm', hidden: 3 }, { task: 'custom', steps: 5, truncation, series: Array.from({ length: 8 }, (_, r) => [Math.sin(r), Math.cos(r)]) });
  const fixture = (name: string) => readFileSync(join(import.meta.dirname, `../engine/__fixtures__/${name}.request.json`), 'utf8');

  it('opens a seeded 3-layer bidirectional GRU: one recurrence per layer and direction, and the walk’s gradients at any event', () => {
    const host = new EngineHost();
    const snap = opened(host, { ...MODEL, cell: 'gru', hidden: 4, layers: 3, bidirectional: true });
    expect(snap.model).toMatchObject({ numLayers: 3, directions: 2 });
    expect(snap.layers.map((r) => [r.layer, r.direction])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1],
    ]);
    // layer 1 reads both directions of layer 0: 2·H numbers a step
    expect(snap.layers[2].xs.length).toBe(10 * 8);
    const g = call(host, { type: 'grads', t: 0, layer: 0, direction: 0 });
    // the last backward event: the whole gradient
    if (g.type !== 'grads') throw new Error(g.type);
    expect(Array.from(g.grads.accumulated.layers[4].wHh)).toEqual(Array.from(snap.grads.layers[4].wHh));
    expect(call(host, { type: 'grads', t: 0, layer: 3, direction: 0 }).type).toBe('error');
  });

  it('exports seeded weights with the module names of the documented model (lstm., head.), imported ones with their own', () => {
    const host = new EngineHost();
    opened(host, { ...MODEL, layers: 2 });
    const out = call(host, { type: 'exportWeights' });
    if (out.type !== 'exportWeights') throw new Error(out.type);
    const keys = Object.keys(JSON.parse(out.json));
    expect(keys.slice(0, 5)).toEqual(['lstm.weight_ih_l0', 'lstm.weight_hh_l0', 'lstm.bias_ih_l0', 'lstm.bias_hh_l0', 'lstm.weight_ih_l1']);
    expect(keys.slice(-2)).toEqual(['head.weight', 'head.bias']);
    const prefixed = Object.fromEntries(Object.entries(JSON.parse(out.json)).map(([k, v]) => [k.replace('lstm.', 'net.rnn.').replace(/^head/, 'net.head'), v]));
    const imp = call(host, { type: 'importWeights', json: JSON.stringify(prefixed) });
    expect(imp.type).toBe('importWeights');
    const again = call(host, { type: 'exportWeights' });
    if (again.type !== 'exportWeights') throw new Error(again.type);
    expect(Object.keys(JSON.parse(again.json))).toEqual(Object.keys(prefixed));
  });

  it('refuses truncation with two directions, naming the setting', () => {
    const r = call(new EngineHost(), { type: 'open', model: { ...MODEL, bidirectional: true }, data: { ...DATA, truncation: 3 }, weights: null });
    expect(r.type).toBe('error');
    if (r.type === 'error') expect(r.key).toBe('truncation');
  });

  it('imports a 2-layer LSTM: the model takes its layers, and its exported trace is the CLI’s for the exported request', () => {
    const host = new EngineHost();
    twoColumns(host);
    const r = call(host, { type: 'importWeights', json: fixture('v2-sample-1-lstm-L2') });
    if (r.type !== 'importWeights') throw new Error(r.type === 'error' ? r.message : r.type);
    expect(r.snapshot.model).toMatchObject({ numLayers: 2, directions: 1, hiddenSize: 3, origin: 'imported' });
    const exported = call(host, { type: 'exportTrace' });
    if (exported.type !== 'exportTrace') throw new Error(exported.type);
    const trace = JSON.parse(exported.json);
    const { params, seq } = parseRequest(trace.request);
    expect(JSON.parse(JSON.stringify(computeTrace(params, seq)))).toEqual({ ...trace, request: undefined });
    const weights = call(host, { type: 'exportWeights' });
    if (weights.type !== 'exportWeights') throw new Error(weights.type);
    // the fixture's keys are unprefixed: so are the exported ones, with layer 1's
    expect(Object.keys(JSON.parse(weights.json))).toContain('weight_hh_l1');
  });

  it('imports a bidirectional GRU, or refuses it while truncation is on', () => {
    const host = new EngineHost();
    opened(host, MODEL, { task: 'custom', steps: 5, truncation: 2, series: Array.from({ length: 8 }, (_, r) => [r, -r, r / 2]) });
    const refused = call(host, { type: 'importWeights', json: fixture('v2-sample-2-gru-bidir') });
    expect(refused.type).toBe('error');
    if (refused.type === 'error') expect(refused.key).toBe('weight_ih_l0_reverse');
    opened(host, MODEL, { task: 'custom', steps: 5, truncation: 0, series: Array.from({ length: 8 }, (_, r) => [r, -r, r / 2]) });
    const r = call(host, { type: 'importWeights', json: fixture('v2-sample-2-gru-bidir') });
    if (r.type !== 'importWeights') throw new Error(r.type === 'error' ? r.message : r.type);
    expect(r.snapshot.model).toMatchObject({ cell: 'gru', numLayers: 1, directions: 2 });
  });

  it('refuses weight_ih_l1 without weight_hh_l1, naming the key, and keeps the session', () => {
    const host = new EngineHost();
    const snap = twoColumns(host);
    const dict = JSON.parse(fixture('v2-sample-1-lstm-L2')).state_dict;
    delete dict.weight_hh_l1;
    const r = call(host, { type: 'importWeights', json: JSON.stringify(dict) });
    expect(r.type).toBe('error');
    if (r.type === 'error') expect(r.message).toMatch(/weight_hh_l1/);
    const g = call(host, { type: 'grads', t: 0 });
    if (g.type !== 'grads') throw new Error(g.type);
    expect(Array.from(g.grads.accumulated.headW)).toEqual(Array.from(snap.grads.headW));
  });
});

describe('EngineHost refuses bad input and keeps the session', () => {
  const bad: [string, Body][] = [
    ['a huge hidden size', { type: 'open', model: { ...MODEL, hidden: 100000 }, data: DATA, weights: null }],
    ['a million steps', { type: 'open', model: MODEL, data: { ...DATA, steps: 1_000_000 }, weights: null }],
    ['a too short text', { type: 'open', model: MODEL, data: { task: 'text', steps: 5, truncation: 0, text: '' }, weights: null }],
    ['NaN learning rate', { type: 'train', settings: { ...SETTINGS, lr: NaN }, mode: 'one' }],
    ['a huge batch', { type: 'train', settings: { ...SETTINGS, batch: 1e9 }, mode: 'one' }],
    ['weights that are not JSON', { type: 'importWeights', json: '{"weight_ih_l0": [[1, 2' }],
    ['weights of the wrong shape', { type: 'importWeights', json: JSON.stringify({ weight_ih_l0: [[1]], weight_hh_l0: [[1, 2]], bias_ih_l0: [0], bias_hh_l0: [0], 'head.weight': [[1]], 'head.bias': [0] }) }],
    ['weights with NaN as text', { type: 'importWeights', json: '{"weight_hh_l0": [["NaN"]]}' }],
    ['deeply nested JSON', { type: 'importWeights', json: '['.repeat(5000) + ']'.repeat(5000) }],
    ['a history entry that does not exist', { type: 'restoreHistory', index: 12345 }],
  ];
  for (const [what, body] of bad) {
    it(what, () => {
      const host = new EngineHost();
      const snap = opened(host);
      const r = call(host, body);
      expect(r.type).toBe('error');
      if (r.type === 'error') expect(r.message.length).toBeGreaterThan(5);
      // the session is still there, unchanged
      const g = call(host, { type: 'grads', t: 0 });
      expect(g.type).toBe('grads');
      if (g.type === 'grads') expect(Array.from(g.grads.accumulated.headB)).toEqual(Array.from(snap.grads.headB));
    });
  }

  it('random garbage never throws out of handle()', () => {
    const rng = createRng(2024);
    const host = new EngineHost();
    opened(host);
    const junk = (): unknown => {
      const k = rng.int(7);
      if (k === 0) return rng.normal() * 1e300;
      if (k === 1) return 'x'.repeat(rng.int(20));
      if (k === 2) return null;
      if (k === 3) return [junk(), junk()];
      if (k === 4) return { a: junk() };
      if (k === 5) return NaN;
      return -1;
    };
    for (let i = 0; i < 300; i++) {
      const types = ['open', 'grads', 'train', 'importWeights', 'restoreHistory', 'sample', 'compare'];
      const req = { type: types[rng.int(types.length)], id: i, model: junk(), data: junk(), weights: junk(), t: junk(), settings: junk(), mode: junk(), json: JSON.stringify(junk()), index: junk(), start: junk(), length: junk(), temperature: junk() };
      let out: HostReply | undefined;
      expect(() => (out = host.handle(req as unknown as EngineRequest))).not.toThrow();
      expect(out!.reply.id).toBe(i);
    }
  });
});
