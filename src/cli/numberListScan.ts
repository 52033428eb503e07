import { NUMBER_BYTE } from './jsonGrammar';

/** The newlines inside a scanned list of numbers, for the reader's line count. */
export interface NumberListLines {
  newlines: number;
  /** byte index (in the chunk) of the last one */
  lastNewline: number;
}

/**
 * The byte scan of JsonStreamReader's fast path (a row of numbers read by JSON.parse): from the
 * '[' at i, number tokens of at most maxNumberChars bytes, ',' and whitespace only. Returns the
 * index of its ']', with the newlines before it in `lines`; or 0 when the list is anything else,
 * empty, or cut by the chunk's end (then the reader reads it entry by entry).
 */
export function numberListEnd(buf: Buffer, i: number, maxNumberChars: number, lines: NumberListLines): number {
  const n = buf.length;
  let newlines = 0;
  let lastNewline = 0;
  let tokenStart = -1;
  let j = i + 1;
  for (; j < n; j++) {
    const c = buf[j];
    if (NUMBER_BYTE[c] === 1) {
      if (tokenStart < 0) tokenStart = j;
      else if (j - tokenStart >= maxNumberChars) return 0;
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
  lines.newlines = newlines;
  lines.lastNewline = lastNewline;
  return j;
}
