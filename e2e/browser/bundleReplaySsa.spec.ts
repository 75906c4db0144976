// The SSA a bundle's build run captured ("SSA of function" in its profile) opens in the SSA view from
// the bundle alone: recorded with the real toolchain on a copy of the sample that is then deleted,
// opened in the browser host, browsed without compiling anything. A capture made in the SSA view travels
// with Save Session the same way: listed in the save dialog, offered by the bundle, opened read-only.
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

test('an SSA capture made in the SSA view is saved with the session and opens from the bundle', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = await openPage(page, wb);
  await page.getByRole('tab', { name: 'SSA' }).click();
  await page.getByTestId('ssa-package').selectOption({ label: 'example.com/inventory/store' });
  const funcs = page.getByTestId('ssa-functions');
  await expect(funcs.getByText('(*Store).Value', { exact: true })).toBeVisible({ timeout: 110_000 });
  await funcs.getByText('(*Store).Value', { exact: true }).click();
  await expect(page.getByTestId('ssa-function')).toContainText('(*Store).Value,1');
  await expect(page.getByTestId('ssa-function')).not.toContainText('reading');
  const phaseNames = async () => page.getByTestId('ssa-phases').locator('[data-phase]').evaluateAll((els) => els.map((e) => e.getAttribute('data-phase')));
  await expect.poll(async () => (await phaseNames()).length).toBeGreaterThan(15);
  const live = await phaseNames();

  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByRole('button', { name: 'Save Session…' }).click();
  const item = page.getByTestId('save-items').locator('li', { hasText: 'SSA capture: (*Store).Value in example.com/inventory/store' });
  await expect(item.getByRole('checkbox')).toBeChecked();
  const file = path.join(path.dirname(wb.project), 'with-capture.gopsy');
  await page.getByTestId('save-session-path').fill(file);
  await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toContainText(`to ${file}`);

  await openBundle(page, file);
  await page.getByRole('tab', { name: 'SSA' }).click();
  const pick = page.getByTestId('ssa-bundle-open');
  const option = pick.locator('option', { hasText: 'with-capture ▸ SSA capture: ' });
  await expect(option).toHaveCount(1);
  await pick.selectOption({ label: (await option.textContent())! });
  await expect(page.getByTestId('ssa-function')).toContainText('(*Store).Value,1');
  await expect(page.getByTestId('ssa-function')).not.toContainText('reading');
  await expect.poll(phaseNames).toEqual(live);
  await page.getByTestId('ssa-phases').locator('[data-phase="start"]').click();
  await expect(page.getByTestId('ssa-phase').locator('[data-block="b1"]')).toBeVisible();
  expect(errors).toEqual([]);
});
