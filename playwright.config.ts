import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATHS, findChromium, projectDlv, projectGopls } from './scripts/test-tools.cjs';

// End-to-end tests drive the system Chromium (Debian's /usr/bin/chromium) against the browser host,
// and the Electron window where its binary exists. Nothing is downloaded. `npm test` makes sure both
// Chromium and the pinned Delve are there; direct runs find them the same way.
const dlv = process.env.GOPSY_DLV || projectDlv();
if (dlv) process.env.GOPSY_DLV = dlv;
const gopls = process.env.GOPSY_GOPLS || projectGopls();
if (gopls) process.env.GOPSY_GOPLS = gopls;
const browserUse = {
  browserName: 'chromium' as const,
  launchOptions: { executablePath: findChromium() ?? CHROMIUM_PATHS[0] },
  viewport: { width: 1400, height: 900 },
  trace: 'retain-on-failure' as const,
  screenshot: 'only-on-failure' as const,
};

// `npm test` runs the browser and electron projects; the hardening project (long load trials) runs in
// `npm run test:hardening` only.
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
      use: browserUse,
    },
    { name: 'hardening', testDir: 'e2e/hardening', use: browserUse },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
