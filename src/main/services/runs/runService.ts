// Captures build runs: one real `go build` / `go test -c` / `go test` in a pty (shown live), every artefact stored
// in the run directory, a manifest whose status says whether the run completed. Shared by the
// workbench (all windows) and `gopsy capture`.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildProfile, CommandPreview, RunDetail, RunManifest, RunSummary } from '../../../shared/build';
import type { CompileCostSummary } from '../../../shared/contract/compileCost';
import { GopsyError } from '../../../shared/rpc';
import { parseGoVersion } from '../../../core/goEnv';
import { toolchainProblem } from '../../../core/compare/toolchain';
import { GO_INSTALL_HINT, GoNotFoundError, childEnv, goBinary, goNotFoundText } from '../go/run';
import { goVersion } from '../go/version';
import { goEnv } from '../go/env';
import { PtyProcess } from '../ptyProcess';
import { ARTEFACTS } from '../../../shared/runFolder';
import { buildCommand, supportsBuildJson } from './command';
import { ProfileStore } from './profiles';
import { loadRunDetail } from './runDetail';
import { RUNS_DIR, RunStore, newRunId, summarize } from './runStore';
import { RunRecorder, runningManifest, type RunListener } from './runRecorder';
import { AnswersThread } from './answersThread';
import { RunExplainer } from './explain';
import { TestCacheExplainer } from './testCache';
import { SOURCE_HASHES, SOURCE_LINES, recordProjectSources } from '../remarks/sourceHashes';
import { ToolchainDownload, formatMB, toolchainZip } from './toolchainDownload';

export type { RunListener } from './runRecorder';

interface LiveRun {
  /** Set by cancel(): a run cancelled between its steps does not start the next one. */
  cancelled: boolean;
  /** Stops what the run is doing now: the toolchain download while it lasts, then the build. */
  stopCurrent: () => Promise<void> | void;
  /** Settles with the final manifest (or the error that ended start), however early it is awaited. */
  done: Promise<RunManifest>;
  settle: (done: Promise<RunManifest>) => void;
}

function newLiveRun(): LiveRun {
  let settle!: (done: Promise<RunManifest>) => void;
  const done = new Promise<RunManifest>((resolve) => (settle = resolve));
  done.catch(() => {}); // settled with start's error only when start also throws it
  return { cancelled: false, stopCurrent: () => {}, done, settle };
}

export class RunService {
  readonly store: RunStore;
  readonly profiles: ProfileStore;
  /** The worker that reads the build answers' large inputs (cache-key inputs, SSA pass times). */
  private readonly answers = new AnswersThread();
  /** Why a run's actions ran, against an earlier run (its recorded cache-key inputs). */
  readonly explainer: RunExplainer;
  /** Why a 'run-tests' run's tests ran or came from the test cache, against an earlier run. */
  readonly testCache: TestCacheExplainer;
  private readonly live = new Map<string, LiveRun>();
  private readonly listeners = new Set<RunListener>();
  private readonly recorder: RunRecorder;
  /** `go version` processes fetching a GOTOOLCHAIN toolchain before a build starts. */
  private readonly fetching = new Set<ChildProcess>();

  constructor(storageDir: string) {
    this.store = new RunStore(path.join(storageDir, RUNS_DIR));
    this.profiles = new ProfileStore(path.join(storageDir, 'profiles'));
    this.recorder = new RunRecorder(this.store, this.listeners);
    this.explainer = new RunExplainer(this.store, this.answers);
    this.testCache = new TestCacheExplainer(this.store, this.explainer);
  }

  subscribe(l: RunListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** The command a profile would run; the run directory is a placeholder until the run exists. */
  async preview(project: string, profile: BuildProfile): Promise<CommandPreview> {
    const runDir = path.join(this.store.projectDir(project), '<run>');
    // With GOTOOLCHAIN the build runs that Go: its name says whether it has -json (no download to preview).
    const gotoolchain = profile.env?.GOTOOLCHAIN;
    const supportsJson = gotoolchain && /^go\d/.test(gotoolchain) ? supportsBuildJson(gotoolchain) : await this.jsonSupport();
    return buildCommand(profile, project, { goBinary: goBinary(), runDir, supportsJson, godebug: process.env.GODEBUG });
  }

  private async jsonSupport(): Promise<boolean> {
    const v = await goVersion().catch(() => null);
    return supportsBuildJson(v?.parsed?.version);
  }

  /**
   * Starts a run; resolves once it is running, with a promise of its final manifest. With GOTOOLCHAIN
   * naming another Go, the run exists at once: the go command's download of that Go (which can take
   * minutes) shows in the run's output, and cancel() stops it; the build follows once it is there.
   */
  async start(project: string, profile: BuildProfile): Promise<{ summary: RunSummary; done: Promise<RunManifest> }> {
    const id = newRunId();
    const dir = await this.store.create(project, id);
    // local / auto name no particular Go: nothing to fetch first.
    const gotoolchain = /^go\d/.test(profile.env?.GOTOOLCHAIN ?? '') ? profile.env!.GOTOOLCHAIN : undefined;
    const run = newLiveRun();
    this.live.set(id, run);
    try {
      if (gotoolchain) return await this.startWithToolchain(project, profile, id, dir, run, gotoolchain);
      const versionRes = await goVersion().catch((err: Error) => ({
        stdout: '',
        stderr: err.message,
        exitCode: -1,
        ...(err instanceof GoNotFoundError ? { goMissing: true } : {}),
      }));
      const started = await this.launch({ project, profile, id, dir, versionRes, preface: '', run });
      return { summary: started.summary, done: this.track(id, run, started.done) };
    } catch (err) {
      this.live.delete(id);
      run.settle(Promise.reject(err));
      throw err;
    }
  }

  private async startWithToolchain(
    project: string,
    profile: BuildProfile,
    id: string,
    dir: string,
    run: LiveRun,
    gotoolchain: string,
  ): Promise<{ summary: RunSummary; done: Promise<RunManifest> }> {
    let preface = '';
    const say = (s: string) => {
      preface += s;
      this.recorder.output(id, s);
    };
    // The command as it will run: the version asked for decides the flags (-json needs go1.24).
    const command = buildCommand(profile, project, { goBinary: goBinary(), runDir: dir, supportsJson: supportsBuildJson(gotoolchain), godebug: process.env.GODEBUG });
    const manifest = runningManifest(id, project, profile, command, undefined);
    await this.store.writeManifest(project, manifest);
    const summary = summarize(manifest);
    this.recorder.status(summary);
    // The go command prints one line and then downloads silently: its temp file's size is the progress.
    const zip = await toolchainZip(project, command.env, gotoolchain);
    const download = zip ? await ToolchainDownload.begin(zip) : null;
    const fetch = this.resolveToolchain(project, { ...command.env, GOTOOLCHAIN: gotoolchain }, say);
    if (run.cancelled) fetch.stop();
    run.stopCurrent = async () => {
      fetch.stop();
      await fetch.result;
    };
    const began = Date.now();
    let fetching = true;
    const progress = download
      ? setInterval(() => {
          void download.bytes().then((n) => {
            if (n !== null && fetching) say(`gopsy: ${gotoolchain}: ${formatMB(n)} downloaded so far (${Math.round((Date.now() - began) / 1000)} s)\r\n`);
          });
        }, DOWNLOAD_PROGRESS_MS)
      : null;
    const fetched = fetch.result.then(async (res) => {
      fetching = false;
      if (progress) clearInterval(progress);
      // A go command killed mid-download (cancel, the time limit) leaves its temp file for good.
      const left = res.exitCode !== 0 && download ? await download.removeLeftovers() : 0;
      if (left > 0) say(`gopsy: removed the ${formatMB(left)} the stopped download left in the module cache.\r\n`);
      return res;
    });
    const done = fetched
      .then(async (versionRes) => {
        if (run.cancelled) {
          await writeFile(path.join(dir, ARTEFACTS.goVersion), versionRes.stdout || versionRes.stderr);
          return this.recorder.endEarly(project, dir, manifest, preface, `gopsy: cancelled while the go command was fetching ${gotoolchain}.\r\n`, 'cancelled', undefined);
        }
        return (await this.launch({ project, profile, id, dir, versionRes, preface, run, gotoolchain, startedAt: manifest.startedAt })).done;
      })
      // Nobody may be waiting on done (the workbench follows status events): it must not reject.
      .catch(async (err: Error) => {
        say(`gopsy: ${err.message}\r\n`);
        return this.recorder.finish(project, dir, manifest, 'failed', -1).catch(() => ({ ...manifest, status: 'failed' as const }));
      });
    return { summary, done: this.track(id, run, done) };
  }

  /** Keeps a run in `live` (where start put it) until its final manifest is written. */
  private track(id: string, run: LiveRun, done: Promise<RunManifest>): Promise<RunManifest> {
    run.settle(done);
    void done.finally(() => this.live.delete(id)).catch(() => {});
    return done;
  }

  /** The build itself, once the toolchain is known: `go version` has answered (or failed). */
  private async launch(ctx: {
    project: string;
    profile: BuildProfile;
    id: string;
    dir: string;
    /** goMissing: there is no go to run (its spawn failed with ENOENT). */
    versionRes: { stdout: string; stderr: string; exitCode: number; goMissing?: boolean };
    preface: string;
    run: LiveRun;
    gotoolchain?: string;
    /** When the run began, if before this step (the toolchain download came first). */
    startedAt?: string;
  }): Promise<{ summary: RunSummary; done: Promise<RunManifest> }> {
    const { project, profile, id, dir, versionRes, run, gotoolchain, preface } = ctx;
    const version = parseGoVersion(versionRes.stdout)?.version;
    const command = buildCommand(profile, project, { goBinary: goBinary(), runDir: dir, supportsJson: supportsBuildJson(version), godebug: process.env.GODEBUG });
    await writeFile(path.join(dir, ARTEFACTS.goVersion), versionRes.stdout || versionRes.stderr);
    // `go env -json` runs beside the build, not before it: on a fresh private GOCACHE it takes a few
    // hundred ms (the go command lays the cache out and probes the C compiler), and the build needs
    // nothing from it. The run is finished only once its output is written.
    // Not after a failed or stopped toolchain fetch: go env would start the download again.
    const goEnvWritten =
      gotoolchain && versionRes.exitCode !== 0
        ? Promise.resolve()
        : goEnv([], { cwd: project, env: command.env })
            .then((res) => writeFile(path.join(dir, ARTEFACTS.goEnv), res.stdout))
            .catch(() => {});
    // Remark markers are stale once their file's content changes, and the commands' -bench blocks are
    // told apart by their sources' lines as built: record the sources before go reads them.
    if (profile.capture.remarks || profile.capture.phases) {
      const sources = await recordProjectSources(project);
      await writeFile(path.join(dir, SOURCE_HASHES), JSON.stringify(sources.hashes));
      await writeFile(path.join(dir, SOURCE_LINES), JSON.stringify(sources.lines));
    }

    const manifest = runningManifest(id, project, profile, command, version, ctx.startedAt);
    await this.store.writeManifest(project, manifest);

    const early = earlyEnd(versionRes, run, gotoolchain);
    if (early) {
      await goEnvWritten;
      const ended = await this.recorder.endEarly(project, dir, manifest, preface, early.message, early.status, early.exitCode);
      return { summary: summarize(ended), done: Promise.resolve(ended) };
    }
    let proc: PtyProcess;
    try {
      proc = new PtyProcess({ file: command.argv[0]!, args: command.argv.slice(1), cwd: project, env: childEnv(command.env), cols: 160, rows: 40 });
    } catch (err) {
      await goEnvWritten;
      const failed = await this.recorder.finish(project, dir, manifest, 'failed', -1);
      this.recorder.output(id, `gopsy: could not start go: ${(err as Error).message}\r\n`);
      return { summary: summarize(failed), done: Promise.resolve(failed) };
    }
    run.stopCurrent = () => proc.stop();
    const done = this.recorder.capture(project, dir, manifest, proc, goEnvWritten, preface);
    const summary = summarize(manifest);
    this.recorder.status(summary);
    return { summary, done };
  }

  /** Ids of the runs under way in this process. */
  get running(): string[] {
    return [...this.live.keys()];
  }

  isRunning(id: string): boolean {
    return this.live.has(id);
  }

  async cancel(id: string): Promise<void> {
    const run = this.live.get(id);
    if (!run) throw new GopsyError('not-running', 'That run is not running.');
    run.cancelled = true;
    await run.stopCurrent();
    await run.done.catch(() => {});
  }

  async list(project: string): Promise<RunSummary[]> {
    return Promise.all((await this.store.list(project)).map(async (m) => summarize(await this.settled(project, m))));
  }

  async detail(project: string, id: string): Promise<RunDetail> {
    const manifest = await this.settled(project, await this.store.readManifest(project, id));
    return loadRunDetail(this.store.runDir(project, id), manifest);
  }

  /**
   * A manifest read as 'running' of a run this process does not run: either it ended while it was read
   * (its final manifest is written before it leaves `live`, so a second read has it), or it was left
   * 'running' by a gopsy that died, and its build was killed with it.
   */
  private async settled(project: string, m: RunManifest): Promise<RunManifest> {
    if (m.status !== 'running' || this.live.has(m.id)) return m;
    const now = await this.store.readManifest(project, m.id).catch(() => null);
    return now && now.status !== 'running' ? now : { ...m, status: 'killed' };
  }

  /**
   * `go version` with GOTOOLCHAIN set, in the project and with the build's environment (the profile's
   * GOFLAGS, and gopsy's own environment with its GOPROXY): the go command downloads the toolchain if
   * needed and says so on stderr, which is passed on as it comes. stop() ends it (cancel, or the app quits).
   */
  private resolveToolchain(
    project: string,
    env: Record<string, string> & { GOTOOLCHAIN: string },
    say: (s: string) => void,
  ): { result: Promise<{ stdout: string; stderr: string; exitCode: number }>; stop: () => void } {
    const version = env.GOTOOLCHAIN;
    say(`gopsy: GOTOOLCHAIN=${version}: the go command runs that Go, downloading it through the module proxy (GOPROXY) if the module cache does not have it yet…\r\n`);
    const child = spawn(goBinary(), ['version'], { cwd: project, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    const result = new Promise<{ stdout: string; stderr: string; exitCode: number }>((resolve) => {
      let stdout = '';
      let stderr = '';
      this.fetching.add(child);
      const timer = setTimeout(() => child.kill('SIGKILL'), TOOLCHAIN_FETCH_MS);
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        say(d.replace(/\r?\n/g, '\r\n'));
      });
      const end = (res: { stdout: string; stderr: string; exitCode: number }) => {
        clearTimeout(timer);
        this.fetching.delete(child);
        resolve(res);
      };
      child.on('error', (err) => end({ stdout, stderr: stderr + err.message, exitCode: -1 }));
      child.on('close', (code, signal) => {
        if (stdout) say(stdout.replace(/\r?\n/g, '\r\n'));
        end({ stdout, stderr: signal ? `${stderr}\n(the toolchain fetch was stopped: ${signal})` : stderr, exitCode: code ?? -1 });
      });
    });
    return { result, stop: () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL') };
  }

  /** Run `id`'s SSA pass times by function, pass and package (`recorded: false` when it has none). */
  async compileCost(project: string, id: string): Promise<CompileCostSummary> {
    await this.store.readManifest(project, id); // `no-run` when it is gone
    return this.answers.compileCost(this.store.runDir(project, id), project);
  }

  /** Ends the build answers' worker (the app quits; a later request would start it again). */
  closeAnswers(): Promise<void> {
    return this.answers.close();
  }

  /** Ends every running build (the app quits). */
  async cancelAll(): Promise<void> {
    for (const child of this.fetching) child.kill('SIGKILL');
    await Promise.all([...this.live.keys()].map((id) => this.cancel(id).catch(() => {})));
  }
}

/** How often the size of a toolchain download so far is said in the run's output. */
const DOWNLOAD_PROGRESS_MS = 5000;

/** How long fetching a toolchain (an 80–150 MB zip through the module proxy) may take before gopsy gives up. */
const TOOLCHAIN_FETCH_MS = 15 * 60_000;

/** Why a run ends before its go command runs, if it does: what it says, and how it ends. */
function earlyEnd(
  versionRes: { stderr: string; exitCode: number; goMissing?: boolean },
  run: LiveRun,
  gotoolchain: string | undefined,
): { message: string; status: 'failed' | 'cancelled'; exitCode: number | undefined } | null {
  if (gotoolchain && versionRes.exitCode !== 0) {
    return { message: `gopsy: ${toolchainProblem(gotoolchain, versionRes.stderr).replace(/\n/g, '\r\n')}\r\n`, status: 'failed', exitCode: versionRes.exitCode };
  }
  if (versionRes.goMissing) return { message: `gopsy: ${goNotFoundText(goBinary())} Nothing was built. ${GO_INSTALL_HINT}.\r\n`, status: 'failed', exitCode: undefined };
  if (run.cancelled) return { message: 'gopsy: cancelled before the build started.\r\n', status: 'cancelled', exitCode: undefined };
  return null;
}
