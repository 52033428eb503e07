/**
 * The UI font as the built page declares it (docs/architecture.md, "What loads first"): the app's
 * own text in a family of the few faces of Noto Sans KR it draws from, the whole font behind it
 * for anything else (the user's own Korean), and the Latin face preloaded and fetched once.
 */
import { expect, test } from './fixtures/test';
import { PRELOADED_FACE, UI_FONT_FACES, UI_FONT_FAMILY } from '../src/views/ui/fontFaces';

const WHOLE = 'Noto Sans KR Variable';
const faceCount = (family: string) => [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === family).length;

test('the app’s text has a family of the few faces it needs, the whole font stands behind it, and the Latin face is preloaded and fetched once', async ({ page, app }) => {
  await app.open('lang=en');
  expect(await page.evaluate(faceCount, UI_FONT_FAMILY)).toBe(UI_FONT_FACES.length);
  // the page's own stylesheet declares the app's family only: the whole font and KaTeX's faces
  // are added later (the first layout sets up every face of every family in the stack)
  const linked = await page.evaluate(() =>
    [...document.styleSheets]
      .filter((s) => s.ownerNode instanceof HTMLLinkElement)
      .flatMap((s) => [...s.cssRules])
      .filter((r) => r instanceof CSSFontFaceRule)
      .map((r) => (r as CSSFontFaceRule).style.getPropertyValue('font-family').replace(/["']/g, '')),
  );
  expect(linked.length).toBe(UI_FONT_FACES.length);
  expect(new Set(linked)).toEqual(new Set([UI_FONT_FAMILY]));
  await expect.poll(() => page.evaluate(faceCount, WHOLE)).toBe(124);
  const stack = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(stack.replace(/["']/g, '')).toMatch(new RegExp(`^${UI_FONT_FAMILY}, ${WHOLE}, `));
  const preload = page.locator('link[rel="preload"][as="font"]');
  await expect(preload).toHaveCount(1);
  expect(await preload.getAttribute('href')).toContain(`noto-sans-kr-${PRELOADED_FACE}-wght-normal-`);
  // Fonts are fetched in CORS mode: a preload that did not match the face (no crossorigin, say)
  // would be fetched a second time when the text asks for it.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const fetched = await page.evaluate((face) => performance.getEntriesByType('resource').filter((e) => e.name.includes(`noto-sans-kr-${face}-wght-normal-`)).length, PRELOADED_FACE);
  expect(fetched).toBe(1);
});

test('every Hangul syllable the Korean page shows is in a face of the app’s family; typed Korean outside it still comes from the web font', async ({ page, app }) => {
  await app.open('lang=ko&task=text');
  // the panels that load after the first view too
  await expect(page.locator('.katex').first()).toBeVisible();
  const result = await page.evaluate((family) => {
    const ranges = [...document.fonts]
      .filter((f) => f.family.replace(/["']/g, '') === family)
      .flatMap((f) => f.unicodeRange.split(',').map((r) => r.trim().replace(/^U\+/i, '').split('-').map((x) => parseInt(x, 16))));
    const syllables = new Set([...document.body.innerText].filter((ch) => /[\uac00-\ud7a3]/.test(ch)));
    const missing = [...syllables].filter((ch) => {
      const c = ch.codePointAt(0)!;
      return !ranges.some(([a, b = a]) => c >= a && c <= b);
    });
    return { shown: syllables.size, missing: missing.join('') };
  }, UI_FONT_FAMILY);
  // the page really is in Korean, so the check below is not vacuous
  expect(result.shown).toBeGreaterThan(100);
  expect(result.missing).toBe('');
  // 뷁 is in none of the app's faces: typed into the text field, the whole font has it
  const rare = '뷁';
  expect(await page.evaluate(([f, ch]) => document.fonts.load(`16px "${f}"`, ch).then((faces) => faces.length), [UI_FONT_FAMILY, rare])).toBe(0);
  // the whole font's faces are declared once the first view is on screen
  await expect.poll(() => page.evaluate(faceCount, WHOLE)).toBe(124);
  const field = page.locator('textarea').first();
  await field.fill(`${rare}${rare}`);
  expect(await field.evaluate((el) => getComputedStyle(el).fontFamily)).toContain(WHOLE);
  expect(await page.evaluate(([f, ch]) => document.fonts.load(`16px "${f}"`, ch).then((faces) => faces.filter((x) => x.status === 'loaded').length), [WHOLE, rare])).toBe(1);
});
