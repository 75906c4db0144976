// `gopsy explain RUN [--against RUN] [--json]`: why a recorded run's actions ran instead of coming from
// the cache, against an earlier run of the same project (GODEBUG=gocachehash=1 inputs, cachehash.txt).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ActionVerdict, RebuildExplanation } from '../shared/contract/explain';
import { ARTEFACTS, RUN_ID } from '../shared/runFolder';
import { defaultStorageDir } from '../main/services/settings';
import { earlierWithHashes } from '../main/services/runs/explain';
import { ParsedRuns } from '../main/services/runs/parsedRuns';
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

/** The run to compare with when none is given: the latest earlier one of its project with recorded inputs. */
async function earlierDir(dir: string): Promise<string> {
  const manifest = await new DirRunFiles(dir, 'directory', dir).manifest();
  const projectDir = path.dirname(dir);
  if (!RUN_ID.test(path.basename(dir)) || path.basename(projectDir) !== projectKey(manifest.project)) {
    throw new UsageError(`${dir} is not in gopsy's storage, so its earlier runs are unknown: give --against RUN`);
  }
  const store = new RunStore(path.dirname(projectDir));
  const id = await earlierWithHashes(store, manifest.project, path.basename(dir));
  return store.runDir(manifest.project, id);
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
  summary: 'why a build run rebuilt what it rebuilt, against an earlier run',
  usage: `gopsy explain RUN [--against RUN] [--json] [--storage DIR]
  RUN        a run directory or a run id, recorded with "Why rebuilt" (rebuildReasons) on, as the
             built-in "Diagnose failure" and "Build the binary" profiles do (cachehash.txt)
  --against  the run to compare with (default: the latest earlier run of the same project that
             recorded why its actions ran)
  --json     an array of {key, package, mode, status, cached, reasons: [{kind, detail}]}
  --storage  gopsy's storage folder, where run ids are looked up (default: ${defaultStorageDir()})
  Exit status 1 when a run did not record its inputs or there is no earlier run.`,
  async run(argv) {
    const r = new ArgReader(argv, ['--against', '--storage'], ['--json']);
    const target = r.positional[0];
    if (!target || r.positional.length > 1) throw new UsageError('give one RUN (a run directory or a run id)');
    const storage = r.get('--storage') ? path.resolve(r.get('--storage')!) : defaultStorageDir();
    const runs = new ParsedRuns(); // in this thread: the CLI has nothing else to answer meanwhile
    const later = await runDir(target, storage);
    await runs.hashes(later); // says first when the run itself recorded nothing
    const against = r.get('--against');
    const earlier = against !== undefined ? await runDir(against, storage) : await earlierDir(later);
    const e = await runs.explain(later, earlier, path.basename(earlier));
    if (!e.ok) throw new InputError(e.error);
    if (r.has('--json')) {
      process.stdout.write(JSON.stringify(e.actions.map(verdictJson), null, 1) + '\n');
      return 0;
    }
    printText(e, later, earlier);
    return 0;
  },
};
