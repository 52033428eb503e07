/**
 * The text of a JSON string from the raw bytes between its quotes (escapes already checked
 * by the reader), as JSON.parse gives it for the file read as UTF-8: the runs between
 * escapes are decoded as UTF-8 (a bad sequence becomes U+FFFD, as readFileSync(…, 'utf8')
 * does: the runs are cut only at ASCII bytes, so this decodes them the same), and each
 * escape becomes its UTF-16 code unit, lone surrogates included.
 */

const BACKSLASH = 0x5c;

const SIMPLE_ESCAPES: Record<number, string> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

/**
 * Decodes raw[0, length). `partial` is true for the start of a text cut short (a long key
 * kept only for display): an escape cut at the end is then dropped rather than decoded.
 */
export function decodeJsonText(raw: Buffer, length: number, partial = false): string {
  let out = '';
  let run = 0;
  let i = 0;
  while (i < length) {
    if (raw[i] !== BACKSLASH) {
      i++;
      continue;
    }
    if (i > run) out += raw.toString('utf8', run, i);
    const kind = raw[i + 1];
    if (kind === 0x75) {
      if (i + 6 > length) {
        if (partial) return out;
        throw new Error('decodeJsonText: an unfinished \\u escape (the reader checks escapes first)');
      }
      out += String.fromCharCode(parseInt(raw.toString('latin1', i + 2, i + 6), 16));
      i += 6;
    } else {
      if (i + 2 > length) {
        if (partial) return out;
        throw new Error('decodeJsonText: an unfinished escape (the reader checks escapes first)');
      }
      out += SIMPLE_ESCAPES[kind];
      i += 2;
    }
    run = i;
  }
  if (length > run) out += raw.toString('utf8', run, length);
  return out;
}
