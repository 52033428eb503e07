import { describe, expect, it } from 'vitest';
import { oneLine, unknownKeysWarning } from './messages';
import { escapeUnsafe, groupDigits, shorten } from './printable';

describe('escapeUnsafe', () => {
  it('escapes C0 controls, DEL and C1 controls visibly', () => {
    expect(escapeUnsafe('\u001b]0;title\u0007\u001b[2J')).toBe('\\u001b]0;title\\u0007\\u001b[2J');
    expect(escapeUnsafe('ok\rFAKE\nline\ttab\u0000')).toBe('ok\\u000dFAKE\\u000aline\\u0009tab\\u0000');
    expect(escapeUnsafe('del\u007f c1\u0080\u009b\u009f')).toBe('del\\u007f c1\\u0080\\u009b\\u009f');
  });

  it('escapes bidi embeddings, overrides, isolates and marks, and the line separators', () => {
    expect(escapeUnsafe('\u202a\u202b\u202c\u202d\u202e')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e');
    expect(escapeUnsafe('\u2066\u2067\u2068\u2069')).toBe('\\u2066\\u2067\\u2068\\u2069');
    expect(escapeUnsafe('\u200e\u200f\u061c\u2028\u2029')).toBe('\\u200e\\u200f\\u061c\\u2028\\u2029');
  });

  it('escapes lone surrogates and keeps pairs', () => {
    expect(escapeUnsafe('a\ud800b\udc00c')).toBe('a\\ud800b\\udc00c');
    expect(escapeUnsafe('😀')).toBe('😀');
  });

  it('leaves printable text alone, non-ASCII included', () => {
    const text = "state_dict['lstm.weight_ih_l0']: 4·H × I ≥ 1, 한국어, é, \\n, 'quoted'";
    expect(escapeUnsafe(text)).toBe(text);
  });
});

describe('shorten', () => {
  it('keeps up to 60 characters and cuts longer text to 59 and an ellipsis', () => {
    expect(shorten('x'.repeat(60))).toBe('x'.repeat(60));
    expect(shorten('x'.repeat(61))).toBe('x'.repeat(59) + '…');
    expect(shorten('k'.repeat(1_000_000))).toHaveLength(60);
  });

  it('counts characters, not UTF-16 units, and never splits a pair', () => {
    expect(shorten('😀'.repeat(60))).toBe('😀'.repeat(60));
    expect(shorten('😀'.repeat(61))).toBe('😀'.repeat(59) + '…');
    expect(shorten('a' + '😀'.repeat(100), 3)).toBe('a😀…');
  });
});

describe('groupDigits', () => {
  it('writes counts with thousands separators', () => {
    expect([0, 999, 1000, 9997, 10000, 1157627904].map(groupDigits)).toEqual(['0', '999', '1,000', '9,997', '10,000', '1,157,627,904']);
  });
});

describe('oneLine', () => {
  it('escapes control characters, so that a message is always one line', () => {
    const line = oneLine("state_dict key 'a\nb\r\u001b[2J' is not a parameter");
    expect(line).toBe("state_dict key 'a\\u000ab\\u000d\\u001b[2J' is not a parameter");
    expect(line).not.toMatch(/[\n\r\u001b]/);
  });

  it('shortens the long keys it is given wherever they appear', () => {
    const key = 'model.' + 'x'.repeat(200) + '.weight_ih_l0';
    const line = oneLine(`state_dict: both '${key}' and '${key}' give weight_ih_l0; keep one`, [key]);
    expect(line).toBe(`state_dict: both '${shorten(key)}' and '${shorten(key)}' give weight_ih_l0; keep one`);
  });

  it('cuts a line that is still too long', () => {
    expect(oneLine('y'.repeat(10_000))).toHaveLength(2000);
  });
});

describe('unknownKeysWarning', () => {
  it('one key, a few, and many ("and N more")', () => {
    expect(unknownKeysWarning({ count: 1, first: ['note'] })).toBe("warning: ignoring unknown key 'note'");
    expect(unknownKeysWarning({ count: 3, first: ['a', 'b', 'c'] })).toBe("warning: ignoring 3 unknown keys: 'a', 'b', 'c'");
    expect(unknownKeysWarning({ count: 10_000, first: ['a', 'b', 'c'] })).toBe("warning: ignoring 10,000 unknown keys: 'a', 'b', 'c' and 9,997 more");
  });

  it('shortens long names (the line is escaped when printed, by oneLine)', () => {
    const w = unknownKeysWarning({ count: 2, first: ['k'.repeat(1_000_000), '\u001b[2J'] });
    expect(w).toBe(`warning: ignoring 2 unknown keys: '${'k'.repeat(59)}…', '\u001b[2J'`);
    expect(oneLine(w)).toBe(`warning: ignoring 2 unknown keys: '${'k'.repeat(59)}…', '\\u001b[2J'`);
  });
});
