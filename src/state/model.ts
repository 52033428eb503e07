/**
 * What the views may know of the model: the shared names and limits of the engine, the shapes of
 * what the worker sends, and the few pure engine functions a view applies to a setting. Views import
 * these from here, never from src/engine or src/worker (src/layers.test.ts enforces it), so the
 * engine and the protocol can change behind one door.
 */
export { CELL_TYPES, GATE_COUNT, GATE_NAMES, type CellType, fields as paramFields, paramSetOf, layerKey } from '../engine/params';
export { INIT_SCHEMES, type InitScheme } from '../engine/init';
export { SUBSTEPS, type Phase } from '../engine/session';
export { TASK_IDS, type TaskId } from '../engine/tasks';
export type { StepToken } from '../engine/tokens';
export { clipFactor, OPTIMIZERS, TRAIN_LIMITS } from '../engine/train';
export type {
  AnalysisReply,
  CompareCell,
  Explanation,
  QuantityRef,
  GradCheckReply,
  GradsReply,
  ParamArrays,
  RecurrenceSnapshot,
  SessionSnapshot,
  TrainProgress,
  TrainSettings,
} from '../worker/protocol';
export { EVALUATION_SEQUENCES } from '../engine/evaluate';
export type { Addend, Form, Operand, SymbolId } from '../engine/explain';
