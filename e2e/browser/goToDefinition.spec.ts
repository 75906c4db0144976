// Code navigation in Chromium against the browser host, with a real gopls: hover, go to definition into
// another package and into the standard library (opened read-only with its origin), Go Back, peek
// references, Ctrl+P quick open and Ctrl+T workspace symbols; gopls's log as a tab of the console area.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, openPage, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;
test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();

/** Puts the cursor on the second character of `word` in the first line holding `lineText` (Monaco's Ctrl+G). */
async function cursorOn(page: Page, lines: string[], lineText: string, word: string) {
  const line = lines.findIndex((l) => l.includes(lineText));
  expect(line).toBeGreaterThanOrEqual(0);
  const index = lines[line]!.indexOf(word, lines[line]!.indexOf(lineText)) + 1;
  const column = index + 1;
  // Ctrl+G counts visible columns (a tab is 4 wide); the status line counts characters.
  const visible = lines[line]!.slice(0, index).replace(/\t/g, '    ').length + 1;
  await page.locator('.editor-host:visible').first().click({ position: { x: 300, y: 20 } });
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${line + 1}:${visible}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cursor-position')).toContainText(`Ln ${line + 1}, Col ${column}`);
}

test('hover, go to definition into the project and the standard library, back, references, quick open', async ({ page }) => {
  const errors = await openPage(page, wb);
  const status = page.getByTestId('editor-status');
  await expect(status).toContainText('main.go');

  // Hover: the type and the doc comment, from gopls.
  const main = readFileSync(path.join(wb.project, 'main.go'), 'utf8').split('\n');
  await cursorOn(page, main, 's := store.New()', 'New');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('func store.New() *store.Store', { timeout: 60_000 });
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('New returns an empty store.');
  await page.keyboard.press('Escape');

  // F12 into another package, Alt+Left back.
  await page.keyboard.press('F12');
  await expect(status).toContainText('store/store.go');
  await expect(page.getByTestId('cursor-position')).toContainText(/Ln 24,/);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(status).toContainText('main.go');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(status).toContainText('store/store.go');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(status).toContainText('main.go');

  // Shift+F12: peek references across packages.
  await cursorOn(page, main, 'fmt.Println("value:", textfmt.Cents(s.Value()))', 'Value');
  await page.keyboard.press('Shift+F12');
  const peek = page.locator('.peekview-widget');
  await expect(peek).toBeVisible({ timeout: 60_000 });
  await expect(peek).toContainText('store.go');
  await page.keyboard.press('Escape');

  // F12 into the standard library: fmt/print.go, read-only, with where it comes from.
  await cursorOn(page, main, 'fmt.Println("items:", textfmt.Join(names))', 'Println');
  await page.keyboard.press('F12');
  await expect(status).toContainText('/src/fmt/print.go');
  await expect(page.getByTestId('editor-origin')).toHaveText(`Go stdlib ${goVersion}`);
  await expect(status).toContainText('read-only');
  await expect(page.locator('.view-line', { hasText: 'func Println(a ...any)' })).toBeVisible();
  const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  const print = readFileSync(path.join(goroot, 'src/fmt/print.go'), 'utf8').split('\n');
  await cursorOn(page, print, 'return Fprintln(os.Stdout, a...)', 'Fprintln');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('func Fprintln(w io.Writer, a ...any) (n int, err error)', { timeout: 60_000 });
  await page.screenshot({ path: path.join(REPO, 'docs/images/go-to-definition.png') });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(status).toContainText('main.go');

  // Ctrl+P: a file by a few letters of its path.
  await page.keyboard.press('Control+P');
  const quick = page.getByTestId('quick-open');
  await quick.getByRole('textbox').fill('txtfmt');
  await expect(quick.getByRole('option').first()).toContainText('internal/textfmt/textfmt.go');
  await page.keyboard.press('Enter');
  await expect(status).toContainText('internal/textfmt/textfmt.go');

  // Ctrl+T: a symbol of the workspace.
  await page.keyboard.press('Control+T');
  await quick.getByRole('textbox').fill('Filter');
  await expect(quick.getByRole('option').filter({ hasText: 'store/store.go' }).first()).toBeVisible({ timeout: 60_000 });
  await quick.getByRole('option').filter({ hasText: 'store/store.go' }).first().dispatchEvent('mousedown');
  await expect(status).toContainText('store/store.go');
  await expect(page.getByTestId('cursor-position')).toContainText(/Ln 54,/);

  // Ctrl+Shift+O: the file's outline from gopls's document symbols.
  await page.locator('.editor-host:visible').first().click({ position: { x: 300, y: 20 } });
  await page.keyboard.press('Control+Shift+O');
  const outline = page.locator('.quick-input-widget');
  await expect(outline).toContainText('Filter', { timeout: 60_000 });
  await expect(outline).toContainText('Items');
  await page.keyboard.press('Escape');

  expect(errors).toEqual([]);
});

test('Show gopls Log opens its stderr as a read-only tab of the console area', async ({ page }) => {
  const errors = await openPage(page, wb);
  await page.goto(wb.url.replace('/?tkn=', '/?dom-renderer&tkn=')); // xterm's rows as DOM text
  await expect(page.getByTestId('editor-status')).toContainText('main.go');
  // A hover starts gopls (the log then has gopsy's line about it), then F1 ▸ Show gopls Log.
  const main = readFileSync(path.join(wb.project, 'main.go'), 'utf8').split('\n');
  await cursorOn(page, main, 's := store.New()', 'New');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('func store.New() *store.Store', { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.locator('.editor-host:visible').first().click({ position: { x: 300, y: 20 } });
  await page.keyboard.press('F1');
  await expect(page.locator('.quick-input-widget')).toBeVisible();
  await page.keyboard.type('Show gopls Log');
  await expect(page.locator('.quick-input-widget')).toContainText('Show gopls Log');
  await page.keyboard.press('Enter');
  const tab = page.getByTestId('console-tab').filter({ hasText: 'gopls log' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab.getByTestId('console-status')).toHaveText('log');
  const log = page.getByTestId('gopls-log-view');
  await expect(log.locator('.xterm-rows')).toContainText('gopls serve: its stderr, read-only');
  await expect(log.locator('.xterm-rows')).toContainText(/started gopls \S+ serve \(pid \d+\)/);
  await page.screenshot({ path: path.join(REPO, 'docs/images/gopls-log.png') });
  // Read-only: typing into it sends nothing anywhere and changes nothing.
  const before = await log.locator('.xterm-rows').innerText();
  await log.locator('textarea.xterm-helper-textarea').focus();
  await page.keyboard.type('ls\n');
  expect(await log.locator('.xterm-rows').innerText()).toBe(before);
  // Closing the tab and showing it again reads the log anew.
  await tab.getByRole('button', { name: 'Close log' }).click();
  await expect(tab).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('without gopls the editor still works and one line says how to install it', async ({ page }) => {
  const missing = await startWorkbench({ env: { GOPSY_GOPLS: '/nonexistent/gopls' } });
  try {
    const errors = await openPage(page, missing);
    await expect(page.getByTestId('gopls-problem')).toContainText('go install golang.org/x/tools/gopls@v0.23.0');
    await expect(page.getByTestId('editor-status')).toContainText('main.go');
    await expect(page.locator('.view-line', { hasText: 'func main() {' })).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await missing.stop();
  }
});
