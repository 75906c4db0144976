// Compiler remarks in Chromium against the browser host and the real compiler: capture the
// "Optimisation details" of the sample from the Remarks view, find an allocation in the table, see
// its escape flow, and its gutter marker with a plain-text hover in store/store.go.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { openPage, REPO, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

test('captures remarks, shows the escape flow and marks the editor', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = await openPage(page, wb, { width: 1500, height: 900 });
  await page.getByRole('tab', { name: 'Remarks' }).click();
  await page.getByTestId('remarks-capture').click();
  // Every package compiles (private cache): allow for a slow, shared machine.
  const table = page.getByTestId('remarks-table');
  await expect(table.getByTestId('remark-row').first()).toBeVisible({ timeout: 280_000 });
  await expect(page.getByTestId('remarks-origin')).toContainText('-json=0');
  await expect(table).toContainText('store/store.go');

  const alloc = table
    .getByTestId('remark-row')
    .filter({ hasText: 'make([]Item, 0, len(s.items)) escapes to heap' });
  await alloc.click();
  await expect(page.getByTestId('remark-detail')).toContainText('(in (*Store).Items)');
  await expect(page.getByTestId('flow-graph').getByTestId('flow-node')).toHaveCount(3);
  await expect(page.getByTestId('editor-status')).toContainText('store/store.go');
  await expect(page.locator('.remark-glyph.remark-escape').first()).toBeVisible();
  // The inline hint after heap allocations is drawn at the end of the line.
  await expect(page.locator('.view-lines .remark-hint').filter({ hasText: 'heap ×1' }).first()).toBeVisible();
  await page.getByTestId('flow-graph').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(REPO, 'docs/images/remarks-view.png') });
  // The function's IR from the compiler's -W dump, saying which flag produced it.
  await page.getByTestId('ir-walk').click();
  await expect(page.getByTestId('ir-text')).toContainText('before walk (*Store).Items', { timeout: 120_000 });
  await expect(page.getByTestId('ir-panel')).toContainText('-gcflags=./store=-W');

  await page.getByTestId('remarks-tab-almost').click();
  await expect(page.getByTestId('almost-table')).toContainText('(*Store).Filter');
  await expect(page.getByTestId('almost-table')).toContainText('96 / 80');
  await page.getByTestId('remarks-tab-all').click();
  await alloc.click();

  // The row opened store/store.go; the remark lines carry gutter glyphs with a plain-text hover.
  await expect(page.getByTestId('editor-status')).toContainText('store/store.go');
  const glyph = page.locator('.remark-glyph.remark-escape').first();
  await expect(glyph).toBeVisible();
  // The "Show SSA" lenses arrive a moment after the file (each adds a line above its func), which can
  // move the glyph from under a pointer that got there first: hover again until the hover shows.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await glyph.hover();
    await expect(page.locator('.monaco-hover').filter({ hasText: 'escapes to heap' }).first()).toBeVisible({
      timeout: 3_000,
    });
  }).toPass({ timeout: 30_000 });

  // The table sorts by a column (flat rows that say their file) and back to grouped by place.
  const messages = () => table.locator('[data-testid=remark-row] .msg').allTextContents();
  const grouped = await messages();
  expect(grouped.length).toBeGreaterThan(3);
  await page.getByTestId('remarks-sort-message').click();
  await expect(table).toHaveAttribute('data-sort', 'message');
  await expect(table.locator('.group-file')).toHaveCount(0);
  const ascending = await messages();
  expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
  expect(new Set(ascending)).toEqual(new Set(grouped));
  await page.getByTestId('remarks-sort-message').click();
  await expect(page.getByTestId('remarks-sort-message')).toHaveAttribute('aria-sort', 'descending');
  expect(await messages()).toEqual([...ascending].reverse());
  await page.getByTestId('remarks-sort-place').click();
  await expect(table.locator('.group-file').first()).toBeVisible();
  expect(await messages()).toEqual(grouped);
  expect(errors).toEqual([]);
});
