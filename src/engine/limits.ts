import { GATE_COUNT, type Shape } from './params';

/**
 * Size limits, checked before anything is allocated. The engine refuses a request
 * over them with a message naming the limit; the app uses the tighter UI limits.
 */
export const ENGINE_LIMITS = {
  maxHidden: 1024,
  maxInput: 4096,
  maxOutput: 4096,
  maxSteps: 100_000,
  /** float64 entries a sequence's workspace may hold (≈ 8 bytes each): 64 Mi ≈ 512 MB */
  maxWorkspaceEntries: 64 * 1024 * 1024,
} as const;

/** What the interactive app accepts: every step must stay drawable and a step must answer within a frame. */
export const UI_LIMITS = {
  maxHidden: 256,
  maxInput: 256,
  maxOutput: 256,
  maxSteps: 2000,
  maxWorkspaceEntries: 8 * 1024 * 1024,
} as const;

export type Limits = { maxHidden: number; maxInput: number; maxOutput: number; maxSteps: number; maxWorkspaceEntries: number };

/** Float64 entries createWorkspace would allocate for this shape and length. */
export function workspaceEntries(shape: Shape, steps: number): number {
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
  const entries = workspaceEntries(shape, steps);
  if (entries > limits.maxWorkspaceEntries) {
    return `this size needs ${entries} numbers of working memory, over the limit of ${limits.maxWorkspaceEntries}; shorten the sequence or the hidden size`;
  }
  return null;
}
