// What a user sees when things are not right: no Go toolchain, a folder that is not a Go module.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorkbench, type Workbench } from '../workbench';

test.describe('without a Go toolchain', () => {
  let wb: Workbench;
  test.beforeAll(async () => {
    wb = await startWorkbench({ env: { GOPSY_GO: '/nonexistent/bin/go' } });
  });
  test.afterAll(async () => wb?.stop());

  test('says that Go is missing and what to do, and still shows the project', async ({ page }) => {
    await page.goto(wb.url);
    await expect(page.getByTestId('toolchain')).toHaveText('Go not available');
    await expect(page.getByTestId('toolchain-problem')).toContainText('Go is not installed or not on PATH');
    await expect(page.getByTestId('toolchain-problem')).toContainText('https://go.dev/dl/');
    await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
    await expect(page.getByTestId('project-tree')).toContainText('packages cannot be listed');
  });
});

test.describe('a folder that is not a Go module', () => {
  let wb: Workbench;
  let plain: string;
  test.beforeAll(async () => {
    wb = await startWorkbench();
    plain = mkdtempSync(path.join(os.tmpdir(), 'gopsy-plain-'));
    writeFileSync(path.join(plain, 'notes.txt'), 'no go here\n');
  });
  test.afterAll(async () => {
    await wb?.stop();
    rmSync(plain, { recursive: true, force: true });
  });

  test('explains that there is no go.mod and how to start one', async ({ page }) => {
    await page.goto(wb.url);
    await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
    await page.keyboard.press('Control+o');
    await page.getByTestId('open-folder-path').fill(plain);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByTestId('project-name')).toHaveText(path.basename(plain));
    await expect(page.getByRole('status').filter({ hasText: 'not in a Go module' })).toContainText('go mod init');
    // and the sample is in the recent list for going back
    await page.getByRole('button', { name: 'Open Folder…' }).click();
    await expect(page.getByRole('dialog')).toContainText(wb.project);
  });
});
