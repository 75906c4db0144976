// The Binary and Modules views in Chromium against the browser host: build the sample for analysis,
// see the treemap and the symbols table, drill into a package, disassemble a function and follow one
// of its source lines into the editor.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

async function openView(page: Page, title: string) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await page.getByRole('tab', { name: title }).click();
  return errors;
}

test('builds the sample, shows the treemap and table, and links disassembly to source', async ({ page }) => {
  const errors = await openView(page, 'Binary');
  await page.getByRole('button', { name: 'Build for analysis' }).click();
  const outcome = page.getByTestId('build-outcome');
  await expect(outcome).toContainText('go build -ldflags=-v -o inventory . → linked', { timeout: 90_000 });
  await expect(outcome).toContainText(/link step \d+ ms/);
  await expect(page.getByTestId('build-info')).toContainText('example.com/inventory');

  const treemap = page.getByTestId('treemap');
  await expect(treemap.locator('.tm-cell[data-name="std"]')).toBeVisible();
  await expect(page.getByTestId('symbols-table')).toContainText('runtime');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: path.join(REPO, 'docs/images/binary-view.png') });

  // Drill down: module → package, and back through the breadcrumb.
  // Cells show their children inside; a click on a cell's top-left corner (its label) opens the cell itself.
  await treemap.locator('.tm-cell.depth-0[data-name="example.com/inventory"]').click({ position: { x: 2, y: 2 } });
  await treemap.locator('.tm-cell.depth-0[data-name="example.com/inventory/store"]').click({ position: { x: 3, y: 3 } });
  await expect(page.getByTestId('treemap-breadcrumb')).toContainText('example.com/inventory › example.com/inventory/store');
  await expect(treemap.locator('.tm-cell[data-name="example.com/inventory/store.(*Store).Items"]')).toBeVisible();

  // Disassemble Items from the table and follow a source line.
  await page.getByLabel('Filter symbols').fill('store.(*Store).Items');
  await page.getByTestId('symbols-table').getByRole('button', { name: 'example.com/inventory/store.(*Store).Items', exact: true }).click();
  const dis = page.getByTestId('disassembly');
  await expect(dis).toContainText('example.com/inventory/store.(*Store).Items');
  const line = dis.getByTestId('asm-source').filter({ hasText: 'store/store.go:36' }).first();
  await line.click();
  await expect(page.getByTestId('editor-status')).toContainText('store/store.go');
  await expect(page.getByTestId('cursor-position')).toHaveText(/^Ln 36,/);
  expect(errors).toEqual([]);
});

test('shows a failed build as text, and the module panel', async ({ page }) => {
  const errors = await openView(page, 'Binary');
  await page.getByLabel('Package folder').fill('broken');
  await page.getByLabel('Build tags').fill('gopsy_broken');
  await page.getByRole('button', { name: 'Build for analysis' }).click();
  await expect(page.getByTestId('build-outcome')).toContainText('failed (exit 1)', { timeout: 90_000 });
  await expect(page.getByTestId('build-outcome')).toContainText('cannot use total');

  await page.getByRole('tab', { name: 'Modules' }).click();
  await expect(page.getByTestId('env-provenance')).toContainText('GOPROXY');
  await page.getByRole('button', { name: 'Run go mod verify' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('all modules verified');
  await page.getByLabel('Package import path').fill('sort');
  await page.getByRole('button', { name: 'Find import chain' }).click();
  await expect(page.getByTestId('import-chain')).toContainText('example.com/inventory → example.com/inventory/store → sort');
  await page.getByLabel('Error text').fill(
    'verifying example.com/lib@v1.0.0: checksum mismatch\n\tdownloaded: h1:AAAA=\n\tgo.sum:     h1:BBBB=\n\nSECURITY ERROR\n',
  );
  await page.getByRole('button', { name: 'Explain' }).click();
  await expect(page.getByTestId('module-explanation')).toContainText('Checksum mismatch for example.com/lib@v1.0.0');
  await expect(page.getByTestId('module-explanation')).toContainText('go mod download -json example.com/lib@v1.0.0');
  expect(errors).toEqual([]);
});
