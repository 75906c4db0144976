import { defineConfig } from '@playwright/test';

// End-to-end tests drive the system Chromium (Debian's /usr/bin/chromium) against the browser host,
// and the Electron window where its binary exists. Nothing is downloaded.
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    {
      name: 'browser',
      testDir: 'e2e/browser',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: process.env.GOPSY_CHROMIUM ?? '/usr/bin/chromium' },
        viewport: { width: 1400, height: 900 },
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
