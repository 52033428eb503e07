import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { taskData } from './tasks';
import { sequenceTokens } from './tokens';

describe('the tokens a step reads and should answer', () => {
  it('text: the character of each step and the next one as its target', () => {
    const d = taskData('text', createRng(1), { steps: 5, truncation: 0, text: 'hello' });
    const tok = sequenceTokens('text', d.example, d.inputSize, d.outputSize, d.vocab);
    expect(tok.inputs.map((k) => (k.kind === 'char' ? k.text : '?')).join('')).toBe('hello');
    expect(tok.targets.map((k) => (k.kind === 'char' ? k.text : '?')).join('')).toBe('elloh');
  });

  it('copy: the symbol first, blanks, then the cue; the answer only at the last step', () => {
    const d = taskData('copy', createRng(3), { steps: 6, truncation: 0, symbols: 4 });
    const tok = sequenceTokens('copy', d.example, d.inputSize, d.outputSize);
    const first = tok.inputs[0];
    expect(first.kind).toBe('symbol');
    expect(tok.inputs.slice(1, 5).every((k) => k.kind === 'blank')).toBe(true);
    expect(tok.inputs[5]).toEqual({ kind: 'cue' });
    expect(tok.targets.slice(0, 5).every((k) => k.kind === 'blank')).toBe(true);
    expect(tok.targets[5]).toEqual(first);
  });

  it('adding: every value, two of them marked, the cue and the sum at the last step', () => {
    const d = taskData('adding', createRng(5), { steps: 10, truncation: 0 });
    const tok = sequenceTokens('adding', d.example, d.inputSize, d.outputSize);
    const marked = tok.inputs.filter((k) => k.kind === 'values' && k.marked);
    expect(marked.length).toBe(2);
    expect(tok.inputs.map((k) => k.kind === 'values' && k.cue)).toEqual([...Array(9).fill(false), true]);
    const sum = marked.reduce((s, k) => s + (k.kind === 'values' ? k.values[0] : 0), 0);
    const last = tok.targets[9];
    expect(last.kind === 'values' && last.values[0]).toBe(sum);
  });

  it('series: the numbers the network reads (after the input scale) and the next row', () => {
    const d = taskData('custom', createRng(1), { steps: 2, truncation: 0, series: [[1, 10], [2, 20], [3, 30]], inputScale: 0.5 });
    const tok = sequenceTokens('custom', d.example, d.inputSize, d.outputSize);
    expect(tok.inputs).toEqual([{ kind: 'values', values: [0.5, 5] }, { kind: 'values', values: [1, 10] }]);
    expect(tok.targets).toEqual([{ kind: 'values', values: [2, 20] }, { kind: 'values', values: [3, 30] }]);
  });
});
