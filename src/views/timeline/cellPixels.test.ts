import { rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { divergingColor, gradientMagnitudeColor } from '../ui/scales';
import { colorTable } from './cellPixels';

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
