import { defineConfig } from 'vitest/config';
import { projectDlv } from './scripts/test-tools.cjs';

// The Delve that `npm test` built into .tools/bin serves direct `vitest` runs too (GOPSY_DLV overrides).
const dlv = process.env.GOPSY_DLV || projectDlv();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    env: dlv ? { GOPSY_DLV: dlv } : {},
    // Integration tests run the real go toolchain and real ptys: give them time, run files one by one
    // on small machines so that timings stay sane.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
