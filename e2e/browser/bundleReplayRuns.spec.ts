// An opened bundle replays its build run in the Build view and its remarks in the Remarks view, in
// Chromium against the browser host. The bundle comes from a real `gopsy capture` ("Optimisation
// details") of another copy of the sample, which is deleted before it is opened: everything shown
// comes from the bundle, and nothing is built here (the project's runs list stays empty). A second
// bundle holds a failed build: its compile error opens the file as the bundle saved it.
import { expect, test } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openBundle, openPage, REPO, SAMPLE, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;
let file: string;
let failing: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  wb = await startWorkbench();
  const elsewhere = path.join(path.dirname(wb.project), 'elsewhere', 'inventory');
  cpSync(SAMPLE, elsewhere, { recursive: true });
  file = path.join(path.dirname(wb.project), 'replay.gopsy');
  execFileSync(process.execPath, [path.join(REPO, 'bin/gopsy.js'), 'capture', elsewhere, '--out', file, '--profile', 'Optimisation details'], { stdio: 'ignore' });
  rmSync(path.dirname(elsewhere), { recursive: true, force: true });
  // A failed build: a type error added to store/store.go (the capture exits 1, the bundle is written).
  const broken = path.join(path.dirname(wb.project), 'broken-copy', 'inventory');
  cpSync(SAMPLE, broken, { recursive: true });
  appendFileSync(path.join(broken, 'store/store.go'), '\nvar replayBroken int = "not an int"\n');
  failing = path.join(path.dirname(wb.project), 'failing.gopsy');
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/gopsy.js'), 'capture', broken, '--out', failing, '--profile', 'Diagnose failure'], { stdio: 'ignore' });
  expect(r.status).toBe(1);
  rmSync(path.dirname(broken), { recursive: true, force: true });
});

test.afterAll(async () => {
  await wb?.stop();
});

test('a bundle run replays in the Build view and its remarks in the Remarks view, read-only', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 });
  await openBundle(page, file);

  // Build view: the bundle's run is listed apart from the project's and opens in the run panel.
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await expect(view.getByTestId('build-runs')).toContainText('recorded in replay.gopsy');
  const row = view.getByTestId('bundle-run-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('replay ▸ Optimisation details');
  await expect(row.locator('td').first()).toHaveText('succeeded');
  await row.click();
  const panel = view.getByTestId('replay-run');
  await expect(panel.getByTestId('replay-banner')).toContainText(/read-only replay replay ▸ run \d{8}-\d{6}-[0-9a-f]{6}/);
  const canvas = panel.getByTestId('timeline-canvas');
  await expect(canvas).toBeVisible();
  expect(Number(await canvas.getAttribute('data-bars'))).toBeGreaterThan(50);
  await expect(panel.getByTestId('table-actions')).toContainText('example.com/inventory/store');
  await expect(panel).toContainText('optimisation remarks captured');
  // Nothing offered that would build: no Compare / another Go version in a replayed run.
  await expect(panel.getByRole('button', { name: 'Compare…' })).toHaveCount(0);
  await expect(panel.getByTestId('run-another-version')).toHaveCount(0);
  await page.screenshot({ path: path.join(REPO, 'docs/images/bundle-replay-build.png') });

  await panel.getByRole('tab', { name: /Compile phases/ }).click();
  await expect(panel).toContainText('example.com/inventory/store');
  await panel.getByRole('tab', { name: 'Command log' }).click();
  await expect(panel.getByTestId('command-log')).toContainText('example.com/inventory/store');
  await panel.getByRole('tab', { name: 'Console' }).click();
  await expect(panel.getByTestId('replay-console')).toContainText('compile');
  await panel.getByRole('tab', { name: 'Timeline' }).click();

  // Remarks view: the bundle run's remarks, a remark's place in the file the bundle saved.
  await page.getByRole('tab', { name: 'Remarks' }).click();
  const source = page.getByTestId('remarks-source');
  const option = source.locator('option', { hasText: 'replay ▸ Optimisation details' });
  await source.selectOption((await option.getAttribute('value'))!);
  await expect(page.getByTestId('remarks-origin')).toContainText('read-only replay');
  await expect(page.getByTestId('remarks-origin')).toContainText('replay ▸ run');
  const table = page.getByTestId('remarks-table');
  await expect(table).toContainText('store/store.go');
  const alloc = table.getByTestId('remark-row').filter({ hasText: 'make([]Item, 0, len(s.items)) escapes to heap' });
  await alloc.click();
  const detail = page.getByTestId('remark-detail');
  await expect(detail).toContainText('(in (*Store).Items)');
  await expect(page.getByTestId('flow-graph').getByTestId('flow-node')).toHaveCount(3);
  const saved = detail.getByTestId('bundle-source-at');
  await expect(saved).toContainText('sources/store/store.go as the bundle saved it');
  await expect(saved.getByTestId('bundle-source').locator('.view-lines')).toContainText('make([]Item, 0, len(s.items))');
  // A replay compiles nothing: no -W dump offered.
  await expect(page.getByTestId('ir-walk')).toHaveCount(0);
  await page.getByTestId('remarks-tab-heap').click();
  await expect(table.getByTestId('remark-row').first()).toBeVisible();
  await page.getByTestId('remarks-tab-almost').click();
  await expect(page.getByTestId('almost-table')).toContainText('(*Store).Filter');

  // Nothing was built in this workbench.
  await page.getByRole('tab', { name: 'Build' }).click();
  await expect(view.getByTestId('build-run-row')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a failed bundle run shows its compile error, which opens the file as the bundle saved it', async ({ page }) => {
  const errors = await openPage(page, wb, { width: 1500, height: 950 });
  await openBundle(page, failing);
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  const row = view.getByTestId('bundle-run-row');
  await expect(row).toContainText('failing ▸ Diagnose failure');
  await expect(row.locator('td').first()).toHaveText('failed (1)');
  await row.click();
  const panel = view.getByTestId('replay-run');
  // A run with errors opens on its problems.
  const problems = panel.getByTestId('build-problems');
  await expect(problems).toContainText('store/store.go');
  await expect(problems).toContainText('cannot use "not an int"');
  await problems.getByRole('button', { name: /store\/store\.go:\d+/ }).first().click();
  const saved = view.getByTestId('bundle-source-at');
  await expect(saved).toContainText(/sources\/store\/store\.go as the bundle saved it, line \d+/);
  await expect(saved.getByTestId('bundle-source').locator('.view-lines')).toContainText('var replayBroken int');
  // The project's own store.go is untouched and not opened.
  await expect(page.getByTestId('editor-status')).not.toContainText('store/store.go');
  await panel.getByRole('tab', { name: 'Console' }).click();
  await expect(panel.getByTestId('replay-console')).toContainText('cannot use');
  expect(errors).toEqual([]);
});
