import { InputError } from '../engine/errors';
import type { InputLimits } from './inputLimits';
import { asciiText, jsonNumberValue } from './jsonNumber';
import { groupDigits } from './printable';
import { LimitProblem, type JsonSink } from './jsonSink';

export { LimitProblem, type JsonSink } from './jsonSink';

/**
 * A streaming JSON reader: bytes in, in chunks of any size, events out to a JsonSink, keeping
 * no more of the text than one row of numbers at a time. It accepts exactly what JSON.parse accepts (on the bytes read as
 * UTF-8) and gives the same numbers and texts, within InputLimits: nesting depth, the length
 * of a number token, and, for what the sink keeps, list length and text length. A refusal
 * names the line and column (in characters) where the reading stopped.
 *
 * The sink decides what it keeps: a key it declines has its value read and checked but not
 * decoded (unknown keys, the trace part of an exported trace), and a list entry it declines
 * ends the kept part of that list (the rest is counted, not kept), so a mixed list such as
 * [1, null, 2, …] never holds more than its first odd entry.
 */
import {
  AFTER_VALUE,
  COLON,
  DONE,
  IN_LITERAL,
  IN_NUMBER,
  IN_TEXT,
  JsonTokenReader,
  KEY,
  KEY_OR_CLOSE,
  LITERALS,
  NOT_JSON,
  VALUE,
  VALUE_OR_CLOSE,
} from './jsonTokenReader';

/** Bytes a number token may hold: digits, sign, point, exponent (here, not imported: the
 * scanning loops read it per byte, and a module-local table measured ~10% faster). */
const NUMBER_BYTE = new Uint8Array(256);
for (const c of '0123456789+-.eE') NUMBER_BYTE[c.charCodeAt(0)] = 1;

const OBJECT = 1;
const LIST = 2;

export class JsonStreamReader extends JsonTokenReader {
  private readonly types: Uint8Array;
  /** entries seen in each open list */
  private readonly counts: Float64Array;

  constructor(sink: JsonSink, limits: InputLimits) {
    super(sink, limits);
    this.types = new Uint8Array(limits.maxDepth + 1);
    this.counts = new Float64Array(limits.maxDepth + 1);
  }

  /** Reads the next chunk. Throws InputError (with line and column) on the first problem. */
  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.guard(() => this.run(buf));
    this.offset += buf.length;
  }

  /** The input has ended: throws unless it held exactly one complete JSON value. */
  end(): void {
    this.guard(() => {
      if (this.state === IN_NUMBER) this.finishNumber(this.carry, 0, this.carryLength, this.carryStart);
      if (this.state === DONE) return;
      if (this.offset === 0) throw new InputError(`${NOT_JSON}: the input is empty`);
      const what =
        this.state === IN_TEXT
          ? `, inside the ${this.textIsKey ? 'key' : 'text'} that starts at ${this.where(this.textStart)}`
          : this.depth > 0
            ? `, with ${this.depth} ${this.depth === 1 ? 'list or object' : 'lists or objects'} still open`
            : '';
      throw new InputError(`${NOT_JSON}: it ends early, at ${this.where(this.offset)}${what}`);
    });
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (e) {
      if (e instanceof LimitProblem) {
        const path = this.sink.path();
        const at = e.at >= 0 ? e.at : this.tokenAt;
        throw new InputError(`${path ? path + ': ' : ''}${e.message} (at ${this.where(at)})`, path || undefined);
      }
      throw e;
    }
  }


  private run(buf: Buffer): void {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const state = this.state;
      if (state === IN_TEXT) {
        i = this.readText(buf, i);
        continue;
      }
      if (state === IN_NUMBER) {
        i = this.continueNumber(buf, i);
        continue;
      }
      if (state === IN_LITERAL) {
        i = this.continueLiteral(buf, i);
        continue;
      }
      // whitespace in a tight loop: a request padded with it costs little
      let c = buf[i];
      while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) {
        if (c === 0x0a) {
          this.line++;
          this.lineStart = this.offset + i + 1;
          this.continuations = 0;
        }
        if (++i === n) return;
        c = buf[i];
      }
      i = this.token(buf, i, c);
    }
  }

  /** A byte that is not whitespace, outside strings and cut tokens. Returns where to go on. */
  private token(buf: Buffer, i: number, c: number): number {
    this.tokenAt = this.offset + i;
    switch (this.state) {
      case VALUE:
      case VALUE_OR_CLOSE:
        if (c === 0x5d && this.state === VALUE_OR_CLOSE) return this.close(LIST, i);
        return this.value(buf, i, c);
      case KEY_OR_CLOSE:
        if (c === 0x7d) return this.close(OBJECT, i);
        if (c !== 0x22) this.unexpected(buf, i, "a key in double quotes or '}'");
        return this.beginText(i, true);
      case KEY:
        if (c !== 0x22) this.unexpected(buf, i, 'a key in double quotes');
        return this.beginText(i, true);
      case COLON:
        if (c !== 0x3a) this.unexpected(buf, i, "':' after the key");
        this.state = VALUE;
        return i + 1;
      case AFTER_VALUE: {
        const type = this.types[this.depth];
        if (c === 0x2c) {
          this.state = type === LIST ? VALUE : KEY;
          return i + 1;
        }
        if (c === 0x5d && type === LIST) return this.close(LIST, i);
        if (c === 0x7d && type === OBJECT) return this.close(OBJECT, i);
        return this.unexpected(buf, i, type === LIST ? "',' or ']'" : "',' or '}'");
      }
      default:
        return this.unexpected(buf, i, '');
    }
  }

  private value(buf: Buffer, i: number, c: number): number {
    if (c === 0x22) return this.beginText(i, false);
    if (c === 0x5b && this.skipDepth < 0 && this.depth < this.limits.maxDepth) {
      const next = this.numberListAt(buf, i);
      if (next > 0) return next;
    }
    if (c === 0x7b || c === 0x5b) return this.open(c === 0x7b ? OBJECT : LIST, i);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.beginNumber(buf, i);
    if (LITERALS[c]) return this.beginLiteral(buf, i);
    return this.unexpected(buf, i, this.state === VALUE_OR_CLOSE ? "a value or ']'" : 'a value');
  }

  /**
   * A kept list of numbers only, whole in this chunk (a row of inputs or weights), read by
   * JSON.parse: the same numbers by definition, 2 to 3 times faster than one Number() each,
   * as V8 converts them without making a string per number. Returns where to go on after
   * it, or 0 when the list is anything else (a nested list, a text, bad JSON, cut by the
   * chunk's end, declined by the sink): then it is read entry by entry, which refuses with
   * the line and column.
   */
  private numberListAt(buf: Buffer, i: number): number {
    const n = buf.length;
    let newlines = 0;
    let lastNewline = 0;
    let tokenStart = -1;
    let j = i + 1;
    for (; j < n; j++) {
      const c = buf[j];
      if (NUMBER_BYTE[c] === 1) {
        if (tokenStart < 0) tokenStart = j;
        else if (j - tokenStart >= this.limits.maxNumberChars) return 0;
        continue;
      }
      if (c === 0x5d) break;
      tokenStart = -1;
      if (c === 0x0a) {
        newlines++;
        lastNewline = j;
      } else if (c !== 0x2c && c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        return 0;
      }
    }
    if (j === n || j === i + 1) return 0;
    let list: number[];
    try {
      // nothing but numbers can be written with these bytes: what JSON.parse takes is a list of numbers
      list = JSON.parse(asciiText(buf, i, j + 1)) as number[];
    } catch {
      return 0;
    }
    if (list.length > this.limits.maxListLength) return 0;
    const keepSiblings = this.sink.numberList(list);
    if (keepSiblings === null) return 0;
    if (newlines > 0) {
      this.line += newlines;
      this.lineStart = this.offset + lastNewline + 1;
      this.continuations = 0;
    }
    this.valueDone(keepSiblings, i);
    return j + 1;
  }

  private open(type: number, i: number): number {
    if (this.depth >= this.limits.maxDepth) {
      throw new LimitProblem(`lists and objects nested more than ${this.limits.maxDepth} deep`, this.offset + i);
    }
    const d = ++this.depth;
    this.types[d] = type;
    this.counts[d] = 0;
    if (this.skipDepth < 0) {
      if (type === OBJECT) this.sink.beginObject();
      else this.sink.beginList();
    }
    this.state = type === OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
    return i + 1;
  }

  private close(type: number, i: number): number {
    const d = this.depth;
    let kept = this.skipDepth < 0;
    if (this.skipDepth === d && this.skipRest) {
      // the end of a list whose rest was skipped: the list itself is kept
      this.skipDepth = -1;
      this.skipRest = false;
      kept = true;
    }
    this.depth--;
    let keepSiblings = true;
    if (kept) keepSiblings = type === LIST ? this.sink.endList(this.counts[d]) : this.sink.endObject();
    this.valueDone(keepSiblings, i);
    return i + 1;
  }

  /** A value has ended (at the current depth); `keepSiblings` is what the sink said. */
  protected valueDone(keepSiblings: boolean, i: number): void {
    const d = this.depth;
    if (d === 0) {
      this.state = DONE;
      return;
    }
    this.state = AFTER_VALUE;
    if (this.types[d] === LIST) {
      const count = ++this.counts[d];
      const kept = this.skipDepth < 0 || (this.skipRest && this.skipDepth === d);
      if (kept && count > this.limits.maxListLength) {
        throw new LimitProblem(`a list of more than ${groupDigits(this.limits.maxListLength)} entries, longer than any list a request within the limits has`, this.offset + i);
      }
      if (!keepSiblings && this.skipDepth < 0) {
        this.skipDepth = d;
        this.skipRest = true;
      }
    } else if (this.skipDepth === d && !this.skipRest) {
      this.skipDepth = -1; // the skipped value of a key has ended
    }
  }

  // --- numbers ---

  private beginNumber(buf: Buffer, i: number): number {
    const n = buf.length;
    let j = i + 1;
    while (j < n && NUMBER_BYTE[buf[j]] === 1) j++;
    if (j - i > this.limits.maxNumberChars) this.longNumber(i);
    if (j === n) {
      // cut by the chunk's end: keep its start for the next chunk
      buf.copy(this.carry, 0, i, n);
      this.carryLength = n - i;
      this.carryStart = this.offset + i;
      this.state = IN_NUMBER;
      return n;
    }
    this.finishNumber(buf, i, j, this.offset + i);
    return j;
  }

  private continueNumber(buf: Buffer, i: number): number {
    const n = buf.length;
    let j = i;
    while (j < n && NUMBER_BYTE[buf[j]] === 1) j++;
    if (this.carryLength + (j - i) > this.limits.maxNumberChars) this.longNumber(this.carryStart - this.offset);
    buf.copy(this.carry, this.carryLength, i, j);
    this.carryLength += j - i;
    if (j === n) return n;
    this.finishNumber(this.carry, 0, this.carryLength, this.carryStart);
    return j;
  }

  private longNumber(i: number): never {
    throw new LimitProblem(`a number of more than ${groupDigits(this.limits.maxNumberChars)} characters`, this.offset + i);
  }

  private finishNumber(bytes: Buffer, start: number, end: number, at: number): void {
    const kept = this.skipDepth < 0;
    const x = jsonNumberValue(bytes, start, end, kept);
    if (Number.isNaN(x)) this.syntax(`'${bytes.toString('latin1', start, Math.min(end, start + 40))}' is not a number`, at);
    this.state = VALUE; // leave IN_NUMBER before valueDone sets the next state
    this.valueDone(kept ? this.sink.number(x) : true, at - this.offset);
  }
}
