import { directionCount, GATE_COUNT, layerCount, layerInputSize, recurrenceCount, recurrenceShape, type Shape } from './params';

/**
 * Size limits, checked before anything is allocated. The engine refuses a request
 * over them with a message naming the limit; the app uses the tighter UI limits.
 */
export const ENGINE_LIMITS = {
  maxHidden: 1024,
  maxInput: 4096,
  maxOutput: 4096,
  maxSteps: 100_000,
  /** stacked recurrent layers (num_layers) */
  maxLayers: 8,
  /** float64 entries a sequence's workspace may hold (≈ 8 bytes each): 64 Mi ≈ 512 MB */
  maxWorkspaceEntries: 64 * 1024 * 1024,
} as const;

/** What the interactive app accepts: every step must stay drawable and a step must answer within a frame. */
export const UI_LIMITS = {
  maxHidden: 256,
  maxInput: 256,
  maxOutput: 256,
  maxSteps: 2000,
  maxLayers: 4,
  /** 20 Mi ≈ 160 MB: a 4-layer, two-way LSTM at T = 400, H = 128 fits (18.9 Mi), so does any one-layer net at H = 256, T = 1000 */
  maxWorkspaceEntries: 20 * 1024 * 1024,
} as const;

/** maxLayers may be left out: it then is the engine's (ENGINE_LIMITS.maxLayers). */
export type Limits = { maxHidden: number; maxInput: number; maxOutput: number; maxSteps: number; maxLayers?: number; maxWorkspaceEntries: number };

export function maxLayersOf(limits: Limits): number {
  return limits.maxLayers ?? ENGINE_LIMITS.maxLayers;
}

/**
 * Float64 entries createNetwork would allocate for this shape and length: one workspace per
 * (layer, direction) and, past one layer and one direction, the network's own arrays.
 */
export function workspaceEntries(shape: Shape, steps: number): number {
  if (recurrenceCount(shape) === 1) return recurrenceEntries(shape, steps);
  const D = directionCount(shape);
  const L = layerCount(shape);
  const DH = D * shape.hiddenSize;
  const O = shape.outputSize;
  let n = steps * (2 * O + 1) + O * DH;
  for (let l = 0; l < L; l++) {
    n += D * recurrenceEntries(recurrenceShape(shape, l), steps);
    // D = 2: the layer's concatenated output, its gradient, and the time-reversed input of the reverse pass
    if (D === 2) n += steps * (2 * DH + layerInputSize(shape, l));
  }
  return n;
}

/** Float64 entries createWorkspace allocates for one (layer, direction) of this one-layer shape. */
function recurrenceEntries(shape: Shape, steps: number): number {
  const H = shape.hiddenSize;
  const GH = GATE_COUNT[shape.cell] * H;
  const I = shape.inputSize;
  const O = shape.outputSize;
  return steps * (6 * GH + 8 * H + 3 * O + I + Math.max(GH, O) + Math.max(H, I)) + 2 * GH * (H + I) + O * H;
}

/** null when within limits, otherwise a sentence saying which limit is exceeded. */
export function checkLimits(shape: Shape, steps: number, limits: Limits = ENGINE_LIMITS): string | null {
  if (shape.hiddenSize > limits.maxHidden) return `hidden size ${shape.hiddenSize} is over the limit of ${limits.maxHidden}`;
  if (shape.inputSize > limits.maxInput) return `input size ${shape.inputSize} is over the limit of ${limits.maxInput}`;
  if (shape.outputSize > limits.maxOutput) return `output size ${shape.outputSize} is over the limit of ${limits.maxOutput}`;
  if (steps > limits.maxSteps) return `sequence length ${steps} is over the limit of ${limits.maxSteps} steps`;
  if (layerCount(shape) > maxLayersOf(limits)) return `${layerCount(shape)} layers is over the limit of ${maxLayersOf(limits)}`;
  const entries = workspaceEntries(shape, steps);
  if (entries > limits.maxWorkspaceEntries) {
    return `this size needs ${entries} numbers of working memory, over the limit of ${limits.maxWorkspaceEntries}; shorten the sequence, or use fewer layers, one direction or a smaller hidden size`;
  }
  return null;
}
