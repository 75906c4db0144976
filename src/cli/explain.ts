// `gopsy explain RUN [--against RUN] [--json]`: why a recorded run's actions ran instead of coming from
// the cache, against an earlier run of the same project (GODEBUG=gocachehash=1 inputs, cachehash.txt),
// and for a 'run-tests' run why each package's test ran or came from the test cache (testcache.txt).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ActionVerdict, RebuildExplanation } from '../shared/contract/explain';
import { ARTEFACTS, RUN_ID } from '../shared/runFolder';
import { defaultStorageDir } from '../main/services/settings';
import { earlierWithHashes } from '../main/services/runs/explain';
import { ParsedRuns } from '../main/services/runs/parsedRuns';
import { hasHashInputs } from '../main/services/runs/parsedRuns';
import { earlierTestRun, needsRebuildWhy, readTestCacheRecord, testCacheVerdicts } from '../main/services/runs/testCache';
import type { TestCacheVerdict } from '../shared/contract/testCache';
import { DirRunFiles } from '../main/services/runs/runFiles';
import { PROJECT_KEY, RUNS_DIR, RunStore, projectKey } from '../main/services/runs/runStore';
import { ArgReader, UsageError, type CliCommand } from './command';
import { InputError } from './runInput';

/** The JSON shape promised in docs/build-capture.md: a contract for scripts. */
export function verdictJson(v: ActionVerdict) {
  return {
    key: v.key,
    package: v.package,
    mode: v.mode,
    status: v.status,
    cached: v.status === 'same',
    reasons: v.reasons.map((r) => ({ kind: r.kind, detail: r.detail })),
    ...(v.note ? { note: v.note } : {}),
  };
}

/** A run directory: a path, or a run id looked up in the storage's runs of every project. */
async function runDir(arg: string, storage: string): Promise<string> {
  const st = await stat(arg).catch(() => null);
  if (st?.isDirectory()) {
    if (!(await stat(path.join(arg, ARTEFACTS.manifest)).catch(() => null))) throw new InputError(`${arg} is not a run directory (it has no ${ARTEFACTS.manifest}).`);
    return path.resolve(arg);
  }
  if (!RUN_ID.test(arg)) throw new InputError(`${arg} is neither a run directory nor a run id.`);
  const runs = path.join(storage, RUNS_DIR);
  for (const key of (await readdir(runs).catch(() => [] as string[])).filter((k) => PROJECT_KEY.test(k))) {
    const dir = path.join(runs, key, arg);
    if ((await stat(dir).catch(() => null))?.isDirectory()) return dir;
  }
  throw new InputError(`no run ${arg} in ${runs}.`);
}

/** The run's store and id, when the directory is in gopsy's storage (else its earlier runs are unknown). */
async function storedRun(dir: string): Promise<{ store: RunStore; project: string; id: string } | null> {
  const manifest = await new DirRunFiles(dir, 'directory', dir).manifest();
  const projectDir = path.dirname(dir);
  if (!RUN_ID.test(path.basename(dir)) || path.basename(projectDir) !== projectKey(manifest.project)) return null;
  return { store: new RunStore(path.dirname(projectDir)), project: manifest.project, id: path.basename(dir) };
}

/** The run to compare with when none is given: the latest earlier one of its project with recorded inputs. */
async function earlierDir(dir: string): Promise<string> {
  const run = await storedRun(dir);
  if (!run) throw new UsageError(`${dir} is not in gopsy's storage, so its earlier runs are unknown: give --against RUN`);
  const id = await earlierWithHashes(run.store, run.project, run.id);
  return run.store.runDir(run.project, id);
}

/** A test run's earlier run of the same packages (null: none, a first run). */
async function earlierTestDir(dir: string): Promise<string | null> {
  const run = await storedRun(dir);
  if (!run) throw new UsageError(`${dir} is not in gopsy's storage, so its earlier runs are unknown: give --against RUN`);
  const id = await earlierTestRun(run.store, run.project, run.id);
  return id ? run.store.runDir(run.project, id) : null;
}

/** Each package's test verdict of a 'run-tests' run, against `against` (a directory) or its earlier run. */
async function testVerdicts(later: string, against: string | undefined, runs: ParsedRuns): Promise<{ packages: TestCacheVerdict[]; problems: string[] } | null> {
  const record = await readTestCacheRecord(later);
  if (!record) return null;
  const earlier = against ?? (await earlierTestDir(later));
  const before = earlier ? await readTestCacheRecord(earlier) : null;
  if (earlier && !before) throw new InputError(`The run to compare with (${path.basename(earlier)}) did not run tests with their cache lookups recorded.`);
  const verdicts = testCacheVerdicts(record, before);
  if (!earlier || !needsRebuildWhy(verdicts) || !(await hasHashInputs(later)) || !(await hasHashInputs(earlier))) return verdicts;
  const rebuild = await runs.explain(later, earlier, path.basename(earlier));
  return rebuild.ok ? testCacheVerdicts(record, before, rebuild.actions) : verdicts;
}

/** A test verdict in `--json`: a test action of the package. */
export function testJson(v: TestCacheVerdict) {
  return { key: `test ${v.package}`, package: v.package, mode: 'test', status: v.cached ? 'same' : 'changed', cached: v.cached, reasons: v.reasons };
}

function printTests(t: { packages: TestCacheVerdict[]; problems: string[] }): void {
  const out = (s: string) => process.stdout.write(s + '\n');
  for (const p of t.packages) {
    out(`test ${p.package}: ${p.cached ? 'cached' : 'ran'}`);
    for (const r of p.reasons) out(`    ${r.detail}`);
  }
  const ran = t.packages.filter((p) => !p.cached).length;
  out(`${t.packages.length} test packages: ${t.packages.length - ran} from the test cache, ${ran} ran`);
  for (const p of t.problems) process.stderr.write(`gopsy explain: warning: ${p}\n`);
}

function printText(e: Extract<RebuildExplanation, { ok: true }>, later: string, earlier: string): void {
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`${later} against ${earlier}`);
  const ran = e.actions.filter((a) => a.status !== 'same');
  for (const a of ran) {
    out(`${a.mode} ${a.package || a.key}: ${a.status}`);
    for (const r of a.reasons) out(`    ${r.detail}`); // the kind is in --json; the words already say it
    if (a.note) out(`    ${a.note}`);
  }
  const c = e.counts;
  out(`${e.actions.length} actions: ${c.same} unchanged (cache hits), ${c.changed} changed, ${c.new} new, ${c.unknown} unknown`);
  if (e.summary.length) {
    out('Root causes:');
    for (const s of e.summary) out(`  ${s.detail} → ${s.actions} action${s.actions === 1 ? '' : 's'}`);
  }
  for (const p of e.problems) process.stderr.write(`gopsy explain: warning: ${p}\n`);
}

export const explainCommand: CliCommand = {
  summary: 'why a build run rebuilt what it rebuilt (and a test run re-ran its tests), against an earlier run',
  usage: `gopsy explain RUN [--against RUN] [--json] [--storage DIR]
  RUN        a run directory or a run id, recorded with "Why rebuilt" (rebuildReasons) on, as the
             built-in "Diagnose failure" and "Build the binary" profiles do (cachehash.txt)
  --against  the run to compare with (default: the latest earlier run of the same project that
             recorded why its actions ran)
             (for a 'Run tests' run: the latest earlier run of the same packages' tests)
  --json     an array of {key, package, mode, status, cached, reasons: [{kind, detail}]}; a
             'Run tests' run adds one {mode: "test"} row per package (cached: its result came
             from the test cache; reason kinds new, binary, flag, env, file, uncacheable, other)
  --storage  gopsy's storage folder, where run ids are looked up (default: ${defaultStorageDir()})
  Exit status 1 when a run did not record its inputs or there is no earlier run.`,
  async run(argv) {
    const r = new ArgReader(argv, ['--against', '--storage'], ['--json']);
    const target = r.positional[0];
    if (!target || r.positional.length > 1) throw new UsageError('give one RUN (a run directory or a run id)');
    const storage = r.get('--storage') ? path.resolve(r.get('--storage')!) : defaultStorageDir();
    const runs = new ParsedRuns(); // in this thread: the CLI has nothing else to answer meanwhile
    const later = await runDir(target, storage);
    const against = r.get('--against');
    const againstDir = against !== undefined ? await runDir(against, storage) : undefined;
    const tests = await testVerdicts(later, againstDir, runs);
    // A test run explains its rebuilds too when it recorded them and has an earlier run to compare with.
    let e: RebuildExplanation | null = null;
    let earlier = againstDir;
    if (!tests || (await hasHashInputs(later))) {
      try {
        await runs.hashes(later); // says first when the run itself recorded nothing
        earlier ??= await earlierDir(later);
        e = await runs.explain(later, earlier, path.basename(earlier));
        if (!e.ok) throw new InputError(e.error);
      } catch (err) {
        if (!tests) throw err;
        e = null;
      }
    }
    const rebuilt = e?.ok ? e : null;
    if (r.has('--json')) {
      const rows = [...(rebuilt?.actions.map(verdictJson) ?? []), ...(tests?.packages.map(testJson) ?? [])];
      process.stdout.write(JSON.stringify(rows, null, 1) + '\n');
      return 0;
    }
    if (rebuilt && earlier) printText(rebuilt, later, earlier);
    if (tests) printTests(tests);
    return 0;
  },
};
