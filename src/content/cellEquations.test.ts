import { describe, expect, it } from 'vitest';
import { cellEquations, swapTimeNeighbours, type CellPlace } from './cellEquations';
import { EQUATIONS, type EqCell, type EqPhase, type EquationLine } from './equations';
import { en } from './i18n/en';

const CELLS: EqCell[] = ['rnn', 'lstm', 'gru'];
const PHASES: EqPhase[] = ['forward', 'backward'];
const at = (layer: number, layers: number, direction = 0, directions = 1): CellPlace => ({ layer, layers, direction, directions });
const line = (lines: EquationLine[], key: string) => lines.find((l) => l.key === key)!;
/** every string of a line: both notations' TeX and every numeric template */
const strings = (l: EquationLine) => [...Object.values(l.tex), ...Object.values(l.num as Record<string, string>)];

describe('the equations of a cell, for where it sits', () => {
  it('one layer in one direction: exactly the lines of equations.ts, and no caption', () => {
    for (const cell of CELLS)
      for (const phase of PHASES) {
        const e = cellEquations(cell, phase, at(0, 1), 6);
        expect(e.lines).toEqual(EQUATIONS[cell][phase]);
        expect(e.captions).toEqual([]);
      }
  });

  it('swaps t − 1 and t + 1 in time indices only', () => {
    expect(swapTimeNeighbours('h_{t-1} W + c_{@j,t-1} + \\delta h_t^{(t+1)} + f_{t+1}')).toBe('h_{t+1} W + c_{@j,t+1} + \\delta h_t^{(t-1)} + f_{t-1}');
    // (1 - z), \tfrac, t alone: not time neighbours
    expect(swapTimeNeighbours('(1 - z_t) \\tfrac{1}{O} x_t')).toBe('(1 - z_t) \\tfrac{1}{O} x_t');
  });

  it('reverse direction: the state comes from t + 1, the gradient from t − 1, on every line', () => {
    for (const cell of CELLS) {
      for (const phase of PHASES) {
        const rev = cellEquations(cell, phase, at(0, 1, 1, 2), 6).lines;
        expect(rev.map((l) => l.key)).toEqual(EQUATIONS[cell][phase].map((l) => l.key));
        // the lines that do not involve the other direction: the one-way line with t ± 1 swapped
        rev.forEach((l, k) => {
          if (l.key !== 'y' && l.key !== 'dh') expect(strings(l)).toEqual(strings(EQUATIONS[cell][phase][k]).map(swapTimeNeighbours));
        });
      }
    }
    const gate = line(cellEquations('lstm', 'forward', at(0, 1, 1, 2), 6).lines, 'f');
    expect(gate.tex.pytorch).toContain('{h_{t+1}}');
    expect(gate.tex.pytorch).not.toContain('t-1');
    const back = cellEquations('lstm', 'backward', at(0, 1, 1, 2), 6).lines;
    expect(line(back, 'dh').tex.lecture).toContain('^{(t-1)}');
    expect(line(back, 'dc').tex.lecture).toContain('c_{t-1}');
    expect(line(back, 'dc').tex.lecture).toContain('f_{t-1}');
    expect((line(back, 'dprev').num as Record<string, string>).pytorch).toContain('h_{@j,t+1}');
  });

  it('layer l ≥ 1 reads x^{(l)}_t, and a caption says it is the output of layer l − 1', () => {
    for (const cell of CELLS) {
      const e = cellEquations(cell, 'forward', at(2, 3), 5);
      const all = e.lines.flatMap(strings).join(' ');
      expect(all).not.toContain('{x_t}');
      expect(all).toContain('x^{(2)}_t');
      expect(e.captions[0]).toMatchObject({ key: 'eq.ctx.input', vars: { layer: 2, below: 1, width: 5 } });
      expect(e.captions[0].tex!.lecture).toMatch(/x\^\{\(2\)\}_t\} = h\^\{\(1\)\}_t$/);
    }
    const both = cellEquations('gru', 'forward', at(1, 2, 0, 2), 5).captions[0];
    expect(both).toMatchObject({ key: 'eq.ctx.inputBoth', vars: { width: 10 } });
    expect(both.tex!.pytorch).toContain('\\overrightarrow{h}^{(0)}_t');
    expect(both.tex!.pytorch).toContain('\\overleftarrow{h}^{(0)}_t');
  });

  it('only the top layer has the output line; below it h_t goes up as the next layer’s input', () => {
    const lower = line(cellEquations('rnn', 'forward', at(0, 2), 4).lines, 'y');
    expect(lower.tex.lecture).not.toContain('y_t');
    expect(lower.tex.lecture).toContain('x^{(1)}_t');
    expect(Object.values(lower.num)).toEqual([expect.stringMatching(/ = @h$/), expect.stringMatching(/ = @h$/)]);
    expect(cellEquations('rnn', 'forward', at(0, 2), 4).captions.map((c) => c.key)).toEqual(['eq.ctx.up']);
    // in two directions the reverse half sits after the forward one
    expect((line(cellEquations('rnn', 'forward', at(0, 2, 1, 2), 4).lines, 'y').num as Record<string, string>).lecture).toContain('x^{(1)}_{H+@j,t}');
    const top = line(cellEquations('rnn', 'forward', at(1, 2), 4).lines, 'y');
    expect(top).toEqual(line([...EQUATIONS.rnn.forward], 'y'));
    const topBoth = line(cellEquations('lstm', 'forward', at(1, 2, 0, 2), 4).lines, 'y');
    expect(topBoth.tex.lecture).toContain('\\overleftarrow{h}_t\\,] W_y');
    expect(topBoth.num).toEqual(line([...EQUATIONS.lstm.forward], 'y').num);
  });

  it('δh_t arrives from the head at the top and from the layer above below it; two directions take their half', () => {
    const arrive = (p: CellPlace) => line(cellEquations('gru', 'backward', p, 3).lines, 'dh');
    expect(arrive(at(1, 2)).tex).toEqual(line([...EQUATIONS.gru.backward], 'dh').tex);
    expect(arrive(at(0, 2)).tex.pytorch).toMatch(/= \\delta \\htmlClass\{role-x\}\{x\^\{\(1\)\}_t\} \+ \\delta \\htmlClass\{role-h\}\{h_t\}\^\{\(t\+1\)\}$/);
    expect(arrive(at(1, 2, 0, 2)).tex.lecture).toContain('W_y^{\\top}\\big]_{\\rightarrow}');
    expect(arrive(at(0, 2, 1, 2)).tex.lecture).toContain('\\big]_{\\leftarrow} + ');
    expect(arrive(at(0, 2, 1, 2)).tex.lecture).toContain('^{(t-1)}');
    // the numbers are the engine's two parts in every place
    for (const p of [at(0, 2), at(1, 2, 1, 2)]) expect(arrive(p).num).toEqual(line([...EQUATIONS.gru.backward], 'dh').num);
    const keys = (p: CellPlace) => cellEquations('gru', 'backward', p, 3).captions.map((c) => c.key);
    expect(keys(at(0, 2))).toEqual(['eq.ctx.fromAbove']);
    expect(keys(at(1, 3, 1, 2))).toEqual(['eq.ctx.inputBoth', 'eq.ctx.reverse', 'eq.ctx.fromAboveBoth', 'eq.ctx.half', 'eq.ctx.down']);
    expect(keys(at(1, 2))).toEqual(['eq.ctx.input', 'eq.ctx.down']);
  });

  it('every caption names a message, and fills its placeholders', () => {
    for (const cell of CELLS)
      for (const phase of PHASES)
        for (const p of [at(0, 3), at(1, 3, 1, 2), at(2, 3, 0, 2), at(0, 1, 1, 2)]) {
          for (const c of cellEquations(cell, phase, p, 4).captions) {
            const text = en[c.key];
            expect(text, c.key).toBeTypeOf('string');
            for (const m of text.matchAll(/\{(\w+)\}/g)) expect(c.vars, `${c.key} {${m[1]}}`).toHaveProperty(m[1]);
          }
        }
  });
});
