// The instructions of source lines in Chromium against the browser host and the real compiler, on the
// asmlines sample: capture the remarks, select lines 45–57 of shapes/shapes.go, see their instructions
// beside the source (-S: no run kept a binary) with the bounds check remark, inlined code and jump
// arrows; hover both ways; follow the genssa link into the SSA browser.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { openPage, REPO, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench({ sample: 'asmlines' });
});
test.afterAll(async () => {
  await wb?.stop();
});

test('shows the instructions of selected lines with remarks, jumps and hover links', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = await openPage(page, wb, { width: 1600, height: 950 }, { project: /asmlines/ });
  // The remarks the listing interleaves come from an "Optimisation details" run (every package compiles).
  await page.getByRole('tab', { name: 'Remarks' }).click();
  await page.getByTestId('remarks-capture').click();
  await expect(page.getByTestId('remarks-table').getByTestId('remark-row').first()).toBeVisible({ timeout: 300_000 });

  await page.getByRole('tab', { name: 'Instructions' }).click();
  await page.locator('[data-path="shapes/shapes.go"]').click();
  const editor = page.getByTestId('editor');
  await expect(editor.locator('.view-lines')).toContainText('func Sum[T int | float64]');
  // Lines 45–57 (At and Total): go to line 45, extend the selection to the start of line 58.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+g');
  await page.keyboard.type('45');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 13; i++) await page.keyboard.press('Shift+ArrowDown');

  const panel = page.getByTestId('lines-asm');
  await expect(panel.getByTestId('asm-range')).toHaveText('shapes/shapes.go:45–57', { timeout: 60_000 });
  await expect(panel.getByTestId('asm-origin')).toContainText('compiled for this view: go build -gcflags=example.com/asmlines/shapes=-S -o /dev/null ./shapes');
  await expect(panel.getByTestId('asm-origin')).toContainText('Remarks of run');
  const fns = panel.getByTestId('asm-function');
  await expect(fns.filter({ hasText: 'example.com/asmlines/shapes.At' })).toHaveCount(1);
  await expect(fns.filter({ hasText: 'example.com/asmlines/shapes.Total' })).toHaveCount(1);
  await expect(panel.getByTestId('asm-remark').filter({ hasText: 'boundsCheck' }).first()).toBeVisible();
  await expect(panel.getByTestId('asm-insn').filter({ hasText: '← shapes/clamp.go:4' }).first()).toBeVisible();
  await expect(panel.locator('.asm-arrow').first()).toBeAttached();

  // Hover an instruction of line 54: the editor lights line 54.
  const insn54 = panel.locator('[data-testid=asm-insn][data-line="54"]').first();
  await insn54.hover();
  await expect(editor.locator('.asm-hot-line')).toHaveCount(1);
  await page.screenshot({ path: path.join(REPO, 'docs/images/lines-asm.png') });
  // Hover line 47 in the editor: its instructions light up in the panel.
  await page.mouse.move(0, 0);
  await editor.locator('.view-line', { hasText: 'return xs[i]' }).hover();
  await expect(panel.locator('.asm-row.hot [data-testid=asm-insn]').first()).toBeVisible();
  expect(await panel.locator('.asm-row.hot [data-testid=asm-insn]').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual(
    expect.arrayContaining(['47']),
  );

  // One click to the SSA browser's genssa column of Total.
  await fns.filter({ hasText: 'example.com/asmlines/shapes.Total' }).getByTestId('asm-genssa').click();
  await expect(page.getByRole('tab', { name: 'SSA' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('ssa-genssa')).toBeVisible({ timeout: 120_000 });
  expect(errors).toEqual([]);
});
