import { describe, expect, it } from 'vitest';
import { parseJsonTree, plain, type JsonNode } from './jsonTree';

const problem = (text: string) => {
  const r = parseJsonTree(text);
  if (r.ok) throw new Error(`parsed: ${text}`);
  return r.problem;
};

describe('the position-keeping JSON parser', () => {
  it('reads what JSON.parse reads, the same values', () => {
    const samples = ['{}', '[]', '0', '-1.5e3', '"a\\u00e9\\n\\"b"', '{"a":[1,{"b":null}],"c":true,"d":false,"e":"한국어"}', ' \r\n\t[1 , 2 ] '];
    for (const s of samples) {
      const r = parseJsonTree(s);
      expect(r.ok && plain(r.root), s).toEqual(JSON.parse(s));
    }
  });
  it('gives every value and key its line and column', () => {
    const r = parseJsonTree('{\n  "a": 1,\n  "bb": [true,\n    "x"]\n}');
    if (!r.ok) throw new Error('not parsed');
    const root = r.root as Extract<JsonNode, { kind: 'object' }>;
    expect(root.pos).toEqual({ line: 1, col: 1 });
    expect(root.entries[0].keyPos).toEqual({ line: 2, col: 3 });
    expect(root.entries[0].value.pos).toEqual({ line: 2, col: 8 });
    const list = root.entries[1].value as Extract<JsonNode, { kind: 'array' }>;
    expect(list.pos).toEqual({ line: 3, col: 9 });
    expect(list.items[1].pos).toEqual({ line: 4, col: 5 });
  });
  it('puts a syntax error where it is', () => {
    expect(problem('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ pos: { line: 3, col: 3 }, code: 'json.unexpected', found: '"' });
    expect(problem('[1, 2,]')).toMatchObject({ pos: { line: 1, col: 7 }, code: 'json.unexpected' });
    expect(problem('{"a": "one\ntwo"}')).toMatchObject({ pos: { line: 1, col: 11 }, code: 'json.control' });
    expect(problem('{"a": 1, "a": 2}')).toMatchObject({ pos: { line: 1, col: 10 }, code: 'json.duplicate', found: 'a' });
    expect(problem('{"a": [1,\n')).toMatchObject({ pos: { line: 2, col: 1 }, code: 'json.end' });
    expect(problem('{"a": 01}')).toMatchObject({ code: 'json.unexpected', pos: { line: 1, col: 8 } });
    expect(problem('{"a": "\\x"}')).toMatchObject({ code: 'json.badEscape', pos: { line: 1, col: 8 } });
    expect(problem('[1e999]')).toMatchObject({ code: 'json.badNumber' });
    expect(problem('{} {}')).toMatchObject({ code: 'json.unexpected', pos: { line: 1, col: 4 } });
    expect(problem('// note\n{}')).toMatchObject({ code: 'json.unexpected', pos: { line: 1, col: 1 } });
  });
  it('refuses nesting deeper than 32, without exhausting the stack', () => {
    expect(parseJsonTree('['.repeat(32) + ']'.repeat(32)).ok).toBe(true);
    expect(problem('['.repeat(33) + ']'.repeat(33)).code).toBe('json.deep');
    expect(problem('['.repeat(100_000)).code).toBe('json.deep');
  });
  it('takes a byte order mark as no character', () => {
    const r = parseJsonTree('\ufeff{"a": 1}');
    expect(r.ok && (r.root as Extract<JsonNode, { kind: 'object' }>).entries[0].keyPos).toEqual({ line: 1, col: 2 });
  });
});
