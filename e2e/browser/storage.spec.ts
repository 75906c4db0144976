// The Storage dialog against the browser host on real runs of the sample: the runs with their sizes,
// the one the Build view shows kept (and said why), deleting the other, the Build view's list following,
// and the limits after a run saying in a notice what they deleted.
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { openPage, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

const runsOnDisk = () => readdirSync(path.join(wb.storage, 'runs')).flatMap((k) => readdirSync(path.join(wb.storage, 'runs', k)));

test('lists runs, keeps the one shown, deletes the other; the limits after a run say what went', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 });
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  const rows = view.getByTestId('build-run-row');
  for (let i = 1; i <= 2; i++) {
    await view.getByTestId('build-run').click();
    await expect(rows).toHaveCount(i);
    await expect(rows.first().locator('td').first()).toHaveText('succeeded', { timeout: 120_000 });
  }
  const [older, newer] = runsOnDisk().sort();

  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByRole('button', { name: 'Storage…' }).click();
  const dialog = page.getByTestId('storage-dialog');
  await expect(dialog.getByTestId('storage-current')).toContainText('2 runs');
  // The Build view shows the newest run: it cannot be selected, and says why.
  await expect(dialog.getByTestId(`storage-row-run-${newer}`)).toContainText('in use: shown in the Build view');
  await expect(dialog.getByTestId(`storage-row-run-${newer}`).getByRole('checkbox')).toBeDisabled();
  await dialog.getByTestId(`storage-row-run-${older}`).getByRole('checkbox').check();
  await dialog.getByTestId('storage-delete').click();
  await expect(dialog.getByTestId('storage-message')).toContainText('Deleted 1 item');
  await expect(dialog.getByTestId(`storage-row-run-${older}`)).toHaveCount(0);
  expect(runsOnDisk()).toEqual([newer]);

  // Limits: one run per project.
  await dialog.getByTestId('limit-runs').fill('1');
  await dialog.getByRole('button', { name: 'Save limits' }).click();
  await expect(dialog.getByTestId('storage-message')).toContainText('the newest 1 runs');
  await page.screenshot({ path: '/tmp/shots-storage/storage-dialog-sample.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'Build' }).click();
  await expect(rows).toHaveCount(1);
  await view.getByTestId('build-run').click();
  // The new run is selected (shown): the previous one is no longer in use, and the limits take it.
  const notice = page.getByTestId('storage-pruned');
  await expect(notice).toContainText('deleted 1 old item', { timeout: 120_000 });
  await expect(notice).toContainText('keep the newest 1 runs');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('td').first()).toHaveText('succeeded');
  expect(runsOnDisk()).not.toContain(newer);
  expect(runsOnDisk()).toHaveLength(1);
  await page.screenshot({ path: '/tmp/shots-storage/storage-pruned-notice.png' });
  expect(errors).toEqual([]);
});
