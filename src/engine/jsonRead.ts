/**
 * JSON.parse in pieces: the same value, but read piece by piece with a sign of life (pulse.ts)
 * between pieces. One JSON.parse of an imported weights file is a single native call the worker's
 * watchdog cannot see into: a file of a million one-number rows took 0.3–0.5 s alone and over
 * 1.4 s on a busy machine, and was taken for a hung worker. Here the structure is walked in
 * JavaScript without recursion (any depth), and each flat list (a row of numbers) and each string
 * is handed to the native JSON.parse, so no single call is long and rows stay fast.
 */
import { pulse } from './pulse';

const PULSE_EVERY = 256;
/** A flat list longer than this is read item by item: one native call on it could be long. */
const FLAT_MAX_CHARS = 1 << 16;

type Frame = { kind: 'array'; value: unknown[] } | { kind: 'object'; value: Record<string, unknown>; key: string };

export function jsonRead(text: string): unknown {
  let pos = 0;
  let count = 0;
  const stack: Frame[] = [];
  const fail = (what: string): never => {
    throw new SyntaxError(pos >= text.length ? `${what}: the text ended` : `${what} at position ${pos}`);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };
  /** A string token from pos (at its opening quote), decoded by the native parser. */
  const readString = (): string => {
    const start = pos;
    pos++;
    for (;;) {
      if (pos >= text.length) fail('a string is not closed');
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      pos += c === 0x5c ? 2 : 1;
    }
    pos++;
    const token = text.slice(start, pos);
    try {
      return JSON.parse(token) as string;
    } catch {
      pos = start;
      return fail('a string with a control character or a bad escape');
    }
  };
  /** An object's key from pos (spaces first) and the colon after it. */
  const readKey = (): string => {
    skipSpace();
    if (text.charCodeAt(pos) !== 0x22) fail('a key must be a string');
    const key = readString();
    skipSpace();
    if (text.charCodeAt(pos) !== 0x3a) fail('a colon must follow a key');
    pos++;
    return key;
  };
  /**
   * A list with no list, object or string inside (a row of numbers): its end, so the native
   * parser reads it whole; -1 when it holds more structure or is very long.
   */
  const flatEnd = (): number => {
    const stop = Math.min(text.length, pos + FLAT_MAX_CHARS);
    for (let k = pos + 1; k < stop; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x5d) return k;
      if (c === 0x5b || c === 0x7b || c === 0x22) return -1;
    }
    return -1;
  };
  /** A value that is not a list or an object: a string, a number, true, false or null. */
  const readScalar = (): unknown => {
    if (text.charCodeAt(pos) === 0x22) return readString();
    const start = pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a) break;
      pos++;
    }
    const token = text.slice(start, pos);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    // JSON's number grammar; Number() rounds such a token exactly as JSON.parse does
    if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(token)) return Number(token);
    pos = start;
    return fail(token === '' ? 'a value is missing' : 'an unexpected token');
  };

  let value: unknown;
  for (;;) {
    // read one value; a list or an object opens a frame and its first member is read next
    skipSpace();
    const c = text.charCodeAt(pos);
    let done = true;
    if (c === 0x5b) {
      const end = flatEnd();
      if (end >= 0) {
        try {
          value = JSON.parse(text.slice(pos, end + 1));
        } catch {
          fail('a list that is not valid JSON');
        }
        pos = end + 1;
      } else {
        pos++;
        skipSpace();
        if (text.charCodeAt(pos) === 0x5d) {
          pos++;
          value = [];
        } else {
          stack.push({ kind: 'array', value: [] });
          done = false;
        }
      }
    } else if (c === 0x7b) {
      pos++;
      skipSpace();
      if (text.charCodeAt(pos) === 0x7d) {
        pos++;
        value = {};
      } else {
        stack.push({ kind: 'object', value: {}, key: readKey() });
        done = false;
      }
    } else {
      value = readScalar();
    }
    if (!done) continue;
    if ((++count & (PULSE_EVERY - 1)) === 0) pulse();
    // hand the value to the open frames, closing those that end here
    for (;;) {
      const top = stack.at(-1);
      if (!top) {
        skipSpace();
        if (pos < text.length) fail('text after the end of the value');
        return value;
      }
      if (top.kind === 'array') top.value.push(value);
      // defineProperty, as JSON.parse does: a key "__proto__" is a plain property, not the prototype
      else Object.defineProperty(top.value, top.key, { value, writable: true, enumerable: true, configurable: true });
      skipSpace();
      const next = text.charCodeAt(pos);
      if (next === 0x2c) {
        pos++;
        if (top.kind === 'object') top.key = readKey();
        break;
      }
      if (next === (top.kind === 'array' ? 0x5d : 0x7d)) {
        pos++;
        stack.pop();
        value = top.value;
        continue;
      }
      fail(top.kind === 'array' ? 'a comma or ] must follow a list item' : 'a comma or } must follow a value');
    }
  }
}
