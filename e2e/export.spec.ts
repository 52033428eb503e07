/** Any view can be saved as SVG and PNG: the timeline, the cell diagram, the gradient band, the loss curve. */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { UnrollApp } from './fixtures/app';

let app: UnrollApp;
test.beforeEach(async ({ page }) => {
  app = new UnrollApp(page);
});
test.afterEach(async () => {
  expect(app.consoleErrors, 'console errors').toEqual([]);
});

async function save(page: Page, name: string): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name }).click();
  const d = await download;
  return readFileSync((await d.path())!);
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('the timeline, the cell diagram and the gradient band export as SVG and PNG', async ({ page }) => {
  mkdirSync('e2e/output/screenshots', { recursive: true });
  await app.open('cell=lstm&H=8&T=12&t=4&unit=2');
  await test.step('timeline as SVG: the cells come along as an image, the arrows as SVG', async () => {
    const svg = (await save(page, 'Export The same layer, unrolled in time as SVG')).toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<image');
    expect(svg).toContain('data:image/png;base64,');
    expect(svg).toContain('current-col');
  });
  await test.step('timeline as PNG', async () => {
    const png = await save(page, 'Export The same layer, unrolled in time as PNG');
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(png.length).toBeGreaterThan(2000);
  });
  await test.step('cell diagram as SVG keeps its role colours', async () => {
    const svg = (await save(page, 'Export Inside the cell at t = 4 as SVG')).toString('utf8');
    expect(svg).toMatch(/stroke:\s*rgb\(/);
    const png = await save(page, 'Export Inside the cell at t = 4 as PNG');
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
  });
  await test.step('gradient band', async () => {
    const svg = (await save(page, 'Export Gradients, backward through time as SVG')).toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    const png = await save(page, 'Export Gradients, backward through time as PNG');
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    // keep a copy to look at
    writeFileSync('e2e/output/screenshots/export-timeline.png', await save(page, 'Export The same layer, unrolled in time as PNG'));
    writeFileSync('e2e/output/screenshots/export-cell.png', await save(page, 'Export Inside the cell at t = 4 as PNG'));
  });
});
