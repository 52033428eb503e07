/** A message whose placeholders may be elements (a <Num>, a symbol), in the current language; $…$ in it is TeX. */
import { Fragment, type ReactNode } from 'react';
import { messageParts, type MessageKey } from '../../content/i18n';
import { useApp } from '../../state/context';
import { Rich } from './Rich';

export function Trans({ k, vars }: { k: MessageKey; vars: Record<string, ReactNode> }) {
  const lang = useApp((s) => s.lang);
  // A {word} that is not one of the vars is text (TeX braces such as W_{hh} look the same).
  const pieces: (string | { node: ReactNode })[] = [];
  for (const p of messageParts(lang, k)) {
    const text = 'text' in p ? p.text : p.name in vars ? null : `{${p.name}}`;
    if (text === null) pieces.push({ node: vars[(p as { name: string }).name] });
    else if (typeof pieces[pieces.length - 1] === 'string') pieces[pieces.length - 1] += text;
    else pieces.push(text);
  }
  return (
    <>
      {pieces.map((p, i) => (
        <Fragment key={i}>{typeof p === 'string' ? <Rich text={p} /> : p.node}</Fragment>
      ))}
    </>
  );
}
