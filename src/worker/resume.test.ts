/**
 * A restarted worker goes on from what the page kept: weights given with the iterations they had
 * count on from there (the loss log too).
 */
import { describe, expect, it } from 'vitest';
import { EngineHost, type HostReply } from './host';
import type { DataSpec, EngineReply, EngineRequest, ModelSpec, TrainSettings } from './protocol';

const MODEL: ModelSpec = { cell: 'gru', hidden: 5, seed: 2, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 };
const DATA: DataSpec = { task: 'sine', steps: 9, truncation: 0 };
const SETTINGS: TrainSettings = { optimizer: 'adam', lr: 0.01, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, clip: 1, batch: 2 };

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
const call = (host: EngineHost, body: Body): EngineReply => (host.handle({ ...body, id: 1 } as EngineRequest) as HostReply).reply;

describe('a run resumed in a new worker', () => {
  it('counts on from the iterations the weights had, and its loss log starts there', () => {
    const first = new EngineHost();
    call(first, { type: 'open', model: MODEL, data: DATA, weights: null });
    for (let i = 0; i < 3; i++) call(first, { type: 'train', settings: SETTINGS, mode: 'one' });
    const trained = call(first, { type: 'pauseTraining' });
    if (trained.type !== 'pauseTraining' || !trained.progress) throw new Error('no progress');
    expect(trained.progress.iteration).toBe(3);
    const held = call(first, { type: 'open', model: MODEL, data: DATA, weights: 'keep' });
    if (held.type !== 'open') throw new Error('no session');

    const second = new EngineHost();
    const reopened = call(second, { type: 'open', model: MODEL, data: DATA, weights: held.snapshot.params, origin: 'trained', iteration: 3 });
    if (reopened.type !== 'open') throw new Error('no session');
    expect(reopened.snapshot.iteration).toBe(3);
    expect(Array.from(reopened.snapshot.params.layers[0].wHh)).toEqual(Array.from(held.snapshot.params.layers[0].wHh));
    const next = call(second, { type: 'train', settings: SETTINGS, mode: 'one' });
    if (next.type !== 'train') throw new Error('no training');
    expect(next.progress.iteration).toBe(4);
    expect(next.progress.lossFirst).toBe(3);
    expect(next.progress.losses).toHaveLength(1);
    expect(next.progress.history[0].iteration).toBe(3);
  });

  it('weights from the seed start at 0 whatever iteration is sent', () => {
    const host = new EngineHost();
    const r = call(host, { type: 'open', model: MODEL, data: DATA, weights: null, iteration: 50 });
    expect(r.type === 'open' && r.snapshot.iteration).toBe(0);
  });
});
