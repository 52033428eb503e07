import { rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { divergingColor, gradientMagnitudeColor } from '../ui/scales';
import { bandWords, colorTable } from './cellPixels';
import { sourceValue } from './timelineDraw';

/** The channels of a packed pixel word (RGBA bytes in memory order). */
const channels = (w: number) => [w & 255, (w >>> 8) & 255, (w >>> 16) & 255, w >>> 24];
const exact = (color: string) => {
  const c = rgb(color);
  return [c.r, c.g, c.b, c.opacity * 255];
};

describe('colorTable: the packed timeline paints the colours of the band’s own scale', () => {
  const cases = [
    { name: 'diverging, light', color: divergingColor(3), extent: 3, log: false },
    { name: 'diverging, dark', color: divergingColor(0.02, true), extent: 0.02, log: false },
    { name: 'gradient magnitude (log), light', color: gradientMagnitudeColor(5e-4, 5), extent: 5, log: true },
    { name: 'gradient magnitude (log), dark', color: gradientMagnitudeColor(1e-9, 1e-5, true), extent: 1e-5, log: true },
  ];
  for (const c of cases) {
    it(`${c.name}: within 2 of 255 per channel of the scale's colour, over its range and beyond`, () => {
      const table = colorTable(c.color, c.extent, c.log);
      let worst = 0;
      for (let k = -1200; k <= 1200; k++) {
        const v = c.log ? Math.sign(k) * c.extent * Math.pow(10, -Math.abs(k) / 200) : (k / 1000) * c.extent;
        const got = channels(table(v));
        const want = exact(c.color(v));
        for (let i = 0; i < 4; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
      }
      expect(worst).toBeLessThanOrEqual(2);
    });
  }
  it('0, NaN and infinities get the colour the scale itself gives them', () => {
    const color = divergingColor(1);
    const table = colorTable(color, 1, false);
    for (const v of [0, Infinity, -Infinity]) expect(channels(table(v))).toEqual(exact(color(v)).map(Math.round));
    const log = gradientMagnitudeColor(1e-4, 1);
    expect(channels(colorTable(log, 1, true)(0))).toEqual(exact(log(0)).map(Math.round));
  });
});

describe('bandWords: one pixel word per cell, read from the band’s source as the timeline reads it', () => {
  it('matches colorTable cell by cell, for a forward band read in reverse and a log band, with rows past the source blank', () => {
    const steps = 7;
    const width = 3;
    const data = Float64Array.from({ length: (steps + 1) * width }, (_, k) => Math.sin(k * 1.7) * (k % 5 === 0 ? 0 : 2));
    data[5] = NaN;
    const blank = ((255 << 24) | (0xef << 16) | (0xcd << 8) | 0xab) >>> 0; // #abcdef as a pixel word
    for (const src of [
      { data, rowOffset: 1, width, reverse: true, color: divergingColor(2), extent: 2, log: false },
      { data, rowOffset: 0, width, reverse: false, color: gradientMagnitudeColor(2e-4, 2), extent: 2, log: true },
    ]) {
      const rows = width + 1;
      const words = bandWords(src, steps, rows, '#abcdef');
      const table = colorTable(src.color, src.extent, src.log);
      for (let r = 0; r < rows; r++) {
        for (let t = 0; t < steps; t++) {
          expect(words[r * steps + t], `t ${t}, row ${r}`).toBe(r < width ? table(sourceValue(src, steps, t, r)) : blank);
        }
      }
    }
  });
});

describe('a named palette keeps one colour table for every extent', () => {
  it('gives the same pixels as a table made for that extent (diverging and magnitude, light and dark)', () => {
    const steps = 50;
    for (const [palette, make, log] of [
      ['diverging', (e: number) => divergingColor(e), false],
      ['diverging-dark', (e: number) => divergingColor(e, true), false],
      ['magnitude', (e: number) => gradientMagnitudeColor(e * 1e-4, e), true],
      ['magnitude-dark', (e: number) => gradientMagnitudeColor(e * 1e-4, e, true), true],
    ] as const) {
      for (const extent of [3, 0.002, 1e-8, 40]) {
        const data = Float64Array.from({ length: steps }, (_, k) => (k === 7 ? 0 : Math.sin(k) * extent * Math.pow(10, -(k % 6))));
        const src = { data, rowOffset: 0, width: 1, reverse: false, color: make(extent), extent, log };
        expect(Array.from(bandWords({ ...src, palette }, steps, 1, '#fff')), `${palette} at ${extent}`).toEqual(Array.from(bandWords(src, steps, 1, '#fff')));
      }
    }
  });
});

describe('bandWords by slices of rows', () => {
  it('a slice of rows, written into a given buffer, is that part of the whole picture', () => {
    const steps = 9;
    const width = 6;
    const data = Float64Array.from({ length: (steps + 1) * width }, (_, k) => Math.cos(k * 0.9));
    const src = { data, rowOffset: 1, width, reverse: false, color: divergingColor(1), extent: 1, log: false };
    const whole = bandWords(src, steps, width + 2, '#000000');
    const buffer = new Uint32Array(100);
    for (const [from, to] of [[0, 3], [3, 6], [6, 8]]) {
      const part = bandWords(src, steps, to, '#000000', from, buffer.subarray(0, steps * (to - from)));
      expect(Array.from(part)).toEqual(Array.from(whole.subarray(from * steps, to * steps)));
    }
  });
});
