// The Build view against the browser host: run a capture, see it in the runs list, the timeline has
// bars, the compile phase table has rows. Also takes the screenshot used in the docs.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

test('captures a build from the Build view and shows its timeline and compile phases', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Build timing');
  await expect(view.getByTestId('build-preview')).toContainText('-debug-actiongraph=');
  await expect(view.getByTestId('build-preview')).toContainText('GOCACHE=');
  await view.getByTestId('build-run').click();

  const row = view.getByTestId('build-run-row').first();
  await expect(row).toContainText('Build timing');
  await expect(row.locator('td').first()).toHaveText('succeeded', { timeout: 200_000 });

  const bars = view.getByTestId('timeline-bar');
  await expect(bars.first()).toBeVisible();
  expect(await bars.count()).toBeGreaterThan(50);
  expect(await view.locator('[data-testid=timeline-bar].critical').count()).toBeGreaterThan(0);
  await bars.last().hover();
  await expect(view.getByRole('tooltip')).toBeVisible();
  await page.screenshot({ path: path.join(REPO, 'docs/images/build-view.png') });

  await view.getByRole('tab', { name: /Compile phases/ }).click();
  const rows = view.getByTestId('phase-row');
  expect(await rows.count()).toBeGreaterThan(10);
  await expect(view.getByTestId('phase-table')).toContainText('example.com/inventory/store');
  await view.getByRole('tab', { name: 'Command log' }).click();
  await expect(view.getByTestId('command-log')).toContainText('compile');
  expect(errors).toEqual([]);
});
