/** Any view can be saved as SVG and PNG: the timeline, the cell diagram, the gradient band, the loss curve. */
import { PNG_MAGIC, saveExport as save } from './fixtures/app';
import { expect, test } from './fixtures/test';

// The exported pictures themselves, to look at: `npm run shots` (e2e/shots/).
test('the timeline, the cell diagram and the gradient band export as SVG and PNG', async ({ page, app }) => {
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
  });
});
