/**
 * JSON.stringify in pieces: the same text, but written value by value down to `depth` levels, with
 * a sign of life (pulse.ts) after each piece. One JSON.stringify of a trace at the app's largest
 * sizes runs for seconds without a pause the watchdog could see; its rows take a millisecond each.
 * For plain data (what the engine writes): no toJSON, no replacer, no indentation.
 */
import { pulse } from './pulse';

export function jsonText(value: unknown, depth = 3): string {
  const parts: string[] = [];
  write(value, depth, parts);
  return parts.join('');
}

function write(v: unknown, depth: number, out: string[]): void {
  if (depth <= 0 || typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) {
    // JSON.stringify writes null for what it cannot write inside an array (undefined, a function)
    out.push(JSON.stringify(v) ?? 'null');
    pulse();
    return;
  }
  if (Array.isArray(v)) {
    out.push('[');
    for (let k = 0; k < v.length; k++) {
      if (k > 0) out.push(',');
      write(v[k], depth - 1, out);
    }
    out.push(']');
    return;
  }
  out.push('{');
  let first = true;
  for (const [k, x] of Object.entries(v)) {
    // JSON.stringify leaves out keys whose value it cannot write
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    out.push(first ? '' : ',', JSON.stringify(k), ':');
    first = false;
    write(x, depth - 1, out);
  }
  out.push('}');
}
