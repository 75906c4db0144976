// Session bundles in Chromium against the browser host: take a note, save the session, open the
// bundle read-only (note, sources in Monaco), and survive hostile bundles.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench, openPage } from '../workbench';
import { craftBundle } from '../../test/support/zipCraft';

let wb: Workbench;
let dir: string;

test.beforeAll(async () => {
  wb = await startWorkbench();
  dir = path.dirname(wb.project);
});
test.afterAll(async () => {
  await wb?.stop();
});

const openWorkbench = (page: Page) => openPage(page, wb);

async function openSession(page: Page, file: string) {
  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByRole('button', { name: 'Open Session…' }).click();
  await page.getByTestId('open-session-path').fill(file);
  await page.getByRole('dialog').getByRole('button', { name: 'Open', exact: true }).click();
}

test('a note survives save and open; the bundle is read-only with sources in Monaco', async ({ page }) => {
  const errors = await openWorkbench(page);
  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByTestId('note-text').fill('Add copies the Item <b>by value</b>');
  await page.getByTestId('note-where').fill('store/store.go:12');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('notes-status')).toHaveText('saved');

  await page.getByRole('button', { name: 'Save Session…' }).click();
  const preview = page.getByTestId('save-preview');
  await expect(preview).toContainText('source');
  await expect(preview).toContainText('Include the project\'s sources');
  const file = path.join(dir, 'e2e.gopsy');
  await page.getByTestId('save-session-path').fill(file);
  await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`to ${file}`);

  await openSession(page, file);
  const view = page.getByTestId('bundle-view');
  await expect(view).toContainText('read-only');
  await expect(view.getByTestId('note-list')).toContainText('Add copies the Item <b>by value</b>'); // text, not markup
  await view.getByRole('button', { name: 'store/store.go:12' }).click();
  await expect(page.getByTestId('bundle-source').locator('.view-lines')).toContainText('package store');
  await page.screenshot({ path: path.join(REPO, 'docs/images/bundle-view.png') });
  expect(errors).toEqual([]);
});

test('a hostile bundle gets a clear message and the app stays usable', async ({ page }) => {
  await openWorkbench(page);
  const evil = path.join(dir, 'evil.gopsy');
  writeFileSync(evil, craftBundle([{ name: '../../escape.txt', data: Buffer.from('x') }]));
  await openSession(page, evil);
  await expect(page.getByTestId('open-session-error')).toHaveText(/Cannot open evil\.gopsy: .*invalid relative path: \.\.\/\.\.\/escape\.txt/);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'Source' }).click();
  await page.locator('[data-path="store/store.go"]').click();
  await expect(page.locator('[data-testid=editor] .view-lines')).toContainText('package store');
});

test('markup inside a bundle is shown as text and never runs', async ({ page }) => {
  await openWorkbench(page);
  const html = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><h1>big</h1>';
  const file = path.join(dir, 'markup.gopsy');
  writeFileSync(file, craftBundle([{ name: 'runs/r1/ssa.html', data: Buffer.from(html) }]));
  await openSession(page, file);
  await page.getByTestId('bundle-entries').getByRole('button', { name: 'runs/r1/ssa.html' }).click();
  await expect(page.getByTestId('entry-text')).toHaveText(html);
  await expect(page.locator('.bundle-main h1')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});
