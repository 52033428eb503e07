/**
 * The UI font as the built page declares it (docs/architecture.md, "What loads first"): only the
 * faces of Noto Sans KR that the app's text draws from, the Latin face preloaded and fetched once,
 * and every Hangul syllable the Korean page shows covered by a declared face (not left to the
 * system's font).
 */
import { expect, test } from './fixtures/test';
import { PRELOADED_FACE, UI_FONT_FACES } from '../src/views/ui/fontFaces';

const FAMILY = 'Noto Sans KR Variable';

test('the page declares only the UI font faces it needs and preloads the Latin one, fetched once', async ({ page, app }) => {
  await app.open('lang=en');
  const declared = await page.evaluate((family) => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === family).length, FAMILY);
  expect(declared).toBe(UI_FONT_FACES.length);
  const preload = page.locator('link[rel="preload"][as="font"]');
  await expect(preload).toHaveCount(1);
  expect(await preload.getAttribute('href')).toContain(`noto-sans-kr-${PRELOADED_FACE}-wght-normal-`);
  // Fonts are fetched in CORS mode: a preload that did not match the face (no crossorigin, say)
  // would be fetched a second time when the text asks for it.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const fetched = await page.evaluate((face) => performance.getEntriesByType('resource').filter((e) => e.name.includes(`noto-sans-kr-${face}-wght-normal-`)).length, PRELOADED_FACE);
  expect(fetched).toBe(1);
});

test('every Hangul syllable the Korean page shows is in a declared face of the UI font', async ({ page, app }) => {
  await app.open('lang=ko');
  // the panels that load after the first view too
  await expect(page.locator('.katex').first()).toBeVisible();
  const result = await page.evaluate((family) => {
    const ranges = [...document.fonts]
      .filter((f) => f.family.replace(/"/g, '') === family)
      .flatMap((f) => f.unicodeRange.split(',').map((r) => r.trim().replace(/^U\+/i, '').split('-').map((x) => parseInt(x, 16))));
    const syllables = new Set([...document.body.innerText].filter((ch) => /[\uac00-\ud7a3]/.test(ch)));
    const missing = [...syllables].filter((ch) => {
      const c = ch.codePointAt(0)!;
      return !ranges.some(([a, b = a]) => c >= a && c <= b);
    });
    return { shown: syllables.size, missing: missing.join('') };
  }, FAMILY);
  // the page really is in Korean, so the check below is not vacuous
  expect(result.shown).toBeGreaterThan(100);
  expect(result.missing).toBe('');
});
