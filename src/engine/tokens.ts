import type { Sequence } from './sequence';
import type { TaskId } from './tasks';

/**
 * What each step of a task's sequence reads and should answer, as a person would name it: the
 * character of the text task, the symbol of the copy task, the numbers of a series. Read back from
 * the encoded arrays (one-hot channels, values) with the task's own encoding (tasks.ts), so the
 * chips above the timeline say exactly what the network receives.
 */
export type StepToken =
  /** a character of the text (its vocabulary class) */
  | { kind: 'char'; text: string }
  /** one of the copy task's symbols, 1 … K */
  | { kind: 'symbol'; symbol: number }
  /** a step with nothing to read or answer yet (the copy task's blanks, its class 0) */
  | { kind: 'blank' }
  /** the cue to answer now (the copy and adding tasks' last step) */
  | { kind: 'cue' }
  /** the numbers of the step (a series' values; the adding task's value, `marked` when it counts, `cue` at the last step) */
  | { kind: 'values'; values: number[]; marked?: boolean; cue?: boolean };

export interface SequenceTokens {
  inputs: StepToken[];
  targets: StepToken[];
}

/** The index of the largest channel of row t (the hot one of a one-hot row). */
function hot(a: Float64Array | Int32Array, t: number, width: number): number {
  let best = 0;
  for (let c = 1; c < width; c++) if (a[t * width + c] > a[t * width + best]) best = c;
  return best;
}

function row(a: Float64Array, t: number, width: number): number[] {
  return Array.from(a.subarray(t * width, (t + 1) * width));
}

/** The tokens of every step of a sequence of `task` (I inputs and O outputs a step). */
export function sequenceTokens(task: TaskId, seq: Sequence, inputSize: number, outputSize: number, vocab?: readonly string[]): SequenceTokens {
  const T = seq.steps;
  const I = inputSize;
  const O = outputSize;
  const inputs: StepToken[] = [];
  const targets: StepToken[] = [];
  const classes = seq.targets.kind === 'cross_entropy' ? seq.targets.classes : null;
  const values = seq.targets.kind === 'mse' ? seq.targets.values : null;
  for (let t = 0; t < T; t++) {
    switch (task) {
      case 'text':
        inputs.push({ kind: 'char', text: vocab?.[hot(seq.inputs, t, I)] ?? '' });
        targets.push({ kind: 'char', text: vocab?.[classes![t]] ?? '' });
        break;
      case 'copy': {
        // channels: 0 blank, 1 … K the symbols, K + 1 the recall cue
        const c = hot(seq.inputs, t, I);
        inputs.push(c === 0 ? { kind: 'blank' } : c === I - 1 ? { kind: 'cue' } : { kind: 'symbol', symbol: c });
        targets.push(classes![t] === 0 ? { kind: 'blank' } : { kind: 'symbol', symbol: classes![t] });
        break;
      }
      case 'adding': {
        // channels: the value, the mark of the two values that count, the cue of the last step
        inputs.push({ kind: 'values', values: [seq.inputs[t * I]], marked: seq.inputs[t * I + 1] === 1, cue: seq.inputs[t * I + 2] === 1 });
        targets.push(t === T - 1 ? { kind: 'values', values: row(values!, t, O) } : { kind: 'blank' });
        break;
      }
      default:
        inputs.push({ kind: 'values', values: row(seq.inputs, t, I) });
        targets.push(values ? { kind: 'values', values: row(values, t, O) } : { kind: 'blank' });
    }
  }
  return { inputs, targets };
}
