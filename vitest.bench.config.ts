import { defineConfig } from 'vitest/config';

// npm run bench: each bench/*.bench.ts measures gopsy against a baseline in the same run and records
// its rows with recordBench(); scripts/bench-report.mjs then writes docs/BENCHMARKS.md.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
    fileParallelism: false,
  },
});
