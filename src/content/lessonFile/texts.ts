/**
 * A lesson's text in one or both languages: { "ko": …, "en": … }. A language left out shows the
 * other one (the interface language when the file has it, else the one it has).
 */
import { LANGS, type Lang } from '../i18n';
import type { JsonNode } from './jsonTree';
import { join, type Reader } from './reader';

/** Languages seen in the file's texts (for the summary and the lesson's `langs`). */
export type LangsSeen = Set<Lang>;

function checked(r: Reader, node: JsonNode, path: string, max: number): string | undefined {
  const s = r.string(node, path);
  if (s === undefined) return undefined;
  if (s.trim() === '') return r.add(node.pos, 'text.empty', { key: path });
  if (s.length > max) return r.add(node.pos, 'text.tooLong', { key: path, n: s.length, max });
  // every formula $…$ closed, so each renders (the built-in lesson is tested the same way)
  if ((s.match(/\$/g) ?? []).length % 2 !== 0) return r.add(node.pos, 'text.dollars', { key: path });
  return s;
}

/** Both languages filled from what the file has, or undefined after recording why not. */
function byLang<T>(r: Reader, node: JsonNode, path: string, seen: LangsSeen, one: (n: JsonNode, p: string) => T | undefined): Record<Lang, T> | undefined {
  const fields = r.object(node, path, LANGS);
  if (!fields) return undefined;
  const got: Partial<Record<Lang, T>> = {};
  let bad = false;
  for (const [lang, f] of fields) {
    const v = one(f.value, join(path, lang));
    if (v === undefined) bad = true;
    else {
      got[lang as Lang] = v;
      seen.add(lang as Lang);
    }
  }
  if (bad) return undefined;
  const [first] = LANGS.filter((l) => got[l] !== undefined);
  if (first === undefined) return r.add(node.pos, 'text.none', { key: path });
  return Object.fromEntries(LANGS.map((l) => [l, got[l] ?? got[first]])) as Record<Lang, T>;
}

/** A line of text (a title, something to try). */
export function readText(r: Reader, node: JsonNode, path: string, max: number, seen: LangsSeen): Record<Lang, string> | undefined {
  return byLang(r, node, path, seen, (n, p) => checked(r, n, p, max));
}

/** Paragraphs: a string (one paragraph) or a list of strings per language. */
export function readParagraphs(r: Reader, node: JsonNode, path: string, limits: { min: number; max: number; chars: number }, seen: LangsSeen): Record<Lang, string[]> | undefined {
  return byLang(r, node, path, seen, (n, p) => {
    if (n.kind === 'string') {
      const s = checked(r, n, p, limits.chars);
      return s === undefined ? undefined : [s];
    }
    if (n.kind !== 'array') return r.add(n.pos, 'type.paragraphs', { key: p });
    const items = r.array(n, p, limits.max, limits.min);
    if (!items) return undefined;
    const out = items.map((item, k) => checked(r, item, `${p}[${k}]`, limits.chars));
    return out.every((s): s is string => s !== undefined) ? out : undefined;
  });
}
