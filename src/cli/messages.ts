import { escapeUnsafe, groupDigits, MAX_ECHO_CHARS, quoteShort, shorten } from './printable';

/**
 * The lines the trace CLI writes on stderr. Each is one line however odd the request: the
 * engine's messages quote key names whole, so long ones are shortened, and every control
 * character is escaped.
 */

/** A refusal or a warning can be long (it names the expected keys), but never a screenful. */
export const MAX_LINE_CHARS = 2000;

/**
 * One printable line: the long keys given (those of the request, which the engine's
 * messages quote whole) are shortened wherever they appear, control characters (line
 * breaks among them: no message of ours has one, so any came from the request) are
 * escaped, and the whole is cut at MAX_LINE_CHARS.
 */
export function oneLine(message: string, longKeys: readonly string[] = []): string {
  let text = message;
  // longest first, so that a key inside another key does not break the longer one's match
  for (const key of [...longKeys].sort((a, b) => b.length - a.length)) {
    if (key.length > MAX_ECHO_CHARS && text.includes(key)) text = text.split(key).join(shorten(key));
  }
  return shorten(escapeUnsafe(text), MAX_LINE_CHARS);
}

/** How many names a summary shows before "and N more". */
export const NAMES_SHOWN = 3;

export interface UnknownKeys {
  /** distinct unknown keys */
  count: number;
  /** the first few, in the order they came */
  first: string[];
}

/**
 * One warning (to be printed through oneLine) for all the keys the format does not define:
 * "ignoring unknown key 'x'", or "ignoring 10,000 unknown keys: 'a', 'b', 'c' and 9,997 more".
 */
export function unknownKeysWarning(keys: UnknownKeys): string {
  const shown = keys.first.slice(0, NAMES_SHOWN).map(quoteShort);
  if (keys.count === 1) return `warning: ignoring unknown key ${shown[0]}`;
  const rest = keys.count - shown.length;
  const list = rest > 0 ? `${shown.join(', ')} and ${groupDigits(rest)} more` : shown.join(', ');
  return `warning: ignoring ${groupDigits(keys.count)} unknown keys: ${list}`;
}
