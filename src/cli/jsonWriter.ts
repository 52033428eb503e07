/**
 * Writes a value as JSON in pieces, with the same text as JSON.stringify(value, null, indent),
 * without ever holding all of it: a trace at the engine limits is larger than the longest
 * string V8 can make (2^29 − 24 characters), and would take as much memory again as the
 * trace itself. Lists and objects are walked; a list of plain values (a row of numbers) is
 * written by JSON.stringify itself, and so is anything with a toJSON method.
 */

/** How much text is gathered before each write. */
const PIECE_CHARS = 1 << 20;

export type WriteText = (text: string) => void | Promise<void>;

export async function writeJson(value: unknown, write: WriteText, indent = ''): Promise<void> {
  const out = new PieceWriter(write);
  if (!emits(value)) throw new Error('writeJson: the value has no JSON text (JSON.stringify gives undefined)');
  await writeValue(value, indent, '', out);
  await out.flush();
}

class PieceWriter {
  private text = '';
  constructor(private readonly write: WriteText) {}

  async add(piece: string): Promise<void> {
    this.text += piece;
    if (this.text.length >= PIECE_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.text === '') return;
    const text = this.text;
    this.text = '';
    await this.write(text);
  }
}

/** Whether JSON.stringify writes something for this value in an object (undefined, functions and symbols it leaves out). */
function emits(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

function isWalked(v: unknown): v is object {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** `margin` is the indentation of the line the value starts on. */
async function writeValue(value: unknown, indent: string, margin: string, out: PieceWriter): Promise<void> {
  if (!isWalked(value) || (Array.isArray(value) && !value.some(isWalked))) {
    // JSON.stringify's only line breaks are its own (a string's are escaped): indent them by the margin
    const text = JSON.stringify(value, null, indent) ?? 'null';
    await out.add(margin && indent ? text.replaceAll('\n', '\n' + margin) : text);
    return;
  }
  const inner = margin + indent;
  const open = indent ? '\n' + inner : '';
  const between = indent ? ',\n' + inner : ',';
  const close = indent ? '\n' + margin : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return out.add('[]');
    await out.add('[' + open);
    for (let k = 0; k < value.length; k++) {
      if (k > 0) await out.add(between);
      const item: unknown = value[k];
      if (emits(item)) await writeValue(item, indent, inner, out);
      else await out.add('null');
    }
    return out.add(close + ']');
  }
  const entries = Object.entries(value).filter(([, v]) => emits(v));
  if (entries.length === 0) return out.add('{}');
  await out.add('{' + open);
  for (let k = 0; k < entries.length; k++) {
    if (k > 0) await out.add(between);
    await out.add(JSON.stringify(entries[k][0]) + (indent ? ': ' : ':'));
    await writeValue(entries[k][1], indent, inner, out);
  }
  return out.add(close + '}');
}
