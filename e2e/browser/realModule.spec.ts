// The workbench on a real module nobody here wrote (go-internal, fetched through the module proxy), used as
// a new user would: what the SSA and Build views show, checked against the toolchain's own answers.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPage, REPO, startWorkbench, type Workbench } from '../workbench';
import { expectInside, shot } from '../checks';

const MODULE = 'github.com/rogpeppe/go-internal';
// The function: (*TestScript).runLine in testscript. Chosen by building the module's largest functions
// (go tool nm -size on cmd/testscript) with GOSSAFUNC and counting the blocks of their first phase:
// runLine has the most (130 at "start"; RunT 125, scriptMatch 116, cmdExec 111, setup 102).
const PKG = `${MODULE}/testscript`;
const FUNC = '(*TestScript).runLine';

let wb: Workbench;
let commands: string[];

const go = (args: string[], env: Record<string, string> = {}) =>
  execFileSync('go', args, { cwd: wb.project, encoding: 'utf8', env: { ...process.env, GOFLAGS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  // The module's cached folder (fetched through the module proxy on first use); the workbench serves a copy.
  const dir = execFileSync(process.execPath, [path.join(REPO, 'scripts/real-module.mjs')], { encoding: 'utf8', timeout: 600_000 }).trim();
  wb = await startWorkbench({ dir });
  commands = go(['list', '-f', '{{if eq .Name "main"}}{{.ImportPath}}{{end}}', './...']).split('\n').filter(Boolean);
});
test.afterAll(async () => {
  await wb?.stop();
});

/** Nothing of the page lies beyond the window: no page scrollbars. */
async function expectNoOverflow(page: Page) {
  const size = await page.evaluate(() => ({
    w: document.documentElement.scrollWidth,
    h: document.documentElement.scrollHeight,
    bw: document.body.scrollWidth,
    bh: document.body.scrollHeight,
    vw: window.innerWidth,
    vh: window.innerHeight,
  }));
  expect(Math.max(size.w, size.bw), JSON.stringify(size)).toBeLessThanOrEqual(size.vw);
  expect(Math.max(size.h, size.bh), JSON.stringify(size)).toBeLessThanOrEqual(size.vh);
}

/** Blocks in the first phase ("start") of FUNC as the compiler's own ssa.html draws them. */
function compilerStartBlocks(): number {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gopsy-ssafunc-'));
  try {
    // GOSSAFUNC is part of the compile's cache key, so this compiles testscript again and writes ssa.html.
    go(['build', '-o', os.devNull, `./testscript`], { GOSSAFUNC: FUNC, GOSSADIR: dir });
    const file = execFileSync('find', [dir, '-name', '*.html'], { encoding: 'utf8' }).trim().split('\n')[0]!;
    const html = readFileSync(file, 'utf8');
    const start = html.split('<td id="').find((c) => c.startsWith('start-exp'))!;
    return new Set([...start.matchAll(/ssa-start-block"><span class="(b\d+) /g)].map((m) => m[1])).size;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(`SSA of ${FUNC}: its CFG fits the mini view and the CFG tab; the module's functions come first`, async ({ page }) => {
  test.setTimeout(420_000);
  const errors = await openPage(page, wb, { width: 1500, height: 950 }, { project: /go-internal/ });
  await page.getByRole('tab', { name: 'SSA' }).click();
  await page.getByTestId('ssa-package').selectOption({ label: PKG });
  const funcs = page.getByTestId('ssa-functions');
  // The first listing compiles the dependencies into gopsy's private cache.
  await expect(funcs.getByText(FUNC, { exact: true })).toBeVisible({ timeout: 360_000 });

  // The module's own functions first, then what the compiler generated (wrappers, closures' equality…).
  const generated = await funcs.locator('.ssa-func').evaluateAll((els) => els.map((e) => e.classList.contains('generated')));
  expect(generated.length).toBeGreaterThan(100);
  expect(generated[0]).toBe(false);
  const firstGenerated = generated.indexOf(true);
  if (firstGenerated >= 0) expect(generated.slice(firstGenerated)).not.toContain(false);
  for (const name of ['RunT', 'Run', '(*TestScript).setup', '(*TestScript).cmdExec'])
    await expect(funcs.getByText(name, { exact: true })).toHaveCount(1);

  await funcs.getByText(FUNC, { exact: true }).click();
  await expect(page.getByTestId('ssa-function')).toContainText(`${FUNC},1`, { timeout: 240_000 });
  // Its first phase has as many blocks as the compiler's own ssa.html shows.
  const start = page.getByTestId('ssa-phases').locator('[data-phase="start"]');
  const m = /^(\d+) reachable blocks.*?(?:and (\d+) dead blocks)?/s.exec((await start.getAttribute('title')) ?? '');
  expect(m, 'the start phase says its blocks').not.toBeNull();
  expect(Number(m![1]) + Number(m![2] ?? 0)).toBe(compilerStartBlocks());
  expect(Number(m![1])).toBeGreaterThan(100);
  await start.click();

  // The mini view: shrunk to fit (at 1:1 the graph is far larger than its box), the entry block in sight.
  const mini = page.locator('.ssa-mini-cfg');
  const entry = mini.locator('g.entry rect');
  await expect(mini.getByTestId('cfg-scale')).toContainText(/^\d+% · \d+ blocks/);
  await expectInside(entry, mini.getByTestId('cfg-canvas'));
  expect(parseInt((await mini.getByTestId('cfg-scale').textContent())!, 10)).toBeLessThan(100);
  await expectNoOverflow(page);
  await shot(page, 'real-module-ssa-mini.png');

  // The CFG tab: fitted as well.
  await page.getByRole('tab', { name: 'CFG' }).click();
  const tab = page.locator('.ssa-main > [data-testid="ssa-cfg"]');
  await expectInside(tab.locator('g.entry rect'), tab.getByTestId('cfg-canvas'));
  expect(parseInt((await tab.getByTestId('cfg-scale').textContent())!, 10)).toBeLessThan(100);
  await expectNoOverflow(page);
  await shot(page, 'real-module-ssa-cfg-tab.png');
  expect(errors).toEqual([]);
});

test('a timed build of the whole module: a time axis, every package by import path, the commands by theirs', async ({ page }) => {
  // A private-cache build of the module and its dependencies: a minute or two on two quiet cores.
  test.setTimeout(900_000);
  expect(commands.length).toBeGreaterThanOrEqual(5);
  const errors = await openPage(page, wb, { width: 1500, height: 950 }, { project: /go-internal/ });
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Build timing');
  await expect(view.getByTestId('build-preview')).toContainText('-debug-actiongraph=');
  await view.getByTestId('build-run').click();
  const row = view.getByTestId('build-run-row').first();
  await expect(row).toContainText('Build timing');
  await expect(row.locator('td').first()).toHaveText('succeeded', { timeout: 840_000 });

  const canvas = view.getByTestId('timeline-canvas');
  await expect(canvas).toBeVisible();
  // The axis drew labels in time units.
  await expect(canvas).toHaveAttribute('data-axis', /\d+(\.\d+)?\s?(µs|ms|s|min)\b/);
  const listed = go(['list', './...']).split('\n').filter(Boolean);

  // Slowest actions and per package: the module's packages by import path.
  const tables = view.getByTestId('build-tables');
  await tables.getByTestId('build-table-filter').fill(MODULE);
  const actions = tables.getByTestId('table-actions');
  for (const pkg of listed) await expect(actions.getByRole('cell', { name: new RegExp(`^${pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ◆)?$`) }).first()).toBeVisible();
  await expect(actions.getByRole('cell', { name: /^main\b/ })).toHaveCount(0);
  await expectNoOverflow(page);
  await shot(page, 'real-module-build-actions.png');
  await tables.getByRole('tab', { name: /Per package/ }).click();
  const perPackage = tables.getByTestId('table-packages');
  for (const pkg of listed) await expect(perPackage.getByRole('cell', { name: pkg, exact: true })).toHaveCount(1);
  await expect(perPackage.getByRole('cell', { name: /^main\b/ })).toHaveCount(0);
  await shot(page, 'real-module-build-packages.png');

  // The compile phases name the five commands by import path, never "main (2)".
  await view.getByRole('tab', { name: /Compile phases/ }).click();
  const phases = view.getByTestId('phase-table');
  for (const cmd of commands) await expect(phases.getByRole('cell', { name: cmd, exact: true })).toHaveCount(1);
  await expect(phases.getByRole('cell', { name: /^main\b/ })).toHaveCount(0);
  await expectNoOverflow(page);
  await shot(page, 'real-module-build-phases.png');
  expect(errors).toEqual([]);
});
