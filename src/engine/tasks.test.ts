import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { dataSeed, sampleSequence, taskData, TASK_IDS, type TaskOptions } from './tasks';

const base = (): TaskOptions => ({ steps: 6, truncation: 0, text: 'hello there', series: [[1, 2], [3, 4], [5, 6]] });

describe('task options every task shares', () => {
  it('inputScale multiplies the inputs only; lossSteps reaches the example and every sample', () => {
    for (const task of TASK_IDS) {
      const plain = taskData(task, createRng(4), base());
      const opts = { ...base(), inputScale: 1e-3, lossSteps: 'last' as const };
      const scaled = taskData(task, createRng(4), opts);
      expect(scaled.example.lossSteps, task).toBe('last');
      expect(plain.example.lossSteps ?? 'all', task).toBe('all');
      expect(Array.from(scaled.example.inputs), task).toEqual(Array.from(plain.example.inputs, (v) => v * 1e-3));
      expect(scaled.example.targets, task).toEqual(plain.example.targets);
      const a = sampleSequence(plain, createRng(8), base());
      const b = sampleSequence(scaled, createRng(8), opts);
      expect(b.lossSteps, task).toBe('last');
      expect(Array.from(b.inputs), task).toEqual(Array.from(a.inputs, (v) => v * 1e-3));
    }
  });

  it('dataSeed is the seed the worker has always used for the data', () => {
    expect([0, 1, 7, 4294967295].map(dataSeed)).toEqual([97, 2654435858, 1401181240, 1640531968]);
  });
});
