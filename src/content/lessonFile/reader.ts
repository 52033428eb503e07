/**
 * Reading a JSON tree field by field: each helper checks one kind of value, and on a wrong one
 * records a problem at the value's own position (or the key's, for a missing or unknown key) and
 * returns undefined, so one pass collects every problem of a file.
 */
import type { JsonNode, Pos } from './jsonTree';
import type { Problem, ProblemCode } from './problems';

export type Field = { keyPos: Pos; value: JsonNode };

export class Reader {
  readonly problems: Problem[] = [];

  add(pos: Pos, code: ProblemCode, vars: Record<string, string | number> = {}): undefined {
    this.problems.push({ pos, code, vars });
    return undefined;
  }

  /** The object's fields by key; unknown keys and missing required ones are problems. */
  object(node: JsonNode, path: string, allowed: readonly string[], required: readonly string[] = []): Map<string, Field> | undefined {
    if (node.kind !== 'object') return this.add(node.pos, 'type.object', { key: path });
    const fields = new Map<string, Field>();
    for (const e of node.entries) {
      if (!allowed.includes(e.key)) this.add(e.keyPos, 'key.unknown', { key: join(path, e.key), allowed: allowed.join(', ') });
      else fields.set(e.key, { keyPos: e.keyPos, value: e.value });
    }
    for (const k of required) if (!fields.has(k)) this.add(node.pos, 'key.missing', { key: join(path, k) });
    return fields;
  }

  string(node: JsonNode, path: string): string | undefined {
    return node.kind === 'string' ? node.value : this.add(node.pos, 'type.string', { key: path });
  }

  /** A whole number within [min, max]. */
  integer(node: JsonNode, path: string, min: number, max: number): number | undefined {
    if (node.kind !== 'number' || !Number.isInteger(node.value)) return this.add(node.pos, 'type.integer', { key: path });
    if (node.value < min || node.value > max) return this.add(node.pos, 'range', { key: path, value: node.value, min, max });
    return node.value;
  }

  /** A number within [min, max]. */
  number(node: JsonNode, path: string, range: { min: number; max: number }): number | undefined {
    if (node.kind !== 'number') return this.add(node.pos, 'type.number', { key: path });
    if (node.value < range.min || node.value > range.max) return this.add(node.pos, 'range', { key: path, value: node.value, min: range.min, max: range.max });
    return node.value;
  }

  boolean(node: JsonNode, path: string): boolean | undefined {
    return node.kind === 'boolean' ? node.value : this.add(node.pos, 'type.boolean', { key: path });
  }

  /** One of a fixed set of strings. */
  choice<V extends string>(node: JsonNode, path: string, values: readonly V[]): V | undefined {
    const s = this.string(node, path);
    if (s === undefined) return undefined;
    if (!(values as readonly string[]).includes(s)) return this.add(node.pos, 'oneOf', { key: path, value: s.slice(0, 40), list: values.join(', ') });
    return s as V;
  }

  /** A list of at most `max` items. */
  array(node: JsonNode, path: string, max: number, min = 0): JsonNode[] | undefined {
    if (node.kind !== 'array') return this.add(node.pos, 'type.array', { key: path });
    if (node.items.length > max) return this.add(node.pos, 'list.tooMany', { key: path, n: node.items.length, max });
    if (node.items.length < min) return this.add(node.pos, 'list.tooFew', { key: path, min });
    return node.items;
  }
}

/** "chapters[2].setup" + "hidden" → "chapters[2].setup.hidden" */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
