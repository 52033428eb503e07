import { describe, expect, it } from 'vitest';
import {
  blockReader,
  divergingLut,
  entryIndex,
  fitBlocks,
  heatBlocks,
  hitBlock,
  lutIndex,
  signedLogIndex,
  signedLogLut,
  moveSelection,
  placeBlocks,
} from './heatmap';

describe('heatmap layout', () => {
  const shape = { inputSize: 2, hiddenSize: 3, outputSize: 1, headCols: 3, gates: 4 };
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
    const big = fitBlocks(heatBlocks({ inputSize: 1, hiddenSize: 128, outputSize: 1, headCols: 128, gates: 4 }, false), 400, 200, opts);
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
