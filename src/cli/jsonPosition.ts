import { InputError } from '../engine/errors';
import { NOT_JSON } from './jsonGrammar';
import type { JsonSink } from './jsonSink';
import { LimitProblem } from './limitProblem';

/**
 * Where a JsonStreamReader (jsonReader.ts) is, as line and column, and its refusals that say so.
 * The reader moves these as it reads; a refusal, its own or its sink's, names the place.
 */
export abstract class JsonReaderPosition {
  /** absolute offset of the current chunk's first byte */
  protected offset = 0;
  protected line = 1;
  protected lineStart = 0;
  /** UTF-8 continuation bytes since lineStart: a column counts characters, not bytes */
  protected continuations = 0;

  /** absolute offset of the token being read, for the position of a sink's refusal */
  protected tokenAt = 0;

  constructor(protected readonly sink: JsonSink) {}

  protected guard(work: () => void): void {
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

  /** `count` newlines were passed at once, the last at byte `last` of the current chunk */
  protected passLines(count: number, last: number): void {
    this.line += count;
    this.lineStart = this.offset + last + 1;
    this.continuations = 0;
  }

  /** "line 3, column 14" for an absolute byte offset on the current line */
  protected where(at: number): string {
    const column = Math.max(1, at - this.lineStart - this.continuations + 1);
    return `line ${this.line}, column ${column}`;
  }

  /** `hint`, when given, follows the position: "…at line 1, column 4; write it as …" */
  protected syntax(message: string, at: number, hint = ''): never {
    throw new InputError(`${NOT_JSON}: ${message} at ${this.where(at)}${hint ? '; ' + hint : ''}`);
  }
}
