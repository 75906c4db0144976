// Every view fits the window once the page has settled (the editor laid out, the toolchain known), at
// a large and a small size: the page never scrolls, no panel lies outside the viewport, and pressing a
// button in a panel beside the source does not scroll the page.
import { expect, test, type Page } from '@playwright/test';
import { openPage, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
});

/** What the page shows once it has settled: the toolchain, the package list and the laid-out editor with the entry file. */
async function settle(page: Page): Promise<void> {
  await expect(page.getByTestId('toolchain')).toHaveText(/^go1\.\d+/);
  await expect(page.getByTestId('project-tree').locator('.pkg-dir', { hasText: 'store' })).toBeVisible();
  await expect(page.locator('[data-testid=editor] .view-lines')).toContainText('package main');
  // Monaco sets its own width in px once laid out: that width is what used to widen the page.
  await expect(page.locator('[data-testid=editor] .monaco-editor')).toHaveAttribute('style', /width: \d+px/);
}

/** Everything that lies outside the window: the page's scroll size, and each visible panel's box. */
async function outside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.scrollingElement!;
    const w = window.innerWidth;
    const h = window.innerHeight;
    if (doc.scrollWidth > w) out.push(`page scrollWidth ${doc.scrollWidth} > ${w}`);
    if (doc.scrollHeight > h) out.push(`page scrollHeight ${doc.scrollHeight} > ${h}`);
    if (doc.scrollLeft !== 0 || doc.scrollTop !== 0) out.push(`page scrolled to ${doc.scrollLeft},${doc.scrollTop}`);
    const panels = document.querySelectorAll('.workbench > *, .main-column > *, .view-row > *, .view-tabs, .console-panel');
    for (const el of panels) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // hidden view
      if (r.left < -0.5 || r.top < -0.5 || r.right > w + 0.5 || r.bottom > h + 0.5)
        out.push(`${el.className || el.tagName} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in ${w}x${h}`);
    }
    return out;
  });
}

for (const size of [
  { width: 1400, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`every view fits ${size.width}x${size.height} after the page settled`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors = await openPage(page, wb, size);
    await settle(page);
    const tabs = page.locator('.editor-column > .view-tabs > [role=tab]');
    const names = await tabs.allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Source', 'Build', 'SSA', 'Remarks', 'Debug', 'Session']));
    const source = tabs.filter({ hasText: /^Source$/ });
    for (const name of names) {
      // Each view is opened from the source editor, laid out at full width, as a user first does.
      await source.click();
      await expect(page.locator('[data-testid=editor] .monaco-editor')).toBeVisible();
      await tabs.filter({ hasText: new RegExp(`^${name}$`) }).click();
      await expect(tabs.filter({ hasText: new RegExp(`^${name}$`) })).toHaveAttribute('aria-selected', 'true');
      await expect.poll(() => outside(page), { message: `the ${name} view` }).toEqual([]);
    }

    // A button pressed in a panel beside the source leaves the page where it is.
    for (const [view, button] of [
      ['Remarks', 'Load newest run'],
      ['Debug', 'Import launch.json'],
    ] as const) {
      await source.click();
      await expect(page.locator('[data-testid=editor] .monaco-editor')).toBeVisible();
      await tabs.filter({ hasText: view }).click();
      const side = page.locator('.view-body.beside-source:visible');
      await expect(side).toHaveCount(1);
      await side.getByRole('button', { name: button }).click();
      await expect.poll(() => outside(page), { message: `after ${button} in ${view}` }).toEqual([]);
      await expect(page.getByTestId('project-tree')).toBeInViewport();
      await expect(page.locator('.toolbar')).toBeInViewport();
    }
    expect(errors).toEqual([]);
  });
}
