import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJson } from './jsonWriter';

async function written(value: unknown, indent = ''): Promise<{ text: string; writes: number }> {
  let text = '';
  let writes = 0;
  await writeJson(value, (piece) => {
    text += piece;
    writes++;
  }, indent);
  return { text, writes };
}

const VALUES: unknown[] = [
  0,
  -0,
  'text with "quotes", \\ and \n and \u2028',
  null,
  true,
  [],
  {},
  [[], {}, [[]], { a: {} }],
  { loss: 1.5, steps: [{ h: [0.1, -0.2], gates: {}, y: [1e-300], dh: [5e-324, 1.7976931348623157e308] }], grads: { w: [[1, 2], [3, 4]] } },
  { skip: undefined, fn: () => 1, sym: Symbol('s'), keep: 1, list: [undefined, () => 1, 2] },
  [1, , 3], // a hole
  { '2': 'b', '1': 'a', x: 0 },
  { nested: [{ deep: [{ deeper: [[1, [2, { x: 'y' }]]] }] }] },
  { date: new Date(0), withToJSON: { toJSON: () => ({ replaced: true }) } },
  [NaN, Infinity, -Infinity],
];

describe('writeJson: the same text as JSON.stringify', () => {
  VALUES.forEach((value, k) => {
    it(`value ${k}, compact and indented`, async () => {
      expect((await written(value)).text).toBe(JSON.stringify(value));
      expect((await written(value, ' ')).text).toBe(JSON.stringify(value, null, ' '));
      expect((await written(value, '  ')).text).toBe(JSON.stringify(value, null, '  '));
    });
  });

  it('the reference traces', async () => {
    const dir = join(import.meta.dirname, '..', 'engine', '__fixtures__');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.trace.json'))) {
      const value = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      expect((await written(value)).text, name).toBe(JSON.stringify(value));
      expect((await written(value, ' ')).text, name).toBe(JSON.stringify(value, null, ' '));
    }
  });

  it('writes a large value in pieces of about 1 MiB, never as one string', async () => {
    const steps = Array.from({ length: 2000 }, (_, t) => ({ h: Array.from({ length: 64 }, (_, k) => Math.sin(t * 64 + k)) }));
    const value = { loss: 1, steps };
    const { text, writes } = await written(value);
    expect(text).toBe(JSON.stringify(value));
    expect(writes).toBeGreaterThan(1);
    expect(writes).toBeGreaterThanOrEqual(Math.floor(text.length / (1 << 20)));
  });

  it('waits for each write (a full pipe)', async () => {
    const order: string[] = [];
    const big = { rows: Array.from({ length: 3000 }, () => Array.from({ length: 40 }, () => Math.PI)) };
    await writeJson(big, async () => {
      order.push('write');
      await new Promise((r) => setTimeout(r, 1));
      order.push('done');
    });
    expect(order.length).toBeGreaterThan(2);
    for (let k = 0; k < order.length; k += 2) expect(order.slice(k, k + 2)).toEqual(['write', 'done']);
  });
});
