// The SSA a bundle's build run captured ("SSA of function" in its profile) opens in the SSA view from
// the bundle alone: recorded with the real toolchain on a copy of the sample that is then deleted,
// opened in the browser host, browsed without compiling anything.
import { expect, test } from '@playwright/test';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BuildProfile } from '../../src/shared/build';
import { BUILT_IN_PROFILES } from '../../src/main/services/runs/profiles';
import { RunService } from '../../src/main/services/runs/runService';
import { writeCaptureBundle } from '../../src/main/services/bundles/captureBundle';
import { openBundle, openPage, SAMPLE, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;
let file: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  wb = await startWorkbench();
  const base = path.dirname(wb.project);
  const elsewhere = path.join(base, 'elsewhere', 'inventory');
  cpSync(SAMPLE, elsewhere, { recursive: true });
  const runs = new RunService(path.join(base, 'elsewhere', 'storage'));
  const opt = BUILT_IN_PROFILES.find((p) => p.name === 'Optimisation details')!;
  const profile: BuildProfile = { ...opt, name: 'Value SSA', packages: ['./store'], capture: { ...opt.capture, ssaFunc: 'example.com/inventory/store.(*Store).Value' } };
  const m = await (await runs.start(elsewhere, profile)).done;
  expect(m.status).toBe('succeeded');
  file = path.join(base, 'ssa-replay.gopsy');
  await writeCaptureBundle(file, elsewhere, m, runs.store.runDir(elsewhere, m.id));
  rmSync(path.join(base, 'elsewhere'), { recursive: true, force: true });
});
test.afterAll(async () => {
  await wb?.stop();
});

test('a bundle run\'s captured SSA opens in the SSA view, read from the bundle', async ({ page }) => {
  const errors = await openPage(page, wb);
  await openBundle(page, file);
  await page.getByRole('tab', { name: 'SSA' }).click();
  const pick = page.getByTestId('ssa-bundle-open');
  await expect(pick.locator('option', { hasText: 'ssa-replay ▸ run' })).toHaveCount(1);
  await pick.selectOption({ label: (await pick.locator('option', { hasText: '(*Store).Value,1' }).textContent())! });
  await expect(page.getByTestId('ssa-function')).toContainText('(*Store).Value,1');
  await page.getByTestId('ssa-phases').locator('[data-phase="start"]').click();
  await expect(page.getByTestId('ssa-phase').locator('[data-block="b1"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Genssa' }).click();
  await expect(page.getByTestId('ssa-genssa')).toContainText('TEXT');
  expect(errors).toEqual([]);
});
