// The Compare view against the browser host with real builds: a profile that keeps the binary and
// captures one function's SSA runs with the current go, then "Same build, another Go version" reruns
// it with GOTOOLCHAIN (a version that does not exist first: a clear error), and the comparison of
// the two real runs shows its four sections. Also takes the docs screenshot.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openBundle, openPage, REPO, startWorkbench, type Workbench } from '../workbench';
import { writeBundle, type PlannedEntry } from '../../src/main/services/bundles/bundleWriter';

const OLD = 'go1.24.0';
let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

test('compares a build with the same build by another Go version', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = await openPage(page, wb, { width: 1600, height: 1000 });

  // A profile for comparing: every package compiled, remarks, the binary, and (*Store).Value's SSA.
  await page.getByRole('tab', { name: 'Build' }).click();
  const build = page.getByTestId('build-view');
  await build.getByLabel('Build profile').selectOption('Optimisation details');
  await build.getByRole('button', { name: 'Copy…' }).click();
  const editor = build.getByTestId('profile-editor');
  await editor.getByLabel('name', { exact: true }).fill('Compare versions');
  await editor.getByLabel('packages', { exact: true }).fill('.');
  await editor.getByLabel(/keep the linked binary/).check();
  await editor.getByLabel('SSA of function (GOSSAFUNC)').fill('example.com/inventory/store.(*Store).Value');
  await expect(build.getByTestId('build-preview')).toContainText('GOSSAFUNC=');
  await build.getByTestId('profile-save').click();
  await build.getByTestId('build-run').click();
  const row = build.getByTestId('build-run-row').first();
  await expect(row).toContainText('Compare versions');
  await expect(row.locator('td').first()).toHaveText('succeeded', { timeout: 200_000 });

  // From the run: the same build with another Go version, in the Compare view.
  await build.getByTestId('run-another-version').click();
  const view = page.getByTestId('compare-view');
  const dialog = view.getByTestId('another-version');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('another-version-input').fill('go1.99.0');
  await expect(dialog.getByTestId('another-version-command')).toContainText('GOTOOLCHAIN=go1.99.0');
  await dialog.getByTestId('another-version-run').click();
  await expect(dialog.getByTestId('another-version-error')).toContainText('Go go1.99.0 does not exist', {
    timeout: 60_000,
  });

  await dialog.getByTestId('another-version-input').fill(OLD);
  const command = dialog.getByTestId('another-version-command');
  await expect(command).toContainText(`GOTOOLCHAIN=${OLD}`);
  await expect(command).toContainText('-gcflags=all=-bench=');
  await dialog.getByTestId('another-version-run').click();
  await expect(dialog.getByTestId('another-version-output')).toContainText(`GOTOOLCHAIN=${OLD}`, {
    timeout: 60_000,
  });

  // When it ends, the comparison of the two runs opens.
  const result = view.getByTestId('compare-result');
  await expect(result).toBeVisible({ timeout: 240_000 });
  await expect(view.getByTestId('compare-side-b')).toContainText(OLD);
  await expect(view.getByTestId('compare-side-a')).not.toContainText(OLD);
  await expect(view.getByTestId('compare-timing')).toContainText(/\d+ packages · compile total/);
  await expect(view.getByTestId('compare-packages')).toContainText('example.com/inventory/store');
  await expect(view.getByTestId('compare-phases')).toContainText('be:compilefuncs');
  await expect(view.getByTestId('compare-remarks')).toContainText(/new \/ \d+ gone heap allocations/);
  await expect(view.getByTestId('compare-ssa')).toContainText('example.com/inventory/store.(*Store).Value,1');
  await expect(view.getByTestId('compare-ssa-passes')).toContainText('lower');
  await expect(view.getByTestId('compare-binary')).toContainText(
    /inventory: symbols [\d.]+ KiB → [\d.]+ KiB/,
  );

  await view.getByTestId('compare-ssa-passes').getByRole('button', { name: 'lower', exact: true }).click();
  await expect(view.getByTestId('compare-ssa-lines')).toBeVisible();
  await view.evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: path.join(REPO, 'docs/images/compare-go-versions.png') });

  // Sorting a table by a column.
  const firstPackage = async () =>
    (await view
      .getByTestId('compare-packages')
      .locator('tbody tr')
      .first()
      .locator('td')
      .first()
      .textContent()) ?? '';
  await view
    .getByTestId('compare-packages')
    .getByRole('columnheader', { name: /^package/ })
    .click();
  const asc = await firstPackage();
  await view
    .getByTestId('compare-packages')
    .getByRole('columnheader', { name: /^package/ })
    .click();
  const desc = await firstPackage();
  expect(asc.localeCompare(desc)).toBeLessThan(0);

  // A remark in the project opens its source line in the editor.
  const remarks = view.getByTestId('compare-remark-rows');
  await expect(remarks).toContainText('store/store.go');
  await remarks
    .getByRole('button', { name: /^store\/store\.go:\d+$/ })
    .first()
    .click();
  await expect(page.getByTestId('editor-status')).toContainText('store/store.go');
  expect(errors).toEqual([]);
});

test('a run inside an opened bundle compares with a run of the project', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The go1.24.0 run of the test above, saved as a bundle with the project's sources (as Save Session does).
  const runsRoot = path.join(wb.storage, 'runs');
  const runDirs = readdirSync(runsRoot).flatMap((k) =>
    readdirSync(path.join(runsRoot, k)).map((id) => path.join(runsRoot, k, id)),
  );
  const older = runDirs.find((d) => {
    const m = JSON.parse(readFileSync(path.join(d, 'manifest.json'), 'utf8')) as {
      goVersion?: string;
      status: string;
    };
    return m.goVersion === OLD && m.status === 'succeeded';
  });
  expect(older, 'the go1.24.0 run of the first test').toBeDefined();
  const id = path.basename(older!);
  const entries: PlannedEntry[] = [];
  for (const e of readdirSync(older!, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(older!, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    entries.push({
      path: `runs/${id}/${rel}`,
      kind: rel === 'manifest.json' ? 'run-manifest' : 'run-artefact',
      from: { file: path.join(older!, rel) },
      redact: false,
    });
  }
  for (const e of readdirSync(wb.project, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.go')) continue;
    const rel = path.relative(wb.project, path.join(e.parentPath, e.name)).split(path.sep).join('/');
    entries.push({
      path: `sources/${rel}`,
      kind: 'source',
      from: { file: path.join(wb.project, rel) },
      redact: false,
    });
  }
  const bundle = path.join(path.dirname(wb.project), 'old-toolchain.gopsy');
  await writeBundle(bundle, entries, { project: { name: 'inventory' }, toolchain: null, redactions: [] });

  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await openBundle(page, bundle);

  await page.getByRole('tab', { name: 'Compare' }).click();
  const view = page.getByTestId('compare-view');
  const fromBundle = view.getByTestId('compare-a').locator('option', { hasText: 'old-toolchain.gopsy ▸' });
  await expect(fromBundle).toHaveCount(1);
  await view.getByTestId('compare-a').selectOption({ label: (await fromBundle.textContent())! });
  const projectRun = view
    .getByTestId('compare-b')
    .locator('option', { hasText: /· go1\.(?!24\.0)\d+\.\d+ · Compare versions/ })
    .first();
  await view.getByTestId('compare-b').selectOption({ label: (await projectRun.textContent())! });
  await view.getByTestId('compare-go').click();
  await expect(view.getByTestId('compare-side-a')).toContainText(OLD);
  await expect(view.getByTestId('compare-result')).toContainText('old-toolchain.gopsy ▸ run');
  await expect(view.getByTestId('compare-timing')).toContainText(/\d+ packages · compile total/);
  await expect(view.getByTestId('compare-ssa')).toContainText('example.com/inventory/store.(*Store).Value,1');
  await expect(view.getByTestId('compare-binary')).toContainText(/inventory: symbols/);
  // Remarks of the bundled run are attributed to functions from the bundle's sources.
  await expect(view.getByTestId('compare-remark-rows')).toContainText('(*Store).Items');
  expect(errors).toEqual([]);
});

test('from a profile: built with the current go, then another version, compared; missing artefacts are said per side', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = await openPage(page, wb, { width: 1600, height: 1000 });
  await page.getByRole('tab', { name: 'Build' }).click();
  const build = page.getByTestId('build-view');
  await build.getByLabel('Build profile').selectOption('Build the binary');
  await build.getByTestId('profile-another-version').click();

  const view = page.getByTestId('compare-view');
  const dialog = view.getByTestId('another-version');
  await expect(dialog).toContainText('profile “Build the binary”: built with the current go');
  // The downloaded toolchains are offered.
  await dialog.getByRole('button', { name: OLD, exact: true }).click();
  await expect(dialog.getByTestId('another-version-base-command')).not.toContainText('GOTOOLCHAIN');
  await expect(dialog.getByTestId('another-version-command')).toContainText(`GOTOOLCHAIN=${OLD}`);
  await dialog.getByTestId('another-version-run').click();

  await expect(view.getByTestId('compare-result')).toBeVisible({ timeout: 240_000 });
  await expect(view.getByTestId('compare-side-b')).toContainText(OLD);
  await expect(view.getByTestId('compare-side-a')).not.toContainText(OLD);
  await expect(view.getByTestId('compare-binary')).toContainText(/inventory: symbols .* · file [\d.]+ KiB → [\d.]+ KiB/);
  // Two Go versions compared as whole files: the runtime's file bytes, the pclntab section, DWARF.
  await expect(view.getByTestId('compare-binary-file-packages')).toContainText('runtime');
  await expect(view.getByTestId('compare-binary-sections')).toContainText('.gopclntab');
  await expect(view.getByTestId('compare-binary-unattributed')).toContainText('.debug_info');
  await view.getByTestId('compare-binary').scrollIntoViewIfNeeded();
  await view.getByTestId('compare-binary').screenshot({ path: path.join(REPO, 'docs/images/compare-binary-file.png') });
  // This profile captures no phase times, remarks or SSA: each section says so for both sides.
  await expect(view.getByTestId('compare-timing')).toContainText('not compared');
  await expect(view.getByTestId('compare-timing')).toContainText('A (run ');
  await expect(view.getByTestId('compare-timing')).toContainText(
    'the profile "Build the binary" does not capture -bench',
  );
  await expect(view.getByTestId('compare-remarks')).toContainText('does not capture -json');
  await expect(view.getByTestId('compare-ssa')).toContainText('does not name a function to capture');
  expect(errors).toEqual([]);
});
