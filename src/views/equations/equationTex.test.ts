import { describe, expect, it } from 'vitest';
import { EQUATIONS, placeholders } from '../../content/equations';
import { cellEquations } from '../../content/cellEquations';
import { CELL_TYPES, SUBSTEPS, type SessionSnapshot } from '../../state/model';
import { openSession } from '../../state/testing/sessions';
import { allRecurrences, readMoment } from '../../state/moment';
import { numberPart, numericParts, partsTex } from './equationTex';
import { renderTex } from './katexTex';

function open(cell: 'rnn' | 'lstm' | 'gru', task: 'sine' | 'text' | 'adding', truncation = 0): SessionSnapshot {
  return openSession({ cell, hidden: 4, seed: 3, init: 'pytorch', hhScale: 1, forgetBias: 0, updateBias: 0 }, { task, steps: 6, truncation, text: 'hello world' });
}

const noError = (html: string) => {
  expect(html).not.toContain('katex-error');
  // an unknown command renders in KaTeX's error colour instead of throwing
  expect(html).not.toContain('#cc0000');
};

describe('equations', () => {
  it('has one line per sub-step, in SUBSTEPS order, for every cell and phase', () => {
    for (const cell of CELL_TYPES) {
      for (const phase of ['forward', 'backward'] as const) {
        expect(EQUATIONS[cell][phase].map((l) => l.key)).toEqual([...SUBSTEPS[cell][phase]]);
      }
    }
  });

  it('renders every symbolic line in both notations without a KaTeX error', () => {
    for (const cell of CELL_TYPES) {
      for (const phase of ['forward', 'backward'] as const) {
        for (const line of EQUATIONS[cell][phase]) {
          for (const n of ['lecture', 'pytorch'] as const) {
            const html = renderTex(line.tex[n]);
            noError(html);
            expect(html).toContain('role-');
          }
        }
      }
    }
  });

  for (const cell of CELL_TYPES) {
    for (const task of ['sine', 'text', 'adding'] as const) {
      it(`${cell} / ${task}: every numeric line fills from the snapshot and renders`, () => {
        const s = open(cell, task, 4);
        for (let t = 0; t < s.steps; t++) {
          const r = readMoment(s).step(t);
          for (const phase of ['forward', 'backward'] as const) {
            for (const line of EQUATIONS[cell][phase]) {
              for (const n of ['lecture', 'pytorch'] as const) {
                const parts = numericParts(line, r, 2, n, s.loss);
                expect(parts, `${cell} ${phase} ${line.key} ${n} t=${t}`).not.toBeNull();
                // every TeX piece typesets on its own, and so does the whole line
                for (const p of parts!) if (p.kind === 'tex') noError(renderTex(p.tex));
                const tex = partsTex(parts!);
                expect(tex).not.toMatch(/@/);
                noError(renderTex(tex));
              }
            }
          }
        }
      });
    }
  }

  it('substitutes the stored numbers, not recomputed ones', () => {
    const s = open('lstm', 'sine');
    const r = readMoment(s).step(3);
    const H = 4;
    const GH = 4 * H;
    const f = EQUATIONS.lstm.forward.find((l) => l.key === 'f')!;
    const parts = numericParts(f, r, 1, 'pytorch', 'mse')!;
    // f is slot 1 in PyTorch's (i, f, g, o) order
    const at = (a: Float64Array) => a[3 * GH + H + 1];
    const full = parts.flatMap((p) => (p.kind === 'num' ? [p.full] : []));
    const r0 = s.layers[0];
    expect(full).toEqual([at(r0.gi), at(r0.gh), at(r0.pre), at(r0.act)].map(String));
    expect(parts[0]).toEqual({ kind: 'tex', tex: '\\htmlClass{role-f}{f_{1,t}} = \\sigma(' });
    expect(placeholders((f.num as Record<string, string>).pytorch)).toEqual(['j', 'gi.f', 'gh.f', 'pre.f', 'act.f']);
  });

  it('formats numbers with 3 significant digits and parenthesises negatives on request', () => {
    expect(numberPart(0.123456)).toEqual({ kind: 'num', text: '0.123', exponent: null, paren: false, square: false, full: '0.123456' });
    expect(numberPart(-0.5, true)).toMatchObject({ text: '\u22120.5', paren: true });
    expect(numberPart(0.5, true, true)).toMatchObject({ text: '0.5', paren: false, square: true });
    expect(numberPart(1.5e-7)).toMatchObject({ text: '1.50', exponent: '\u22127', paren: false, full: '1.5e-7' });
    expect(numberPart(1.5e-7, true)).toMatchObject({ paren: true });
    expect(numberPart(-Infinity).text).toBe('\u2212∞');
    expect(numberPart(NaN).text).toBe('NaN');
  });

  it('cuts a line into TeX pieces that keep their operator spacing', () => {
    const s = open('lstm', 'sine');
    const c = EQUATIONS.lstm.forward.find((l) => l.key === 'c')!;
    const parts = numericParts(c, readMoment(s).step(2), 0, 'lecture', 'mse')!;
    const pieces = parts.flatMap((p) => (p.kind === 'tex' ? [p.tex] : []));
    // each operator between two numbers has an empty operand on both sides
    expect(pieces).toContain('{}\\cdot{}');
    expect(pieces).toContain('{}+{}');
    expect(pieces).toContain('{}={}');
    // f, c_{t-1}, g, i, the kept part, the written part, c_t
    expect(parts.filter((p) => p.kind === 'num')).toHaveLength(7);
  });

  it('splits δh_t into the head part and the part from t + 1, cut where the truncation says', () => {
    for (const cell of CELL_TYPES) {
      const s = open(cell, 'sine', 3);
      for (let t = 0; t < s.steps; t++) {
        const r = readMoment(s).step(t);
        const cut = readMoment(s).cut(t);
        for (let j = 0; j < 4; j++) {
          const head = r.value('dhHead', j)!;
          const next = r.value('dhNext', j)!;
          expect(head + next).toBeCloseTo(r.value('dh', j)!, 14);
          if (cut.cutNext || cut.last) expect(next).toBe(0);
          if (cell === 'lstm') expect(r.value('dcLocal', j)! + r.value('dcNext', j)!).toBe(r.value('dc', j));
        }
      }
    }
  });

  it('knows where truncation cuts', () => {
    const s = open('rnn', 'sine', 3);
    expect(readMoment(s).cut(3)).toEqual({ cutHere: true, cutNext: false, last: false });
    expect(readMoment(s).cut(2)).toEqual({ cutHere: false, cutNext: true, last: false });
    expect(readMoment(s).cut(5)).toEqual({ cutHere: false, cutNext: false, last: true });
  });

  it('stacked and two-way: every line of every layer and direction fills from its own reader and renders, captions too', () => {
    for (const cell of CELL_TYPES) {
      const s = openSession({ cell, hidden: 3, seed: 5, init: 'pytorch', hhScale: 1, forgetBias: 0, updateBias: 0, layers: 2, bidirectional: true }, { task: 'sine', steps: 4, truncation: 0 });
      for (const where of allRecurrences(s)) {
        const m = readMoment(s, where);
        for (const t of [0, 3]) {
          const r = m.step(t);
          for (const phase of ['forward', 'backward'] as const) {
            const e = cellEquations(cell, phase, r, r.hidden);
            for (const n of ['lecture', 'pytorch'] as const) {
              for (const c of e.captions) if (c.tex) noError(renderTex(c.tex[n]));
              for (const line of e.lines) {
                noError(renderTex(line.tex[n]));
                const parts = numericParts(line, r, 1, n, s.loss);
                expect(parts, `${cell} l${where.layer} d${where.direction} ${phase} ${line.key} ${n}`).not.toBeNull();
                noError(renderTex(partsTex(parts!)));
              }
            }
          }
        }
      }
    }
  });

  it('in reverse, what arrives from the next step of the walk comes from t − 1: nothing at t = 0, something at t = T − 1', () => {
    const s = openSession({ cell: 'lstm', hidden: 3, seed: 5, init: 'pytorch', hhScale: 1, forgetBias: 0, updateBias: 0, layers: 2, bidirectional: true }, { task: 'sine', steps: 5, truncation: 0 });
    for (const layer of [0, 1]) {
      const m = readMoment(s, { layer, direction: 1 });
      expect(m.step(0).nextT).toBeNull();
      expect([0, 1, 2].map((j) => m.value('dhNext', 0, j))).toEqual([0, 0, 0]);
      expect([0, 1, 2].some((j) => m.value('dhNext', 4, j) !== 0)).toBe(true);
      for (let t = 0; t < 5; t++) for (let j = 0; j < 3; j++) expect(m.value('dhHead', t, j)! + m.value('dhNext', t, j)!).toBeCloseTo(m.value('dh', t, j)!, 14);
    }
  });
});
