// Starts `gopsy serve` on a fresh copy of the sample project with its own storage, and gives tests
// the URL it prints. One server per test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const REPO = path.resolve(__dirname, '..');
export const SAMPLE = path.join(REPO, 'resources/samples/inventory');

export interface Workbench {
  url: string;
  project: string;
  storage: string;
  output: () => string;
  stop(): Promise<void>;
}

/** sample: a folder of resources/samples (default: inventory); env: extra environment for gopsy. */
export async function startWorkbench(
  /** bundle: serve that .gopsy file read-only instead of a copy of the sample. */
  /** dir: copy this folder (a real module) instead of a sample. */
  opts: { sample?: string; env?: Record<string, string>; bundle?: string; dir?: string } = {},
): Promise<Workbench> {
  const sample = opts.sample ?? 'inventory';
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-e2e-'));
  const project = path.join(tmp, opts.dir ? path.basename(opts.dir).replace(/@.*/, '') : sample);
  cpSync(opts.dir ?? path.join(REPO, 'resources/samples', sample), project, { recursive: true });
  const storage = path.join(tmp, 'storage');
  const urlFile = path.join(tmp, 'url');
  let out = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(REPO, 'bin/gopsy.js'), 'serve', opts.bundle ?? project, '--url-file', urlFile, '--storage', storage],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } },
  );
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  while (!existsSync(urlFile) || !readFileSync(urlFile, 'utf8').includes('\n')) {
    if (child.exitCode !== null) throw new Error(`gopsy serve exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`gopsy serve printed no URL:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: readFileSync(urlFile, 'utf8').trim(),
    project,
    storage,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a shell console and waits for its prompt before focusing it: bash flushes typeahead when it
 * sets the terminal up, so keys typed before the prompt (a slow start on a loaded machine) are lost.
 */
export async function openShell(page: Page): Promise<Locator> {
  const tabs = page.getByTestId('console-tab');
  const before = await tabs.count();
  await page.getByRole('button', { name: 'New console' }).click();
  await page.getByRole('menuitem', { name: /Shell/ }).click();
  await expect(tabs).toHaveCount(before + 1);
  const term = page.locator('.console-view:visible');
  await expect(term.locator('.xterm-rows')).toHaveText(/\S/, { timeout: 30_000 });
  await term.locator('textarea.xterm-helper-textarea').focus();
  return term;
}

type LongTaskProbe = { __longest: number; __longtasks: number };

/**
 * Records the page's long main-thread tasks (PerformanceObserver 'longtask') from its first script on.
 * Call before page.goto; then proveLongTaskProbe once the page is up.
 */
export async function installLongTaskProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as LongTaskProbe;
    w.__longest = 0;
    w.__longtasks = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__longest = Math.max(w.__longest, e.duration);
        w.__longtasks++;
      }
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest main-thread task since the last call (and how many over 50 ms), then starts afresh. */
export async function takeLongTasks(page: Page): Promise<{ longest: number; count: number }> {
  return page.evaluate(() => {
    const w = window as unknown as LongTaskProbe;
    const r = { longest: w.__longest, count: w.__longtasks };
    w.__longest = 0;
    w.__longtasks = 0;
    return r;
  });
}

/** Proves the probe reports in this browser (a deliberate 120 ms busy loop must be seen), then resets it. */
export async function proveLongTaskProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const t = performance.now();
    while (performance.now() - t < 120) {
      /* busy */
    }
  });
  await expect
    .poll(async () => (await takeLongTasks(page)).longest, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(100);
  await takeLongTasks(page);
}

/**
 * Opens the workbench in the page at a size and waits for the sample project (or, `project: false`,
 * for a workbench serving a bundle with no project); returns the page errors collected from then on
 * (a test expects the list empty at its end).
 */
export async function openPage(page: Page, wb: Workbench, size = { width: 1500, height: 950 }, opts: { project?: boolean | RegExp } = {}): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize(size);
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(opts.project === false ? 'no project' : opts.project instanceof RegExp ? opts.project : /inventory/);
  return errors;
}

/** File ▸ Open Session with a typed path (the browser host has no native dialog); waits for the read-only view. */
export async function openBundle(page: Page, bundle: string): Promise<void> {
  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByRole('button', { name: 'Open Session…' }).click();
  await page.getByTestId('open-session-path').fill(bundle);
  await page.getByRole('dialog').getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('bundle-view')).toContainText('read-only');
}
