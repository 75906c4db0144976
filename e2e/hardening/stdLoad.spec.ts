// Load trial: `go build -a std` with every artefact captured (-x, -work, action graph, trace, -bench
// phase times, -json remarks), run from the Build view while the Remarks view is mounted, then the
// timeline and the remarks of the whole standard library explored in the window. Records how long the
// build took, how many bars and remarks the views hold, the longest main-thread task while the build
// streamed and while the views were used, and how long each interaction took to show its result.
// Part of `npm run test:hardening` (it takes minutes); not part of `npm test`.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import {
  installLongTaskProbe,
  proveLongTaskProbe,
  REPO,
  startWorkbench,
  takeLongTasks,
  type Workbench,
} from '../workbench';
import { recordTrial, saveTrials } from '../../test/hardening/trials';
import { barPoint } from '../timelineBars';

let wb: Workbench;
test.beforeAll(async () => {
  wb = await startWorkbench();
});
test.afterAll(async () => {
  await wb?.stop();
  saveTrials('std-load');
});

/** Wall time of one interaction: from the action to its visible result. */
async function timed(action: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await action();
  return performance.now() - t0;
}

test('go build -a std with every artefact, timeline and remarks views open', async ({ page }) => {
  test.setTimeout(1_200_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await installLongTaskProbe(page);
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);

  await proveLongTaskProbe(page);

  // A profile for the whole standard library: every package compiles (private cache), all artefacts.
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Optimisation details');
  await view.getByTestId('profile-new').click();
  const editor = view.getByTestId('profile-editor');
  await editor.getByLabel('name', { exact: true }).fill('std, everything');
  await editor.getByLabel('packages').fill('std');
  await editor.getByRole('checkbox', { name: '-a', exact: true }).check();
  await editor.getByRole('checkbox', { name: 'work directory listing' }).check();
  await view.getByTestId('profile-save').click();
  await expect(view.getByLabel('Build profile')).toHaveValue('std, everything');
  const preview = view.getByTestId('build-preview');
  for (const flag of [
    '-x',
    '-work',
    '-debug-actiongraph=',
    '-debug-trace=',
    '-bench=',
    '-json=0,file://',
    ' -a ',
    ' std',
  ])
    await expect(preview).toContainText(flag);

  // The Remarks view is mounted (it loads the newest run) before the build starts.
  await page.getByRole('tab', { name: 'Remarks' }).click();
  await expect(page.getByTestId('remarks-view')).toBeVisible();
  await page.getByRole('tab', { name: 'Build' }).click();
  await expect(view.getByLabel('Build profile')).toHaveValue('std, everything');
  await takeLongTasks(page);

  const t0 = Date.now();
  await view.getByTestId('build-run').click();
  const row = view.getByTestId('build-run-row').first();
  await expect(row).toContainText('std, everything');
  // While the build streams into the console, the page must answer: switch views back and forth.
  const duringBuild: number[] = [];
  while (!/succeeded|failed|killed|cancelled/.test((await row.locator('td').first().textContent()) ?? '')) {
    duringBuild.push(
      await timed(async () => {
        await page.getByRole('tab', { name: 'Remarks' }).click();
        await expect(page.getByTestId('remarks-view')).toBeVisible();
        await page.getByRole('tab', { name: 'Build' }).click();
        await expect(view).toBeVisible();
      }),
    );
    if (Date.now() - t0 > 1_000_000) throw new Error('go build -a std did not finish in 1,000 s');
    await page.waitForTimeout(2_000);
  }
  await expect(row.locator('td').first()).toHaveText('succeeded');
  const buildSeconds = (Date.now() - t0) / 1000;
  const buildStall = await takeLongTasks(page);

  // The timeline of the whole standard library: hundreds of actions, hover a few, the critical path.
  const canvas = view.getByTestId('timeline-canvas');
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  const barCount = Number(await canvas.getAttribute('data-bars'));
  expect(barCount).toBeGreaterThan(300);
  expect(Number(await canvas.getAttribute('data-critical'))).toBeGreaterThan(0);
  // Hover the compiles of big packages (each selected through the table, which brings its bar into
  // view), then zoom in and out.
  const hovers: number[] = [];
  for (const pkg of ['runtime', 'net/http', 'go/types', 'crypto/tls']) {
    hovers.push(
      await timed(async () => {
        const at = await barPoint(page, view, pkg, 'build');
        await page.mouse.move(at.x, at.y);
        await expect(view.getByRole('tooltip')).toContainText(pkg);
      }),
    );
  }
  await canvas.focus();
  await page.keyboard.press('0');
  const windowLabel = view.getByTestId('timeline-window');
  const zooms: number[] = [];
  for (const [button, factor] of [
    ['Zoom in', '×2.0'],
    ['Zoom in', '×4.0'],
    ['Zoom in', '×8.0'],
    ['Zoom out', '×4.0'],
  ] as const) {
    zooms.push(
      await timed(async () => {
        await view.getByRole('button', { name: button }).click();
        await expect(windowLabel).toContainText(factor);
      }),
    );
  }
  await page.screenshot({ path: path.join(REPO, 'docs/images/std-load-timeline.png') });
  const phases = await timed(async () => {
    await view.getByRole('tab', { name: /Compile phases/ }).click();
    await expect(view.getByTestId('phase-table')).toContainText('net/http');
  });
  const timelineStall = await takeLongTasks(page);

  // The remarks of every package of the standard library: load, show all files, search, filter.
  await page.getByRole('tab', { name: 'Remarks' }).click();
  const remarksView = page.getByTestId('remarks-view');
  const load = await timed(async () => {
    await remarksView.getByRole('button', { name: 'Load newest run' }).click();
    await expect(page.getByTestId('remarks-origin')).toContainText(/ \d{5,} remarks/, { timeout: 120_000 });
  });
  const total = Number(
    / (\d+) remarks/.exec((await page.getByTestId('remarks-origin').textContent()) ?? '')?.[1],
  );
  expect(total).toBeGreaterThan(50_000);
  const table = page.getByTestId('remarks-table');
  const allFiles = await timed(async () => {
    await remarksView.getByRole('checkbox', { name: 'project files only' }).uncheck();
    await expect(table.getByTestId('remark-row').first()).toBeVisible({ timeout: 60_000 });
  });
  const search = await timed(async () => {
    await page.getByTestId('remarks-search').fill('h2_bundle.go');
    await expect(table).toContainText('net/http/h2_bundle.go', { timeout: 60_000 });
    await expect(table.getByTestId('remark-row').first()).toBeVisible();
  });
  const heap = await timed(async () => {
    await page.getByTestId('remarks-tab-heap').click();
    await expect(table.getByTestId('remark-row').first()).toBeVisible({ timeout: 60_000 });
  });
  await page.getByTestId('remarks-tab-all').click();
  await expect(table.getByTestId('remark-row').filter({ hasText: 'cannot inline' }).first()).toBeVisible({
    timeout: 60_000,
  });
  // A remark of the standard library: its detail and escape flow (its file is outside the project).
  const open = await timed(async () => {
    await table.getByTestId('remark-row').filter({ hasText: 'escapes to heap' }).first().click();
    await expect(page.getByTestId('remark-detail')).toContainText('escapes to heap', { timeout: 60_000 });
  });
  await page.screenshot({ path: path.join(REPO, 'docs/images/std-load-remarks.png') });
  const remarksStall = await takeLongTasks(page);

  // Still usable afterwards: the folder dialog opens and closes.
  await page.getByRole('button', { name: 'Open Folder…' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(errors).toEqual([]);

  const heapMiB = await page.evaluate(
    () =>
      ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) /
      2 ** 20,
  );
  const ms = (x: number) => `${Math.round(x)} ms`;
  const maxOf = (xs: number[]) => Math.max(...xs);
  recordTrial({
    area: 'load',
    what: 'go build -a std with every artefact captured (-x, -work, action graph, trace, -bench, -json remarks), started from the Build view with the Remarks view mounted; then the timeline and the remarks explored (Chromium, browser host)',
    cases: 1,
    outcome:
      `build succeeded in ${buildSeconds.toFixed(0)} s; switching views during the build: slowest ${ms(maxOf(duringBuild))} of ${duringBuild.length}; longest main-thread task during the build ${ms(buildStall.longest)}. ` +
      `Timeline: ${barCount} bars; hover to tooltip slowest ${ms(maxOf(hovers))}; zoom step slowest ${ms(maxOf(zooms))}; compile phases table ${ms(phases)}; longest task ${ms(timelineStall.longest)}. ` +
      `Remarks: ${total} loaded in ${ms(load)}; all files ${ms(allFiles)}; search ${ms(search)}; heap allocations ${ms(heap)}; select an allocation (detail + flow) ${ms(open)}; longest task ${ms(remarksStall.longest)}. JS heap afterwards ${heapMiB.toFixed(0)} MiB; no page error.`,
    ok: true,
  });
});
