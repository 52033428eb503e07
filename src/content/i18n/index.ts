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

export function isLang(v: unknown): v is Lang {
  return v === 'ko' || v === 'en';
}
