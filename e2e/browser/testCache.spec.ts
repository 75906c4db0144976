// "Why did this test run again?" in the Build view: the built-in Run tests profile run three times on a
// real two-package module (the same again, then with a file the test opens edited); the Test cache tab
// says per package whether the result came from the cache and why it ran, with the go command's own
// testcache lines beside. Takes the screenshot used in docs/build-capture.md.
import { appendFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openPage, REPO, startWorkbench, type Workbench } from '../workbench';

let wb: Workbench;

test.beforeAll(async () => {
  wb = await startWorkbench({ dir: path.join(REPO, 'test/fixtures/testcache/greet') });
});
test.afterAll(async () => {
  await wb?.stop();
});

test('the Test cache tab: cached or ran per package, the reason in words, the raw lines beside', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = await openPage(page, wb, { width: 1500, height: 900 }, { project: /greet/ });
  await page.getByRole('tab', { name: 'Build' }).click();
  const view = page.getByTestId('build-view');
  await view.getByLabel('Build profile').selectOption('Run tests');
  await expect(view.getByTestId('build-preview')).toContainText('GODEBUG=gocachetest=1,gocachehash=1');
  const rows = view.getByTestId('build-run-row');
  const input = path.join(wb.project, 'testdata', 'input.txt');
  // go test does not cache a result that read a file modified in the last 2 s: the copy's file is aged.
  const age = () => utimesSync(input, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  age();

  const runAndOpen = async (count: number) => {
    await view.getByTestId('build-run').click();
    await expect(rows).toHaveCount(count);
    await expect(rows.first().locator('td').first()).toHaveText('succeeded', { timeout: 200_000 });
    await rows.first().click();
    await view.getByRole('tab', { name: 'Test cache' }).click();
  };
  const answer = view.getByTestId('tc-answer');

  await runAndOpen(1);
  await expect(answer).toHaveText('2 of 2 packages ran their tests: no result of this test binary with these flags in the cache (a first run, or a cache cleaned since) (2 packages).', { timeout: 60_000 });

  await runAndOpen(2);
  await expect(answer).toHaveText('All 2 test results came from the test cache.', { timeout: 60_000 });

  appendFileSync(input, 'a line added between two runs\n');
  age();
  await runAndOpen(3);
  await expect(answer).toHaveText('1 of 2 packages ran their tests (1 from the test cache): testdata/input.txt changed.', { timeout: 60_000 });
  const greet = view.getByTestId('tc-row').filter({ hasText: /^example\.com\/greet(?!\/)/ });
  await expect(greet).toContainText('ran');
  await expect(greet).toContainText('file testdata/input.txt changed');
  await expect(view.getByTestId('tc-row').filter({ hasText: 'example.com/greet/other' })).toContainText('cached');
  // The evidence: the go command's own lines for the package, as text.
  await greet.locator('summary').click();
  await expect(greet.locator('pre')).toContainText('testcache: example.com/greet: test output not found');
  await page.screenshot({ path: path.join(REPO, 'docs/images/test-cache.png') });
  expect(errors).toEqual([]);
});
