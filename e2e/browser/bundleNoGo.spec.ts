// A colleague opens a bundle on a machine without Go: `gopsy serve FILE.gopsy` with no go on PATH, and
// the project the bundle was recorded on deleted. The workbench says plainly that reading needs no
// Go, and with no project open the Build and Remarks views show the bundle's run at once.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBundle, openPage, REPO, SAMPLE, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;
let tmp: string;
let second: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-nogo-'));
  const project = path.join(tmp, 'inventory');
  cpSync(SAMPLE, project, { recursive: true });
  const file = path.join(tmp, 'colleague.gopsy');
  execFileSync(process.execPath, [path.join(REPO, 'bin/gopsy.js'), 'capture', project, '--out', file, '--profile', 'Optimisation details'], { stdio: 'ignore' });
  // A second bundle, of another build, opened later in the same window.
  second = path.join(tmp, 'second.gopsy');
  execFileSync(process.execPath, [path.join(REPO, 'bin/gopsy.js'), 'capture', project, '--out', second, '--profile', 'Diagnose failure'], { stdio: 'ignore' });
  rmSync(project, { recursive: true, force: true });
  // No go anywhere on PATH (it lives in /usr/local/go/bin here), and no GOPSY_GO.
  wb = await startWorkbench({ bundle: file, env: { PATH: '/usr/bin:/bin', GOPSY_GO: '' } });
});

test.afterAll(async () => {
  await wb?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('without Go, a bundle reads: a note instead of an error, and its run and remarks shown at once', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 }, { project: false });
  const banner = page.getByTestId('toolchain-problem');
  await expect(banner).toContainText('Reading colleague.gopsy needs no Go; building, running and debugging do.');
  await expect(banner).toContainText('Go is not installed or not on PATH');
  await expect(banner).toHaveClass(/\bwarn\b/);
  await expect(page.getByTestId('tree-note')).toHaveText(
    'No project is open. The sources saved in colleague.gopsy are listed in the Session view, read-only.',
  );

  await page.getByRole('tab', { name: 'Source' }).click();
  await expect(page.getByTestId('editor-empty')).toHaveText(
    'No project is open. colleague.gopsy is read in the Session view (its notes and saved files) and in the Build, Remarks, SSA and Runtime views.',
  );

  await page.getByRole('tab', { name: 'SSA' }).click();
  await expect(page.getByTestId('ssa-empty')).toContainText('No project is open, so nothing can be compiled or opened here.');

  await page.getByRole('tab', { name: 'Runtime' }).click();
  await expect(page.getByTestId('runtime-empty')).toContainText('No project is open, so no program runs here.');

  await page.getByRole('tab', { name: 'Build' }).click();
  const panel = page.getByTestId('build-view').getByTestId('replay-run');
  await expect(panel.getByTestId('replay-banner')).toContainText(/read-only replay colleague ▸ run \d{8}-\d{6}-[0-9a-f]{6}/);
  await expect(panel.getByTestId('timeline-canvas')).toBeVisible();

  await page.getByRole('tab', { name: 'Remarks' }).click();
  await expect(page.getByTestId('remarks-origin')).toContainText(/read-only replay colleague ▸ run .* \d+ remarks/);
  // No project file to show beside it: the view takes the whole width, and a remark's place is shown
  // in the file the bundle saved.
  await expect(page.getByTestId('editor')).toBeHidden();
  await page.getByTestId('remark-row').first().click();
  await expect(page.getByTestId('bundle-source-at')).toBeVisible();
  await page.screenshot({ path: path.join(REPO, 'docs/images/bundle-without-go.png') });

  // Another bundle opened: the Build view moves to its newest run, with no error about the old pick.
  await openBundle(page, second);
  await page.getByRole('tab', { name: 'Build' }).click();
  await expect(panel.getByTestId('replay-banner')).toContainText('read-only replay second ▸ run');
  await expect(page.getByTestId('build-view').locator('.banner.error')).toHaveCount(0);
  expect(errors).toEqual([]);
});
