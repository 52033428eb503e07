/**
 * Offline and security: the built app talks only to its own origin, works offline after the
 * first visit, runs under a Content-Security-Policy without inline scripts or eval, and shows
 * user text as text.
 */
import { readFileSync } from 'node:fs';
import { productionScripts } from './fixtures/dist';
import { expect, test } from './fixtures/test';

test('every request goes to the app\'s own origin, through lesson, training, stepping and exports', async ({ page, baseURL, app }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(baseURL!) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await app.open('lang=ko&ch=8');
  await page.keyboard.press(']');
  await app.waitReady();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('button', { name: '학습 시작' }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: '학습 멈춤' }).click();
  await page.getByRole('combobox', { name: '언어' }).selectOption('en');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export trace' }).click();
  await download;
  expect(foreign).toEqual([]);
});

test('it works offline after the first visit', async ({ page, context, app }) => {
  await app.open('lang=en&cell=gru&T=10');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // Let the worker take control, then fetch once more so everything is cached.
  await page.reload();
  await app.waitReady();
  await context.setOffline(true);
  try {
    await page.reload();
    await app.waitReady();
    await app.stepForward(2);
    await expect(app.status).toHaveText('Forward · t = 2 of 10');
    // the bundled Korean font needs no network either
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await expect(page.getByRole('button', { name: '다음 단계' })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test('a Content-Security-Policy forbids inline scripts and eval, and the app runs without violating it', async ({ page, app }) => {
  const violations: string[] = [];
  await page.exposeFunction('__reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __reportViolation(v: string): void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await app.open('lang=en&cell=lstm&T=12&unit=1&t=3');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  await app.stepForward(15);
  await page.getByRole('tab', { name: /Vanishing/ }).click().catch(() => undefined);
  await page.waitForTimeout(500);
  expect(violations, 'the app itself breaks no rule').toEqual([]);
  // An injected inline script is blocked.
  const injected = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(injected).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  // CSP refusals of the injected code log console errors by design; they are not the app's.
  app.consoleErrors.length = 0;
});

test('user text is rendered as text, never as HTML', async ({ page, app, dialogs }) => {
  const evil = '<img src=x onerror=alert(1)><b>bold</b>';
  await app.open(`lang=en&task=text&T=8&text=${encodeURIComponent(evil)}`);
  await expect(page.getByLabel('Text to read, one character per step')).toHaveValue(evil);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('main b', { hasText: 'bold' }).count()).toBe(0);
  expect(dialogs, 'no alert() ran').toEqual([]);
});

test('the built JavaScript never evaluates strings (no eval, no new Function)', async () => {
  // The policy has no 'unsafe-eval'; this checks that the production bundle never needs it.
  for (const f of productionScripts()) {
    const code = readFileSync(f, 'utf8');
    expect(code, f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(/);
  }
});
