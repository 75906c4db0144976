// Dropping a .gopsy onto the browser window (its bytes go to the backend over the authenticated
// socket), "Re-run here" from the opened bundle (shows the recorded command, asks for the redacted
// value, runs nothing before the confirmation, lands in the runs list), and Save Session listing what
// the session collected by itself. Real `gopsy capture`, real go, real Chromium.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, SAMPLE, startWorkbench, type Workbench, openPage } from '../workbench';

let wb: Workbench;
let recorded: Buffer;

test.beforeAll(async () => {
  wb = await startWorkbench();
  // Recorded "elsewhere": another copy of the sample, captured headless with a credential in -ldflags.
  const elsewhere = path.join(path.dirname(wb.project), 'elsewhere', 'inventory');
  cpSync(SAMPLE, elsewhere, { recursive: true });
  const file = path.join(path.dirname(wb.project), 'recorded.gopsy');
  execFileSync(process.execPath, [path.join(REPO, 'bin/gopsy.js'), 'capture', elsewhere, '--out', file, '--profile', 'Diagnose failure', '--ldflags', '-X main.feed=https://bob:hunter2@feeds.example.com/x'], {
    stdio: 'ignore',
  });
  recorded = readFileSync(file);
});
test.afterAll(async () => {
  await wb?.stop();
});

const openWorkbench = (page: Page) => openPage(page, wb);

/** Drops a file onto the window as the OS would: dragover, then drop, with a File in the DataTransfer. */
async function dropFile(page: Page, name: string, bytes: Buffer) {
  const dt = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const arr = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([arr], name));
      return dt;
    },
    { name, b64: bytes.toString('base64') },
  );
  await page.dispatchEvent('.workbench', 'dragover', { dataTransfer: dt });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('.workbench', 'drop', { dataTransfer: dt });
}

test('a dropped file that is not a bundle gets a clear message', async ({ page }) => {
  const errors = await openWorkbench(page);
  await dropFile(page, 'notes.txt', Buffer.from('hello'));
  await expect(page.getByTestId('drop-message')).toHaveText(/notes\.txt is not a session bundle: only \.gopsy files can be dropped onto gopsy\./);
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
  expect(errors).toEqual([]);
});

test('a dropped bundle opens read-only; Re-run here asks first and runs only the recorded build', async ({ page }) => {
  const errors = await openWorkbench(page);
  await dropFile(page, 'recorded.gopsy', recorded);
  await expect(page.getByTestId('drop-message')).toHaveText(/Opened recorded\.gopsy: \d+ entries, read-only\./);
  const view = page.getByTestId('bundle-view');
  await expect(view).toContainText('read-only');
  await expect(view.getByTestId('bundle-entries')).toContainText('sources/main.go');
  await page.getByTestId('drop-message').getByRole('button', { name: 'Dismiss' }).click();

  await view.getByRole('button', { name: 'Re-run here…' }).click();
  const dialog = page.getByTestId('rerun-dialog');
  await expect(dialog.getByTestId('rerun-command')).toContainText('go build');
  await expect(dialog.getByTestId('rerun-command')).toContainText('-ldflags=');
  await expect(dialog.getByTestId('rerun-command')).not.toContainText('hunter2');
  await expect(dialog.getByTestId('rerun-redacted')).toContainText('ldflags (recorded: -X main.feed=https://[redacted]@feeds.example.com/x)');
  await expect(dialog).toContainText(`the open project, ${wb.project} (example.com/inventory)`);
  // The redacted value is neither supplied nor dropped: nothing can run yet.
  await expect(dialog.getByTestId('rerun-confirm')).toBeDisabled();
  await page.screenshot({ path: path.join(REPO, 'docs/images/rerun-here.png') });
  await dialog.getByLabel('drop ldflags').check();
  await expect(dialog.getByTestId('rerun-confirm')).toBeEnabled();
  await dialog.getByTestId('rerun-confirm').click();

  // A normal build run of the open project, in the Build view's runs list.
  await expect(page.getByTestId('build-view')).toBeVisible();
  const rows = page.getByTestId('build-run-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('td').first()).toHaveText('succeeded', { timeout: 120_000 });
  await expect(rows.first()).toContainText('Diagnose failure');

  // Save Session lists the run it collected by itself, and can leave it out.
  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByTestId('bundle-view').getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Save Session…' }).click();
  const items = page.getByTestId('save-items');
  await expect(items).toContainText(/build run: Diagnose failure, succeeded/);
  await expect(page.getByTestId('save-preview')).toContainText('run-manifest');
  await page.screenshot({ path: path.join(REPO, 'docs/images/save-session-items.png') });
  await items.getByRole('checkbox').first().uncheck();
  await expect(page.getByTestId('save-preview')).not.toContainText('run-manifest');
  await expect(page.getByTestId('save-preview')).toContainText('Collected in this session (0 of 1)');
  expect(errors).toEqual([]);
});
