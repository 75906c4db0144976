// "Why was this rebuilt?" in the Build view: two Diagnose failure builds with a real edit between them;
// the later run's Why rebuilt tab names the edited file as the root cause, follows it through the
// packages that import it, and shows one action's cache-key inputs beside the earlier run's. Takes the
// screenshot used in docs/build-capture.md.
import { appendFileSync } from 'node:fs';
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

test('the Why rebuilt tab names the edited file, the chain through its importers, and the changed inputs', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 });
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Diagnose failure');
  await expect(view.getByTestId('build-preview')).toContainText('GODEBUG=gocachehash=1');
  const rows = view.getByTestId('build-run-row');

  await view.getByTestId('build-run').click();
  await expect(rows.first().locator('td').first()).toHaveText('succeeded', { timeout: 200_000 });
  // The first run has nothing earlier to be compared with, and says so.
  await view.getByRole('tab', { name: 'Why rebuilt' }).click();
  await expect(view.getByTestId('why-error')).toContainText('no earlier run');

  appendFileSync(path.join(wb.project, 'store', 'store.go'), '\n// Edited between the two builds.\nfunc editedForTheTest() int { return 1 }\n');
  await view.getByTestId('build-run').click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first().locator('td').first()).toHaveText('succeeded', { timeout: 200_000 });
  await rows.first().click();
  await view.getByRole('tab', { name: 'Why rebuilt' }).click();

  const answer = view.getByTestId('why-answer');
  await expect(answer).toContainText('store/store.go changed', { timeout: 60_000 });
  await expect(answer).toContainText(/\d+ of \d+ actions ran/);
  await expect(view.getByTestId('why-cause').first()).toContainText('store/store.go changed');
  // The store package, the main package that imports it, and the link: the chain is shown.
  const actions = view.getByTestId('why-action');
  await expect(actions.filter({ hasText: 'example.com/inventory/store' }).first()).toBeVisible();
  await expect(view.getByTestId('why-actions')).toContainText('example.com/inventory ← example.com/inventory/store');

  // One action's inputs beside the earlier run's: the changed file's line is marked changed.
  await actions.filter({ hasText: 'example.com/inventory/store' }).first().click();
  const detail = view.getByTestId('why-detail');
  await expect(detail).toBeVisible();
  await detail.getByTestId('why-only-changed').check();
  await expect(view.getByTestId('why-inputs')).toContainText('store.go');
  await page.screenshot({ path: path.join(REPO, 'docs/images/why-rebuilt.png') });
  expect(errors).toEqual([]);
});
