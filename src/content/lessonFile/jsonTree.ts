/**
 * A small JSON parser that keeps where every value and key starts (line and column, from 1), so a
 * lesson file's problems can name their line. Strict JSON (RFC 8259): no comments, no trailing
 * commas; duplicate keys are reported (JSON.parse would keep the last one in silence). Nesting is
 * bounded so a crafted file cannot exhaust the stack.
 */

export interface Pos {
  line: number;
  col: number;
}

export type JsonNode =
  | { kind: 'object'; pos: Pos; entries: { key: string; keyPos: Pos; value: JsonNode }[] }
  | { kind: 'array'; pos: Pos; items: JsonNode[] }
  | { kind: 'string'; pos: Pos; value: string }
  | { kind: 'number'; pos: Pos; value: number }
  | { kind: 'boolean'; pos: Pos; value: boolean }
  | { kind: 'null'; pos: Pos };

/** What went wrong in the syntax: a code for the message (problems.ts) and what was found there. */
export interface SyntaxProblem {
  pos: Pos;
  code: 'json.unexpected' | 'json.end' | 'json.duplicate' | 'json.deep' | 'json.badEscape' | 'json.badNumber' | 'json.control';
  found: string;
}

export type TreeResult = { ok: true; root: JsonNode } | { ok: false; problem: SyntaxProblem };

const MAX_DEPTH = 32;

class Stop extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.code);
  }
}

export function parseJsonTree(text: string): TreeResult {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): Pos => ({ line, col: i - lineStart + 1 });
  const fail = (code: SyntaxProblem['code'], at: Pos = pos(), found = i < text.length ? text[i] : ''): never => {
    throw new Stop({ pos: at, code, found });
  };
  const space = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') {
        line++;
        lineStart = i + 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') return;
    }
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail(i < text.length ? 'json.unexpected' : 'json.end');
    i++;
  };
  const string = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      if (i >= text.length) fail('json.end');
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const at = pos();
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('json.badEscape', at, text.slice(i, i + 2));
      } else if (c < ' ') {
        // a raw line break inside a string is the usual slip: name it rather than "unexpected"
        fail('json.control', pos(), c);
      } else {
        out += c;
        i++;
      }
    }
  };
  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const value = (depth: number): JsonNode => {
    space();
    const at = pos();
    if (i >= text.length) fail('json.end');
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) fail('json.deep');
      i++;
      space();
      if (c === '[') {
        const items: JsonNode[] = [];
        if (text[i] === ']') {
          i++;
          return { kind: 'array', pos: at, items };
        }
        for (;;) {
          items.push(value(depth + 1));
          space();
          if (text[i] === ',') i++;
          else {
            expect(']');
            return { kind: 'array', pos: at, items };
          }
        }
      }
      const entries: { key: string; keyPos: Pos; value: JsonNode }[] = [];
      const seen = new Set<string>();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', pos: at, entries };
      }
      for (;;) {
        space();
        const keyPos = pos();
        if (text[i] !== '"') fail(i < text.length ? 'json.unexpected' : 'json.end');
        const key = string();
        if (seen.has(key)) fail('json.duplicate', keyPos, key);
        seen.add(key);
        space();
        expect(':');
        entries.push({ key, keyPos, value: value(depth + 1) });
        space();
        if (text[i] === ',') i++;
        else {
          expect('}');
          return { kind: 'object', pos: at, entries };
        }
      }
    }
    if (c === '"') return { kind: 'string', pos: at, value: string() };
    for (const [word, node] of [
      ['true', { kind: 'boolean', pos: at, value: true }],
      ['false', { kind: 'boolean', pos: at, value: false }],
      ['null', { kind: 'null', pos: at }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return node;
      }
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail('json.badNumber');
      const v = Number(m![0]);
      if (!Number.isFinite(v)) fail('json.badNumber', at, m![0].slice(0, 12));
      i += m![0].length;
      return { kind: 'number', pos: at, value: v };
    }
    return fail('json.unexpected');
  };
  try {
    // a byte order mark is what some editors put first; it is not an error of the file's author
    if (text.charCodeAt(0) === 0xfeff) i = lineStart = 1;
    const root = value(0);
    space();
    if (i < text.length) fail('json.unexpected');
    return { ok: true, root };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** The plain value of a node (what JSON.parse would give). */
export function plain(n: JsonNode): unknown {
  switch (n.kind) {
    case 'object':
      return Object.fromEntries(n.entries.map((e) => [e.key, plain(e.value)]));
    case 'array':
      return n.items.map(plain);
    case 'null':
      return null;
    default:
      return n.value;
  }
}
