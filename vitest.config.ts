import { defineConfig } from 'vitest/config';
import { projectDlv, projectGopls } from './scripts/test-tools.cjs';

// The Delve and gopls that `npm test` built into .tools/bin serve direct `vitest` runs too
// (GOPSY_DLV and GOPSY_GOPLS override).
const dlv = process.env.GOPSY_DLV || projectDlv();
const gopls = process.env.GOPSY_GOPLS || projectGopls();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    env: { ...(dlv ? { GOPSY_DLV: dlv } : {}), ...(gopls ? { GOPSY_GOPLS: gopls } : {}) },
    // Integration tests run the real go toolchain and real ptys: give them time, run files one by one
    // on small machines so that timings stay sane.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
