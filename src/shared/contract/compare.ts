// Comparing two builds: runs of the project, or runs inside an opened bundle; and the toolchains the
// go command has already downloaded (offered first for "Same build, another Go version").
import { z } from 'zod';
import { RunComparison, RunRef } from '../compare';

export const BundleRun = z.object({
  /** The run's folder in the bundle (runs/<run>/): what a RunRef names. */
  run: z.string(),
  id: z.string(),
  profileName: z.string(),
  goVersion: z.string().optional(),
  status: z.string(),
  startedAt: z.string(),
  commandLine: z.string(),
});
export type BundleRun = z.infer<typeof BundleRun>;

export const compareMethods = {
  /** The comparison of two runs (A is the baseline, B the one compared with it). */
  'compare.runs': { params: z.object({ a: RunRef, b: RunRef }), result: RunComparison },
  /** The runs an opened bundle carries, newest first. */
  'compare.bundleRuns': { params: z.object({ bundle: z.string().min(1).max(64) }), result: z.array(BundleRun) },
  /** The go on PATH and the toolchains in the module cache (GOTOOLCHAIN uses them without a download). */
  'compare.toolchains': { params: z.object({}).strict(), result: z.object({ current: z.string().optional(), downloaded: z.array(z.string()) }) },
} as const;
