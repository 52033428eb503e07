/**
 * A teacher's lesson file: opened with the lesson panel's file picker, its chapters followed, a
 * broken file refused at its line with nothing changed, the lesson carried by a copied link into
 * a fresh browser, and the way back to the built-in lesson.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { UnrollApp } from './fixtures/app';
import { expect, test } from './fixtures/test';

const EXAMPLE = join(import.meta.dirname, '../docs/examples/lesson-gates.json');
const BROKEN = join(import.meta.dirname, 'fixtures/lesson-broken.json');

type Store = { getState(): Record<string, unknown> & { config: Record<string, unknown> } };
const state = (page: Page) => page.evaluate(() => (window as unknown as { __unroll: { store: Store } }).__unroll.store.getState());
const config = async (page: Page) => (await state(page)).config;

/** Picks a file with the lesson panel's "Open lesson file…", as a user does. */
async function pickLessonFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open lesson file…' }).click();
  await (await chooser).setFiles(file);
}

/** Drops a file with this text on the page, as a file dragged from the desktop. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      return dt;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

test('a file dropped on the page opens as what its format says: a session, or a lesson', async ({ page, app }) => {
  await app.open('cell=gru&H=6&T=10&task=sine&seed=5');
  const session = { format: 'unroll-session', version: 1, state: '#cell=lstm&H=3&T=8&task=sine&seed=4', weights: null, origin: 'init', iteration: 0, loss: null };
  await dropFile(page, 'session.json', JSON.stringify(session));
  await expect.poll(async () => (await config(page)).cell).toBe('lstm');
  expect(await config(page)).toMatchObject({ hidden: 3, steps: 8, seed: 4 });
  expect((await state(page)).customLesson).toBeNull();
  await app.waitReady();
  await dropFile(page, 'lesson-gates.json', readFileSync(EXAMPLE, 'utf8'));
  await expect(page.locator('#lesson-title')).toHaveText('1. An RNN remembers through h alone');
  expect(await config(page)).toMatchObject({ cell: 'rnn', hidden: 4, steps: 12, seed: 2 });
  // the address carries the lesson: a reload keeps it
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/[#&]lesson=[A-Za-z0-9_-]+/);
  await page.reload();
  await app.waitReady();
  await expect(page.locator('#lesson-title')).toHaveText('1. An RNN remembers through h alone');
  await dropFile(page, 'notes.json', '{"format": "something-else"}');
  await expect(page.getByRole('alert')).toContainText('neither a lesson file nor a session file');
  await expect(page.locator('#lesson-title')).toHaveText('1. An RNN remembers through h alone');
  // the lesson speaks the interface's language
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await expect(page.locator('#lesson-title')).toHaveText('1. RNN의 기억은 h 하나뿐');
  await expect(page.getByTestId('lesson-source')).toHaveText('파일에서 연 수업: 게이트: LSTM과 GRU가 기울기를 살려 두는 법');
  await expect(page.getByRole('button', { name: '수업 파일 열기…' })).toBeVisible();
  await page.screenshot({ path: 'e2e/output/lessonfile-ko.png' });
});

test('a lesson file opens from the picker, a broken one changes nothing, and the lesson travels in a link', async ({ page, app, browser }) => {
  await app.open('cell=gru&H=6&T=10&task=sine&seed=5');
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  const title = page.locator('#lesson-title');
  await expect(title).toHaveText('1. A sequence, and why order matters');

  await test.step("the docs' example opens at its first chapter, with its setup", async () => {
    await pickLessonFile(page, EXAMPLE);
    await expect(title).toHaveText('1. An RNN remembers through h alone');
    await expect(page.getByTestId('lesson-source')).toHaveText('Lesson from a file: Gates: how the LSTM and the GRU keep a gradient alive');
    expect(await config(page)).toMatchObject({ cell: 'rnn', hidden: 4, steps: 12, seed: 2, task: 'sine' });
    await app.waitReady();
    await expect(app.status).toHaveText('Forward · t = 3 of 12');
    await expect(page.getByRole('combobox', { name: 'Chapter' }).locator('option')).toHaveText([
      '1. An RNN remembers through h alone',
      '2. Going back, the gradient shrinks',
      "3. The highway the LSTM's forget gate opens",
      "4. The GRU's update gate: handing the old state on",
      '5. The three cells on the same data',
    ]);
  });

  await test.step('chapter 2 opens its preset, its tab and its claim', async () => {
    await page.getByRole('button', { name: 'Next chapter' }).click();
    await expect(title).toHaveText('2. Going back, the gradient shrinks');
    expect(await config(page)).toMatchObject({ cell: 'rnn', hidden: 16, steps: 30, task: 'copy', lossSteps: 'last' });
    await app.waitReady();
    await expect(page.getByTestId('lesson-claims').locator('[data-claim="vanishing"]')).toBeVisible();
    expect((await state(page)).gradTab).toBe('vanish');
  });

  const before = await state(page);
  await test.step('a broken file is refused at its line; the lesson and the setup stay', async () => {
    await pickLessonFile(page, BROKEN);
    await expect(page.getByRole('alert')).toContainText('line 11, column 19');
    await expect(page.getByRole('alert')).toContainText('"chapters[0].setup.hidden" is 512; it must be from 1 to 256');
    await expect(title).toHaveText('2. Going back, the gradient shrinks');
    const after = await state(page);
    expect(after.config).toEqual(before.config);
    expect(after.cursor).toEqual(before.cursor);
    expect(after.lesson).toBe(1);
  });

  await page.screenshot({ path: 'e2e/output/lessonfile-chapter2.png' });

  await test.step('Copy link carries the lesson; a fresh browser opens it at the same chapter', async () => {
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(async () => (await state(page)).sharedLink).toMatch(/[#&]lesson=[A-Za-z0-9_-]+/);
    const link = (await state(page)).sharedLink as string;
    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      const otherApp = new UnrollApp(other);
      await other.goto(link);
      await otherApp.waitReady();
      await expect(other.locator('#lesson-title')).toHaveText('2. Going back, the gradient shrinks');
      await expect(other.getByTestId('lesson-source')).toContainText('Gates: how the LSTM and the GRU keep a gradient alive');
      expect(await config(other)).toEqual(before.config);
      await other.getByRole('button', { name: 'Next chapter' }).click();
      await expect(other.locator('#lesson-title')).toHaveText("3. The highway the LSTM's forget gate opens");
      expect(otherApp.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  await test.step('back to the built-in lesson', async () => {
    await page.getByRole('button', { name: 'Back to the built-in lesson' }).click();
    await expect(title).toHaveText('1. A sequence, and why order matters');
    await expect(page.getByTestId('lesson-source')).toHaveCount(0);
  });
});
