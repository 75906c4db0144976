// The workbench in Chromium against the browser host: open the sample, read a file in Monaco,
// build in a console, follow a compile error into the editor.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { REPO, openShell, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

async function openWorkbench(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The DOM renderer keeps terminal text in the page, where the test can read it.
  await page.goto(wb.url.replace('/?tkn=', '/?dom-renderer&tkn='));
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  return errors;
}

function editorText(page: Page) {
  return page.locator('[data-testid=editor] .view-lines');
}

test('opens the sample project, shows its packages and the toolchain', async ({ page }) => {
  const errors = await openWorkbench(page);
  const tree = page.getByTestId('project-tree');
  for (const dir of ['(root)', 'store', 'internal/textfmt', 'broken']) {
    await expect(tree.locator('.pkg-dir', { hasText: new RegExp(`^${dir.replace(/[()]/g, '\\$&')}$`) })).toBeVisible();
  }
  await expect(tree.locator('[data-path="store/store_test.go"]')).toHaveClass(/kind-test/);
  await expect(tree.locator('[data-path="broken/typeerror.go"]')).toHaveClass(/kind-ignored/);
  await expect(page.getByTestId('toolchain')).toHaveText(/^go1\.\d+/);
  // The first time a project opens, the editor shows the program's entry rather than nothing.
  await expect(page.getByTestId('editor-status')).toContainText('main.go');
  await expect(editorText(page)).toContainText('package main');
  expect(errors).toEqual([]);
});

test('opens a file in Monaco', async ({ page }) => {
  await openWorkbench(page);
  await page.locator('[data-path="store/store.go"]').click();
  await expect(editorText(page)).toContainText('package store');
  await expect(editorText(page)).toContainText('func (s *Store) Add(it Item)');
  await expect(page.getByTestId('editor-status')).toContainText('store/store.go');
});

test('runs go build in a console and shows the exit code', async ({ page }) => {
  await openWorkbench(page);
  await page.locator('.toolbar').getByRole('button', { name: 'go build' }).click();
  const tab = page.getByTestId('console-tab').last();
  await expect(tab.getByTestId('console-status')).toHaveText('exit 0', { timeout: 90_000 });
  await expect(page.locator('.console-view:visible .xterm-rows')).toContainText('$ go build ./...');
});

test('a compile error location in the console opens the file at that line', async ({ page }) => {
  await openWorkbench(page);
  const term = await openShell(page);
  await page.keyboard.type('go build -tags gopsy_broken ./...\n');
  const rows = term.locator('.xterm-rows');
  await expect(rows).toContainText('broken/typeerror.go:11:9: cannot use total', { timeout: 90_000 });

  // Hover the location to let xterm's link provider mark it, then click it.
  const link = rows.locator('div', { hasText: /^broken\/typeerror\.go:11:9/ }).last();
  const box = (await link.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.click(box.x + 30, box.y + box.height / 2);

  await expect(page.getByTestId('editor-status')).toContainText('broken/typeerror.go');
  await expect(page.getByTestId('cursor-position')).toHaveText('Ln 11, Col 9');
  await expect(editorText(page)).toContainText('return total');

  await page.screenshot({ path: path.join(REPO, 'docs/images/workbench.png') });
});

test('stops a running console', async ({ page }) => {
  await openWorkbench(page);
  const term = await openShell(page);
  await page.keyboard.type('go run . -wait 10m\n');
  await expect(term.locator('.xterm-rows')).toContainText('waiting 10m0s', { timeout: 90_000 });
  const tab = page.getByTestId('console-tab').last();
  await tab.getByRole('button', { name: 'Stop' }).click();
  await expect(tab.getByTestId('console-status')).toHaveText('stopped');
});

test('says clearly when a folder cannot be opened', async ({ page }) => {
  await openWorkbench(page);
  await page.getByRole('button', { name: 'Open Folder…' }).click();
  await page.getByTestId('open-folder-path').fill('/definitely/not/here');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText(/does not exist/);
  // Escape closes it, though the focus left the dialog when its Open button was disabled while busy.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
});

test('the project tree filters, folds every package and unfolds them again', async ({ page }) => {
  const errors = await openWorkbench(page);
  const tree = page.getByTestId('project-tree');
  const dirs = tree.locator('.pkg-dir');
  await expect(dirs).toHaveText(['(root)', 'broken', 'internal/textfmt', 'store']);
  // A file name keeps its package with only that file; a folder name keeps the whole package.
  await page.getByTestId('tree-filter').fill('textfmt.go');
  await expect(dirs).toHaveText(['internal/textfmt']);
  await expect(tree.locator('.tree-file')).toHaveText(['textfmt.go']);
  await page.getByTestId('tree-filter').fill('store');
  await expect(dirs).toHaveText(['store']);
  await expect(tree.locator('.tree-file')).toHaveText(['store.go', 'store_test.go']);
  await page.getByTestId('tree-filter').fill('no-such-name');
  await expect(page.getByTestId('tree-no-match')).toBeVisible();
  await page.getByTestId('tree-filter').fill('');

  await page.getByTestId('tree-collapse-all').click();
  await expect(tree.locator('[data-path="store/store.go"]')).toHaveCount(0);
  await expect(tree.locator('.tree-package-label[aria-expanded=true]')).toHaveCount(0);
  await expect(tree.locator('[data-path="go.mod"]')).toBeVisible(); // module files are not in a package
  await page.getByTestId('tree-expand-all').click();
  await expect(tree.locator('.tree-package-label[aria-expanded=false]')).toHaveCount(0);
  await expect(tree.locator('[data-path="store/store.go"]')).toBeVisible();

  // Folded to a strip, the editor gets the width; unfolded, the tree is back.
  const editor = page.getByTestId('editor');
  const wide = (await editor.boundingBox())!.width;
  await page.getByTestId('tree-fold').click();
  await expect(page.getByTestId('tree-unfold')).toBeVisible();
  await expect.poll(async () => (await editor.boundingBox())!.width).toBeGreaterThan(wide + 150);
  await page.getByTestId('tree-unfold').click();
  await expect(tree.locator('[data-path="store/store.go"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the console area is a bar until a console opens, and folds to it', async ({ page }) => {
  const errors = await openWorkbench(page);
  const panel = page.getByTestId('console-panel');
  await expect(page.getByTestId('console-empty')).toBeVisible();
  const bar = (await panel.boundingBox())!.height;
  expect(bar).toBeLessThan(60);
  await page.locator('.toolbar').getByRole('button', { name: 'go vet' }).click();
  await expect(page.getByTestId('console-tab').last().getByTestId('console-status')).toHaveText(/exit \d+/, { timeout: 90_000 });
  await expect(page.locator('.console-view:visible .xterm-rows')).toContainText('$ go vet');
  expect((await panel.boundingBox())!.height).toBeGreaterThan(bar + 100);

  const toggle = page.getByTestId('console-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.console-view:visible')).toHaveCount(0);
  await expect.poll(async () => (await panel.boundingBox())!.height).toBeLessThan(60);
  // The folded state is the user's, kept across a reload like the panel sizes.
  await page.reload();
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  expect(await page.evaluate(() => localStorage.getItem('gopsy:layout.consoleCollapsed'))).toBe('true');
  // Opening a console shows it.
  await page.locator('.toolbar').getByRole('button', { name: 'go vet' }).click();
  await expect(page.getByTestId('console-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('.console-view:visible .xterm-rows')).toContainText('$ go vet', { timeout: 90_000 });
  expect(errors).toEqual([]);
});
