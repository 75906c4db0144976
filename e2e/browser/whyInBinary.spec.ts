// "Why is this here?" in the Binary view, in Chromium against the browser host: a program that calls
// reflect.Value.MethodByName is built with the "Build the binary" profile (which records the linker's
// reachability graph), its binary is analysed, and a method nothing calls shows the chain that kept it,
// the culprits, and a step that opens its source line. Then a method is added and the program built again:
// the size diff of the two runs' binaries says why the new method appeared (MethodByName keeps it), its
// Why? link opens the chain, and a treemap cell's "Why is this here?" asks for a package.
import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  // The program of test/fixtures/dumpdep (scripts/fixtures-dumpdep.mjs), copied by the workbench.
  wb = await startWorkbench({ dir: path.join(REPO, 'test/fixtures/dumpdep/src/reflectmethod') });
});
test.afterAll(async () => {
  await wb?.stop();
});

test('a method kept by MethodByName: the chain, the culprits, and a step that opens its source', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/reflectmethod/);

  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Build the binary');
  await expect(view.getByTestId('build-preview')).toContainText('-ldflags=-dumpdep');
  await view.getByTestId('build-run').click();
  await expect(view.getByTestId('build-run-row').first().locator('td').first()).toHaveText('succeeded', { timeout: 120_000 });

  await page.getByRole('tab', { name: 'Binary' }).click();
  const runBins = page.getByTestId('run-binaries');
  await runBins.getByRole('button', { name: 'refresh' }).click();
  await runBins.getByRole('button', { name: 'Analyse' }).click();
  await expect(page.locator('.binary-view h3')).toContainText(/reflectmethod — run /);

  const table = page.getByTestId('symbols-table');
  await page.getByLabel('Filter symbols').fill('main.T.Unused');
  await table.locator('tr', { hasText: 'main.T.Unused' }).getByTestId('why-symbol').click();
  const why = page.getByTestId('why-in-binary');
  await expect(why.getByTestId('why-chain')).toContainText('_rt0_amd64_linux');
  await expect(why.getByTestId('why-chain').locator('li').last()).toContainText('main.T.Unused');
  await expect(why.getByTestId('why-culprits')).toContainText('reflect-method');
  await expect(why.getByTestId('why-culprits')).toContainText('interface-method');
  await why.scrollIntoViewIfNeeded();
  await why.screenshot({ path: path.join(REPO, 'docs/images/why-in-binary.png') });

  // A package from the table's package column: the import chain as well.
  await page.getByLabel('Filter symbols').fill('reflect.Value.MethodByName');
  await table.getByRole('button', { name: 'reflect', exact: true }).first().click();
  await expect(why.getByTestId('why-imports')).toContainText('example.com/reflectmethod → reflect');

  // Something the linker dropped says so.
  await why.getByLabel('Symbol or package').fill('net/http');
  await why.getByRole('button', { name: 'Why is this here?' }).click();
  await expect(why.getByTestId('why-message')).toContainText('net/http is not in the binary');

  // A step with a source line opens the editor there.
  await why.getByLabel('Symbol or package').fill('main.T.Unused');
  await why.getByRole('button', { name: 'Why is this here?' }).click();
  await why.getByTestId('why-step-link').filter({ hasText: /^main\.main$/ }).click();
  await expect(page.getByTestId('editor-status')).toContainText('main.go');
  await expect(page.getByTestId('cursor-position')).toHaveText(/^Ln 13,/);
  expect(errors).toEqual([]);
});

test('a symbol that appeared in the size diff says why; a treemap cell asks why too', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/reflectmethod/);
  const build = async () => {
    await page.getByRole('tab', { name: 'Build' }).click();
    const view = page.getByTestId('build-view');
    await view.getByLabel('Build profile').selectOption('Build the binary');
    const done = await view.getByTestId('build-run-row').count();
    await view.getByTestId('build-run').click();
    await expect(view.getByTestId('build-run-row')).toHaveCount(done + 1, { timeout: 30_000 });
    await expect(view.getByTestId('build-run-row').first().locator('td').first()).toHaveText('succeeded', { timeout: 120_000 });
  };
  /** Analyses the newest of `runs` kept binaries (the list is newest first, once refreshed). */
  const analyseNewest = async (runs: number) => {
    await page.getByRole('tab', { name: 'Binary' }).click();
    const runBins = page.getByTestId('run-binaries');
    await runBins.getByRole('button', { name: 'refresh' }).click();
    await expect(runBins.getByRole('button', { name: 'Analyse' })).toHaveCount(runs);
    await runBins.getByRole('button', { name: 'Analyse' }).first().click();
  };
  // The first test's run is the "before"; an exported method nothing calls is added for the "after".
  await analyseNewest(1);
  await expect(page.locator('.binary-view h3')).toContainText(/reflectmethod — run /);
  const firstRun = await page.locator('.binary-view h3').textContent();
  await writeFile(path.join(wb.project, 'added.go'), 'package main\n\nimport "os"\n\nfunc (T) Added() { os.Stdout.WriteString("added later, never called\\n") }\n');
  await build();
  await analyseNewest(2);
  await expect(page.locator('.binary-view h3')).not.toHaveText(firstRun!);
  const diff = page.getByTestId('size-diff');
  await diff.getByRole('button', { name: 'Compare sizes' }).click();
  const row = page.getByTestId('size-diff-symbols').locator('tr', { has: page.locator('td', { hasText: /^main\.T\.Added$/ }) });
  await expect(row.getByTestId('size-diff-why')).toContainText('_rt0_amd64_linux');
  await expect(row.getByTestId('size-diff-why')).toContainText('reflect-method');
  await diff.getByTestId('size-diff-symbols').scrollIntoViewIfNeeded();
  await diff.screenshot({ path: path.join(REPO, 'docs/images/binary-diff-why.png') });
  await row.getByTestId('size-diff-why-link').click();
  const why = page.getByTestId('why-in-binary');
  await expect(why.getByTestId('why-chain').locator('li').last()).toContainText('main.T.Added');
  await expect(why.getByTestId('why-culprits')).toContainText('reflect-method');

  // The treemap: a right click on the reflect package's cell, then "Why is this here?".
  const treemap = page.getByTestId('treemap');
  await treemap.locator('.tm-cell.kind-package[data-name="reflect"]').first().click({ button: 'right' });
  await expect(treemap.getByTestId('treemap-detail')).toContainText('reflect');
  await treemap.getByTestId('treemap-detail').getByTestId('treemap-why').click();
  await expect(why.getByLabel('Symbol or package')).toHaveValue('reflect');
  await expect(why.getByTestId('why-imports')).toContainText('example.com/reflectmethod → reflect');
  expect(errors).toEqual([]);
});
