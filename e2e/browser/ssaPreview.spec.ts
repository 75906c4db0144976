// A big first phase is drawn from its first blocks while the backend parses the rest, then replaced
// by the whole phase: an ssa.html laid out as html.go writes it, with 40,000 values in one pass column
// (about 12 MB), opened in the SSA view of the browser host.
import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { madeUpSsaHtml } from '../../src/main/services/ssa/htmlIndex';
import { openPage, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
  mkdirSync(path.join(wb.project, 'big-ssa'));
  writeFileSync(path.join(wb.project, 'big-ssa/ssa.html'), madeUpSsaHtml(40_000));
});
test.afterAll(async () => {
  await wb?.stop();
});

test('the first blocks of a big phase show at once, then the whole phase', async ({ page }) => {
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'SSA' }).click();
  // Record whether the preview note ever showed: it may be up for only a fraction of a second.
  await page.evaluate(() => {
    const seen = new MutationObserver(() => {
      if (document.querySelector('[data-testid="ssa-preview"]')) (window as unknown as { sawPreview: string }).sawPreview = document.querySelector('[data-testid="ssa-preview"]')!.textContent ?? '';
    });
    seen.observe(document.body, { childList: true, subtree: true });
  });
  await page.getByTestId('ssa-open-dir').fill('big-ssa');
  await page.getByRole('button', { name: 'Open capture' }).click();
  await expect(page.getByTestId('ssa-phase').locator('[data-block]').first()).toBeVisible();
  await expect(page.getByTestId('ssa-preview')).toHaveCount(0, { timeout: 60_000 });
  const note = await page.evaluate(() => (window as unknown as { sawPreview?: string }).sawPreview);
  expect(note).toMatch(/^Showing the first \d+ values of opt while the rest is read…$/);
  // The note went with the preview: the rows are the whole phase's.
  await expect(page.getByTestId('ssa-phase').locator('[data-block]').first()).toBeVisible();
  expect(errors).toEqual([]);
});
