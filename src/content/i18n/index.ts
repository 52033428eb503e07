import { en, type MessageKey } from './en';
import { ko } from './ko';

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];
export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** The message for `key` in `lang`, with {name} placeholders filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalogs[lang][key] ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * A message split into its text and its placeholders, in order ({name} → { name }), so a view can
 * put an element (a number one can open) where a placeholder is.
 */
export function messageParts(lang: Lang, key: MessageKey): ({ text: string } | { name: string })[] {
  const text = catalogs[lang][key] ?? en[key] ?? key;
  const parts: ({ text: string } | { name: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export function isLang(v: unknown): v is Lang {
  return v === 'ko' || v === 'en';
}
