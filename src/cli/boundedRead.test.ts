import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../engine/errors';
import { readBounded } from './boundedRead';
import { ChunkJoiner } from './chunkJoiner';
import { openRequestSource } from './requestSource';

/** An endless source of 1 KiB chunks that counts how many were asked for. */
function endless() {
  const counter = { chunks: 0, closed: false };
  async function* chunks() {
    try {
      for (;;) {
        counter.chunks++;
        yield new Uint8Array(1024);
      }
    } finally {
      counter.closed = true;
    }
  }
  return { counter, source: chunks() };
}

describe('readBounded', () => {
  it('refuses as soon as the bytes pass the cap, asks for nothing more, and does not consume the chunk that passed it', async () => {
    const { counter, source } = endless();
    let consumed = 0;
    const reading = readBounded(source, 10 * 1024, (c) => (consumed += c.length));
    await expect(reading).rejects.toThrow(InputError);
    await expect(readBounded(endless().source, 10 * 1024, () => {})).rejects.toThrow(/^the request is over the limit of 10,240 bytes .*; stopped reading there$/);
    expect(counter.chunks).toBe(11);
    expect(consumed).toBe(10 * 1024);
    expect(counter.closed).toBe(true);
  });

  it('reads a source within the cap whole', async () => {
    async function* three() {
      yield new Uint8Array(10);
      yield new Uint8Array(20);
      yield new Uint8Array(30);
    }
    const sizes: number[] = [];
    expect(await readBounded(three(), 60, (c) => sizes.push(c.length))).toBe(60);
    expect(sizes).toEqual([10, 20, 30]);
  });

  it('stops reading when consuming throws (a JSON error in the first chunk of /dev/zero)', async () => {
    const { counter, source } = endless();
    await expect(
      readBounded(source, 1e12, () => {
        throw new InputError('not JSON');
      }),
    ).rejects.toThrow('not JSON');
    expect(counter.chunks).toBe(1);
    expect(counter.closed).toBe(true);
  });
});

describe('openRequestSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unroll-source-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a regular file over the cap from its size, before reading it', () => {
    const file = join(dir, 'big.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 5_000_000_000); // sparse: no disk, and far more than could be read in a test
    closeSync(fd);
    expect(() => openRequestSource(file, 1000)).toThrow(/^the request is 5,000,000,000 bytes, over the limit of 1,000 bytes/);
  });

  it('opens a file within the cap, and reads it in chunks', async () => {
    const file = join(dir, 'small.json');
    writeFileSync(file, '{"a": 1}');
    const source = openRequestSource(file, 1000);
    const parts: Uint8Array[] = [];
    await readBounded(source.chunks, 1000, (c) => parts.push(c));
    expect(Buffer.concat(parts).toString()).toBe('{"a": 1}');
  });

  it('explains a missing file and a directory in one line', () => {
    expect(() => openRequestSource(join(dir, 'none.json'), 1000)).toThrow(/^cannot read .*none\.json: no such file$/);
    expect(() => openRequestSource(dir, 1000)).toThrow(/^cannot read .*: it is a directory$/);
  });

  it('reads a character device as a stream, bounded: /dev/zero', async () => {
    const source = openRequestSource('/dev/zero', 1000);
    await expect(readBounded(source.chunks, 3 * 1024 * 1024, () => {})).rejects.toThrow(/over the limit of 3,145,728 bytes/);
  });
});

describe('ChunkJoiner', () => {
  it('gathers small chunks into pieces of at least the size, passes large ones as they are, and flushes the rest', () => {
    const pieces: number[] = [];
    const joiner = new ChunkJoiner(100, (p) => pieces.push(p.length));
    for (const n of [40, 40, 40, 150, 30]) joiner.add(new Uint8Array(n));
    expect(pieces).toEqual([120, 150]);
    joiner.flush();
    joiner.flush();
    expect(pieces).toEqual([120, 150, 30]);
  });

  it('keeps the bytes in order', () => {
    const out: number[] = [];
    const joiner = new ChunkJoiner(5, (p) => out.push(...p));
    for (let k = 0; k < 12; k++) joiner.add(Uint8Array.of(k));
    joiner.flush();
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
