/** The worker answers "how is this number made" about the numbers of the snapshot it sent. */
import { describe, expect, it } from 'vitest';
import { EngineHost } from './host';
import type { EngineRequest } from './protocol';

describe('explain requests', () => {
  it('explains the numbers of the open session, and refuses what it does not have', () => {
    const host = new EngineHost();
    const none = host.handle({ type: 'explain', id: 1, ref: { kind: 'loss', t: 0 } }).reply;
    expect(none.type).toBe('error');
    const open = host.handle({ type: 'open', id: 2, model: { cell: 'gru', hidden: 5, seed: 4, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0 }, data: { task: 'sine', steps: 8, truncation: 3 }, weights: null }).reply;
    if (open.type !== 'open') throw new Error(open.type);
    const snap = open.snapshot;
    const ask = (ref: Extract<EngineRequest, { type: 'explain' }>['ref']) => {
      const r = host.handle({ type: 'explain', id: 3, ref }).reply;
      if (r.type !== 'explain') throw new Error(r.type === 'error' ? r.message : r.type);
      return r.explanation;
    };
    const h = ask({ kind: 'h', layer: 0, direction: 0, t: 4, unit: 2 });
    expect(h.value).toBe(snap.layers[0].hs[5 * 5 + 2]);
    expect(h.form).toBe('gru.h');
    const g = ask({ kind: 'wgrad', field: 'wIh', layer: 0, direction: 0, index: 7 });
    expect(g.value).toBe(snap.grads.layers[0].wIh[7]);
    expect(g.addends).toHaveLength(8);
    expect(Math.abs(g.total - g.value)).toBeLessThanOrEqual(1e-12 * Math.abs(g.value));
    expect(ask({ kind: 'dh', layer: 0, direction: 0, t: 2, unit: 0 }).note).toBe('cut');
    const bad = host.handle({ type: 'explain', id: 4, ref: { kind: 'c', layer: 0, direction: 0, t: 0, unit: 0 } }).reply;
    expect(bad.type === 'error' && bad.message).toMatch(/cell state/);
  });
});
