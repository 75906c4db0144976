// The Binary and Modules views in Chromium against the browser host: build the sample for analysis,
// see the treemap and the symbols table, drill into a package, disassemble a function and follow one
// of its source lines into the editor.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench } from '../workbench';
import { growStore } from '../storeGrowth';

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
  // runtime.mheap_ and the rest of .bss take no bytes in the file: counted apart, not in the symbols' total.
  await expect(page.getByTestId('binary-sizes')).toContainText(/on disk, [\d.]+ \w+ of it in symbols; [\d.]+ \w+ more in memory only \(\.bss/);
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
  // As drawn (innerText applies CSS text-transform): a Go symbol keeps its case.
  await expect(dis.getByTestId('disassembly-symbol')).toHaveText('example.com/inventory/store.(*Store).Items', { useInnerText: true });
  const line = dis.getByTestId('asm-source').filter({ hasText: 'store/store.go:36' }).first();
  await line.click();
  await expect(page.getByTestId('editor-status')).toContainText('store/store.go');
  await expect(page.getByTestId('cursor-position')).toHaveText(/^Ln 36,/);
  expect(errors).toEqual([]);
});

test('compares the sizes of two builds and lists the dynamic libraries', async ({ page }) => {
  const errors = await openView(page, 'Binary');
  await page.getByRole('button', { name: 'Build for analysis' }).click();
  await expect(page.getByTestId('build-outcome')).toContainText('→ linked', { timeout: 90_000 });
  // A pure-Go binary: ldd reports it static.
  await expect(page.getByTestId('dynamic-libraries')).toContainText('Statically linked');

  // The store package grows (data its init keeps reachable); build again and compare.
  const shrink = growStore(wb.project);
  try {
    await page.getByRole('button', { name: 'Build for analysis' }).click();
    await expect(page.getByTestId('build-outcome')).toContainText('→ linked', { timeout: 90_000 });
    const diff = page.getByTestId('size-diff');
    await expect(page.getByLabel('Before binary')).toHaveCount(1);
    await diff.getByRole('button', { name: 'Compare sizes' }).click();
    await expect(page.getByTestId('size-diff-total')).toContainText(/\(\+\d+(\.\d)? KiB\)/);
    await expect(page.getByTestId('size-diff-packages').locator('tbody tr').first()).toContainText('example.com/inventory/store');
    const sym = page.getByTestId('size-diff-symbols').locator('tr', { hasText: 'example.com/inventory/store.growthTable' });
    await expect(sym).toContainText('+15.6 KiB');
    await page.setViewportSize({ width: 1400, height: 900 });
    await diff.scrollIntoViewIfNeeded();
    await diff.screenshot({ path: path.join(REPO, 'docs/images/binary-diff.png') });
  } finally {
    shrink();
  }

  // No run kept a binary yet: the list says how to get one. Run the profile that keeps it, then analyse it.
  const runBins = page.getByTestId('run-binaries');
  await expect(runBins).toContainText('none yet: run the “Build the binary” profile');
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Build the binary');
  await expect(view.getByTestId('build-preview')).toContainText('/out/');
  await view.getByTestId('build-run').click();
  await expect(view.getByTestId('build-run-row').first().locator('td').first()).toHaveText('succeeded', { timeout: 120_000 });
  await page.getByRole('tab', { name: 'Binary' }).click();
  await runBins.getByRole('button', { name: 'refresh' }).click();
  await runBins.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.locator('.binary-view h3')).toContainText(/inventory — run \d{8}-\d{6}-[0-9a-f]{6}: out\/inventory/);
  await expect(page.getByTestId('build-info')).toContainText('example.com/inventory');
  expect(errors).toEqual([]);
});

test.describe('a cgo binary that needs a shared library', () => {
  let cgo: Workbench;
  test.beforeAll(async () => {
    cgo = await startWorkbench({ sample: 'cgodeps' });
    mkdirSync(path.join(cgo.project, 'lib'));
    execFileSync('gcc', ['-shared', '-fPIC', '-o', path.join(cgo.project, 'lib', 'libgopsydemo.so'), path.join(cgo.project, 'clib', 'gopsydemo.c')]);
  });
  test.afterAll(async () => {
    await cgo?.stop();
  });

  test('flags the missing library and shows the loader search, after confirmation', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(cgo.url);
    await expect(page.getByTestId('project-name')).toHaveText(/cgodeps/);
    await page.getByRole('tab', { name: 'Binary' }).click();
    await page.getByRole('button', { name: 'Build for analysis' }).click();
    await expect(page.getByTestId('build-outcome')).toContainText('→ linked', { timeout: 90_000 });
    const dyn = page.getByTestId('dynamic-libraries');
    await expect(dyn.getByTestId('ldd-table').locator('tr', { hasText: 'libgopsydemo.so' })).toContainText('not found');

    // Nothing runs until the user confirms; Cancel runs nothing.
    await dyn.getByRole('button', { name: 'Trace the loader’s search…' }).click();
    await dyn.getByRole('button', { name: 'Cancel' }).click();
    await expect(dyn.getByTestId('loader-trace')).toHaveCount(0);
    await dyn.getByRole('button', { name: 'Trace the loader’s search…' }).click();
    await expect(dyn.getByRole('alertdialog')).toContainText('This runs cgodeps once');
    await dyn.getByRole('button', { name: 'Run it' }).click();
    const trace = dyn.getByTestId('loader-trace');
    await expect(trace).toContainText('LD_DEBUG=libs ./cgodeps → exit 127');
    await expect(trace.getByTestId('library-search').filter({ hasText: 'libgopsydemo.so' })).toContainText('not found');

    await dyn.getByLabel('LD_LIBRARY_PATH').fill(path.join(cgo.project, 'lib'));
    await dyn.getByRole('button', { name: 'Trace the loader’s search…' }).click();
    await dyn.getByRole('button', { name: 'Run it' }).click();
    await expect(trace).toContainText('→ exit 0');
    await expect(trace.getByTestId('library-search').filter({ hasText: 'libgopsydemo.so' })).toContainText(`found at ${path.join(cgo.project, 'lib', 'libgopsydemo.so')}`);
    await page.setViewportSize({ width: 1400, height: 900 });
    await dyn.scrollIntoViewIfNeeded();
    await dyn.screenshot({ path: path.join(REPO, 'docs/images/binary-dynamic-libraries.png') });
    expect(errors).toEqual([]);
  });
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
