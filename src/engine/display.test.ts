import { describe, expect, it } from 'vitest';
import { displayArrays } from './display';
import { CELL_TYPES } from './params';
import { createRng } from './rng';
import { StepSession } from './session';
import { randomParams, randomSequence } from './testing/helpers';

/** The derived arrays must add up to what the engine stored, and split each gradient along its paths. */
describe('displayArrays', () => {
  for (const cell of CELL_TYPES) {
    for (const truncation of [0, 3]) {
      it(`${cell}, k = ${truncation}: the parts add up to the engine's values`, () => {
        const rng = createRng(7);
        const shape = { cell, I: 2, H: 5, O: 2 };
        const T = 7;
        const params = randomParams(rng, shape);
        const seq = randomSequence(rng, { T, I: 2, H: 5, O: 2, loss: 'mse', truncation, withH0: true, withC0: true });
        const s = new StepSession(params, seq);
        const d = displayArrays(s.ws, truncation);
        const ws = s.ws;
        const H = 5;
        for (let t = 0; t < T; t++) {
          const b = s.backward(t);
          for (let j = 0; j < H; j++) {
            const k = t * H + j;
            expect(d.dhNext[k]).toBe(b.dhFromNext[j]);
            expect(ws.dhHead[k] + d.dhNext[k]).toBeCloseTo(ws.dhs[k], 14);
            if (cell === 'lstm') {
              expect(d.keep[k] + d.write[k]).toBe(ws.cs[k + H]);
              expect(d.dcNext[k]).toBe(b.dcFromNext![j]);
              expect(d.dcLocal[k] + d.dcNext[k]).toBe(ws.dcs[k]);
            }
            if (cell === 'gru') {
              expect(d.notZ[k]).toBeCloseTo(1 - s.forward(t).gates.z[j], 15);
              expect(d.keep[k] + d.write[k]).toBeCloseTo(ws.hs[k + H], 14);
              expect(d.dhPrevDirect[k] + d.dhPrevRec[k]).toBe(ws.dhPrev[k]);
            }
          }
        }
        if (cell === 'rnn') expect(d.keep.length + d.write.length + d.notZ.length + d.dcNext.length).toBe(0);
      });
    }
  }
});
