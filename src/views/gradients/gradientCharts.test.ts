import { describe, expect, it } from 'vitest';
import {
  blockReader,
  complexExtent,
  decadeLabel,
  decadeTicks,
  divergingLut,
  entryIndex,
  fitBlocks,
  heatBlocks,
  hitBlock,
  logDomain,
  lutIndex,
  signedLogIndex,
  signedLogLut,
  moveSelection,
  placeBlocks,
  positiveExtent,
  timePath,
} from './gradientCharts';

describe('log axes', () => {
  it('covers the positive values with whole decades and ignores 0, NaN and ∞', () => {
    expect(positiveExtent([[0, 0.02, NaN, 3, Infinity, -1]])).toEqual([0.02, 3]);
    expect(positiveExtent([[0, -1]])).toBeNull();
    expect(logDomain([[0.02, 3]])).toEqual([0.01, 10]);
    expect(logDomain([[0, 0]])).toEqual([1e-3, 1]);
    const [lo, hi] = logDomain([[1e-9, 4]]);
    expect(lo).toBe(1e-9);
    expect(hi).toBe(10);
  });

  it('widens a narrow range to the minimum number of decades', () => {
    const [lo, hi] = logDomain([[0.5, 0.6]], 2);
    expect(Math.log10(hi / lo)).toBeCloseTo(2, 10);
    expect(lo).toBeLessThanOrEqual(0.5);
    expect(hi).toBeGreaterThanOrEqual(0.6);
  });

  it('ticks at powers of ten, thinned when there are many decades', () => {
    expect(decadeTicks([0.01, 10])).toEqual([0.01, 0.1, 1, 10]);
    expect(decadeTicks([1e-20, 1], 5).map((v) => Math.round(Math.log10(v)))).toEqual([-20, -15, -10, -5, 0]);
    const many = decadeTicks([1e-114, 10], 5);
    expect(many.length).toBeLessThanOrEqual(5);
    expect(many.map((v) => Math.round(Math.log10(v)))).toEqual([-100, -75, -50, -25, 0]);
  });

  it('labels decades readably', () => {
    expect(decadeLabel(1)).toBe('1');
    expect(decadeLabel(0.01)).toBe('0.01');
    expect(decadeLabel(1e-6)).toBe('10⁻⁶');
    expect(decadeLabel(1e12)).toBe('10¹²');
  });
});

describe('paths', () => {
  it('leaves gaps where a step is hidden or the value cannot sit on a log axis', () => {
    const d = timePath([1, 2, 0, 4, 5], (t) => t * 10, (v) => v, (t) => t !== 4, true);
    expect(d).toBe('M0,1L10,2M30,4Z'); // a lone point is a closed zero-length subpath (markers show it)
  });

  it('breaks the line at every truncation cut', () => {
    const d = timePath([1, 2, 3, 4, 5], (t) => t * 10, (v) => v, () => true, false, [2, 4]);
    expect(d).toBe('M0,1L10,2M20,3L30,4M40,5Z');
  });
});

describe('complex plane', () => {
  it('always shows the unit circle, and every eigenvalue', () => {
    expect(complexExtent([0.1], [0.2])).toBeCloseTo(1.12);
    expect(complexExtent([-3], [0.5])).toBeCloseTo(3.36);
  });
});

describe('heatmap layout', () => {
  const shape = { inputSize: 2, hiddenSize: 3, outputSize: 1, gates: 4 };
  const opts = { minWidth: 20, caption: 10, gap: 4 };

  it('pytorch: W_ih, W_hh, biases side by side on the G·H rows; the head under W_hh', () => {
    const b = heatBlocks(shape, false);
    expect(b.map((x) => [x.key, x.rows, x.cols])).toEqual([
      ['wIh', 12, 2],
      ['wHh', 12, 3],
      ['b', 12, 2],
      ['headW', 1, 3],
      ['headB', 1, 1],
    ]);
    const p = placeBlocks(b, 10, 10, opts);
    expect(p.blocks[3].x).toBe(p.blocks[1].x);
    expect(p.blocks[1]).toMatchObject({ x: 24, y: 10, w: 30, h: 120 });
    expect(p.blocks[3]).toMatchObject({ y: 10 + 120 + 4 + 10, h: 10 });
    expect([p.width, p.height]).toEqual([20 + 4 + 30 + 4 + 20, 10 + 120 + 4 + 10 + 10]);
  });

  it('lecture: the transposes stacked as x W_x + h W_h + b, W_y beside W_h', () => {
    const b = heatBlocks(shape, true);
    expect(b.map((x) => [x.key, x.rows, x.cols])).toEqual([
      ['wIh', 2, 12],
      ['wHh', 3, 12],
      ['b', 2, 12],
      ['headW', 3, 1],
      ['headB', 1, 1],
    ]);
    const p = placeBlocks(b, 10, 10, opts);
    expect(p.blocks[3].y).toBe(p.blocks[1].y);
    expect(p.blocks[3]).toMatchObject({ w: 20, cellW: 20, cellH: 10 });
  });

  it('maps a displayed entry back to the parameter array, transposed in the lecture notation', () => {
    const py = heatBlocks(shape, false);
    const lec = heatBlocks(shape, true);
    expect(entryIndex(py[1], shape, 5, 2)).toEqual({ field: 'wHh', index: 5 * 3 + 2 });
    expect(entryIndex(lec[1], shape, 2, 5)).toEqual({ field: 'wHh', index: 5 * 3 + 2 });
    expect(entryIndex(py[0], shape, 7, 1)).toEqual({ field: 'wIh', index: 7 * 2 + 1 });
    expect(entryIndex(lec[0], shape, 1, 7)).toEqual({ field: 'wIh', index: 7 * 2 + 1 });
    expect(entryIndex(py[2], shape, 4, 1)).toEqual({ field: 'bHh', index: 4 });
    expect(entryIndex(lec[2], shape, 0, 4)).toEqual({ field: 'bIh', index: 4 });
    expect(entryIndex(lec[3], shape, 2, 0)).toEqual({ field: 'headW', index: 2 });
    expect(entryIndex(py[4], shape, 0, 0)).toEqual({ field: 'headB', index: 0 });
  });

  it('the fast reader gives the same value as entryIndex for every entry, in both notations', () => {
    const params = {
      wIh: Float64Array.from({ length: 24 }, (_, k) => k + 0.1),
      wHh: Float64Array.from({ length: 36 }, (_, k) => k + 0.2),
      bIh: Float64Array.from({ length: 12 }, (_, k) => k + 0.3),
      bHh: Float64Array.from({ length: 12 }, (_, k) => k + 0.4),
      headW: Float64Array.from({ length: 3 }, (_, k) => k + 0.5),
      headB: Float64Array.from({ length: 1 }, (_, k) => k + 0.6),
    };
    for (const lecture of [false, true]) {
      for (const b of heatBlocks(shape, lecture)) {
        const read = blockReader(b, shape, params);
        for (let r = 0; r < b.rows; r++) {
          for (let c = 0; c < b.cols; c++) {
            const { field, index } = entryIndex(b, shape, r, c);
            expect(read(r, c), `${b.key} ${r},${c}`).toBe(params[field][index]);
          }
        }
      }
    }
  });

  it('fits a box (aggregating below 1 px when it must) and finds the entry under a point', () => {
    const b = heatBlocks(shape, false);
    const p = fitBlocks(b, 200, 100, opts);
    expect(p.width).toBeLessThanOrEqual(200);
    expect(p.height).toBeLessThanOrEqual(100);
    expect(p.height).toBeGreaterThan(99);
    expect(p.cellH / p.cellW).toBeLessThanOrEqual(2.5 + 1e-9);
    expect(p.cellW / p.cellH).toBeLessThanOrEqual(2.5 + 1e-9);
    const big = fitBlocks(heatBlocks({ inputSize: 1, hiddenSize: 128, outputSize: 1, gates: 4 }, false), 400, 200, opts);
    expect(big.cellH).toBeLessThan(1);
    expect(big.height).toBeLessThanOrEqual(200);
    const q = placeBlocks(b, 10, 10, opts);
    expect(hitBlock(q.blocks, 24 + 15, 10 + 25)).toEqual({ block: 1, r: 2, c: 1 });
    expect(hitBlock(q.blocks, 22, 30)).toBeNull(); // in the gap
    expect(hitBlock(q.blocks, 30, 5)).toBeNull(); // on the caption
  });

  it('arrow keys walk through a block, then on to the next one', () => {
    const b = heatBlocks(shape, false);
    expect(moveSelection(b, { block: 0, r: 3, c: 1 }, 'ArrowRight')).toEqual({ block: 1, r: 3, c: 0 });
    expect(moveSelection(b, { block: 1, r: 3, c: 0 }, 'ArrowLeft')).toEqual({ block: 0, r: 3, c: 1 });
    expect(moveSelection(b, { block: 1, r: 11, c: 2 }, 'ArrowDown')).toEqual({ block: 2, r: 0, c: 1 });
    expect(moveSelection(b, { block: 4, r: 0, c: 0 }, 'ArrowRight')).toEqual({ block: 4, r: 0, c: 0 });
    expect(moveSelection(b, { block: 2, r: 0, c: 0 }, 'End')).toEqual({ block: 4, r: 0, c: 0 });
  });
});

describe('diverging lookup table', () => {
  it('blue for negative, neutral at 0, red for positive, clamped', () => {
    const lut = divergingLut(2);
    const rgb = (v: number) => Array.from(lut.subarray(3 * lutIndex(v, 2), 3 * lutIndex(v, 2) + 3));
    const [r0, , b0] = rgb(-2);
    const [r1, , b1] = rgb(2);
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
    expect(rgb(-50)).toEqual(rgb(-2));
    const mid = rgb(0);
    expect(Math.max(...mid) - Math.min(...mid)).toBeLessThan(12);
  });
});

describe('signed log lookup table', () => {
  it('puts 0 in the middle, sign by side, log magnitude by depth, clamped to the decades shown', () => {
    expect(signedLogIndex(0, 2, 4)).toBe(128);
    expect(signedLogIndex(NaN, 2, 4)).toBe(128);
    expect(signedLogIndex(2, 2, 4)).toBe(256);
    expect(signedLogIndex(-2, 2, 4)).toBe(0);
    expect(signedLogIndex(2e-9, 2, 4)).toBe(129);
    expect(signedLogIndex(-2e-9, 2, 4)).toBe(127);
    expect(signedLogIndex(0.02, 2, 4)).toBe(128 + 1 + Math.round(0.5 * 127));
    const lut = signedLogLut(2, 4);
    const rgb = (k: number) => Array.from(lut.subarray(3 * k, 3 * k + 3));
    expect(rgb(256)[0]).toBeGreaterThan(rgb(256)[2]);
    expect(rgb(0)[2]).toBeGreaterThan(rgb(0)[0]);
    const mid = rgb(128);
    expect(Math.max(...mid) - Math.min(...mid)).toBeLessThan(12);
  });
});
