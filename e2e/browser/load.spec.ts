// The window under console load: several consoles print megabytes at once; the page must stay
// responsive. Records the longest main-thread task seen (PerformanceObserver 'longtask').
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import {
  installLongTaskProbe,
  openShell,
  proveLongTaskProbe,
  startWorkbench,
  takeLongTasks,
  type Workbench,
} from '../workbench';
import { recordTrial, saveTrials } from '../../test/hardening/trials';

const CONSOLES = 4;
const MB_EACH = Number(process.env.GOPSY_LOAD_MB ?? 2);

let wb: Workbench;
test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
  saveTrials('window-load');
});

test(`${CONSOLES} consoles printing ${MB_EACH} MB each keep the window responsive`, async ({ page }) => {
  test.setTimeout(300_000);
  const files: string[] = [];
  for (let i = 0; i < CONSOLES; i++) {
    const f = path.join(wb.project, `load${i}.txt`);
    const fd = openSync(f, 'w');
    for (let k = 0; k < MB_EACH * 8; k++)
      writeSync(
        fd,
        randomBytes(98_304)
          .toString('base64')
          .replace(/(.{100})/g, '$1\n') + '\n',
      );
    closeSync(fd);
    files.push(f);
  }
  await installLongTaskProbe(page);
  await page.goto(wb.url.replace('/?tkn=', '/?dom-renderer&tkn='));
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await proveLongTaskProbe(page);

  const t0 = Date.now();
  for (let i = 0; i < CONSOLES; i++) {
    await openShell(page);
    await page.keyboard.type(`cat ${path.basename(files[i]!)}; echo LOAD-DONE-$((${i}+1000))\n`);
  }
  // Every console must reach its end marker; switching tabs renders each one.
  const tabs = page.getByTestId('console-tab');
  for (let i = 0; i < CONSOLES; i++) {
    await tabs.nth(i).click();
    await expect(page.locator('.console-view:visible .xterm-rows')).toContainText(`LOAD-DONE-${i + 1000}`, {
      timeout: 240_000,
    });
  }
  const seconds = (Date.now() - t0) / 1000;
  // The page still answers input promptly: open the folder dialog and close it.
  await page.getByRole('button', { name: 'Open Folder…' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  const { longest, count } = await takeLongTasks(page);
  const heap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  recordTrial({
    area: 'load',
    what: `The window (Chromium, DOM renderer) with ${CONSOLES} consoles printing ${MB_EACH} MB each at once`,
    cases: CONSOLES,
    outcome: `all consoles reached their end marker in ${seconds.toFixed(1)} s; longest main-thread task ${longest.toFixed(0)} ms (${count} tasks over 50 ms); JS heap afterwards ${(heap / 2 ** 20).toFixed(0)} MiB`,
    ok: true,
  });
});
