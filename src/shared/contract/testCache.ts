// "Why did this test run again?": per package of a 'run-tests' run, whether `go test` took its result
// from the test cache and, when not, why (GODEBUG=gocachetest=1 lines, testcache.txt, compared with an
// earlier run). The shapes are defined here once; src/core/build/testCache.ts computes the reasons.
import { z } from 'zod';
import { RUN_ID } from '../runFolder';

export const TestCacheReasonKind = z.enum(['new', 'binary', 'flag', 'env', 'file', 'uncacheable', 'other']);

export const TestCacheReason = z.object({
  kind: TestCacheReasonKind,
  /** In a Go developer's words: `GREETING changed ("one" → "two")`, `-count=1 turns off test caching`. */
  detail: z.string(),
});

export const TestCacheVerdict = z.object({
  package: z.string(),
  /** The result came from the test cache (`ok … (cached)`). */
  cached: z.boolean(),
  /** Why the test ran; empty when cached. */
  reasons: z.array(TestCacheReason),
  /** The go command's own testcache lines for this package (evidence, shown as text). */
  lines: z.array(z.string()),
});
export type TestCacheVerdict = z.infer<typeof TestCacheVerdict>;

const RunIdString = z.string().regex(RUN_ID, 'not a run id');

export const TestCacheResult = z.object({
  id: RunIdString,
  /** The run compared with; null when there is no earlier run of the same packages. */
  against: RunIdString.nullable(),
  packages: z.array(TestCacheVerdict),
  /** Damaged or missing lines: the packages they touch get no guessed reason. */
  problems: z.array(z.string()),
});
export type TestCacheResult = z.infer<typeof TestCacheResult>;

export const testCacheMethods = {
  /**
   * Why each package's test ran or came from the cache in a 'run-tests' run, against `against` or else
   * the latest earlier run of the same packages. Error `no-test-cache`: the run did not run tests.
   */
  'build.testCache': {
    params: z.object({ id: RunIdString, against: RunIdString.optional() }),
    result: TestCacheResult,
  },
} as const;
