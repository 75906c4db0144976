// Every byte of the binary attributed, in Chromium against the browser host: the sample built for
// analysis, the file size at the top (attributed per package + not attributed), the treemap of the whole
// file, the packages and sections tables, and the comparison of two builds by section and package.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench } from '../workbench';
import { growStore } from '../storeGrowth';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

test('the file size is attributed per package plus per-section remainders, and two builds compare by section', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await page.getByRole('tab', { name: 'Binary' }).click();
  await page.getByRole('button', { name: 'Build for analysis' }).click();
  await expect(page.getByTestId('build-outcome')).toContainText('→ linked', { timeout: 90_000 });

  const headline = page.getByTestId('file-bytes-headline');
  await expect(headline).toContainText(/^[\d.]+ MiB file = [\d.]+ (MiB|KiB) attributed to \d+ packages \+ [\d.]+ (MiB|KiB) not attributed \(\.debug_info/);
  // The treemap is the whole file: its root is the file size, with DWARF and the rest as "(not attributed)".
  const treemap = page.getByTestId('treemap');
  const fileSize = /^([\d.]+ MiB) file/.exec((await headline.textContent())!)![1]!;
  await expect(page.getByTestId('treemap-breadcrumb')).toContainText(fileSize);
  await expect(treemap.locator('.tm-cell.depth-0[data-name="(not attributed)"]')).toBeVisible();
  await expect(treemap.locator('.tm-cell[data-name^=".debug_info: DWARF"]')).toHaveCount(1);

  const packages = page.getByTestId('file-bytes-packages');
  const runtime = packages.locator('tr', { has: page.locator('td', { hasText: /^runtime$/ }) });
  await expect(runtime.locator('td').nth(2)).toHaveText(/[\d.]+ KiB/); // its pclntab share
  await expect(packages.locator('tr', { hasText: 'not attributed: ELF headers and padding' })).toHaveCount(1);
  await expect(packages.locator('tr.total-row')).toContainText(`file size${fileSize}`);
  const sections = page.getByTestId('file-bytes-sections');
  await expect(sections.locator('tr', { hasText: '.noptrbss' })).toContainText('of memory at run time, no bytes in the file');
  await expect(sections.locator('tr', { hasText: '.gopclntab' })).toBeVisible();
  await page.setViewportSize({ width: 1400, height: 1500 });
  await page.getByTestId('file-bytes-headline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(REPO, 'docs/images/binary-size.png') });

  // A second build whose store package grows: the comparison shows the file, its sections and packages.
  const shrink = growStore(wb.project);
  try {
    await page.getByRole('button', { name: 'Build for analysis' }).click();
    await expect(page.getByTestId('build-outcome')).toContainText('→ linked', { timeout: 90_000 });
    const diff = page.getByTestId('size-diff');
    await diff.getByRole('button', { name: 'Compare sizes' }).click();
    await expect(page.getByTestId('size-diff-file-total')).toContainText(/File: [\d.]+ MiB → [\d.]+ MiB \(\+[\d.]+ KiB\)/);
    await expect(page.getByTestId('size-diff-file-packages').locator('tbody tr').first()).toContainText('example.com/inventory/store');
    await expect(page.getByTestId('size-diff-sections').locator('tr', { hasText: '.noptrdata' })).toContainText(/\+1[56]\.\d KiB/);
    await diff.scrollIntoViewIfNeeded();
    await diff.screenshot({ path: path.join(REPO, 'docs/images/binary-size-diff.png') });
  } finally {
    shrink();
  }
  expect(errors).toEqual([]);
});
