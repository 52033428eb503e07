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
