/**
 * The timeline's cells at large sizes (rows under 5 px, packed without gaps): one small canvas
 * per band, one pixel per cell (steps × rows), stretched by CSS without smoothing to the band's
 * box, with a mask that keeps the gap between columns. Painting cell by cell into one canvas the
 * size of the timeline (a colour string and a fillRect per cell, 14 million pixels handed to the
 * compositor at each change) took seconds of main thread per snapshot at T = 1000, H = 256, and
 * training sends a snapshot per iteration; this takes a few milliseconds. Colours come from a
 * table of the band's own scale, sampled finely (1023 levels a side on a linear scale, 200 per
 * decade on a log one): no visible difference.
 */
import { rgb } from 'd3';
import type { BandSource } from './timelineDraw';

const LINEAR_LEVELS = 1023; // per side of zero
const LOG_STEPS_PER_DECADE = 200;
const LOG_DECADES = 6; // the log scales span 4 decades below their top; below, they clamp

/** A colour as the canvas's pixel words hold it (RGBA bytes in memory order, little-endian). */
function packed(color: string): number {
  const c = rgb(color);
  return ((Math.round(c.opacity * 255) << 24) | (Math.round(c.b) << 16) | (Math.round(c.g) << 8) | Math.round(c.r)) >>> 0;
}

/** A scale sampled into a table: linear (index from v / extent) or log (index from decades below extent). */
interface ColorTable {
  table: Uint32Array;
  log: boolean;
  extent: number;
  /** the colour of 0, NaN and ±Infinity as the scale itself gives them */
  own: (v: number) => number;
}

/**
 * Tables of a named palette, made once: a palette's colour depends on v / extent only, so its
 * table in those units serves every extent (a snapshot per iteration does not rebuild them).
 */
const paletteTables = new Map<string, { table: Uint32Array; own: Map<number, number> }>();

function makeTable(color: (v: number) => string, extent: number, log: boolean, palette?: string): ColorTable {
  if (palette) {
    const key = `${palette}|${log}`;
    let kept = paletteTables.get(key);
    if (!kept) {
      const fresh = makeTable(color, extent, log);
      kept = { table: fresh.table, own: new Map([0, NaN, Infinity, -Infinity].map((v) => [v, fresh.own(v)])) };
      paletteTables.set(key, kept);
    }
    const { table, own } = kept;
    return { table, log, extent, own: (v) => own.get(v) ?? packed(color(v)) };
  }
  const special = new Map<number, number>();
  const own = (v: number): number => {
    let c = special.get(v);
    if (c === undefined) special.set(v, (c = packed(color(v))));
    return c;
  };
  const table = log
    ? Uint32Array.from({ length: LOG_DECADES * LOG_STEPS_PER_DECADE + 1 }, (_, k) => packed(color(extent * Math.pow(10, -k / LOG_STEPS_PER_DECADE))))
    : Uint32Array.from({ length: 2 * LINEAR_LEVELS + 1 }, (_, k) => packed(color(((k - LINEAR_LEVELS) / LINEAR_LEVELS) * extent)));
  return { table, log, extent, own };
}

function lookup(c: ColorTable, v: number): number {
  if (!c.log) return Number.isFinite(v) ? c.table[Math.round((Math.max(-1, Math.min(1, v / c.extent)) + 1) * LINEAR_LEVELS)] : c.own(v);
  const a = Math.abs(v);
  if (a === 0 || !Number.isFinite(a)) return c.own(v);
  return c.table[Math.max(0, Math.min(c.table.length - 1, Math.round(-Math.log10(a / c.extent) * LOG_STEPS_PER_DECADE)))];
}

/** v → packed colour through a table of `color` sampled over the scale's range. */
export function colorTable(color: (v: number) => string, extent: number, log: boolean): (v: number) => number {
  const c = makeTable(color, extent, log);
  return (v) => lookup(c, v);
}

/**
 * The band's picture as pixel words, steps wide, rows `from` to `rows` (into `words` when given,
 * from its start): row r, column t is the cell of unit r at step t (rows past the source's width,
 * or a band with no source, get `empty`). The
 * source is read directly (no closure per cell): half a million cells a band at the largest sizes.
 */
export function bandWords(
  src: BandSource | undefined,
  steps: number,
  rows: number,
  empty: string,
  from = 0,
  words: Uint32Array = new Uint32Array(Math.max(1, steps) * Math.max(1, rows - from)),
): Uint32Array {
  const blank = packed(empty);
  const tables = src ? (src.rows ?? [src]).map((s) => makeTable(s.color, s.extent, src.log, src.rows ? undefined : src.palette)) : [];
  for (let r = from; r < rows; r++) {
    const at = (r - from) * steps;
    if (!src || r >= src.width) {
      words.fill(blank, at, at + steps);
      continue;
    }
    const c = tables[src.rows ? r : 0];
    const { data, width, rowOffset, reverse } = src;
    for (let t = 0; t < steps; t++) words[at + t] = lookup(c, data[((reverse ? steps - 1 - t : t) + rowOffset) * width + r]);
  }
  return words;
}
