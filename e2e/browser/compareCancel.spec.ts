// "Same build, another Go version" while the go command downloads the toolchain: the workbench runs
// with a module proxy that takes the request and never answers (and an empty module cache), so the
// download lasts until it is cancelled. The dialog shows the run's output and its Cancel from the start.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openPage, startWorkbench, type Workbench } from '../workbench';

const VERSION = 'go1.22.12';
let wb: Workbench;
let server: http.Server;
let modcache: string;
const requests: string[] = [];
const sockets = new Set<Socket>();

test.beforeAll(async () => {
  server = http.createServer((req) => void requests.push(req.url ?? ''));
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  modcache = mkdtempSync(path.join(os.tmpdir(), 'gopsy-e2e-modcache-'));
  wb = await startWorkbench({
    env: { GOPROXY: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, GOMODCACHE: modcache, GOFLAGS: '-modcacherw' },
  });
});
test.afterAll(async () => {
  await wb?.stop();
  for (const s of sockets) s.destroy();
  server?.close();
  if (modcache) rmSync(modcache, { recursive: true, force: true });
});

test('a toolchain download shows in the dialog as it happens, and Cancel stops it', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = await openPage(page, wb, { width: 1600, height: 1000 });
  await page.getByRole('tab', { name: 'Build' }).click();
  const build = page.getByTestId('build-view');
  await build.getByLabel('Build profile').selectOption('Build the binary');
  await build.getByTestId('profile-another-version').click();

  const dialog = page.getByTestId('compare-view').getByTestId('another-version');
  await dialog.getByTestId('another-version-input').fill(VERSION);
  await expect(dialog.getByTestId('another-version-command')).toContainText(`GOTOOLCHAIN=${VERSION}`);
  await dialog.getByTestId('another-version-run').click();

  // The baseline builds with the current go; then the download starts and hangs at the proxy.
  const output = dialog.getByTestId('another-version-output');
  await expect(output).toContainText(`GOTOOLCHAIN=${VERSION}: the go command runs that Go`, { timeout: 120_000 });
  await expect.poll(() => requests.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await expect(dialog.locator('.status-cancelled')).toHaveText('cancelled', { timeout: 30_000 });
  await expect(output).toContainText(`cancelled while the go command was fetching ${VERSION}`);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeEnabled();
  // The runs list has it too, as cancelled, and the go command is gone (its connection closed).
  await page.getByRole('tab', { name: 'Build' }).click();
  await expect(build.getByTestId('build-run-row').first().locator('td').first()).toHaveText('cancelled');
  await expect(build.getByTestId('build-run-row').first()).toContainText('Build the binary');
  await expect.poll(() => [...sockets].every((s) => s.closed), { timeout: 10_000 }).toBe(true);
  expect(errors).toEqual([]);
});
