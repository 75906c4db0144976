// The SSA view on the sample's main.main (61 blocks in its first phase: its graph is 730 px wide at
// 1:1, its entry block 310 px from the left): the first listing shows what compiles and can be
// cancelled; the CFG, in the mini view and in its tab, shows the entry block in its box from the start,
// zooms and pans, and brings a block selected in the phase view into sight.
import { expect, test } from '@playwright/test';
import { startWorkbench, type Workbench, openPage } from '../workbench';
import { expectInside, shot } from '../checks';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

test('a listing shows what compiles and can be cancelled; the CFG of main.main fits its box, zooms and follows the selection', async ({ page }) => {
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'SSA' }).click();
  await page.getByTestId('ssa-package').selectOption({ label: 'example.com/inventory' });
  // The first listing compiles the standard library into gopsy's private cache: it says so, and stops.
  const job = page.getByTestId('ssa-job').filter({ hasText: 'Listing the functions of .:' });
  await expect(job).toContainText(/packages compiled of the \d+ in the build/, { timeout: 60_000 });
  await expect(job).toContainText('go build -toolexec');
  await shot(page, 'ssa-listing-progress.png');
  await job.getByTestId('ssa-job-cancel').click();
  await expect(page.getByTestId('ssa-error')).toContainText(/Cancelled: go build stopped after [\d.]+ s/);
  await expect(page.getByTestId('ssa-job')).toHaveCount(0);

  // Listed again (the test build and back), it runs to the end.
  const testBuild = page.getByLabel('test build');
  await testBuild.check();
  await testBuild.uncheck();
  const funcs = page.getByTestId('ssa-functions');
  await expect(funcs.getByText('main', { exact: true })).toBeVisible({ timeout: 180_000 });
  await funcs.getByText('main', { exact: true }).click();
  await expect(page.getByTestId('ssa-function')).toContainText('main,1', { timeout: 120_000 });

  const mini = page.locator('.ssa-mini-cfg');
  const entry = mini.locator('g.entry rect');
  await expectInside(entry, mini.getByTestId('ssa-cfg'));
  await expectInside(entry, mini.getByTestId('cfg-canvas'));
  await shot(page, 'ssa-mini-cfg-fitted.png');

  // Zoomed in about the middle, the entry block leaves the box; selected in the phase view, it comes back.
  const scale = mini.getByTestId('cfg-scale');
  const before = await scale.textContent();
  for (let i = 0; i < 6; i++) await mini.getByTestId('cfg-zoom-in').click();
  await expect(scale).not.toHaveText(before!);
  await expect.poll(async () => {
    const b = await entry.boundingBox();
    const c = await mini.getByTestId('cfg-canvas').boundingBox();
    return !!b && !!c && (b.y + b.height < c.y || b.y > c.y + c.height || b.x + b.width < c.x || b.x > c.x + c.width);
  }).toBe(true);
  await page.getByTestId('ssa-phase').locator('[data-block="b1"] .ssa-bid').click();
  await expect(mini.locator('g[data-block="b1"]')).toHaveClass(/selected/);
  await expectInside(entry, mini.getByTestId('cfg-canvas'));
  await shot(page, 'ssa-mini-cfg-selected.png');

  // Fit brings the whole graph back; Ctrl+wheel zooms about the pointer; a drag moves the graph.
  await mini.getByTestId('cfg-fit').click();
  await expectInside(entry, mini.getByTestId('cfg-canvas'));
  const fitted = await scale.textContent();
  const canvas = mini.getByTestId('cfg-canvas');
  const c = (await canvas.boundingBox())!;
  await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect(scale).not.toHaveText(fitted!);
  const at = (await entry.boundingBox())!;
  await page.mouse.move(c.x + 20, c.y + c.height - 20);
  await page.mouse.down();
  await page.mouse.move(c.x + 60, c.y + c.height - 60, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await entry.boundingBox())!.x - at.x)).toBe(40);

  // The CFG tab: fitted as well, the entry block in its box.
  await page.getByRole('tab', { name: 'CFG' }).click();
  const tab = page.locator('.ssa-main > [data-testid="ssa-cfg"]');
  await expectInside(tab.locator('g.entry rect'), tab.getByTestId('cfg-canvas'));
  await shot(page, 'ssa-cfg-tab.png');
  // A click on a block still selects it.
  await tab.locator('g[data-block="b2"]').click();
  await page.getByRole('tab', { name: 'Phase' }).click();
  await expect(page.getByTestId('ssa-phase').locator('[data-block="b2"]')).toHaveClass(/selected/);
  expect(errors).toEqual([]);
});
