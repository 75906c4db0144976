// Hostile files opened in the workbench: an ssa.html with script and event-handler markup, a link
// to another origin, an absurdly long line and bytes that are not UTF-8; a truncated one. Each must
// give a clear message or a partial view, run no script, request nothing from another origin, and
// leave the app usable.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench } from '../workbench';
import { recordTrial, saveTrials } from '../../test/hardening/trials';

let wb: Workbench;
test.beforeAll(async () => {
  wb = await startWorkbench();
  const real = readFileSync(path.join(REPO, 'test/fixtures/ssa/store-add/ssa.html'));
  const evil = Buffer.concat([
    Buffer.from(
      real
        .toString('latin1')
        .replace('<body>', '<body><script>window.__pwned = 1; alert(1)</script><img src="http://evil.example/x.png" onerror="window.__pwned = 2">')
        .replace('</td>', '<svg onload="window.__pwned = 3"></svg>' + 'A'.repeat(200_000) + '</td>'),
      'latin1',
    ),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]),
  ]);
  mkdirSync(path.join(wb.project, 'hostile-ssa'));
  writeFileSync(path.join(wb.project, 'hostile-ssa/ssa.html'), evil);
  mkdirSync(path.join(wb.project, 'truncated-ssa'));
  writeFileSync(path.join(wb.project, 'truncated-ssa/ssa.html'), real.subarray(0, Math.floor(real.length * 0.4)));
});
test.afterAll(async () => {
  await wb?.stop();
  saveTrials('hostile-e2e');
});

function watch(page: Page) {
  const foreign: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:' && u.protocol !== 'blob:') foreign.push(r.url());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { foreign, dialogs };
}

async function openCapture(page: Page, dir: string) {
  await page.getByRole('tab', { name: 'SSA' }).click();
  await page.getByTestId('ssa-open-dir').fill(dir);
  await page.getByRole('button', { name: 'Open capture' }).click();
}

test('an ssa.html with markup is shown as text and runs nothing', async ({ page }) => {
  const seen = watch(page);
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await openCapture(page, 'hostile-ssa');
  await expect(page.getByTestId('ssa-function')).toContainText('Add', { timeout: 60_000 });
  await expect(page.getByTestId('ssa-phases')).toContainText('start');
  await page.waitForTimeout(500); // give any injected handler the chance to fire
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src*="evil.example"], svg[onload]').count()).toBe(0);
  expect(seen.dialogs).toEqual([]);
  expect(seen.foreign).toEqual([]);
  // Still usable.
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await page.locator('[data-path="store/store.go"]').click();
  await expect(page.locator('[data-testid=editor] .view-lines')).toContainText('package store');
  recordTrial({
    area: 'hostile input',
    what: 'An ssa.html with <script>, onerror/onload handlers, an image from another origin, a 200,000-character line and non-UTF-8 bytes, opened in the SSA view (Chromium, browser host)',
    cases: 1,
    outcome: 'shown as data; no script ran, no dialog, no request to another origin, no injected element; the app stayed usable',
    ok: true,
  });
});

test('a truncated ssa.html opens as a partial view with a clear mark', async ({ page }) => {
  const seen = watch(page);
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await openCapture(page, 'truncated-ssa');
  await expect(page.getByTestId('ssa-function')).toContainText('partial', { timeout: 60_000 });
  expect(seen.dialogs).toEqual([]);
  expect(seen.foreign).toEqual([]);
  recordTrial({ area: 'hostile input', what: 'An ssa.html cut at 40% opened in the SSA view', cases: 1, outcome: 'opened as a view marked "partial"', ok: true });
});

test('a folder outside the project is refused with a message', async ({ page }) => {
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await openCapture(page, '../../../etc');
  await expect(page.getByTestId('ssa-error')).toBeVisible();
  await expect(page.getByTestId('ssa-error')).toContainText(/outside|not/i);
});
