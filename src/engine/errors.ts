/** A problem with user-supplied data (a request, a state_dict, a sequence), phrased for the user. */
export class InputError extends Error {
  /** the key or field the problem is in, when there is one */
  readonly key: string | undefined;
  constructor(message: string, key?: string) {
    super(message);
    this.name = 'InputError';
    this.key = key;
  }
}

/** A short description of a JSON value's type for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : `${v}`;
  if (typeof v === 'string') return `the text "${v.length > 20 ? v.slice(0, 20) + '…' : v}"`;
  return typeof v === 'object' ? 'an object' : typeof v;
}
