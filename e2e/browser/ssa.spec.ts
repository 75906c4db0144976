// The SSA browser in Chromium against the browser host and the real compiler: pick a function,
// see its phases, open one, look at its CFG and a diff; a name that matches nothing offers candidates.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { REPO, startWorkbench, type Workbench, openPage } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

test('captures (*Store).Add and browses its phases, CFG and diff', async ({ page }) => {
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'SSA' }).click();
  await page.getByTestId('ssa-package').selectOption({ label: 'example.com/inventory/store' });
  const funcs = page.getByTestId('ssa-functions');
  // The first listing compiles the dependencies into gopsy's private cache.
  await expect(funcs.getByText('(*Store).Add', { exact: true })).toBeVisible({ timeout: 110_000 });
  await expect(funcs.getByText('(*Store).Items.func1', { exact: true })).toBeVisible();
  await funcs.getByText('(*Store).Add', { exact: true }).click();
  await expect(page.getByTestId('ssa-function')).toContainText('(*Store).Add,1');
  const phases = page.getByTestId('ssa-phases');
  await expect(phases.locator('[data-phase="start"]')).toBeVisible();
  await expect(phases.locator('[data-phase="lower"]')).toBeVisible();
  await phases.locator('[data-phase="lower"]').click();
  const view = page.getByTestId('ssa-phase');
  await expect(view.locator('[data-block="b1"]')).toBeVisible();
  await expect(view).toContainText('= InitMem <mem>');
  await view.locator('[data-value="v1"] .ssa-vid').click();
  await expect(page.getByTestId('ssa-value-panel')).toContainText('the compiler recycles IDs');

  await expect(page.getByTestId('ssa-cfg').locator('[data-block="b1"]')).toBeVisible();
  await page.screenshot({ path: path.join(REPO, 'docs/images/ssa-view.png') });
  await page.getByRole('tab', { name: 'CFG' }).click();
  await page.getByTestId('ssa-cfg').locator('[data-block="b2"]').click();
  await expect(page.getByTestId('ssa-phase').locator('[data-block="b2"]')).toHaveClass(/selected/);

  await page.getByRole('tab', { name: 'Diff' }).click();
  await expect(page.getByTestId('ssa-diff-summary')).toContainText(/→ lower: \d+ values added/);
  await expect(page.getByTestId('ssa-diff').locator('.view-lines').first()).toContainText('b1');
  expect(errors).toEqual([]);
});

test('a name that matches nothing says so and offers candidates', async ({ page }) => {
  await page.goto(wb.url);
  await page.getByRole('tab', { name: 'SSA' }).click();
  await page.getByTestId('ssa-package').selectOption({ label: 'example.com/inventory/store' });
  await expect(page.getByTestId('ssa-functions').getByText('New', { exact: true })).toBeVisible({ timeout: 110_000 });
  await page.getByTestId('ssa-func-filter').fill('Add');
  await page.getByRole('button', { name: 'Capture name' }).click();
  const err = page.getByTestId('ssa-error');
  await expect(err).toContainText('No function named Add is compiled in example.com/inventory/store');
  await err.getByRole('button', { name: '(*Store).Add' }).click();
  await expect(page.getByTestId('ssa-function')).toContainText('(*Store).Add,1');
});

test('"Show SSA" in the editor captures the function under the cursor and marks its lines', async ({ page }) => {
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await page.locator('[data-path="store/store.go"]').click();
  const editor = page.getByTestId('editor');
  // Inside (*Store).Add: the cursor goes on its body, then the context menu.
  const body = editor.locator('.view-line', { hasText: 'it.Qty += old.Qty' });
  await body.click();
  await body.click({ button: 'right' });
  // Monaco's menu acts on its own key and mouse-up handling: focus the item, then Enter.
  await page.getByRole('menuitem', { name: 'Show SSA' }).hover();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ssa-view')).toBeVisible();
  await expect(page.getByTestId('ssa-function')).toContainText('(*Store).Add,1', { timeout: 110_000 });
  await expect(page.getByTestId('ssa-phase').locator('[data-block="b1"]')).toBeVisible();
  // Back in the editor, the lines that have values in that phase carry a glyph.
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await expect(editor.locator('.ssa-line-glyph').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the "Show SSA" code lens above a method shows that method\'s SSA; the lenses can be turned off', async ({ page }) => {
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await page.locator('[data-path="store/store.go"]').click();
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.view-lines')).toContainText('func (it Item) Total()');
  // One lens per declaration: a value receiver, pointer receivers, a plain func and a generic one.
  const lenses = editor.locator('.codelens-decoration a');
  await expect(lenses.first()).toHaveText('Show SSA');
  for (const name of ['Item.Total', 'New', '(*Store).Add', '(*Store).Items', 'Map']) {
    await expect(editor.locator(`.codelens-decoration a[title="Compile and show the SSA of ${name}"]`)).toHaveCount(1);
  }
  await page.screenshot({ path: path.join(REPO, 'docs/images/ssa-code-lens.png') });

  await editor.locator('.codelens-decoration a[title="Compile and show the SSA of Item.Total"]').click();
  await expect(page.getByTestId('ssa-view')).toBeVisible();
  await expect(page.getByTestId('ssa-function')).toContainText('Item.Total', { timeout: 110_000 });
  const phase = page.getByTestId('ssa-phase');
  await expect(phase.locator('[data-block="b1"]')).toBeVisible();
  // Total multiplies the quantity by the price: its SSA has the multiplication.
  await expect(phase).toContainText(/= Mul64 <int64>/);
  await page.screenshot({ path: path.join(REPO, 'docs/images/ssa-code-lens-result.png') });

  // Turned off, the lenses go, and stay off after a reload.
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await page.getByTestId('code-lens-toggle').uncheck();
  await expect(lenses).toHaveCount(0);
  await page.reload();
  await page.getByRole('tab', { name: 'Source', exact: true }).click();
  await page.locator('[data-path="store/store.go"]').click();
  await expect(editor.locator('.view-lines')).toContainText('func (it Item) Total()');
  await expect(page.getByTestId('code-lens-toggle')).not.toBeChecked();
  await expect(lenses).toHaveCount(0);
  await page.getByTestId('code-lens-toggle').check();
  await expect(lenses.first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a value of code inlined from another file opens that file at its line', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(wb.url);
  await page.getByRole('tab', { name: 'SSA' }).click();
  await page.getByTestId('ssa-package').selectOption({ label: 'example.com/inventory' });
  const funcs = page.getByTestId('ssa-functions');
  await expect(funcs.getByText('main', { exact: true })).toBeVisible({ timeout: 110_000 });
  await funcs.getByText('main', { exact: true }).click();
  await expect(page.getByTestId('ssa-function')).toContainText('main,1');
  await page.getByTestId('ssa-phases').locator('[data-phase="start"]').click();
  // main inlines (*Store).Value from store/store.go: its values say so on their line number. The
  // rows are virtual: scroll down until one of them is drawn.
  const phaseRows = page.getByTestId('ssa-phase');
  const inlined = phaseRows.locator('.ssa-line[title*="store.go:"][title*="(inlined)"]').first();
  await expect(phaseRows.locator('[data-block="b1"]')).toBeVisible();
  for (let i = 0; i < 200 && (await inlined.count()) === 0; i++) await phaseRows.evaluate((el) => (el.scrollTop += 300));
  await expect(inlined).toBeVisible();
  const line = /store\.go:(\d+)/.exec((await inlined.getAttribute('title'))!)![1];
  await inlined.click();
  await expect(page.getByTestId('editor-status')).toContainText('store/store.go');
  await expect(page.getByTestId('cursor-position')).toHaveText(new RegExp(`^Ln ${line},`));
  expect(errors).toEqual([]);
});

test('opens on the main package, says why a package has no function, and keeps the choice across a reload', async ({ page }) => {
  await openPage(page, wb);
  await page.getByRole('tab', { name: 'SSA' }).click();
  const picker = page.getByTestId('ssa-package');
  await expect(picker.locator('option:checked')).toHaveText('example.com/inventory');
  await expect(page.getByTestId('ssa-functions').getByText('main', { exact: true })).toBeVisible({ timeout: 110_000 });
  await picker.selectOption({ label: 'example.com/inventory/broken' });
  await expect(page.getByTestId('ssa-no-functions')).toHaveText(
    'The compiler compiles no function in example.com/inventory/broken. Left out by build constraints: typeerror.go.',
    { timeout: 110_000 },
  );
  await page.reload();
  await page.getByRole('tab', { name: 'SSA' }).click();
  await expect(page.getByTestId('ssa-package').locator('option:checked')).toHaveText('example.com/inventory/broken');
});

test('lists the package’s own functions before the instances and wrappers the compiler made, and filters them', async ({ page }) => {
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'SSA' }).click();
  await page.getByTestId('ssa-package').selectOption({ label: 'example.com/inventory' });
  const funcs = page.getByTestId('ssa-functions');
  await expect(funcs.getByText('main', { exact: true })).toBeVisible({ timeout: 110_000 });
  const groups = funcs.getByTestId('ssa-func-group');
  const group = (origin: string) => funcs.locator(`[data-origin="${origin}"] .ssa-func`);
  // What the compiler prints for the sample's main package (-d=ssa/regalloc/time): its own functions
  // in source order, store.Map instantiated over shapes and for Item, sync/atomic's Pointer for os, .eq functions.
  expect(await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-origin')))).toEqual(['own', 'elsewhere', 'shape', 'generated']);
  await expect(group('own')).toHaveText(['main', 'main.func1', 'main.func2']);
  await expect(group('elsewhere')).toContainText(['Map[example.com/inventory/store.Item,string]']);
  await expect(group('shape')).toContainText(['Map[go.shape.struct {']);
  await expect(group('generated')).toContainText(['.eq.[2]interface {}']);

  // The filter keeps the compiler's names and the grouping.
  await page.getByTestId('ssa-func-filter').fill('map[');
  await expect(funcs.locator('.ssa-func')).toHaveText([/^Map\[example\.com\/inventory\/store\.Item,string\]$/, /^Map\[go\.shape\.struct \{/]);
  expect(await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-origin')))).toEqual(['elsewhere', 'shape']);
  await page.getByTestId('ssa-func-filter').fill('func2');
  await expect(funcs.locator('.ssa-func')).toHaveText(['main.func2']);
  expect(errors).toEqual([]);
});

test('a package picked while another is still being listed never shows the other one’s functions', async ({ page }) => {
  // Every state of the list, with the package picked at that moment, from the page's first script on.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __ssaLists: string[] }).__ssaLists = seen;
    new MutationObserver(() => {
      const picker = document.querySelector<HTMLSelectElement>('[data-testid=ssa-package]');
      const names = [...document.querySelectorAll('[data-testid=ssa-functions] .ssa-func')].map((e) => e.textContent);
      if (picker && names.length) seen.push(`${picker.value}: ${names.join(' ')}`);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'SSA' }).click();
  // The main package is being listed (the default); store is picked meanwhile and queues behind it.
  await expect(page.getByTestId('ssa-package').locator('option:checked')).toHaveText('example.com/inventory');
  await page.getByTestId('ssa-package').selectOption({ label: 'example.com/inventory/store' });
  const funcs = page.getByTestId('ssa-functions');
  await expect(funcs.getByText('(*Store).Add', { exact: true })).toBeVisible({ timeout: 110_000 });
  const lists = await page.evaluate(() => (window as unknown as { __ssaLists: string[] }).__ssaLists);
  expect(lists.filter((l) => l.startsWith('store: ') && / main(\s|$)/.test(l))).toEqual([]);
  expect(lists.some((l) => l.startsWith('store: ') && l.includes('(*Store).Add'))).toBe(true);
  expect(errors).toEqual([]);
});
