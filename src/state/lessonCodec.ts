/**
 * A lesson file as link text: its JSON without spaces, deflate-raw compressed and base64url, the
 * same codec as the weights a link carries (weightsCodec.ts). Decoding is bounded: a link can
 * never inflate to more than a lesson file may hold.
 */
import { LESSON_LIMITS } from '../content/lessonFile/format';
import { fromBase64Url, through, toBase64Url } from './weightsCodec';

/** The longest lesson a link carries (the rest of a link, weights included, must fit beside it in 100 000 characters). */
export const LESSON_LINK_MAX = 60_000;

export class LessonLinkError extends Error {}

/** The lesson's text (already read as a valid lesson file) as link text. */
export async function encodeLesson(text: string): Promise<string> {
  const compact = JSON.stringify(JSON.parse(text));
  return toBase64Url(await through(new TextEncoder().encode(compact), new CompressionStream('deflate-raw'), Infinity));
}

/** Link text back to the lesson file's text; throws LessonLinkError saying why. */
export async function decodeLesson(payload: string): Promise<string> {
  if (payload.length > LESSON_LINK_MAX) throw new LessonLinkError(`the lesson in the link is longer than ${LESSON_LINK_MAX} characters`);
  let bytes: Uint8Array;
  try {
    // a lesson file is at most fileChars characters, each at most 3 bytes of UTF-8
    bytes = await through(fromBase64Url(payload), new DecompressionStream('deflate-raw'), LESSON_LIMITS.fileChars * 3);
  } catch {
    throw new LessonLinkError('the lesson in the link is damaged or cut short');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LessonLinkError('the lesson in the link is not text');
  }
}
