// The build timeline is a canvas: tests reach a bar by selecting its row in the actions table (the
// timeline brings it into view and reports where it drew it) and then point at that spot.
import { expect, type Locator, type Page } from '@playwright/test';

/** Selects the action of `pkg` in `mode` through the table and returns the page point at its bar's centre. */
export async function barPoint(page: Page, scope: Locator, pkg: string, mode: string): Promise<{ x: number; y: number }> {
  const tables = scope.getByTestId('build-tables');
  await tables.getByRole('tab', { name: /Slowest actions/ }).click();
  await tables.getByTestId('build-table-filter').fill(pkg);
  await tables.getByLabel('Mode').selectOption(mode);
  const row = tables.getByTestId('table-actions').getByTestId('build-table-row').filter({ has: page.getByRole('cell', { name: new RegExp(`^${pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ◆)?$`) }) });
  await row.first().click();
  const canvas = scope.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-selected-box', /\d/);
  const [x, y, w, h] = (await canvas.getAttribute('data-selected-box'))!.split(',').map(Number) as [number, number, number, number];
  const box = (await canvas.boundingBox())!;
  await tables.getByTestId('build-table-filter').fill('');
  await tables.getByLabel('Mode').selectOption('');
  return { x: box.x + x + w / 2, y: box.y + y + h / 2 };
}
