/**
 * Every number the equations show for a unit opens an explanation the worker can give: a number
 * that is a quantity of the pass opens itself (the worker's value is the number shown, to the bit),
 * a piece of one opens the quantity it is a term of.
 */
import { describe, expect, it } from 'vitest';
import { cellEquations } from '../content/cellEquations';
import { numericTemplate, PLACEHOLDER, type EqOutput } from '../content/equations';
import type { ModelSpec } from '../worker/protocol';
import { openExplaining } from './testing/sessions';
import { allRecurrences, readMoment, type RowName, type ScalarName } from './moment';
import { lineResult, numberTarget, ownRef, partsResult, type NumberPlace } from './numberRef';
import { CELL_TYPES } from './model';

const SCALARS = ['y', 'target', 'loss', 'prob'];

function opened(model: Partial<ModelSpec> & Pick<ModelSpec, 'cell'>, task: 'sine' | 'text', truncation: number) {
  const m: ModelSpec = { hidden: 3, seed: 5, init: 'pytorch', hhScale: 1, forgetBias: 1, updateBias: 0, ...model };
  return openExplaining(m, { task, steps: 5, truncation, text: 'hello' });
}

const lstmAt: NumberPlace = { cell: 'lstm', layer: 1, direction: 0, t: 3, unit: 2, prevT: 2, nextT: 4, cutNext: false };
const w = { layer: 1, direction: 0, t: 3, unit: 2 };

describe('the quantity a number is', () => {
  it('names the pass\'s own quantities, with gates by their slot and neighbours by the walk', () => {
    expect(ownRef('act.f', lstmAt)).toEqual({ kind: 'gate', ...w, gate: 1 });
    expect(ownRef('gh.o', lstmAt)).toEqual({ kind: 'gh', ...w, gate: 3 });
    expect(ownRef('dgi.g', lstmAt)).toEqual({ kind: 'dgi', ...w, gate: 2 });
    expect(ownRef('hPrev', lstmAt)).toEqual({ kind: 'h', ...w, t: 2 });
    expect(ownRef('cPrev', { ...lstmAt, prevT: null })).toBeNull();
    expect(ownRef('dhHead', lstmAt)).toEqual({ kind: 'dhAbove', ...w });
    expect(ownRef('dhPrev', lstmAt)).toEqual({ kind: 'dhSent', ...w });
    expect(ownRef('dhNext', lstmAt)).toEqual({ kind: 'dhSent', ...w, t: 4 });
    // a cut or the end of the walk: the 0 shown is nobody's message
    expect(ownRef('dhNext', { ...lstmAt, cutNext: true })).toBeNull();
    expect(ownRef('dhNext', { ...lstmAt, nextT: null })).toBeNull();
    expect(ownRef('loss', lstmAt)).toEqual({ kind: 'loss', t: 3 });
    expect(ownRef('act.a', { ...lstmAt, cell: 'rnn' })).toEqual({ kind: 'h', ...w });
    expect(ownRef('act.x', lstmAt)).toBeNull();
    expect(ownRef('keep', lstmAt)).toBeNull();
  });

  it('opens a piece as a term of the quantity it makes', () => {
    expect(numberTarget('pre.i', lstmAt, 'act.i')).toEqual({ ref: { kind: 'gate', ...w, gate: 0 }, own: false });
    expect(numberTarget('keep', lstmAt, 'c')).toEqual({ ref: { kind: 'c', ...w }, own: false });
    expect(numberTarget('keep', { ...lstmAt, cell: 'gru' }, 'h')).toEqual({ ref: { kind: 'h', ...w }, own: false });
    expect(numberTarget('dcPrev', lstmAt, 'dhPrev')).toEqual({ ref: { kind: 'dc', ...w, t: 2 }, own: false });
    expect(numberTarget('dhNext', { ...lstmAt, cutNext: true }, 'dh')).toEqual({ ref: { kind: 'dh', ...w }, own: false });
    // the initial state and the input are data: they open what their line makes
    expect(numberTarget('hPrev', { ...lstmAt, cell: 'gru', prevT: null }, 'dgi.z')).toEqual({ ref: { kind: 'dgi', ...w, gate: 1 }, own: false });
    expect(numberTarget('x', { ...lstmAt, cell: 'rnn' }, 'pre.a')).toEqual({ ref: { kind: 'h', ...w }, own: false });
    expect(numberTarget('x', lstmAt, null)).toBeNull();
  });

  it('reads what a line computes from its last number', () => {
    expect(lineResult('c_{@j,t} = @act.f \\cdot @cPrev:p + @act.i = @keep + @write:p = @c')).toBe('c');
    expect(lineResult('x^{(1)}_{H+@j,t} = h_{@j,t}')).toBeNull();
    expect(partsResult('lstm', 'forward', ['c', 'df', 'dprev'])).toBe('c');
    expect(partsResult('lstm', 'backward', ['c', 'df', 'dprev'])).toBe('dgi.f');
    expect(partsResult('gru', 'forward', ['dz'])).toBeNull();
  });

  it('gives every number of every line a quantity the worker explains, its own value to the bit', () => {
    let own = 0;
    let part = 0;
    for (const cell of CELL_TYPES) {
      for (const [model, task, truncation] of [
        [{ cell }, 'sine', 0],
        [{ cell, layers: 2 }, 'sine', 2],
        [{ cell, layers: 2, bidirectional: true }, 'sine', 0],
        [{ cell }, 'text', 0],
      ] as const) {
        const { snapshot, explain } = opened(model, task, truncation);
        const output: EqOutput = snapshot.loss === 'cross_entropy' ? 'cross_entropy' : snapshot.model.outputSize === 1 ? 'mse' : 'mseVector';
        for (const where of allRecurrences(snapshot)) {
          const m = readMoment(snapshot, where);
          for (let t = 0; t < snapshot.steps; t++) {
            const r = m.step(t);
            const place = { cell, layer: r.layer, direction: r.direction, t, prevT: r.prevT, nextT: r.nextT, cutNext: m.cut(t).cutNext };
            for (const phase of ['forward', 'backward'] as const) {
              const lines = cellEquations(cell, phase, { layer: r.layer, layers: r.layers, direction: r.direction, directions: r.directions }, r.hidden).lines;
              for (const line of lines) {
                for (const notation of ['lecture', 'pytorch'] as const) {
                  const template = numericTemplate(line, notation, output);
                  const result = lineResult(template);
                  for (const unit of [0, r.hidden - 1]) {
                    for (const [, name] of template.replaceAll('@j', '').matchAll(PLACEHOLDER)) {
                      const value = SCALARS.includes(name) ? r.scalar(name as ScalarName) : r.value(name as RowName, unit);
                      if (value === null) continue;
                      const target = numberTarget(name, { ...place, unit }, result);
                      if (target === null) {
                        // only what reaches the initial cell state has nothing to open
                        expect([name, r.prevT]).toEqual(['dcPrev', null]);
                        continue;
                      }
                      const e = explain(target.ref);
                      expect(e.ref).toEqual(target.ref);
                      if (target.own) {
                        expect(Object.is(e.value, value), `${cell} ${phase} ${name} t=${t}`).toBe(true);
                        own++;
                      } else part++;
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(own).toBeGreaterThan(1000);
    expect(part).toBeGreaterThan(200);
  });
});
