/**
 * What the streaming JSON reader (jsonReader.ts) tells, and the refusal a limit raises. The
 * sink decides what it keeps: a key it declines has its value read and checked but not
 * decoded, and a list entry it declines ends the kept part of that list.
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
