/**
 * Weights that are finite but overflow the pass (1e308) are refused at import with the reason the
 * trace CLI gives for the same numbers, and nothing changes; ordinary weights still load.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../engine/rng';
import { initParams } from '../engine/init';
import { largestWeight, runOverflow } from '../engine/overflow';
import { runSequence } from '../engine/sequence';
import { computeTrace } from '../engine/trace';
import { taskData } from '../engine/tasks';
import { EngineHost, type HostReply } from './host';
import type { DataSpec, EngineReply, EngineRequest, ModelSpec } from './protocol';

const MODEL: ModelSpec = { cell: 'lstm', hidden: 4, seed: 1, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 };
const DATA: DataSpec = { task: 'sine', steps: 6, truncation: 0 };

type Body = EngineRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;
const call = (host: EngineHost, body: Body): EngineReply => (host.handle({ ...body, id: 1 } as EngineRequest) as HostReply).reply;

function exported(host: EngineHost): Record<string, unknown> {
  const r = call(host, { type: 'exportWeights' });
  if (r.type !== 'exportWeights') throw new Error('no export');
  return JSON.parse(r.json) as Record<string, unknown>;
}

describe('the import magnitude check', () => {
  it('refuses 1e308 in head.weight with the CLI reason and the weight it comes from; nothing changes', () => {
    const host = new EngineHost();
    call(host, { type: 'open', model: MODEL, data: DATA, weights: null });
    const before = exported(host);
    const huge = structuredClone(before) as { state_dict: Record<string, number[][]> } & Record<string, unknown>;
    const dict = (huge.state_dict ?? huge) as Record<string, number[][]>;
    dict['head.weight'][0][0] = 1e308;
    const r = call(host, { type: 'importWeights', json: JSON.stringify(huge) });
    expect(r.type).toBe('error');
    if (r.type === 'error') {
      expect(r.message).toMatch(/^the computation overflowed: .* is not a finite number; scale the inputs or weights down \(the largest weight is 1e\+308 in head\.weight\)$/);
      expect(r.key).toBe('head.weight');
    }
    expect(exported(host)).toEqual(before);
    const snap = call(host, { type: 'exportTrace' });
    expect(snap.type).toBe('exportTrace');
  });

  it('takes large weights that do not overflow (tanh saturates, the loss stays finite)', () => {
    const host = new EngineHost();
    call(host, { type: 'open', model: MODEL, data: DATA, weights: null });
    const w = exported(host);
    const dict = ((w as { state_dict?: unknown }).state_dict ?? w) as Record<string, number[][]>;
    dict['lstm.weight_hh_l0' in dict ? 'lstm.weight_hh_l0' : 'weight_hh_l0'][0][0] = 1e6;
    const r = call(host, { type: 'importWeights', json: JSON.stringify(w) });
    expect(r.type).toBe('importWeights');
  });

  it('is the check the CLI makes: the same run refused by both', () => {
    const data = taskData('sine', createRng(1), { steps: 6, truncation: 0 });
    const params = initParams({ cell: 'gru', inputSize: 1, hiddenSize: 3, outputSize: 1 }, createRng(2), { scheme: 'pytorch' });
    expect(runOverflow(runSequence(params, data.example))).toBeNull();
    params.headW[1] = -1e308;
    params.headW[2] = -1e308;
    expect(largestWeight(params)).toEqual({ key: 'head.weight', value: -1e308 });
    const what = runOverflow(runSequence(params, data.example));
    expect(what).not.toBeNull();
    expect(() => computeTrace(params, data.example)).toThrow(/^the computation overflowed: .* is not a finite number; scale the inputs or weights down$/);
  });
});
