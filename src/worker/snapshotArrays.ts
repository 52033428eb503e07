/** Weight arrays between the engine's Params and the protocol, and the buffers a snapshot transfers. */
import { InputError } from '../engine/errors';
import { fields, GATE_COUNT, type LayerField, paramArray, paramEntries, type Params, paramSetOf, type Shape, zerosLike } from '../engine/params';
import type { ParamArrays, SessionSnapshot } from './protocol';

/** The arrays of a Params as the protocol sends them (shared, not copied: for fresh gradient objects). */
export function partsOf(p: Params): ParamArrays {
  return paramSetOf(fields(p));
}

export function toArrays(p: Params): ParamArrays {
  return paramSetOf(fields(p).map((a) => a.slice()));
}

export function fromArrays(shape: Shape, w: ParamArrays): Params {
  const p = zerosLike(shape);
  for (const e of paramEntries(shape)) {
    const dst = paramArray(p, e);
    const src = e.layer < 0 ? w[e.field as 'headW' | 'headB'] : w.layers?.[e.layer * p.directions + e.direction]?.[e.field as LayerField];
    if (!(src instanceof Float64Array) || src.length !== dst.length) {
      throw new InputError(
        `the weights do not fit this model: ${e.key} has ${src instanceof Float64Array ? src.length : 0} numbers; a ${shape.cell} of ${p.numLayers} layer(s) × ${p.directions} direction(s) with H = ${shape.hiddenSize}, I = ${shape.inputSize}, O = ${shape.outputSize} needs ${dst.length} (G = ${GATE_COUNT[shape.cell]})`,
        e.key,
      );
    }
    dst.set(src);
  }
  return p;
}

export function buffersOf(s: SessionSnapshot): ArrayBuffer[] {
  const arrays: Float64Array[] = [...fields(s.params), ...fields(s.grads)];
  for (const v of Object.values(s)) if (v instanceof Float64Array) arrays.push(v);
  for (const r of s.layers) for (const v of Object.values(r)) if (v instanceof Float64Array) arrays.push(v);
  // a buffer may be listed once only (empty arrays may share none, but be safe)
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
