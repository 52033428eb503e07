import { expect, test } from '@playwright/test';
import { UnrollApp } from '../e2e/fixtures/app';

test('explore', async ({ page }) => {
  const app = new UnrollApp(page);
  page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
  page.on('dialog', (d) => { console.log('DIALOG', d.message()); void d.dismiss(); });
  await page.goto('/#cell=lstm&H=256&T=1000&lang=en');
  await page.waitForTimeout(3000);
  console.log('status', await app.status.textContent());
  console.log('notices', await page.locator('.notices').textContent().catch(() => 'none'));
  console.log('next enabled', await app.button('Next step').isEnabled());
  await page.goto('/#lang=en');
  await app.waitReady();
  const hs = ['%E0%A4%A', 'a b<c>"d`e', 'x\uD800y', 'text=' + encodeURIComponent('<img src=x onerror=alert(1)>') + '&task=text', 'a#b', '\u0000\u0001'];
  for (const h of hs) {
    const back = await page.evaluate((h) => { location.hash = h; return location.hash; }, h);
    console.log(JSON.stringify(h), '->', JSON.stringify(back));
    await page.waitForTimeout(400);
    console.log('  after', JSON.stringify(await page.evaluate(() => location.hash)), await page.locator('.notices').textContent().catch(() => 'none'));
  }
  await page.evaluate(() => (window as any).__unroll.crash());
  await page.waitForTimeout(1500);
  console.log('notices', await page.locator('.notices').textContent().catch(() => 'none'));
  console.log('errors', app.consoleErrors);
});
