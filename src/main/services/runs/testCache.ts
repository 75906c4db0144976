// "Why did this test run again?" for recorded 'run-tests' runs: reads a run's testcache.txt (with the
// test cache's HASH blocks from cachehash.txt and the `ok … (cached)` lines of its console), compares it
// with an earlier run of the same packages, and, when a test binary changed, names why from the
// rebuild explanation of its link action. Owned by RunService; the CLI uses the directory functions.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { explainTestCache, parseTestCache, TEST_CACHE_PREFIX, type TestCacheRun } from '../../../core/build';
import type { ActionVerdict } from '../../../shared/contract/explain';
import type { TestCacheResult, TestCacheVerdict } from '../../../shared/contract/testCache';
import { GopsyError } from '../../../shared/rpc';
import { ARTEFACTS } from '../../../shared/runFolder';
import type { RunExplainer } from './explain';
import type { RunStore } from './runStore';

export const NO_TEST_CACHE =
  "This run did not run tests with their cache lookups recorded: run the 'Run tests' profile (go test with GODEBUG=gocachetest=1)";

/** A run directory's test cache record: the parse, and its raw testcache lines (the evidence). */
export interface RunTestRecord {
  run: TestCacheRun;
  lines: string[];
}

/** The HASH lines the test cache parse reads: its own blocks and the packages' directories. */
const wantedHashLine = (l: string) =>
  l.startsWith('HASH[test') || l.startsWith('HASH[getenv]') || (l.startsWith('HASH[build ') && l.includes(']: "dir '));
/** A package's summary line in the console: `ok  \tP\t(cached)`, `FAIL\tP…`, `?   \tP\t[no test files]`. */
const resultLine = (l: string) => /^(ok|FAIL|\?)\s/.test(l);

/** The test cache record of a run directory; null when it has none (not a 'run-tests' run). */
export async function readTestCacheRecord(dir: string): Promise<RunTestRecord | null> {
  const own = await readFile(path.join(dir, ARTEFACTS.testCache), 'utf8').catch(() => null);
  if (own === null) return null;
  const hashes = await readFile(path.join(dir, ARTEFACTS.cacheHash), 'utf8').catch(() => '');
  const consoleText = await readFile(path.join(dir, ARTEFACTS.console), 'utf8').catch(() => '');
  const text = [
    ...hashes.split('\n').filter(wantedHashLine),
    ...own.split('\n'),
    ...consoleText.split('\n').filter(resultLine),
  ].join('\n');
  return { run: parseTestCache(text), lines: own.split('\n').filter(Boolean) };
}

/** Whether a run directory has a test cache record. */
async function hasTestCache(dir: string): Promise<boolean> {
  return !!(await stat(path.join(dir, ARTEFACTS.testCache)).catch(() => null))?.isFile();
}

/** A reason "the test binary changed", made precise by the root causes of its link action's rebuild. */
function binaryReasons(pkg: string, reasons: TestCacheVerdict['reasons'], rebuild: ActionVerdict[] | undefined): TestCacheVerdict['reasons'] {
  const link = rebuild?.find((a) => a.key === `link ${pkg}.test`);
  if (!link?.roots.length || reasons[0]?.kind !== 'binary') return reasons;
  return link.roots.map((r) => ({ kind: 'binary' as const, detail: `the test binary changed: ${r.detail}` }));
}

/** Each package's verdict in `later`, compared with `earlier`; `rebuild`: the actions of the two runs' rebuild explanation. */
export function testCacheVerdicts(
  later: RunTestRecord,
  earlier: RunTestRecord | null,
  rebuild?: ActionVerdict[],
): Pick<TestCacheResult, 'packages' | 'problems'> {
  const x = explainTestCache(later.run, earlier?.run);
  const runWide = later.lines.filter((l) => l.startsWith(`${TEST_CACHE_PREFIX}caching disabled`));
  const packages = x.records.map((r) => ({
    package: r.package,
    cached: r.cached,
    reasons: binaryReasons(r.package, r.reasons, rebuild),
    lines: [...runWide, ...later.lines.filter((l) => l.startsWith(`${TEST_CACHE_PREFIX}${r.package}: `))],
  }));
  return { packages, problems: x.problems };
}

/** Whether some package ran because its test binary changed (then the rebuild explanation is worth its parse). */
export const needsRebuildWhy = (v: Pick<TestCacheResult, 'packages'>) => v.packages.some((p) => p.reasons[0]?.kind === 'binary');

/** The latest run of the project before `id` that ran the same packages' tests; null if there is none. */
export async function earlierTestRun(store: RunStore, project: string, id: string): Promise<string | null> {
  const all = await store.list(project);
  const self = all.find((m) => m.id === id);
  if (!self) throw new GopsyError('no-run', `Run ${id} does not exist (any more).`);
  const packages = JSON.stringify(self.profile.packages);
  for (const m of all) {
    if (m.id === id || m.startedAt.localeCompare(self.startedAt) > 0) continue;
    if (m.startedAt === self.startedAt && m.id > id) continue;
    if (JSON.stringify(m.profile.packages) !== packages) continue;
    if (await hasTestCache(store.runDir(project, m.id))) return m.id;
  }
  return null;
}

export class TestCacheExplainer {
  constructor(
    private readonly store: RunStore,
    private readonly rebuilds: RunExplainer,
  ) {}

  /** The latest run of the project before `id` that ran the same packages' tests; null if there is none. */
  earlierRun(project: string, id: string): Promise<string | null> {
    return earlierTestRun(this.store, project, id);
  }

  async explain(project: string, id: string, against?: string): Promise<TestCacheResult> {
    await this.store.readManifest(project, id); // `no-run` when it is gone
    const later = await readTestCacheRecord(this.store.runDir(project, id));
    if (!later) throw new GopsyError('no-test-cache', NO_TEST_CACHE);
    const earlierId = against ?? (await this.earlierRun(project, id));
    const earlier = earlierId ? await readTestCacheRecord(this.store.runDir(project, earlierId)) : null;
    if (earlierId && !earlier)
      throw new GopsyError('no-test-cache', NO_TEST_CACHE.replace('This run', `The run to compare with (${earlierId})`));
    let verdicts = testCacheVerdicts(later, earlier);
    if (earlierId && needsRebuildWhy(verdicts)) {
      const rebuild = await this.rebuilds.explain(project, id, earlierId).catch(() => null);
      if (rebuild?.explanation.ok) verdicts = testCacheVerdicts(later, earlier, rebuild.explanation.actions);
    }
    return { id, against: earlierId, ...verdicts };
  }
}
