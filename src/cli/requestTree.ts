import { unknownRequestKeys } from '../engine/request';
import type { InputLimits } from './inputLimits';
import { LimitProblem, type JsonSink } from './jsonSink';
import type { UnknownKeys } from './messages';
import { groupDigits, MAX_ECHO_CHARS } from './printable';

/**
 * Builds, from the reader's events, the value JSON.parse would give for a request, keeping
 * only what parseRequest can read, within InputLimits:
 * - in the top object and in an exported trace's `request` object, the value of a key the
 *   request format does not define is skipped (its name is kept for the warning), and so is
 *   everything of an exported trace but its request;
 * - a list keeps entries up to its first entry of another kind than the first (numbers,
 *   or lists and objects), and that entry; the rest is counted (the engine reads no further
 *   than that entry, and still sees the list's true length);
 * - numbers, lists and objects, keys and text bytes are counted, and a count over its limit
 *   refuses the request there, before it costs more memory.
 * Lists of numbers are built at their final length, so that they take 8 bytes a number.
 */

type Role = 'top' | 'request' | 'plain';

const EMPTY = 0;
const NUMBERS = 1;
const CONTAINERS = 2;
const OTHER = 3;

interface Frame {
  isList: boolean;
  role: Role;
  // an object's own value, and the key whose value is being read (null before the first, and while a key is read)
  object: Record<string, unknown> | null;
  key: string | null;
  // a list: the kind of its first entry, its entries (numbers go to the depth's scratch)
  kind: number;
  size: number;
  items: unknown[] | null;
  /** the first entry of another kind, which ends the kept part */
  odd: unknown;
  hasOdd: boolean;
}

export interface RequestTree {
  /** the value JSON.parse would give, less what is skipped */
  value: unknown;
  /** unknown keys of the top object */
  topUnknown: UnknownKeys;
  /** unknown keys of the (last) `request` object in the top object */
  requestUnknown: UnknownKeys;
}

const LONG_KEYS_KEPT = 100;

class UnknownKeyTally {
  private readonly names = new Set<string>();
  count = 0;
  readonly first: string[] = [];

  add(name: string, whole: boolean): void {
    if (whole) {
      if (this.names.has(name)) return;
      this.names.add(name);
    }
    // a key cut short cannot be compared: each counts as a key of its own
    this.count++;
    if (this.first.length < 3) this.first.push(whole ? name : name + '…');
  }

  result(): UnknownKeys {
    return { count: this.count, first: [...this.first] };
  }
}

export class RequestTreeBuilder implements JsonSink {
  private readonly stack: Frame[] = [];
  /** numbers of the list being read at each depth */
  private readonly scratch: Float64Array[] = [];
  private root: unknown = undefined;
  private numbers = 0;
  private containers = 0;
  private keys = 0;
  private textBytes = 0;
  private readonly topUnknown = new UnknownKeyTally();
  private requestUnknown = new UnknownKeyTally();
  private readonly longKeys = new Set<string>();
  private readonly known = new Map<string, boolean>();

  constructor(private readonly limits: InputLimits) {}

  /** Kept keys longer than a printed key (the first 100), for shortening them in messages. */
  longKeysSoFar(): string[] {
    return [...this.longKeys];
  }

  result(): RequestTree {
    return {
      value: this.root,
      topUnknown: this.topUnknown.result(),
      requestUnknown: this.requestUnknown.result(),
    };
  }

  beginObject(): void {
    const parent = this.stack[this.stack.length - 1];
    let role: Role = 'plain';
    if (!parent) role = 'top';
    else if (parent.role === 'top' && parent.key === 'request') {
      role = 'request';
      this.requestUnknown = new UnknownKeyTally(); // the last `request` key wins, as in JSON.parse
    }
    this.pushFrame(false, role, {});
  }

  beginList(): void {
    const depth = this.stack.length;
    if (!this.scratch[depth]) this.scratch[depth] = new Float64Array(16);
    this.pushFrame(true, 'plain', null);
  }

  private pushFrame(isList: boolean, role: Role, object: Record<string, unknown> | null): void {
    if (++this.containers > this.limits.maxContainers) {
      throw new LimitProblem(`more than ${groupDigits(this.limits.maxContainers)} lists and objects, more than a request within the limits has`);
    }
    this.stack.push({ isList, role, object, key: null, kind: EMPTY, size: 0, items: null, odd: undefined, hasOdd: false });
  }

  key(name: string, whole: boolean): boolean {
    const frame = this.stack[this.stack.length - 1];
    frame.key = null; // a refusal of this key names the object, not the key before it
    if (frame.role === 'plain' && !whole) {
      throw new LimitProblem(`a key of more than ${groupDigits(this.limits.maxTextBytes)} bytes, longer than any key a request has`);
    }
    const tally = frame.role === 'plain' ? undefined : frame.role === 'top' ? this.topUnknown : this.requestUnknown;
    const known = tally === undefined || (whole && this.isKnown(name));
    this.countKey(name, known ? undefined : tally, whole);
    // the top object keeps `request` whatever it is: an exported trace carries its request there
    if (!known && !(frame.role === 'top' && whole && name === 'request')) return false;
    if (name.length > MAX_ECHO_CHARS && this.longKeys.size < LONG_KEYS_KEPT) this.longKeys.add(name);
    frame.key = name;
    return true;
  }

  private countKey(name: string, tally?: UnknownKeyTally, whole = true): void {
    if (++this.keys > this.limits.maxKeys) {
      throw new LimitProblem(`more than ${groupDigits(this.limits.maxKeys)} keys, more than a request within the limits has`);
    }
    this.countText(name.length);
    tally?.add(name, whole);
  }

  private countText(chars: number): void {
    // a character takes 1 to 3 bytes of UTF-8 (4 for 2 UTF-16 units); counting 1 a unit is enough for a bound on memory
    this.textBytes += chars;
    if (this.textBytes > this.limits.maxTextBytesTotal) {
      throw new LimitProblem(`more than ${groupDigits(this.limits.maxTextBytesTotal)} bytes of keys and texts, more than a request within the limits has`);
    }
  }

  /** Whether the request format defines this key (asked of the engine, so both stay in step). */
  private isKnown(name: string): boolean {
    let known = this.known.get(name);
    if (known === undefined) {
      known = unknownRequestKeys({ [name]: null }).length === 0;
      if (this.known.size < 1000) this.known.set(name, known);
    }
    return known;
  }

  endObject(): boolean {
    const frame = this.stack.pop()!;
    return this.add(frame.object, CONTAINERS);
  }

  endList(length: number): boolean {
    const frame = this.stack.pop()!;
    let list: unknown[];
    if (frame.kind === NUMBERS) {
      const numbers = this.scratch[this.stack.length];
      list = new Array(length);
      for (let k = 0; k < frame.size; k++) list[k] = numbers[k];
      if (frame.hasOdd) list[frame.size] = frame.odd;
    } else {
      list = frame.items ?? [];
      if (frame.hasOdd) list.push(frame.odd);
      // the entries not kept stay holes: the engine sees the length and stops before them
      if (list.length < length) list.length = length;
    }
    return this.add(list, CONTAINERS);
  }

  number(value: number): boolean {
    if (++this.numbers > this.limits.maxNumbers) {
      throw new LimitProblem(`more than ${groupDigits(this.limits.maxNumbers)} numbers, more than a request within the limits has`);
    }
    const frame = this.stack[this.stack.length - 1];
    if (frame && frame.isList && (frame.kind === NUMBERS || frame.kind === EMPTY)) {
      frame.kind = NUMBERS;
      let numbers = this.scratch[this.stack.length - 1];
      if (frame.size === numbers.length) {
        // one past the longest list: the reader refuses that entry just after it is added
        const grown = new Float64Array(Math.min(2 * numbers.length, this.limits.maxListLength + 1));
        grown.set(numbers);
        this.scratch[this.stack.length - 1] = numbers = grown;
      }
      numbers[frame.size++] = value;
      return true;
    }
    return this.add(value, NUMBERS);
  }

  numberList(list: number[]): boolean | null {
    // over a limit: declined, so that the reader refuses at the very entry
    if (this.numbers + list.length > this.limits.maxNumbers || this.containers + 1 > this.limits.maxContainers) return null;
    this.numbers += list.length;
    this.containers++;
    return this.add(list, CONTAINERS);
  }

  text(text: string, whole: boolean): boolean {
    if (!whole) throw new LimitProblem(`a text of more than ${groupDigits(this.limits.maxTextBytes)} bytes, longer than any text a request has`);
    this.countText(text.length);
    return this.add(text, OTHER);
  }

  literal(value: boolean | null): boolean {
    return this.add(value, OTHER);
  }

  /** Puts a finished value where it belongs; returns whether the list it is in keeps going. */
  private add(value: unknown, kind: number): boolean {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.root = value;
      return true;
    }
    if (!parent.isList) {
      const object = parent.object!;
      const key = parent.key!;
      // as JSON.parse does: "__proto__" is a key like any other, not the prototype
      if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
      else object[key] = value;
      return true;
    }
    if (parent.kind === EMPTY) {
      parent.kind = kind;
      parent.items = [value];
      parent.size = 1;
      // a list that starts with a text, true, false or null is refused at that entry
      return kind !== OTHER;
    }
    if (parent.kind === kind && kind === CONTAINERS) {
      parent.items!.push(value);
      parent.size++;
      return true;
    }
    parent.odd = value;
    parent.hasOdd = true;
    return false;
  }

  path(): string {
    let path = '';
    for (const frame of this.stack) {
      if (frame.isList) path += `[${frame.size}]`;
      else if (frame.key === null) break;
      else if (frame.role !== 'plain') path = frame.role === 'request' ? frame.key : path + frame.key;
      else path += `['${frame.key}']`;
    }
    return path;
  }
}
