/**
 * How trained weights do on sequences they never saw: the mean loss over `count` fresh sequences of
 * the task, and for a classification at the last step the share answered right. The sequences come
 * from a stream seeded from the seed and distinct from the data and training streams, so the app's
 * "test" and the lesson's claims test measure the same thing for the same seed.
 */
import { softmaxInto } from './loss';
import type { Params } from './params';
import { createRng } from './rng';
import { runSequence } from './sequence';
import { sampleSequence, type TaskData, type TaskOptions } from './tasks';

/** How many fresh sequences a test runs (the app's test and the lesson's claims test alike). */
export const EVALUATION_SEQUENCES = 64;

export interface Evaluation {
  /** mean loss over the fresh sequences */
  loss: number;
  /** cross-entropy tasks: the share whose last-step prediction (argmax) is the target; NaN otherwise */
  accuracy: number;
  count: number;
}

export function evaluateOnFresh(params: Params, data: TaskData, options: TaskOptions, seed: number, count = EVALUATION_SEQUENCES): Evaluation {
  const rng = createRng((seed ^ 0x2f6b3a1d) + 17);
  let loss = 0;
  let correct = 0;
  let classified = 0;
  const O = params.outputSize;
  const probs = new Float64Array(O);
  for (let k = 0; k < count; k++) {
    const seq = sampleSequence(data, rng, options);
    const run = runSequence(params, seq);
    loss += run.loss;
    if (seq.targets.kind === 'cross_entropy') {
      const t = seq.steps - 1;
      softmaxInto(probs, run.ws.ys, t * O, O);
      let best = 0;
      for (let j = 1; j < O; j++) if (probs[j] > probs[best]) best = j;
      classified++;
      if (best === seq.targets.classes[t]) correct++;
    }
  }
  return { loss: loss / count, accuracy: classified > 0 ? correct / classified : NaN, count };
}
