/**
 * What a "predict, then reveal" question may read: the numbers of the step the cursor is about to
 * reveal (and of the step it shows), taken from the worker's snapshot through moment.ts.
 */
import type { PredictView } from '../content/predictItems';
import { isLast, next, walkOf, type Cursor } from './cursor';
import { gateNames, readMoment } from './moment';
import type { SessionSnapshot } from '../worker/protocol';

/** The step the next press of "Next step" reveals (whole steps; sub-steps ignored), or null at the end. */
export function revealTarget(snapshot: SessionSnapshot, cursor: Cursor): Cursor | null {
  const w = walkOf(snapshot);
  const c = { ...cursor, sub: null };
  if (isLast(c, w, false)) return null;
  return next(c, w, false);
}

export function predictView(snapshot: SessionSnapshot, cursor: Cursor, target: Cursor, seed: number, unit: number | null): PredictView {
  const where = { layer: target.layer, direction: target.direction };
  const m = readMoment(snapshot, where);
  const step = m.step(target.t);
  const H = snapshot.model.hiddenSize;
  const cell = snapshot.model.cell;
  const zeros = new Float64Array(H);
  const gates =
    cell === 'rnn'
      ? [{ name: 'h', pre: step.row('pre.a') ?? zeros, act: step.row('h') ?? zeros }]
      : gateNames(cell).map((g) => ({ name: g, pre: step.row(`pre.${g}`) ?? zeros, act: step.row(`act.${g}`) ?? zeros }));
  const cut = m.cut(target.t);
  // the step shown before: its norm, when it is the previous step of the same backward walk
  const sameWalk = cursor.phase === 'backward' && cursor.layer === target.layer && cursor.direction === target.direction && cursor.t !== target.t;
  return {
    seed,
    cell,
    phase: target.phase,
    t: target.t,
    layer: target.layer,
    direction: target.direction,
    hidden: H,
    truncation: snapshot.truncation,
    unit,
    gates,
    dh: step.row('dh') ?? zeros,
    dhAbove: step.row('dhHead') ?? zeros,
    dhNext: step.row('dhNext') ?? zeros,
    nextT: step.nextT,
    cutNext: cut.cutNext,
    norm: m.dhNorms[target.t],
    shownNorm: sameWalk ? m.dhNorms[cursor.t] : null,
    shownT: sameWalk ? cursor.t : null,
  };
}
