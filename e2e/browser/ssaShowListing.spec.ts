// "Show SSA" while the SSA view lists another package: the view stops only the listing it started
// itself and a change supersedes, never the listing the request needs to find its function. Its own
// workbench, so no listing is in the backend's memory yet and every listing takes a real build.
import { expect, test } from '@playwright/test';
import { startWorkbench, type Workbench, openPage } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

interface Sent {
  method: string;
  params: { pkg?: string; job?: string };
}

test('"Show SSA" as the view opens on another package: the request\'s listing goes on, the view\'s superseded one is stopped', async ({ page }) => {
  // The SSA calls the page sends, in order.
  const sent: Sent[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const m = JSON.parse(String(f.payload)) as { t?: string } & Sent;
      if (m.t === 'req' && m.method.startsWith('ssa.')) sent.push(m);
    }),
  );
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await page.locator('[data-path="store/store.go"]').click();
  // The SSA view, when it mounts, picks the main package (picked there last time) while the request
  // lists the store package: two listings, the backend runs them one after the other.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) {
      if (k.startsWith('gopsy:file:')) localStorage.setItem(`gopsy:ssa.package:${k.slice('gopsy:file:'.length)}`, JSON.stringify('.'));
    }
  });
  const body = page.getByTestId('editor').locator('.view-line', { hasText: 'it.Qty += old.Qty' });
  await body.click();
  await body.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show SSA' }).hover();
  await page.keyboard.press('Enter');
  // A stopped request's listing shows as an error ("cancelled") instead of the function.
  await expect(page.getByTestId('ssa-function').or(page.getByTestId('ssa-error'))).toBeVisible({ timeout: 110_000 });
  await expect(page.getByTestId('ssa-error')).toHaveCount(0);
  await expect(page.getByTestId('ssa-function')).toContainText('(*Store).Add,1', { timeout: 110_000 });
  // The lookup's "Finding the function…" is gone once the function is known (while shown, it blocks
  // the view's own captures).
  await expect(page.getByText(/Finding the function at/)).toHaveCount(0);

  const listings = sent.filter((m) => m.method === 'ssa.functions');
  const cancelled = sent.filter((m) => m.method === 'ssa.cancel').map((m) => m.params.job);
  // The request's listing came first and was never stopped.
  expect(listings[0]?.params.pkg).toBe('./store');
  expect(cancelled).not.toContain(listings[0]!.params.job);
  // The view's listing of the main package, superseded when the request picked the store package, was
  // stopped. When the request reaches the view before the view's own listing starts (the request is
  // taken as the view mounts), there is no such listing to stop: the view lists only what was asked.
  for (const main of listings.filter((m) => m.params.pkg === '.')) expect(cancelled).toContain(main.params.job);
  expect(errors).toEqual([]);
});
