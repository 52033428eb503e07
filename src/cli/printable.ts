/**
 * Text from a request (key names, values, file names) made safe to print on a terminal: it
 * cannot move the cursor, clear the screen, set the window title, overwrite a line with a
 * carriage return, reorder what follows with a bidi override, or fill the screen.
 */

/**
 * Characters that a terminal acts on or that change how the rest of the line reads:
 * C0 controls (ESC, CR, LF, …), DEL, C1 controls (CSI, OSC, …), bidi embeddings, overrides
 * and isolates, the bidi marks, the line and paragraph separators, and lone surrogates
 * (which have no UTF-8 form). A backslash is left as it is: our own messages show escapes
 * such as \n, and a key that spells out "\u001b" is harmless however it is read.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Every unsafe character as a visible escape: ESC → \u001b. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** The longest key or text echoed whole; longer ones are cut with an ellipsis. */
export const MAX_ECHO_CHARS = 60;

/** At most `max` characters (code points): the start and an ellipsis when longer. */
export function shorten(text: string, max = MAX_ECHO_CHARS): string {
  if (text.length <= max) return text;
  const points = Array.from(text.slice(0, 2 * max));
  if (points.length <= max && text.length <= 2 * max) return text;
  return points.slice(0, max - 1).join('') + '…';
}

/** A key or text from the request, shortened, in single quotes (escaped later, with the line it is in). */
export function quoteShort(text: string): string {
  return `'${shorten(text)}'`;
}

/** 10000 → "10,000": counts the user reads, whatever the locale. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
