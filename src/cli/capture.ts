// `gopsy capture`: one build run without a window (CI): the same capture as the Build view, written to
// a run directory or, with --out FILE.gopsy, to a session bundle (the run and the project's sources,
// as Save Session writes them). Exits with the build's exit code and prints where the result is.
import { mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { BuildProfile, PROFILE_ENV_KEYS, type RunManifest } from '../shared/build';
import { BUILT_IN_PROFILES } from '../main/services/runs/profiles';
import { ARTEFACTS } from '../shared/runFolder';
import { RUN_PLACEHOLDER, relocatedCommand } from '../main/services/runs/command';
import { loadRunDetail } from '../main/services/runs/runDetail';
import { RunService } from '../main/services/runs/runService';
import { GopsyError } from '../shared/rpc';
import { ArgReader, UsageError, type CliCommand } from './command';

const USAGE = `gopsy capture [DIR] --out RUNDIR|FILE.gopsy [options]
  --out RUNDIR        where to write the run directory (must not exist yet)
  --out FILE.gopsy    or a session bundle: the run and the module's sources (.go, go.mod, go.sum),
                      secret-looking values redacted, written atomically (must not exist yet)
  --profile NAME      a built-in profile: ${BUILT_IN_PROFILES.map((p) => `"${p.name}"`).join(', ')} (default "Build timing")
  --pkg PATTERN       package pattern, repeatable (default ./...)
  --test              build the test binaries (go test -c) instead
  --test-flag FLAG    with --profile "Run tests" (go test, the tests run): a test flag such as
                      -count=1 or -run=TestX (repeatable)
  --gcflags VALUE     extra -gcflags, one value, e.g. '-m=2' or './store=-N -l'
  --ldflags VALUE     -ldflags
  --tags a,b          build tags
  --env K=V           ${PROFILE_ENV_KEYS.join(', ')} (repeatable)
  --rebuild-all       -a
  --private-cache     a private GOCACHE for the run (every package compiles; removed afterwards)
  --keep-binary       keep the linked binary in the run's out/ (only main packages are then built),
                      with the linker's reachability graph (-ldflags=-dumpdep, dumpdep.txt) for
                      gopsy binary why
  --compiler-profile PKG
                      also write a CPU profile of the compiler compiling package PKG (compile.cpuprof)
  --quiet             print only the command, the summary and the build's errors, not its console
                      output (the -x log of a large module is megabytes; the run keeps it in console.txt)
With no DIR, the current directory.`;

function readProfile(r: ArgReader): BuildProfile {
  const name = r.get('--profile') ?? 'Build timing';
  const base = BUILT_IN_PROFILES.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (!base) throw new UsageError(`no built-in profile "${name}"`);
  const profile: BuildProfile = structuredClone(base);
  if (r.all('--pkg').length > 0) profile.packages = r.all('--pkg');
  if (r.has('--test')) profile.target = 'test';
  if (r.all('--test-flag').length > 0) {
    if (profile.target !== 'run-tests') throw new UsageError('--test-flag needs --profile "Run tests" (the tests run)');
    profile.testFlags = r.all('--test-flag');
  }
  if (r.get('--gcflags') !== undefined) profile.gcflags = r.get('--gcflags');
  if (r.get('--ldflags') !== undefined) profile.ldflags = r.get('--ldflags');
  if (r.get('--tags')) profile.tags = r.get('--tags')!.split(',').filter(Boolean);
  if (r.has('--rebuild-all')) profile.rebuildAll = true;
  if (r.has('--private-cache')) profile.privateCache = true;
  if (r.has('--keep-binary')) profile.keepBinary = true;
  const cpu = r.get('--compiler-profile');
  if (cpu) profile.capture = { ...profile.capture, cpuProfilePackage: cpu };
  const env: Record<string, string> = {};
  for (const kv of r.all('--env')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env takes K=V (got ${kv})`);
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  if (Object.keys(env).length > 0) profile.env = env;
  const parsed = BuildProfile.safeParse(profile);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** --quiet: what went wrong, without the console: the compile errors, else the console's last lines. */
async function printErrors(runDir: string, m: RunManifest): Promise<void> {
  const detail = await loadRunDetail(runDir, m).catch(() => null);
  if (detail && detail.errors.length > 0) {
    for (const e of detail.errors) process.stdout.write(`${e.path}:${e.line}${e.column ? `:${e.column}` : ''}: ${e.message}\n`);
    return;
  }
  const console = await readFile(path.join(runDir, ARTEFACTS.console), 'utf8').catch(() => '');
  const tail = console.replace(/\r\n/g, '\n').trimEnd().split('\n').slice(-QUIET_TAIL_LINES);
  if (tail.join('').trim()) process.stdout.write(`${tail.join('\n')}\n`);
}

/** With --quiet, a failure that is no compile error shows this many last lines of the console. */
const QUIET_TAIL_LINES = 20;

async function capture(argv: string[]): Promise<number> {
  const r = new ArgReader(
    argv,
    ['--out', '--profile', '--pkg', '--gcflags', '--ldflags', '--tags', '--env', '--compiler-profile', '--test-flag'],
    ['--test', '--rebuild-all', '--private-cache', '--keep-binary', '--quiet'],
  );
  const quiet = r.has('--quiet');
  if (r.positional.length > 1) throw new UsageError(`one project folder at a time (got ${r.positional.join(', ')})`);
  const outArg = r.get('--out');
  if (!outArg) throw new UsageError('--out RUNDIR is required');
  const bundle = outArg.endsWith('.gopsy');
  const out = path.resolve(outArg);
  if (await stat(out).catch(() => null)) throw new UsageError(`${out} already exists`);
  if (!(await stat(path.dirname(out)).catch(() => null))?.isDirectory()) throw new UsageError(`the folder ${path.dirname(out)} does not exist`);
  const project = path.resolve(r.positional[0] ?? '.');
  if (!(await stat(project).catch(() => null))?.isDirectory()) throw new UsageError(`${project} is not a folder`);
  const profile = readProfile(r);

  // The run is made next to --out (same file system) and renamed into place when it is complete.
  const storage = await mkdtemp(path.join(path.dirname(out), '.gopsy-capture-'));
  const runs = new RunService(storage);
  runs.subscribe({
    output: (_id, text) => {
      if (!quiet) process.stdout.write(text.replace(/\r\n/g, '\n'));
    },
    status: () => {},
  });
  let cancelled = false;
  // Handled every time (not once): a second Ctrl-C must not kill the process half-way through writing.
  const stop = new AbortController();
  const onSignal = () => {
    cancelled = true;
    stop.abort();
    void runs.cancelAll();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { summary, done } = await runs.start(project, profile);
    // The run is made in a temp folder that goes: the command shown and recorded names where its files
    // stay (--out), or for a bundle RUN_PLACEHOLDER, so that it can be pasted and run again.
    const stays = bundle ? RUN_PLACEHOLDER : out;
    const started = await runs.store.readManifest(project, summary.id).catch(() => null);
    process.stderr.write(`gopsy: ${started ? relocatedCommand(started, stays).shellLine : summary.commandLine}\n`);
    const finished = await done;
    const runDir = runs.store.runDir(project, finished.id);
    const m = { ...finished, command: relocatedCommand(finished, stays) };
    await runs.store.writeManifest(project, m);
    if (quiet && m.status !== 'succeeded') await printErrors(runDir, m);
    if (bundle) {
      if (cancelled) {
        process.stderr.write(`gopsy: build ${m.status}; no bundle written\n`);
        return 130;
      }
      // Loaded here: a run directory needs none of the bundle writer.
      const { writeCaptureBundle } = await import('../main/services/bundles/captureBundle');
      const res = await writeCaptureBundle(out, project, m, runDir, { signal: stop.signal, noReplace: true }).catch((err: unknown) => {
        if (!(err instanceof GopsyError)) throw err;
        process.stderr.write(`gopsy: build ${m.status}; ${err.message}\n`);
        return null;
      });
      if (!res) return cancelled ? 130 : 2;
      process.stderr.write(`gopsy: build ${m.status} (exit ${m.exitCode ?? '?'}); bundle written to ${out} (${res.manifest.entries.length} entries, ${res.bytes} bytes)\n`);
      process.stderr.write(`gopsy: its recorded command writes the artefacts to ${RUN_PLACEHOLDER}: to run it again, replace ${RUN_PLACEHOLDER} with a folder of your own\n`);
    } else {
      // The build took a while: something may have made --out meanwhile (rename would replace an empty folder).
      if (await stat(out).catch(() => null)) {
        process.stderr.write(`gopsy: build ${m.status}; ${out} exists (it appeared while the build ran), so the run was not moved there\n`);
        return 2;
      }
      await rename(runDir, out);
      process.stderr.write(`gopsy: build ${m.status} (exit ${m.exitCode ?? '?'}); run written to ${out}\n`);
    }
    return cancelled ? 130 : (m.exitCode ?? 1);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await rm(storage, { recursive: true, force: true });
  }
}

export const captureCommand: CliCommand = {
  summary: 'run one build with every artefact captured, without a window (for CI)',
  usage: USAGE,
  run: capture,
};
