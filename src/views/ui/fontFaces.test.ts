import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faceFor, facesAs, facesOf, PRELOADED_FACE, UI_FONT_FACES, UI_FONT_FAMILY } from './fontFaces';

const SRC = join(import.meta.dirname, '../..');
const PACKAGE_CSS = readFileSync(join(SRC, '../node_modules/@fontsource-variable/noto-sans-kr/index.css'), 'utf8');

/** Every character of the app's own text: catalogues, lessons, presets, views and state (not tests). */
function appCharacters(): Set<number> {
  const chars = new Set<number>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|json)$/.test(f) && !/\.test\.tsx?$/.test(f)) for (const ch of readFileSync(p, 'utf8')) chars.add(ch.codePointAt(0)!);
    }
  };
  for (const d of ['content', 'views', 'state']) walk(join(SRC, d));
  return chars;
}

describe('the faces of the UI font’s family for the app’s own text', () => {
  const faces = facesOf(PACKAGE_CSS);

  it('are exactly the faces that draw the app’s own text (Korean and English)', () => {
    const chars = appCharacters();
    // the text really is in both languages: the check below is not vacuous
    expect([...chars].filter((c) => c >= 0xac00 && c <= 0xd7a3).length).toBeGreaterThan(300);
    const needed = new Set<string>();
    for (const c of chars) {
      const face = faceFor(faces, c);
      if (face) needed.add(face.name);
    }
    const sort = (xs: Iterable<string>) => [...xs].sort();
    expect(sort(UI_FONT_FACES), 'UI_FONT_FACES in views/ui/fontFaces.ts').toEqual(sort(needed));
  });

  it('cover every Hangul syllable of the Korean catalogue', () => {
    const kept = new Set(UI_FONT_FACES);
    const ko = readdirSync(join(SRC, 'content/i18n')).map((f) => readFileSync(join(SRC, 'content/i18n', f), 'utf8')).join('');
    const missing = [...new Set(ko)].filter((ch) => /[\uac00-\ud7a3]/.test(ch) && !kept.has(faceFor(faces, ch.codePointAt(0)!)?.name ?? ''));
    expect(missing).toEqual([]);
  });

  it('are a small part of the package’s faces, and the preloaded one is among them', () => {
    expect(faces.length).toBe(124);
    expect(UI_FONT_FACES.length).toBeLessThan(40);
    expect(UI_FONT_FACES).toContain(PRELOADED_FACE);
  });

  it('facesAs declares the listed faces again under the new family, with the same files and ranges, and refuses a face the package lacks', () => {
    const again = facesOf(facesAs(PACKAGE_CSS, UI_FONT_FACES, UI_FONT_FAMILY));
    const original = faces.filter((f) => UI_FONT_FACES.includes(f.name));
    expect(again.map((f) => [f.name, f.ranges])).toEqual(original.map((f) => [f.name, f.ranges]));
    for (const f of again) {
      expect(f.rule).toContain(`font-family: '${UI_FONT_FAMILY}'`);
      expect(f.rule).not.toContain('Noto Sans KR Variable');
      expect(f.rule).toMatch(/src: url\(\.\/files\/noto-sans-kr-[\w-]+-wght-normal\.woff2\)/);
    }
    expect(() => facesAs(PACKAGE_CSS, ['latin', 'no-such-face'], UI_FONT_FAMILY)).toThrow(/no face no-such-face/);
  });

  it('faceFor picks the last declared face of overlapping ones, and null outside every face', () => {
    // U+0041 is in face 119's ranges and in the Latin face's, declared after it
    expect(faceFor(faces, 0x41)?.name).toBe('latin');
    expect(faceFor(faces, 0x1f600)).toBeNull();
  });
});
