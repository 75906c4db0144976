// The Test cache tab's words for a build.testCache result. Pure, so it is unit-tested.
import type { TestCacheResult } from '../../../../shared/contract/testCache';

/** The answer in one sentence: how many packages ran, and the commonest reason. */
export function testCacheSentence(r: TestCacheResult): string {
  const ran = r.packages.filter((p) => !p.cached);
  if (r.packages.length === 0) return 'No package with tests in this run.';
  if (ran.length === 0) return `All ${r.packages.length} test results came from the test cache.`;
  const counts = new Map<string, number>();
  for (const p of ran) for (const x of p.reasons.slice(0, 1)) counts.set(x.detail, (counts.get(x.detail) ?? 0) + 1);
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const cached = r.packages.length - ran.length;
  return `${ran.length} of ${r.packages.length} packages ran their tests${cached ? ` (${cached} from the test cache)` : ''}${top ? `: ${top[0]}${top[1] > 1 ? ` (${top[1]} packages)` : ''}` : ''}.`;
}
