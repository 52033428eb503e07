/**
 * The engine refuses in English sentences (the CLI prints them; the worker sends them). The
 * Korean UI says the ones a user meets in Korean: each rule reads the numbers and names out of an
 * engine sentence and fills a message of the catalogue (faults.ts) with them. A sentence no rule
 * knows is shown as the engine wrote it, inside a Korean notice that says what happened.
 */
import type { MessageKey } from './en';
import { type Lang, translate } from './index';

interface Rule {
  pattern: RegExp;
  key: MessageKey;
  /** the names of the pattern's groups, in order, as the message's placeholders */
  vars: string[];
}

const RULES: Rule[] = [
  { pattern: /^the computation overflowed: (.+) is not a finite number; scale the inputs or weights down \(the largest weight is (\S+) in (\S+)\)$/, key: 'engine.overflowWeight', vars: ['what', 'value', 'key'] },
  { pattern: /^the computation overflowed: (.+) is not a finite number; scale the inputs or weights down$/, key: 'engine.overflow', vars: ['what'] },
  { pattern: /^(hidden|input|output) size (\d+) is over the limit of (\d+)$/, key: 'engine.sizeOver', vars: ['which', 'value', 'limit'] },
  { pattern: /^sequence length (\d+) is over the limit of (\d+) steps$/, key: 'engine.stepsOver', vars: ['value', 'limit'] },
  { pattern: /^(\d+) layers is over the limit of (\d+)$/, key: 'engine.layersOver', vars: ['value', 'limit'] },
  { pattern: /^this size needs (\d+) numbers of working memory, over the limit of (\d+);/, key: 'engine.memoryOver', vars: ['value', 'limit'] },
  { pattern: /^the file is not valid JSON \((.*)\)$/, key: 'engine.notJson', vars: ['detail'] },
  { pattern: /^these weights read (\d+) input\(s\) and write (\d+) output\(s\); the current input needs (\d+) and (\d+)/, key: 'engine.weightsMismatch', vars: ['inputs', 'outputs', 'needInputs', 'needOutputs'] },
  { pattern: /^these weights are bidirectional .*set truncation to 0 first \(it is (\d+)\)$/, key: 'engine.weightsBidirectional', vars: ['value'] },
  { pattern: /^truncation: a bidirectional network has no truncated form here.*got (\d+)$/, key: 'engine.truncationBidirectional', vars: ['value'] },
  { pattern: /^state_dict key '(.*)' is not a parameter Unroll knows/, key: 'engine.unknownKey', vars: ['key'] },
  { pattern: /^state_dict: missing '([^']+)'/, key: 'engine.missingKey', vars: ['key'] },
  { pattern: /^state_dict\['([^']+)'\]: expected shape (\[[^\]]+\]).*got (\[[^\]]+\])$/, key: 'engine.wrongShape', vars: ['key', 'expected', 'got'] },
  { pattern: /^the text needs at least 2 characters$/, key: 'engine.textTooShort', vars: [] },
  { pattern: /^nothing has been trained yet$/, key: 'engine.notTrained', vars: [] },
  { pattern: /^no answer for ([\d.]+) s$/, key: 'engine.noAnswer', vars: ['seconds'] },
  { pattern: /^the engine worker was stopped$/, key: 'engine.stopped', vars: [] },
];

/** What to say for an engine sentence in the UI's language: a catalogue key and its values, or null (say it as written). */
export function engineMessage(message: string): { key: MessageKey; vars: Record<string, string> } | null {
  for (const rule of RULES) {
    const m = rule.pattern.exec(message);
    if (!m) continue;
    const vars: Record<string, string> = {};
    rule.vars.forEach((name, k) => (vars[name] = m[k + 1]));
    return { key: rule.key, vars };
  }
  return null;
}

/** What overflowed (runOverflow's words), said in the UI's language. */
const WHAT: { pattern: RegExp; key: MessageKey; vars: string[] }[] = [
  { pattern: /^the loss$/, key: 'engine.what.loss', vars: [] },
  { pattern: /^an output y_t$/, key: 'engine.what.output', vars: [] },
  { pattern: /^a state(?: of recurrence (\d+))?$/, key: 'engine.what.state', vars: ['where'] },
  { pattern: /^a gradient dL\/dh_t(?: of recurrence (\d+))?$/, key: 'engine.what.dh', vars: ['where'] },
  { pattern: /^the gradient of (\S+)$/, key: 'engine.what.grad', vars: ['key'] },
];
const WHICH: Record<string, MessageKey> = { hidden: 'engine.which.hidden', input: 'engine.which.input', output: 'engine.which.output' };

/** An engine sentence in `lang`: English as the engine wrote it; Korean where a rule knows it. */
export function localizeEngine(lang: Lang, message: string): string {
  if (lang === 'en') return message;
  const found = engineMessage(message);
  if (!found) return message;
  const vars: Record<string, string> = { ...found.vars };
  if (vars.which && WHICH[vars.which]) vars.which = translate(lang, WHICH[vars.which]);
  if (vars.what) {
    for (const w of WHAT) {
      const m = w.pattern.exec(vars.what);
      if (!m) continue;
      const wv: Record<string, string> = {};
      w.vars.forEach((name, k) => (wv[name] = m[k + 1] ?? ''));
      vars.what = translate(lang, w.key, wv).replace(/\s+$/, '');
      break;
    }
  }
  return translate(lang, found.key, vars);
}

/** A message's values that carry engine sentences ({message}, {reason}), said in `lang`. */
export function localizeEngineVars(lang: Lang, vars: Record<string, string | number>): Record<string, string | number> {
  if (lang === 'en') return vars;
  const out = { ...vars };
  for (const name of ['message', 'reason'] as const) if (typeof out[name] === 'string') out[name] = localizeEngine(lang, out[name] as string);
  return out;
}
