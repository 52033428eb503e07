import { createReadStream, fstatSync, openSync } from 'node:fs';
import { InputError } from '../engine/errors';
import { tooLarge } from './boundedRead';

/**
 * Where the request comes from: a file, or stdin when no file (or '-') is given. A regular
 * file larger than the limit is refused at once from its size, before any of it is read;
 * anything else (a pipe, a terminal, /dev/zero) is read in chunks and refused by readBounded
 * once it has passed the limit.
 */
export interface RequestSource {
  /** for messages: the file name, or "stdin" */
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

/** Chunks of 4 MiB: few calls, little memory, and most rows of numbers whole in one (see ChunkJoiner). */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export function openRequestSource(file: string | undefined, maxBytes: number): RequestSource {
  const fromStdin = file === undefined || file === '-';
  const name = fromStdin ? 'stdin' : file;
  let fd: number;
  try {
    fd = fromStdin ? 0 : openSync(file, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`cannot read ${name}: it is a directory`);
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge(stat.size, maxBytes);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw cannotRead(name, e);
  }
  const stream = fromStdin ? process.stdin : createReadStream('', { fd, highWaterMark: CHUNK_BYTES });
  return { name, chunks: readErrorsExplained(stream, name) };
}

/** The stream's chunks, with a read error turned into a one-line refusal. */
async function* readErrorsExplained(stream: AsyncIterable<Uint8Array>, name: string): AsyncIterable<Uint8Array> {
  try {
    yield* stream;
  } catch (e) {
    throw cannotRead(name, e);
  }
}

function cannotRead(name: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : code;
  return new InputError(`cannot read ${name}${why ? `: ${why}` : ''}`);
}
