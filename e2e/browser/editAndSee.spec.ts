// Edit and see the effect, in Chromium against the browser host: type in the editor, save with Ctrl+S,
// click What changed for the function under the cursor and see the heap allocation the edit removed
// (the real compiler built the package before and after); the build made before the save says it is
// stale; unsaved changes survive a reload.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO, openPage, startWorkbench, type Workbench } from '../workbench';

const SHAPES = `package main

import "fmt"

type Point struct{ X, Y int }

//go:noinline
func NewPoint(x, y int) *Point {
	p := Point{X: x, Y: y}
	return &p
}

func main() {
	fmt.Println(NewPoint(1, 2).X)
}
`;

let wb: Workbench;
let src: string;

test.beforeAll(async () => {
  src = mkdtempSync(path.join(os.tmpdir(), 'gopsy-edit-src-'));
  const dir = path.join(src, 'shapes');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'go.mod'), 'module example.com/shapes\n\ngo 1.22\n');
  writeFileSync(path.join(dir, 'main.go'), SHAPES);
  writeFileSync(path.join(dir, 'util.go'), 'package main\n\nfunc double(n int) int { return 2 * n }\n');
  wb = await startWorkbench({ dir });
});
test.afterAll(async () => {
  await wb?.stop();
  rmSync(src, { recursive: true, force: true });
});

/** Opens the page on the project and the file in the editor; returns the page's errors list. */
async function openFile(page: Page, file: string): Promise<string[]> {
  const errors = await openPage(page, wb, undefined, { project: /shapes/ });
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await page.locator(`[data-path="${file}"]`).click();
  return errors;
}

/** Puts the cursor at the end of the editor line that contains `text`, then `left` characters back. */
async function cursorIn(page: Page, text: string, left = 0) {
  await page.getByTestId('editor').locator('.view-line', { hasText: text }).click();
  await page.keyboard.press('End');
  for (let i = 0; i < left; i++) await page.keyboard.press('ArrowLeft');
}

test('type, Ctrl+S, What changed shows the heap allocation gone', async ({ page }) => {
  const errors = await openFile(page, 'main.go');
  await expect(page.getByTestId('edit-state')).toHaveText('saved');

  // Return the Point by value: the escape through the returned pointer goes away.
  await cursorIn(page, 'func NewPoint(x, y int) *Point {', '*Point {'.length);
  await page.keyboard.press('Delete');
  await cursorIn(page, 'return &p', 1);
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('edit-state')).toHaveText('● modified');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('edit-state')).toHaveText('saved');
  expect(readFileSync(path.join(wb.project, 'main.go'), 'utf8')).toContain('func NewPoint(x, y int) Point {\n\tp := Point{X: x, Y: y}\n\treturn p\n');

  await cursorIn(page, 'p := Point{X: x, Y: y}');
  await page.getByTestId('edit-what-changed').click();
  const view = page.getByTestId('what-changed');
  // The workbench's storage is new, so its build cache is cold: the before's build takes a while and
  // says so (its step, the time, what compiles); Cancel ends it.
  const progress = view.getByTestId('what-changed-progress');
  await expect(progress).toHaveAttribute('data-step', 'before', { timeout: 60_000 });
  await expect(progress).toContainText('Building the package as it was before the edits (1 of 2)');
  await expect(progress).toContainText(/[1-9]\d* packages? compiled · now: /);
  await page.screenshot({ path: path.join(REPO, 'docs/images/what-changed-progress.png') });
  await progress.getByTestId('what-changed-cancel').click();
  await expect(view.getByRole('alert')).toContainText('Cancelled: go build stopped after');
  await expect(progress).toHaveCount(0);
  // By keyboard: Enter on Build again starts it, the focus moves to Cancel, Escape stops it.
  await view.getByTestId('what-changed-again').focus();
  await page.keyboard.press('Enter');
  await expect(progress.getByTestId('what-changed-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(view.getByRole('alert')).toContainText('Cancelled');
  await expect(progress).toHaveCount(0);
  await view.getByTestId('what-changed-again').click();
  await expect(view.getByTestId('what-changed-title')).toContainText('NewPoint', { timeout: 110_000 });
  const rows = view.getByTestId('compare-remark-rows');
  await expect(rows).toContainText('heap allocation gone');
  await expect(rows).toContainText('main.go:9');
  await expect(rows).not.toContainText('new heap allocation');
  // The SSA pass by pass: the allocation call is in the before (A) only.
  await expect(view.getByTestId('compare-ssa-function')).toContainText('NewPoint');
  await expect(view.getByText(/A {2}.*runtime\.newobject/).first()).toBeVisible();
  await page.screenshot({ path: path.join(REPO, 'docs/images/what-changed.png') });

  // Unsaved changes survive a reload, with a notice.
  await cursorIn(page, 'return p');
  await page.keyboard.press('Enter');
  await page.keyboard.type('// not saved yet');
  await expect(page.getByTestId('edit-state')).toHaveText('● modified');
  await page.waitForTimeout(600); // the draft is written 300 ms after the last key
  await page.reload();
  await expect(page.getByTestId('edit-restored')).toContainText('Restored unsaved changes to main.go');
  await expect(page.getByTestId('editor')).toContainText('// not saved yet');
  await expect(page.getByTestId('edit-state')).toHaveText('● modified');
  expect(readFileSync(path.join(wb.project, 'main.go'), 'utf8')).not.toContain('not saved yet');
  expect(errors).toEqual([]);
});

test('a file changed on disk since it was opened is never overwritten silently: compare, then choose', async ({ page }) => {
  const errors = await openFile(page, 'main.go');
  await expect(page.getByTestId('edit-state')).toHaveText('saved');
  const file = path.join(wb.project, 'main.go');
  const theirs = readFileSync(file, 'utf8').replace('func main() {', '// another program was here\nfunc main() {');
  writeFileSync(file, theirs);
  await cursorIn(page, 'p := Point{X: x, Y: y}');
  await page.keyboard.type(' // mine');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('edit-conflict')).toContainText('changed on disk since you opened it: nothing was saved');
  expect(readFileSync(file, 'utf8')).toBe(theirs);
  await page.getByTestId('edit-compare').click();
  const dialog = page.getByTestId('save-conflict-compare');
  await expect(dialog).toContainText('another program was here');
  await expect(dialog).toContainText('// mine');
  await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
  await expect(page.getByTestId('edit-state')).toHaveText('saved');
  const saved = readFileSync(file, 'utf8');
  expect(saved).toContain('p := Point{X: x, Y: y} // mine');
  expect(saved).not.toContain('another program was here');
  expect(errors).toEqual([]);
});

test('a huge generated file opens read-only and a binary file is refused, each saying why', async ({ page }) => {
  // Written into the workbench's copy only: a 3 MB table in a package nothing imports, and bytes with NULs.
  mkdirSync(path.join(wb.project, 'gen'), { recursive: true });
  const rows = Array.from({ length: 300_000 }, (_, i) => `\t${i * 7919 % 1_000_003},`).join('\n');
  writeFileSync(path.join(wb.project, 'gen', 'table_gen.go'), `// Code generated by the e2e test. DO NOT EDIT.\n\npackage gen\n\nvar Table = []int{\n${rows}\n}\n`);
  writeFileSync(path.join(wb.project, 'gen', 'blob.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 3]));
  const errors = await openFile(page, 'main.go');
  await page.keyboard.press('Control+P');
  const quick = page.getByTestId('quick-open');
  await quick.getByRole('textbox').fill('table_gen');
  await expect(quick.getByRole('option').first()).toContainText('gen/table_gen.go');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor-status')).toContainText('gen/table_gen.go');
  await expect(page.getByTestId('edit-state')).toContainText(/read-only: \d+\.\d MB is more than the editor edits \(2 MiB\)/);
  await expect(page.getByTestId('edit-save')).toHaveCount(0);
  await page.keyboard.press('Control+P');
  await quick.getByRole('textbox').fill('blob.bin');
  await expect(quick.getByRole('option').first()).toContainText('gen/blob.bin');
  await page.keyboard.press('Enter');
  await expect(page.locator('.banner.error[role="alert"]')).toContainText('gen/blob.bin is a binary file.');
  // The editor keeps the file it had.
  await expect(page.getByTestId('editor-status')).toContainText('gen/table_gen.go');
  expect(errors).toEqual([]);
});

test('switching files keeps each file\'s edits apart: the other file opens clean, the edited one comes back modified', async ({ page }) => {
  const errors = await openFile(page, 'main.go');
  await cursorIn(page, 'func main() {');
  await page.keyboard.type(' // draft in main');
  await expect(page.getByTestId('edit-state')).toHaveText('● modified');
  await page.locator('[data-path="util.go"]').click();
  await expect(page.getByTestId('editor')).toContainText('func double');
  await expect(page.getByTestId('edit-state')).toHaveText('saved');
  await page.locator('[data-path="main.go"]').click();
  await expect(page.getByTestId('editor')).toContainText('// draft in main');
  await expect(page.getByTestId('edit-state')).toHaveText('● modified');
  expect(readFileSync(path.join(wb.project, 'main.go'), 'utf8')).not.toContain('draft in main');
  expect(readFileSync(path.join(wb.project, 'util.go'), 'utf8')).not.toContain('draft in main');
  expect(errors).toEqual([]);
});

test('after a save, the SSA captured from the file says it is stale and captures again', async ({ page }) => {
  const errors = await openFile(page, 'util.go');
  await page.getByTestId('editor').getByText('Show SSA').first().click();
  await expect(page.getByTestId('ssa-function')).toContainText('double', { timeout: 110_000 });
  await expect(page.getByTestId('stale-notice')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await cursorIn(page, 'return 2 * n', ' }'.length);
  await page.keyboard.type(' + 1');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('edit-state')).toHaveText('saved');
  await page.getByRole('tab', { name: 'SSA', exact: true }).click();
  await expect(page.getByTestId('stale-notice')).toContainText('util.go was saved after this SSA of double was compiled');
  await page.getByTestId('stale-notice').getByRole('button', { name: 'Capture again' }).click();
  await expect(page.getByTestId('stale-notice')).toHaveCount(0, { timeout: 110_000 });
  expect(errors).toEqual([]);
});
