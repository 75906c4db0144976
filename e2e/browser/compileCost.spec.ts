// "Which function made the compile slow?" in the Build view: a Build timing build of the sample; its
// console holds one note per package instead of the compiler's pass lines, and the Compile cost tab
// answers with the slowest function, lists the functions (a click opens the source), the passes and
// the packages. Takes the screenshot used in docs/build-capture.md.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openPage, REPO, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

test('the Compile cost tab names the slowest function and opens its source', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 });
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Build timing');
  await expect(view.getByTestId('build-preview')).toContainText('-d=ssa/all/time');
  const rows = view.getByTestId('build-run-row');
  await view.getByTestId('build-run').click();
  await expect(rows.first().locator('td').first()).toHaveText('succeeded', { timeout: 200_000 });
  await rows.first().click();
  await view.getByRole('tab', { name: 'Compile cost' }).click();

  const answer = view.getByTestId('compile-cost-answer');
  await expect(answer).toContainText(/^The slowest function is example\.com\/inventory\S* \(\d+(\.\d+)? (µs|ms) of SSA passes, \d+% of its package’s\), mostly \w+ and \w+\.$/, { timeout: 60_000 });
  const fns = view.getByTestId('compile-cost-row');
  expect(await fns.count()).toBeGreaterThan(5);
  await expect(fns.first()).toContainText('example.com/inventory');

  // Filtered to the store package's New: a click opens store/store.go.
  await view.getByLabel('Filter functions').fill('inventory/store.New');
  await expect(fns).toHaveCount(1);
  await fns.first().getByRole('button', { name: 'New' }).click();
  await expect(page.getByTestId('editor-status')).toContainText('store/store.go');
  await page.getByRole('tab', { name: 'Build' }).click();
  await view.getByLabel('Filter functions').fill('');

  await view.getByRole('tab', { name: /By pass/ }).click();
  await expect(view.getByTestId('compile-cost-passes')).toContainText('regalloc');
  await view.getByRole('tab', { name: /By package/ }).click();
  await expect(view.getByTestId('compile-cost-packages')).toContainText('example.com/inventory/store');
  await view.getByRole('tab', { name: 'Slowest functions' }).click();
  await page.screenshot({ path: path.join(REPO, 'docs/images/compile-cost.png') });
  expect(errors).toEqual([]);
});
