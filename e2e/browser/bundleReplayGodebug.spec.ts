// An opened bundle replays its GODEBUG captures in the Runtime view, read-only, with no Go run: a
// real gctrace capture (the demo's output captured from the toolchain, recorded by the live session's
// own writer, saved with the real bundle writer) is charted and tabled like a live session; a hostile
// capture (bad lines, a huge line, markup in its title and output) gives a clear warning, shows its
// markup as text, and the app stays usable. Closing the bundle takes its captures away.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openBundle, REPO, startWorkbench, type Workbench } from '../workbench';
import { parseTraceText } from '../../src/core/godebug';
import { SessionService } from '../../src/main/services/bundles/liveSessions';
import { writeBundle } from '../../src/main/services/bundles/bundleWriter';

let wb: Workbench;
let bundle: string;
let cycles: number;
let dir: string;
const markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';

/** A capture file exactly as the live session records one when a traced console ends. */
async function recorded(dir: string, consoleId: string, title: string, godebug: string, events: unknown[]): Promise<Buffer> {
  const session = await new SessionService(dir).forProject(path.join(dir, 'project'), 'godebug-demo');
  const name = await session.recordEvents({
    consoleId,
    title,
    commandLine: `go run -exec 'env GODEBUG=${godebug}' .`,
    godebug,
    startedAt: '2026-11-20T10:00:00.000Z',
    endedAt: '2026-11-20T10:00:02.000Z',
    truncated: false,
    events,
  });
  return readFile(path.join(session.dir, name));
}

test.beforeAll(async () => {
  wb = await startWorkbench();
  dir = await mkdtemp(path.join(os.tmpdir(), 'gopsy-replay-'));
  const gc = parseTraceText(readFileSync(path.join(REPO, 'test/fixtures/godebug/current-gctrace.txt'), 'utf8'));
  cycles = gc.filter((e) => e.kind === 'gc').length;
  const good = await recorded(dir, 'c1', 'go run .', 'gctrace=1', gc);
  const real = good.toString('utf8').trimEnd().split('\n');
  const hostile = [
    JSON.stringify({ ...JSON.parse(real[0]!), title: `evil ${markup}` }),
    'not json at all',
    JSON.stringify({ kind: 'gc', seq: 1, n: 'one' }),
    JSON.stringify({ kind: 'output', seq: 2, text: 'A'.repeat(1_100_000) }),
    JSON.stringify({ kind: 'output', seq: 3, text: markup }),
    ...real.slice(1),
  ].join('\n');
  bundle = path.join(path.dirname(wb.project), 'replay.gopsy');
  const entry = (p: string, b: Buffer | string) => ({ path: p, kind: 'events', from: { bytes: Buffer.from(b) }, redact: false });
  await writeBundle(bundle, [entry('events/20261120T100000Z-c1.jsonl', good), entry('events/20261120T100500Z-c2.jsonl', hostile)], {
    project: { name: 'godebug-demo' },
    toolchain: null,
    redactions: [],
  });
  expect((await readdir(dir, { recursive: true })).some((f) => String(f).endsWith('.jsonl'))).toBe(true);
});
test.afterAll(async () => {
  await wb?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('a bundle\'s gctrace capture is charted in the Runtime view; a hostile one warns; closing takes them away', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(wb.url);
  await expect(page.getByTestId('project-name')).toHaveText(/inventory/);
  await openBundle(page, bundle);

  // No console ran here: the Runtime view opens on the bundle's first capture.
  await page.getByRole('tab', { name: 'Runtime' }).click();
  const picker = page.getByTestId('runtime-session');
  await expect(picker.locator('option:checked')).toHaveText('godebug-demo ▸ go run . · GODEBUG=gctrace=1 · ' + (await lines()) + ' lines');
  await expect(picker.locator('optgroup')).toHaveAttribute('label', 'from the bundle godebug-demo (read-only)');
  await expect(page.getByTestId('runtime-replay')).toContainText('read-only replay of events/20261120T100000Z-c1.jsonl from the bundle godebug-demo');
  await expect(page.getByTestId('runtime-replay-warning')).toHaveCount(0);
  await expect(page.getByTestId('gc-summary')).toContainText(`${cycles} cycles`);
  const heap = page.getByTestId('gc-heap-chart');
  for (const s of ['before', 'after', 'live', 'goal']) await expect(heap.locator(`polyline[data-series="${s}"]`)).toHaveCount(1);
  await expect(page.getByTestId('gc-table').locator('tbody tr')).toHaveCount(cycles);
  await page.screenshot({ path: path.join(REPO, 'docs/images/bundle-replay-runtime.png') });

  // The Session view's entry for the hostile capture offers it in the Runtime view.
  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByTestId('bundle-entries').locator('li', { hasText: 'events/20261120T100500Z-c2.jsonl' }).getByRole('button', { name: 'Show in Runtime view' }).click();
  await expect(page.getByTestId('runtime-view')).toBeVisible();
  await expect(picker.locator('option:checked')).toContainText(`godebug-demo ▸ evil ${markup} · GODEBUG=gctrace=1`);
  await expect(page.getByTestId('runtime-replay-warning')).toHaveText(
    '3 lines were not valid trace events and skipped (the first at line 2, 1 of them longer than 1 MiB).',
  );
  // Its valid lines still chart; the markup is a line of the log, as text.
  await expect(page.getByTestId('gc-summary')).toContainText(`${cycles} cycles`);
  await page.locator('.rt-tabs').getByRole('tab', { name: 'Log' }).click();
  await expect(page.getByTestId('log-table')).toContainText(markup);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator('.runtime-view img, .runtime-view script')).toHaveCount(0);

  // The app stays usable: back to the first capture, then another view.
  await picker.selectOption({ index: 0 });
  await page.locator('.rt-tabs').getByRole('tab', { name: /^GC/ }).click();
  await expect(page.getByTestId('gc-table').locator('tbody tr')).toHaveCount(cycles);
  await page.getByRole('tab', { name: 'Source' }).click();
  await page.locator('[data-path="store/store.go"]').click();
  await expect(page.locator('[data-testid=editor] .view-lines')).toContainText('package store');

  // Closing the bundle takes its captures out of the Runtime view.
  await page.getByRole('tab', { name: 'Session' }).click();
  await page.getByTestId('bundle-view').getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('tab', { name: 'Runtime' }).click();
  await expect(picker.locator('option')).toHaveText(['no session']);
  await expect(page.getByTestId('runtime-empty')).toBeVisible();
  expect(errors).toEqual([]);
});

/** The number of events in the good capture, as the picker counts them once loaded. */
async function lines(): Promise<number> {
  return parseTraceText(readFileSync(path.join(REPO, 'test/fixtures/godebug/current-gctrace.txt'), 'utf8')).length;
}
