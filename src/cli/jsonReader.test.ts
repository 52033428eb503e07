import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../engine/errors';
import { createRng } from '../engine/rng';
import { inputLimitsFor, type InputLimits } from './inputLimits';
import { ENGINE_LIMITS } from '../engine/limits';
import { JsonStreamReader, LimitProblem, type JsonSink } from './jsonReader';

/**
 * The reader against JSON.parse: the same values (numbers bit for bit) for valid text, cut
 * into chunks of every size; a refusal, with line and column, for every text JSON.parse
 * refuses. The sink here keeps everything, so that only the reader is tested.
 */

const LIMITS = inputLimitsFor(ENGINE_LIMITS);

/** A sink that builds the whole value, as JSON.parse does. */
class KeepAll implements JsonSink {
  private stack: { list: unknown[] | null; object: Record<string, unknown> | null; key: string }[] = [];
  root: unknown;
  beginObject() {
    this.stack.push({ list: null, object: {}, key: '' });
  }
  beginList() {
    this.stack.push({ list: [], object: null, key: '' });
  }
  key(name: string) {
    this.stack[this.stack.length - 1].key = name;
    return true;
  }
  endObject() {
    return this.add(this.stack.pop()!.object);
  }
  endList(_length?: number) {
    return this.add(this.stack.pop()!.list);
  }
  number(x: number) {
    return this.add(x);
  }
  text(s: string) {
    return this.add(s);
  }
  literal(v: boolean | null) {
    return this.add(v);
  }
  numberList(list: number[]): boolean | null {
    this.lists++;
    return this.add(list);
  }
  /** lists given whole */
  lists = 0;
  path() {
    return '';
  }
  private add(v: unknown) {
    const top = this.stack[this.stack.length - 1];
    if (!top) this.root = v;
    else if (top.list) top.list.push(v);
    else Object.defineProperty(top.object!, top.key, { value: v, writable: true, enumerable: true, configurable: true });
    return true;
  }
}

function read(bytes: Buffer, chunk: number, limits: InputLimits = LIMITS, sink: JsonSink = new KeepAll()): unknown {
  const reader = new JsonStreamReader(sink, limits);
  for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
  reader.end();
  return (sink as KeepAll).root;
}

const CHUNKS = [1, 2, 3, 5, 64, 1 << 20];

/** Same structure, and every number the same bits (Object.is tells -0 from 0). */
function expectSame(got: unknown, want: unknown, path = '$'): void {
  if (typeof want === 'number') {
    expect(Object.is(got, want), `${path}: ${String(got)} vs ${String(want)}`).toBe(true);
  } else if (Array.isArray(want)) {
    expect(Array.isArray(got), path).toBe(true);
    expect((got as unknown[]).length, path).toBe(want.length);
    want.forEach((w, k) => expectSame((got as unknown[])[k], w, `${path}[${k}]`));
  } else if (want !== null && typeof want === 'object') {
    expect(Object.keys(got as object), path).toEqual(Object.keys(want));
    for (const k of Object.keys(want)) expectSame((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(got, path).toBe(want);
  }
}

const VALID = [
  '0',
  '-0',
  ' \t\r\n 5 \n',
  '[]',
  '{}',
  '[[], {}, [[]], {"a": {}}]',
  '"plain"',
  '""',
  '"quote \\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t"',
  '"\\u0041\\u00e9\\u4e2d\\ud83d\\ude00"',
  '"lone \\ud800 and \\udc00 surrogates"',
  '"é中😀 raw UTF-8"',
  '"\u007f DEL and \u0085 NEL are allowed raw"',
  '[true, false, null]',
  '{"a": 1, "b": [1, 2, {"c": null}], "a": 2}',
  '{"__proto__": {"polluted": true}, "constructor": 1, "toString": 2}',
  '{"2": "b", "1": "a", "x": 0, "01": 1}',
  '[0.1, -0.0, 1e5, 1E+5, 1e-5, 123.456e-7, 5e-324, 1.7976931348623157e308, 2.2250738585072011e-308]',
  '[1e400, -1e400, 1e-400, 123456789012345678901234567890, 0.1000000000000000055511151231257827]',
  '[9007199254740993, 9007199254740992.5, 0.30000000000000004, 100000000000000000000000]',
  '[1e22, 1e23, 4.35e-22, 8.5e-23, 123456789012345e22, 1.5e-22]',
  '{"k": [1,2,3]}',
];

const INVALID = [
  '',
  ' ',
  '[',
  ']',
  '{',
  '[1,]',
  '[,1]',
  '{"a":1,}',
  '{"a" 1}',
  '{a: 1}',
  "{'a': 1}",
  '[1 2]',
  '01',
  '-01',
  '1.',
  '.5',
  '-',
  '+1',
  '1e',
  '1e+',
  '0x10',
  'NaN',
  'Infinity',
  'tru',
  'nul',
  'True',
  'nulll',
  '"unterminated',
  '"bad \\x escape"',
  '"\\u12"',
  '"\\u12g4"',
  '"raw \t tab"',
  '"raw \n newline"',
  '[1] [2]',
  '1 2',
  '{"a": 1}}',
  '\ufeff{}',
  '\u0000',
  '[1, \u00a0 2]',
  '{"a":1 "b":2}',
];

describe('JsonStreamReader: the same values as JSON.parse', () => {
  for (const text of VALID) {
    it(JSON.stringify(text).slice(0, 60), () => {
      const bytes = Buffer.from(text, 'utf8');
      for (const chunk of CHUNKS) expectSame(read(bytes, chunk), JSON.parse(text));
    });
  }

  it('invalid UTF-8 inside a text becomes U+FFFD as readFileSync(…, "utf8") makes it', () => {
    const bytes = Buffer.concat([Buffer.from('["a'), Buffer.from([0xe2, 0x82]), Buffer.from('b", "'), Buffer.from([0xff, 0xc0, 0x80]), Buffer.from('\\n"]')]);
    for (const chunk of CHUNKS) expectSame(read(bytes, chunk), JSON.parse(bytes.toString('utf8')));
  });

  it('the reference requests and traces', () => {
    const dir = join(import.meta.dirname, '..', 'engine', '__fixtures__');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const bytes = readFileSync(join(dir, name));
      for (const chunk of [7, 4096]) expectSame(read(bytes, chunk), JSON.parse(bytes.toString('utf8')), name);
    }
  });

  it('numbers, bit for bit: 200,000 random doubles written shortest, and random decimal texts', () => {
    const rng = createRng(7);
    const texts: string[] = [];
    const view = new DataView(new ArrayBuffer(8));
    for (let k = 0; k < 100_000; k++) {
      // any finite double: random bits
      view.setUint32(0, rng.int(2 ** 32));
      view.setUint32(4, rng.int(2 ** 32));
      const x = view.getFloat64(0);
      if (Number.isFinite(x)) texts.push(String(x).replace('+', ''));
    }
    for (let k = 0; k < 100_000; k++) {
      // 1 to 25 digits, a point somewhere or none, an exponent or none: the fast path and the slow one
      const digits = 1 + rng.int(25);
      let d = String(1 + rng.int(9));
      for (let j = 1; j < digits; j++) d += String(rng.int(10));
      const point = rng.int(digits + 1);
      let t = point > 0 && point < digits ? d.slice(0, point) + '.' + d.slice(point) : d;
      if (rng.next() < 0.3) t = '0.' + '0'.repeat(rng.int(30)) + d;
      if (rng.next() < 0.5) t += (rng.next() < 0.5 ? 'e' : 'E') + (['', '+', '-'][rng.int(3)]) + String(rng.int(340));
      if (rng.next() < 0.5) t = '-' + t;
      texts.push(t);
    }
    const text = '[' + texts.join(',') + ']';
    const want = JSON.parse(text) as number[];
    const got = read(Buffer.from(text), 65_536, { ...LIMITS, maxListLength: texts.length }) as number[];
    expect(got.length).toBe(want.length);
    let bad = -1;
    for (let k = 0; k < want.length && bad < 0; k++) if (!Object.is(got[k], want[k])) bad = k;
    expect(bad < 0 ? 'all equal' : `${texts[bad]}: ${got[bad]} vs ${want[bad]}`).toBe('all equal');
  });
});

describe('JsonStreamReader: a list of numbers whole in a chunk is read by JSON.parse itself', () => {
  const rng = createRng(11);
  const rows = Array.from({ length: 50 }, () => Array.from({ length: 300 }, () => rng.normal() * 10 ** rng.int(40) * (rng.next() < 0.5 ? -1 : 1)));

  it('takes it whole, with the same numbers, compact and indented', () => {
    for (const text of [JSON.stringify({ inputs: rows }), JSON.stringify({ inputs: rows }, null, 2)]) {
      const sink = new KeepAll();
      expectSame(read(Buffer.from(text), 1 << 20, LIMITS, sink), JSON.parse(text));
      expect(sink.lists).toBe(50);
    }
  });

  it('keeps counting lines through the rows it takes whole', () => {
    const text = JSON.stringify({ inputs: rows.slice(0, 3) }, null, 2) + '\n x';
    const lines = text.split('\n').length;
    expect(refusal(text, 1 << 20)).toMatch(new RegExp(`unexpected 'x' after the end of the request at line ${lines}, column 2$`));
  });

  it('leaves anything else to the reader, which says where it is wrong', () => {
    expect(refusal('{"a": [1, 2,]}', 1 << 20)).toMatch(/unexpected ']', expected a value, at line 1, column 13$/);
    expect(refusal('{"a": [1, 02]}', 1 << 20)).toMatch(/'02' is not a number at line 1, column 11$/);
    expect(refusal('{"a": [1, -]}', 1 << 20)).toMatch(/'-' is not a number/);
    const sink = new KeepAll();
    expectSame(read(Buffer.from('[[1, "a"], [2, [3]], [], [4, 5]]'), 1 << 20, LIMITS, sink), [[1, 'a'], [2, [3]], [], [4, 5]]);
    expect(sink.lists).toBe(2); // [3] and [4, 5]
  });
});

function refusal(text: string | Buffer, chunk = 3, limits = LIMITS): string {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  try {
    read(bytes, chunk, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(text)}`);
}

describe('JsonStreamReader: refuses what JSON.parse refuses, saying where', () => {
  for (const text of INVALID) {
    it(JSON.stringify(text), () => {
      expect(() => JSON.parse(text)).toThrow();
      for (const chunk of [1, 4, 1 << 20]) expect(refusal(text, chunk)).toMatch(/^the request is not valid JSON: .*(line \d+, column \d+|empty)/);
    });
  }

  it('names the line and the column in characters', () => {
    expect(refusal('{\n  "a": [1,\n    2,, 3]\n}')).toMatch(/unexpected ',', expected a value, at line 3, column 7$/);
    expect(refusal('{"é中": x}')).toMatch(/unexpected 'x', expected a value, at line 1, column 8$/);
    expect(refusal('[1, 2')).toBe('the request is not valid JSON: it ends early, at line 1, column 6, with 1 list or object still open');
    expect(refusal('["ab')).toMatch(/ends early, at line 1, column 5, inside the text that starts at line 1, column 2$/);
    expect(refusal('')).toBe('the request is not valid JSON: the input is empty');
    expect(refusal('"a\u0001"')).toMatch(/a control character inside a text at line 1, column 3; write it as the escape \\u0001$/);
    expect(refusal('[1] 2')).toMatch(/unexpected '2' after the end of the request at line 1, column 5$/);
    expect(refusal(Buffer.from([0x5b, 0xe2, 0x5d]))).toMatch(/byte 0xE2/);
  });

  it('refuses nesting deeper than maxDepth, and a number longer than maxNumberChars', () => {
    const limits = { ...LIMITS, maxDepth: 10, maxNumberChars: 20 };
    expect(refusal('['.repeat(11) + ']'.repeat(11), 4, limits)).toMatch(/nested more than 10 deep \(at line 1, column 11\)/);
    expect(() => read(Buffer.from('['.repeat(10) + ']'.repeat(10)), 4, limits)).not.toThrow();
    expect(refusal('[1' + '0'.repeat(20) + ']', 4, limits)).toMatch(/a number of more than 20 characters \(at line 1, column 2\)/);
    expect(refusal('[1' + '0'.repeat(20) + ']', 100, limits)).toMatch(/a number of more than 20 characters/);
    expect(read(Buffer.from('[1' + '0'.repeat(19) + ']'), 3, limits)).toEqual([1e19]);
  });

  it("refuses a kept list longer than maxListLength as soon as it passes it, with the sink's path", () => {
    const limits = { ...LIMITS, maxListLength: 5 };
    const sink = new KeepAll();
    sink.path = () => 'inputs';
    expect(() => read(Buffer.from('[1,2,3,4,5,6' + ',7'.repeat(1000)), 4, limits, sink)).toThrow(/^inputs: a list of more than 5 entries.*\(at line 1, column 12\)$/);
  });

  it("adds the position to a sink's LimitProblem", () => {
    const sink = new KeepAll();
    sink.number = () => {
      throw new LimitProblem('too many numbers');
    };
    expect(() => read(Buffer.from('\n\n  [ 12345 ]'), 2, LIMITS, sink)).toThrow(/^too many numbers \(at line 3, column 5\)$/);
  });
});

describe('JsonStreamReader: skipping', () => {
  /** A sink that declines the key "skip" and ends each list after its second entry. */
  class Declining extends KeepAll {
    lengths: number[] = [];
    events = 0;
    key(name: string) {
      this.events++;
      return name === 'skip' ? false : super.key(name);
    }
    number(x: number) {
      this.events++;
      super.number(x);
      return false; // keep no entry after a number
    }
    endList(length: number) {
      this.lengths.push(length);
      return super.endList(length);
    }
  }

  it('a declined key has its value checked but not given, and the rest of a list after a declined entry is counted', () => {
    const sink = new Declining();
    const text = '{"skip": {"deep": [1, 2, {"x": "y"}], "more": "text"}, "keep": [1, 2, [3, 4], {"z": 5}, 6], "after": true}';
    const value = read(Buffer.from(text), 3, LIMITS, sink) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['keep', 'after']);
    expect(value.keep).toEqual([1]);
    expect(sink.lengths).toEqual([5]);
    expect(value.after).toBe(true);
    expect(sink.events).toBe(4); // keys skip, keep, after and the number 1
  });

  it('a declined value is still checked: bad JSON inside it is refused', () => {
    const sink = new Declining();
    expect(() => read(Buffer.from('{"skip": [1, 2,, 3]}'), 3, LIMITS, sink)).toThrow(/not valid JSON: unexpected ','/);
    expect(() => read(Buffer.from('{"keep": [1, 2, "\\q"]}'), 3, LIMITS, new Declining())).toThrow(/'\\q' is not an escape/);
  });

  it('skipped numbers and texts are not limited by the kept-text limit, only by the number length', () => {
    const limits = { ...LIMITS, maxTextBytes: 8, maxListLength: 3 };
    const sink = new Declining();
    const value = read(Buffer.from(`{"skip": ["${'x'.repeat(100)}", ${'[1],'.repeat(50)} 2], "keep": 1}`), 7, limits, sink);
    expect(value).toEqual({ keep: 1 });
  });
});
