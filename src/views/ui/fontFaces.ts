/**
 * The UI font's faces for the app's own text. Noto Sans KR's package splits the font into 124
 * files by unicode-range, one @font-face each. Chromium sets up every face of a family for each
 * font size it lays text out in, whether the face's characters occur or not: with the 124 as
 * the page's font, fonts were over half of its first layout. So the app's own text is set in a
 * family of its own, UI_FONT_FAMILY, made of the 28 faces that text draws from (vite.config.ts,
 * `uiFontFaces`, declares them: the same files); `fontFaces.test.ts` recomputes the list from
 * every catalogue, lesson and view, and fails with what to add or remove when the text changes.
 * The package's family follows it in every font stack, so a character outside those faces (the
 * user's own Korean in a text field or a lesson file) still comes from the web font; its faces
 * are declared once the first view is on screen (wholeFontFamily.ts).
 */

/** The family of the app's own text. */
export const UI_FONT_FAMILY = 'Unroll UI';

/** The faces kept, by the name in their file (`noto-sans-kr-<name>-wght-normal.woff2`). */
export const UI_FONT_FACES: readonly string[] = [
  '3', '14', '27', '35', '43', '98', '99', '100', '101', '103', '104', '105', '106', '107', '108', '109',
  '110', '111', '112', '113', '114', '115', '116', '117', '118', '119', 'latin', 'latin-ext',
];

/** The face preloaded by the page (every page draws Latin text). */
export const PRELOADED_FACE = 'latin';

export interface FontFace {
  /** the name in its file */
  name: string;
  /** inclusive code point ranges */
  ranges: [number, number][];
  /** the whole rule, as written in the stylesheet */
  rule: string;
}

const FACE_FILE = /noto-sans-kr-([\w-]+?)-wght-normal\.woff2/;

/** The @font-face rules of the font package's stylesheet, in their order. */
export function facesOf(css: string): FontFace[] {
  return [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map(([rule]) => {
    const name = FACE_FILE.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(rule)?.[1];
    if (!name || !range) throw new Error(`an @font-face rule without a face file or a unicode-range: ${rule.slice(0, 120)}`);
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a, 16), parseInt(b ?? a, 16)];
    });
    return { name, ranges, rule };
  });
}

/**
 * The face that draws a character: of the faces covering it, the last declared (CSS Fonts: with
 * overlapping ranges the later rule wins). Null when no face has it.
 */
export function faceFor(faces: readonly FontFace[], codePoint: number): FontFace | null {
  for (let i = faces.length - 1; i >= 0; i--) if (faces[i].ranges.some(([a, b]) => codePoint >= a && codePoint <= b)) return faces[i];
  return null;
}

/**
 * The listed faces' rules again, as the family `family` (the same files). Throws when the
 * package has no face of a listed name (its files were renamed).
 */
export function facesAs(css: string, keep: readonly string[], family: string): string {
  const faces = facesOf(css);
  const missing = keep.filter((k) => !faces.some((f) => f.name === k));
  if (missing.length) throw new Error(`the font package has no face ${missing.join(', ')}: its files were renamed, see views/ui/fontFaces.ts`);
  return faces
    .filter((f) => keep.includes(f.name))
    .map((f) => f.rule.replace(/font-family:\s*(['"])[^'"]*\1|font-family:\s*[^;]+/, `font-family: '${family}'`))
    .join('\n');
}
