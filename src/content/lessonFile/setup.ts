/**
 * A chapter's "setup": the settings it opens, each bounded exactly as the app's own fields and
 * links bound it (fieldLimits.ts), and what the chapter's network then is once its preset (if any)
 * is applied on top, for the checks that need a size (the step, layer and unit it opens at).
 */
import { CONFIG_LIMITS as L } from '../../engine/fieldLimits';
import { INIT_SCHEMES } from '../../engine/init';
import { UI_LIMITS, workspaceEntries } from '../../engine/limits';
import { CELL_TYPES, type CellType } from '../../engine/params';
import { TASK_IDS, type TaskId } from '../../engine/tasks';
import { PRESETS, type Preset } from '../presets';
import type { ChapterSetup, PresetChoice } from './format';
import type { JsonNode } from './jsonTree';
import { join, type Field, type Reader } from './reader';

export const SETUP_KEYS = ['cell', 'hidden', 'layers', 'bidirectional', 'steps', 'seed', 'task', 'truncation', 'init', 'hhScale', 'forgetBias', 'updateBias', 'lossSteps', 'inputScale'] as const;

/** The tasks a lesson may open: every task but the user's own values, which a file does not carry. */
const LESSON_TASKS = TASK_IDS.filter((t) => t !== 'custom');

/** The widest input each task can have in the app (text: its different characters, the widest task; copy: symbols + 2). */
const MAX_INPUT: Record<TaskId, number> = { sine: 1, sine_mix: 1, adding: 3, copy: L.symbols.max + 2, text: L.vocab.max, custom: L.columns.max };

export function readSetup(r: Reader, node: JsonNode, path: string): { setup: ChapterSetup; at: Map<string, Field> } | undefined {
  const f = r.object(node, path, SETUP_KEYS);
  if (!f) return undefined;
  const s: ChapterSetup = {};
  const p = (k: string) => join(path, k);
  for (const [key, { value: v }] of f) {
    switch (key as (typeof SETUP_KEYS)[number]) {
      case 'cell':
        s.cell = r.choice(v, p(key), CELL_TYPES);
        break;
      case 'hidden':
        s.hidden = r.integer(v, p(key), L.hidden.min, L.hidden.max);
        break;
      case 'layers':
        s.layers = r.integer(v, p(key), L.layers.min, L.layers.max);
        break;
      case 'bidirectional':
        s.bidirectional = r.boolean(v, p(key));
        break;
      case 'steps':
        s.steps = r.integer(v, p(key), L.steps.min, L.steps.max);
        break;
      case 'seed':
        s.seed = r.integer(v, p(key), L.seed.min, L.seed.max);
        break;
      case 'task':
        if (v.kind === 'string' && v.value === 'custom') r.add(v.pos, 'setup.customTask');
        else s.task = r.choice(v, p(key), LESSON_TASKS);
        break;
      case 'truncation':
        s.truncation = r.integer(v, p(key), 0, L.steps.max);
        break;
      case 'init':
        s.init = r.choice(v, p(key), INIT_SCHEMES);
        break;
      case 'hhScale':
        s.hhScale = r.number(v, p(key), L.hhScale);
        break;
      case 'forgetBias':
        s.forgetBias = r.number(v, p(key), L.gateBias);
        break;
      case 'updateBias':
        s.updateBias = r.number(v, p(key), L.gateBias);
        break;
      case 'lossSteps':
        s.lossSteps = r.choice(v, p(key), ['all', 'last'] as const);
        break;
      case 'inputScale':
        s.inputScale = r.number(v, p(key), L.inputScale);
        break;
    }
  }
  // a bad value was recorded; leave it out rather than keep a key set to undefined
  for (const k of Object.keys(s) as (keyof ChapterSetup)[]) if (s[k] === undefined) delete s[k];
  return { setup: s, at: f };
}

/** What is known of the chapter's network: its setup, then its preset over it (the rest is the reader's). */
export type Known = Partial<{ cell: CellType; hidden: number; layers: number; bidirectional: boolean; steps: number; truncation: number; task: TaskId }>;

export function knownNetwork(setup: ChapterSetup, preset: PresetChoice | undefined): Known {
  const k: Known = { cell: setup.cell, hidden: setup.hidden, layers: setup.layers, bidirectional: setup.bidirectional, steps: setup.steps, truncation: setup.truncation, task: setup.task };
  if (preset) {
    const { model: m, data: d }: Preset = PRESETS[preset.id];
    Object.assign(k, { cell: preset.cell ?? m.cell, hidden: m.hidden, layers: m.layers ?? 1, bidirectional: m.bidirectional ?? false, steps: d.steps, truncation: d.truncation, task: d.task });
  }
  return k;
}

/** The settings that fit only together, checked where the setup names them (a preset's are known to fit). */
export function checkTogether(r: Reader, k: Known, at: Map<string, Field>): void {
  const where = (...keys: string[]) => keys.map((key) => at.get(key)).find((f) => f !== undefined)?.value.pos;
  const cut = where('truncation', 'steps', 'bidirectional');
  if (cut && k.truncation !== undefined && k.steps !== undefined && k.truncation > k.steps) r.add(cut, 'setup.truncation', { k: k.truncation, T: k.steps });
  if (cut && k.bidirectional && k.truncation !== undefined && k.truncation > 0) r.add(cut, 'setup.twoWays', { k: k.truncation });
  // the working memory as the worker counts it, once the whole shape is known (with the widest input the task may have)
  const size = where('hidden', 'steps', 'layers', 'bidirectional', 'cell');
  if (size && k.cell && k.hidden && k.layers && k.bidirectional !== undefined && k.steps) {
    const input = MAX_INPUT[k.task ?? 'text'];
    const entries = workspaceEntries({ cell: k.cell, inputSize: input, hiddenSize: k.hidden, outputSize: input, numLayers: k.layers, directions: k.bidirectional ? 2 : 1 }, k.steps);
    if (entries > UI_LIMITS.maxWorkspaceEntries) r.add(size, 'setup.memory', { entries, limit: UI_LIMITS.maxWorkspaceEntries });
  }
}
