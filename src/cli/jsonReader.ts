import { InputError } from '../engine/errors';
import type { InputLimits } from './inputLimits';
import { asciiText, jsonNumberValue } from './jsonNumber';
import { decodeJsonText } from './jsonText';
import { groupDigits } from './printable';

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
export interface JsonSink {
  beginObject(): void;
  beginList(): void;
  /** A key of the current object; false skips its value. `whole` is false when the key was
   * longer than maxTextBytes and `name` is only its start. */
  key(name: string, whole: boolean): boolean;
  /** Each value's end returns whether the rest of the list it is in (if any) is kept. */
  endObject(): boolean;
  /** `length` counts the entries not kept too */
  endList(length: number): boolean;
  number(value: number): boolean;
  /** `whole` is false when the text was longer than maxTextBytes and `text` is only its start */
  text(text: string, whole: boolean): boolean;
  literal(value: boolean | null): boolean;
  /**
   * A whole list of numbers at once (read by JSON.parse), in place of beginList, number…,
   * endList. Returns what endList would, or null to decline it (over a limit): the reader
   * then reads it entry by entry, and refuses at the entry that passes the limit.
   */
  numberList(list: number[]): boolean | null;
  /** Where the reading is, as a key path (e.g. inputs[3]), for messages; '' at the top. */
  path(): string;
}

// what the reader expects next
const VALUE = 0; // a value (at the top, after ':' or after ',' in a list)
const VALUE_OR_CLOSE = 1; // after '['
const KEY_OR_CLOSE = 2; // after '{'
const KEY = 3; // after ',' in an object
const COLON = 4;
const AFTER_VALUE = 5; // ',' or the container's close
const DONE = 6; // the top value has ended: only whitespace may follow
const IN_TEXT = 7; // inside a string (a key or a value)
const IN_NUMBER = 8; // a number cut by the end of a chunk
const IN_LITERAL = 9; // true / false / null cut by the end of a chunk

const OBJECT = 1;
const LIST = 2;

/** Bytes a number token may hold: digits, sign, point, exponent. */
const NUMBER_BYTE = new Uint8Array(256);
for (const c of '0123456789+-.eE') NUMBER_BYTE[c.charCodeAt(0)] = 1;
const HEX_BYTE = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX_BYTE[c.charCodeAt(0)] = 1;
const ESCAPE_BYTE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPE_BYTE[c.charCodeAt(0)] = 1;

const LITERALS: Record<number, { text: string; value: boolean | null }> = {
  0x74: { text: 'true', value: true },
  0x66: { text: 'false', value: false },
  0x6e: { text: 'null', value: null },
};

const NOT_JSON = 'the request is not valid JSON';

export class JsonStreamReader {
  private state = VALUE;
  private depth = 0;
  private readonly types: Uint8Array;
  /** entries seen in each open list */
  private readonly counts: Float64Array;
  /** ≥ 0 while skipping: the depth of the object whose value, or of the list whose rest, is being skipped */
  private skipDepth = -1;
  private skipRest = false;

  /** absolute offset of the current chunk's first byte */
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  /** UTF-8 continuation bytes since lineStart: a column counts characters, not bytes */
  private continuations = 0;

  // the string being read
  private textIsKey = false;
  private textKept = false;
  private textEscape = 0; // 0 none, 1 after '\', 5…2 hex digits to come
  private textStart = 0; // absolute offset of its opening quote
  private readonly textBytes: Buffer;
  private textLength = 0;
  private textWhole = true;

  /** absolute offset of the token being read, for the position of a sink's refusal */
  private tokenAt = 0;

  /** a number or literal cut by a chunk's end */
  private readonly carry: Buffer;
  private carryLength = 0;
  private carryStart = 0;

  constructor(
    private readonly sink: JsonSink,
    private readonly limits: InputLimits,
  ) {
    this.types = new Uint8Array(limits.maxDepth + 1);
    this.counts = new Float64Array(limits.maxDepth + 1);
    this.textBytes = Buffer.alloc(limits.maxTextBytes);
    this.carry = Buffer.alloc(limits.maxNumberChars + 1);
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

  /** "line 3, column 14" for an absolute byte offset on the current line */
  private where(at: number): string {
    const column = Math.max(1, at - this.lineStart - this.continuations + 1);
    return `line ${this.line}, column ${column}`;
  }

  /** `hint`, when given, follows the position: "…at line 1, column 4; write it as …" */
  private syntax(message: string, at: number, hint = ''): never {
    throw new InputError(`${NOT_JSON}: ${message} at ${this.where(at)}${hint ? '; ' + hint : ''}`);
  }

  private unexpected(buf: Buffer, i: number, expected: string): never {
    const c = buf[i];
    const shown = c < 0x80 ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).toUpperCase()} (not ASCII, outside a text)`;
    if (this.state === DONE) this.syntax(`unexpected ${shown} after the end of the request`, this.offset + i);
    this.syntax(`unexpected ${shown}, expected ${expected},`, this.offset + i);
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
  private valueDone(keepSiblings: boolean, i: number): void {
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

  // --- true, false, null ---

  private beginLiteral(buf: Buffer, i: number): number {
    const n = Math.min(buf.length, i + 5);
    const m = n - i;
    buf.copy(this.carry, 0, i, n);
    this.carryLength = m;
    this.carryStart = this.offset + i;
    return this.literalProgress(i + m);
  }

  private continueLiteral(buf: Buffer, i: number): number {
    const want = LITERALS[this.carry[0]].text.length;
    const m = Math.min(buf.length - i, want - this.carryLength);
    buf.copy(this.carry, this.carryLength, i, i + m);
    this.carryLength += m;
    return this.literalProgress(i + m);
  }

  /** Checks the literal's bytes so far; `next` is where the chunk goes on after them. */
  private literalProgress(next: number): number {
    const { text, value } = LITERALS[this.carry[0]];
    const have = Math.min(this.carryLength, text.length);
    for (let k = 1; k < have; k++) {
      if (this.carry[k] !== text.charCodeAt(k)) this.syntax(`unexpected '${this.carry.toString('latin1', 0, k + 1)}', expected a value,`, this.carryStart);
    }
    if (have < text.length) {
      this.state = IN_LITERAL;
      return next;
    }
    this.state = VALUE;
    const kept = this.skipDepth < 0;
    this.valueDone(kept ? this.sink.literal(value) : true, this.carryStart - this.offset);
    // the bytes read past the literal (it is shorter than 5) belong to what follows
    return next - (this.carryLength - text.length);
  }

  // --- strings ---

  private beginText(i: number, isKey: boolean): number {
    this.textIsKey = isKey;
    this.textKept = this.skipDepth < 0;
    this.textEscape = 0;
    this.textStart = this.offset + i;
    this.textLength = 0;
    this.textWhole = true;
    this.state = IN_TEXT;
    return i + 1;
  }

  /** Reads string bytes from i; returns where it stopped (after the closing quote, or the chunk's end). */
  private readText(buf: Buffer, i: number): number {
    const n = buf.length;
    const start = i;
    let escape = this.textEscape;
    for (; i < n; i++) {
      const c = buf[i];
      if (escape === 0) {
        if (c === 0x22) {
          this.keepTextBytes(buf, start, i);
          this.textEscape = 0;
          this.finishText(i);
          return i + 1;
        }
        if (c === 0x5c) escape = 1;
        else if (c < 0x20) this.syntax('a control character inside a text', this.offset + i, `write it as the escape \\u${c.toString(16).padStart(4, '0')}`);
        else if ((c & 0xc0) === 0x80) this.continuations++;
      } else if (escape === 1) {
        if (ESCAPE_BYTE[c] !== 1) this.syntax(`'\\${c < 0x80 ? String.fromCharCode(c) : '…'}' is not an escape JSON has`, this.offset + i - 1);
        escape = c === 0x75 ? 5 : 0;
      } else {
        if (HEX_BYTE[c] !== 1) this.syntax(`a \\u escape needs 4 hexadecimal digits`, this.offset + i);
        escape = escape === 2 ? 0 : escape - 1;
      }
    }
    this.textEscape = escape;
    this.keepTextBytes(buf, start, n);
    return n;
  }

  private keepTextBytes(buf: Buffer, start: number, end: number): void {
    if (!this.textKept || end <= start) return;
    const room = this.textBytes.length - this.textLength;
    if (end - start > room) this.textWhole = false;
    const m = Math.min(room, end - start);
    buf.copy(this.textBytes, this.textLength, start, start + m);
    this.textLength += m;
  }

  private finishText(i: number): void {
    this.state = this.textIsKey ? COLON : VALUE;
    if (!this.textKept) {
      if (!this.textIsKey) this.valueDone(true, i);
      return;
    }
    const text = decodeJsonText(this.textBytes, this.textLength, !this.textWhole);
    if (this.textIsKey) {
      if (!this.sink.key(text, this.textWhole)) {
        this.skipDepth = this.depth;
        this.skipRest = false;
      }
      return;
    }
    this.valueDone(this.sink.text(text, this.textWhole), i);
  }
}

/**
 * A limit passed; the reader adds where. Thrown by the reader and by a sink: the message
 * says what was too much, for example "more than 35,651,584 numbers".
 */
export class LimitProblem extends Error {
  constructor(
    message: string,
    /** absolute byte offset, when the thrower knows it (the reader fills it in otherwise) */
    readonly at: number = -1,
  ) {
    super(message);
    this.name = 'LimitProblem';
  }
}
