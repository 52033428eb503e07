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

/** v → packed colour through a table of `color` sampled over the scale's range. */
export function colorTable(color: (v: number) => string, extent: number, log: boolean): (v: number) => number {
  const special = new Map<number, number>(); // 0, NaN, ±Infinity: their own colour, as the scale gives it
  const own = (v: number): number => {
    let c = special.get(v);
    if (c === undefined) special.set(v, (c = packed(color(v))));
    return c;
  };
  if (!log) {
    const table = Uint32Array.from({ length: 2 * LINEAR_LEVELS + 1 }, (_, k) => packed(color(((k - LINEAR_LEVELS) / LINEAR_LEVELS) * extent)));
    return (v) => (Number.isFinite(v) ? table[Math.round((Math.max(-1, Math.min(1, v / extent)) + 1) * LINEAR_LEVELS)] : own(v));
  }
  const n = LOG_DECADES * LOG_STEPS_PER_DECADE;
  const table = Uint32Array.from({ length: n + 1 }, (_, k) => packed(color(extent * Math.pow(10, -k / LOG_STEPS_PER_DECADE))));
  return (v) => {
    const a = Math.abs(v);
    if (a === 0 || !Number.isFinite(a)) return own(v);
    return table[Math.max(0, Math.min(n, Math.round(-Math.log10(a / extent) * LOG_STEPS_PER_DECADE)))];
  };
}

/**
 * The band's picture, steps wide and `rows` tall: row r, column t is the cell of unit r at step t
 * (rows past the source's width, or a band with no source, get `empty`).
 */
export function bandImage(
  src: BandSource | undefined,
  steps: number,
  rows: number,
  empty: string,
  value: (src: BandSource, t: number, r: number) => number,
): ImageData {
  const img = new ImageData(Math.max(1, steps), Math.max(1, rows));
  const words = new Uint32Array(img.data.buffer);
  const blank = packed(empty);
  const tables = src ? (src.rows ?? [src]).map((s) => colorTable(s.color, s.extent, src.log)) : [];
  for (let r = 0; r < rows; r++) {
    const at = r * steps;
    if (!src || r >= src.width) {
      words.fill(blank, at, at + steps);
      continue;
    }
    const table = tables[src.rows ? r : 0];
    for (let t = 0; t < steps; t++) words[at + t] = table(value(src, t, r));
  }
  return img;
}
