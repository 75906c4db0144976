// GODEBUG in Chromium against the browser host, on the godebug-demo sample: pick the GC preset, run,
// and the Runtime view charts the real cycles; a made-up setting (mmap=1) is flagged with the reason.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench({ sample: 'godebug-demo' });
});
test.afterAll(async () => {
  await wb?.stop();
});

async function openWorkbench(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(wb.url.replace('/?tkn=', '/?dom-renderer&tkn='));
  await expect(page.getByTestId('project-name')).toHaveText(/godebug-demo/);
  return errors;
}

test('GC preset: go run gets GODEBUG, the console keeps the raw trace, the Runtime view charts the cycles', async ({ page }) => {
  const errors = await openWorkbench(page);
  await page.getByTestId('godebug-profile').selectOption({ label: 'GC: gctrace=1' });
  await expect(page.getByTestId('godebug-findings')).toHaveCount(0);
  await page.locator('.toolbar').getByRole('button', { name: 'go run' }).click();
  const tab = page.getByTestId('console-tab').last();
  await expect(tab.getByTestId('console-status')).toHaveText('exit 0', { timeout: 90_000 });
  const rows = page.locator('.console-view:visible .xterm-rows');
  // The program gets GODEBUG through go run -exec env; the raw trace is still in the console.
  await expect(tab).toHaveAttribute('title', /go run -exec 'env GODEBUG=gctrace=1' \./);
  await expect(rows).toContainText(/MB goal, \d+ MB stacks/);
  await expect(rows).toContainText(/done: \d+ live blocks/);

  await page.getByRole('tab', { name: 'Runtime' }).click();
  await expect(page.getByTestId('gc-summary')).toContainText(/\d+ cycles · 1 forced/);
  const heap = page.getByTestId('gc-heap-chart');
  for (const s of ['before', 'after', 'live', 'goal']) await expect(heap.locator(`polyline[data-series="${s}"]`)).toHaveCount(1);
  expect(await page.getByTestId('gc-table').locator('tbody tr').count()).toBeGreaterThan(1);
  await page.screenshot({ path: path.join(REPO, 'docs/images/runtime-view.png') });

  await page.getByRole('tab', { name: 'Log' }).click();
  await page.getByTestId('log-kind-gc').uncheck();
  await expect(page.getByTestId('log-table')).toContainText(/done: \d+ live blocks/);
  expect(errors).toEqual([]);
});

test('mmap=1 is flagged as not a setting of this toolchain, in the editor and in the toolbar', async ({ page }) => {
  await openWorkbench(page);
  await page.getByRole('tab', { name: 'Runtime' }).click();
  await page.getByRole('tab', { name: 'Profiles' }).click();
  await expect(page.getByTestId('catalog-table')).toContainText('gctrace');
  await page.getByTestId('profile-name').fill('Article advice');
  await page.getByTestId('profile-godebug').fill('gctrace=1,mmap=1');
  await expect(page.getByTestId('editor-findings')).toContainText(/mmap is not a setting of go1\.\d+/);
  await page.getByRole('button', { name: 'Save for this project' }).click();
  await expect(page.getByTestId('godebug-profile')).toHaveValue('article-advice');
  await expect(page.getByTestId('godebug-findings')).toHaveText('⚠ 1 problem');
  await expect(page.getByTestId('project-defaults')).toContainText('panicnil=1');
});

test('HTTP/2 frames preset: the frame table fills and filters by frame type', async ({ page }) => {
  await openWorkbench(page);
  await page.getByTestId('godebug-profile').selectOption({ label: 'HTTP/2 frames: http2debug=2' });
  await page.locator('.toolbar').getByRole('button', { name: 'go run' }).click();
  await expect(page.getByTestId('console-tab').last().getByTestId('console-status')).toHaveText('exit 0', { timeout: 90_000 });
  await page.getByRole('tab', { name: 'Runtime' }).click();
  await page.getByRole('tab', { name: /^HTTP\/2/ }).click();
  const table = page.getByTestId('http2-table');
  await expect(table).toContainText('SETTINGS');
  await page.getByTestId('http2-type').selectOption('DATA');
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const cells of await rows.locator('td:nth-child(5)').allTextContents()) expect(cells).toBe('DATA');
  await expect(table).toContainText('hello over HTTP/2.0');
});
