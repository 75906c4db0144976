// The Build view against the browser host: run a capture, see it in the runs list, the timeline has
// bars, the compile phase table has rows. Also takes the screenshot used in the docs.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { openPage, REPO, startWorkbench, type Workbench } from '../workbench';
import { barPoint } from '../timelineBars';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

test('captures a build from the Build view and shows its timeline and compile phases', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 });
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Build timing');
  await expect(view.getByTestId('build-preview')).toContainText('-debug-actiongraph=');
  await expect(view.getByTestId('build-preview')).toContainText('GOCACHE=');
  await view.getByTestId('build-run').click();

  const row = view.getByTestId('build-run-row').first();
  await expect(row).toContainText('Build timing');
  await expect(row.locator('td').first()).toHaveText('succeeded', { timeout: 200_000 });

  // The timeline (a canvas) with the critical path, the verdict and the tables beside it.
  const canvas = view.getByTestId('timeline-canvas');
  await expect(canvas).toBeVisible();
  expect(Number(await canvas.getAttribute('data-bars'))).toBeGreaterThan(50);
  expect(Number(await canvas.getAttribute('data-critical'))).toBeGreaterThan(2);
  await expect(view.getByTestId('build-verdict')).toContainText(/The build was (limited|partly limited) by .*the dependency chain takes/);
  // Every package compiles (private cache): the runtime's compile is the chain's longest step.
  await expect(view.getByTestId('critical-chain')).toContainText('runtime');
  expect(await view.getByTestId('table-actions').getByTestId('build-table-row').count()).toBeGreaterThan(50);
  // A row selects its bar (the timeline says where it drew it); hovering there shows the tooltip.
  const store = await barPoint(page, view, 'example.com/inventory/store', 'build');
  await page.mouse.move(store.x, store.y);
  await expect(view.getByRole('tooltip')).toContainText('example.com/inventory/store');
  await page.screenshot({ path: path.join(REPO, 'docs/images/build-view.png') });
  // Zoom: the buttons halve and double the window; Fit (or 0) shows the whole build again.
  const windowLabel = view.getByTestId('timeline-window');
  await expect(windowLabel).toHaveText('whole build');
  await view.getByRole('button', { name: 'Zoom in' }).click();
  await expect(windowLabel).toContainText('(×2.0)');
  await canvas.focus();
  await page.keyboard.press('0');
  await expect(windowLabel).toHaveText('whole build');
  // Dragging a range zooms to it.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(windowLabel).toContainText('×');
  await page.keyboard.press('0');

  // A bar reveals its package in the project tree: expanded (it was collapsed) and highlighted, and its
  // row is selected in the table.
  const storeNode = page.getByTestId('project-tree').locator('button[title="example.com/inventory/store"]');
  await storeNode.click();
  await expect(storeNode).toHaveAttribute('aria-expanded', 'false');
  const at = await barPoint(page, view, 'example.com/inventory/store', 'build');
  await page.mouse.click(at.x, at.y);
  await expect(storeNode).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('tree-revealed')).toContainText('store.go');
  await expect(view.getByTestId('table-actions').locator('tr.selected')).toContainText('example.com/inventory/store');
  // A wait in the tables shows that stretch of the build.
  await canvas.focus();
  await page.keyboard.press('0');
  await view.getByRole('tab', { name: /Where it waited/ }).click();
  await view.getByTestId('table-waits').getByTestId('build-table-row').first().click();
  await expect(windowLabel).toContainText('×');
  // A private cache: nothing came from the cache, so there is nothing to hide.
  await expect(view.getByTestId('timeline-cache-filter')).toContainText('hide the 0 cache hits');

  await view.getByRole('tab', { name: /Compile phases/ }).click();
  const rows = view.getByTestId('phase-row');
  expect(await rows.count()).toBeGreaterThan(10);
  await expect(view.getByTestId('phase-table')).toContainText('example.com/inventory/store');
  await view.getByRole('tab', { name: 'Command log' }).click();
  await expect(view.getByTestId('command-log')).toContainText('compile');
  expect(errors).toEqual([]);
});

test('a profile made in the editor runs; its compile error opens the file with a marker', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 });
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Diagnose failure');
  await view.getByTestId('profile-new').click();
  const editor = view.getByTestId('profile-editor');
  await expect(view.getByTestId('profile-save')).toBeDisabled();
  await expect(editor.getByRole('alert').first()).toContainText('give the profile a name');
  await editor.getByLabel('name', { exact: true }).fill('Diagnose failure');
  await expect(editor.getByRole('alert')).toHaveText('that is a built-in profile’s name');
  await editor.getByLabel('name', { exact: true }).fill('Broken build');
  await editor.getByLabel('GOAMD64').fill('v9');
  await expect(editor.getByRole('alert')).toHaveText('GOAMD64 is v1, v2, v3 or v4');
  await editor.getByLabel('GOAMD64').fill('');
  await editor.getByLabel('-tags').fill('gopsy_broken');
  await expect(view.getByTestId('build-preview')).toContainText('-tags=gopsy_broken');
  await view.getByTestId('profile-save').click();
  await expect(view.getByLabel('Build profile')).toHaveValue('Broken build');
  await view.getByTestId('build-run').click();

  const row = view.getByTestId('build-run-row').first();
  await expect(row).toContainText('Broken build');
  await expect(row.locator('td').first()).toHaveText('failed (1)', { timeout: 120_000 });
  const problem = view
    .getByTestId('build-problems')
    .getByRole('button', { name: 'broken/typeerror.go:11:9' });
  await problem.click();
  await expect(page.getByTestId('editor-status')).toContainText('broken/typeerror.go');
  await expect(page.getByTestId('cursor-position')).toHaveText('Ln 11, Col 9');
  await expect(page.getByTestId('editor').locator('.squiggly-error').first()).toBeAttached();

  // Edit renames the saved profile (no copy is left behind); Delete removes it.
  await page.getByRole('tab', { name: 'Build' }).click();
  await view.getByLabel('Build profile').selectOption('Broken build');
  await view.getByRole('button', { name: 'Edit…' }).click();
  await view.getByTestId('profile-editor').getByLabel('name', { exact: true }).fill('Broken tags');
  await view.getByTestId('profile-save').click();
  const options = view.getByLabel('Build profile').locator('option');
  await expect(options).toHaveText([
    'Diagnose failure',
    'Build timing',
    'Optimisation details',
    'Build the binary',
    'Run tests',
    'Broken tags',
  ]);
  await view.getByRole('button', { name: 'Delete' }).click();
  await expect(options).toHaveText([
    'Diagnose failure',
    'Build timing',
    'Optimisation details',
    'Build the binary',
    'Run tests',
  ]);
  expect(errors).toEqual([]);
});

test('a profile that profiles the compiler shows its flame graph and top functions', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 });
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Diagnose failure');
  await view.getByTestId('profile-new').click();
  const editor = view.getByTestId('profile-editor');
  await editor.getByLabel('name', { exact: true }).fill('Compiler on net/http');
  await editor.getByLabel('packages').fill('net/http');
  await editor.getByLabel('profile the compiler for package').fill('./...');
  await expect(editor.getByRole('alert')).toContainText('one package');
  await editor.getByLabel('profile the compiler for package').fill('net/http');
  await expect(view.getByTestId('build-preview')).toContainText('-cpuprofile=');
  await view.getByTestId('profile-save').click();
  await view.getByTestId('build-run').click();
  const rows = view.getByTestId('build-run-row');
  await expect(rows.first()).toContainText('Compiler on net/http');
  await expect(rows.first().locator('td').first()).toHaveText('succeeded', { timeout: 120_000 });
  // Once more: on a cold GOCACHE the first run compiled the dependencies; now they are cache hits
  // (net/http itself always compiles: its flags name this run's profile file).
  const n = await rows.count();
  await view.getByTestId('build-run').click();
  await expect(rows).toHaveCount(n + 1);
  await expect(rows.first().locator('td').first()).toHaveText('succeeded', { timeout: 120_000 });

  // The shared cache served the dependencies: the header counts them and the timeline can hide them.
  await expect(view.locator('.run-header')).toContainText(/\d+ packages from the cache/);
  const canvas = view.getByTestId('timeline-canvas');
  const all = Number(await canvas.getAttribute('data-bars'));
  await view.getByTestId('timeline-cache-filter').getByRole('checkbox').check();
  await expect.poll(async () => Number(await canvas.getAttribute('data-bars'))).toBeLessThan(all);

  await view.getByRole('tab', { name: 'Compiler profile' }).click();
  const flame = view.getByTestId('compiler-profile');
  await expect(flame).toContainText('compiling net/http');
  const frames = flame.getByTestId('flame-frame');
  expect(await frames.count()).toBeGreaterThan(20);
  await expect(flame.getByTestId('profile-top')).toContainText('cmd/compile/internal/');
  // Zoom into the widest frame below the root, then hover one of its frames.
  await frames.nth(1).click();
  await expect(flame.locator('g.ancestor')).toHaveCount(1);
  await frames.nth(3).hover();
  await expect(flame.getByRole('tooltip')).toContainText('self');
  await page.screenshot({ path: path.join(REPO, 'docs/images/compiler-profile.png') });
  expect(errors).toEqual([]);
});
