// Captures build runs: one real `go build` / `go test -c` in a pty (shown live), every artefact stored
// in the run directory, a manifest whose status says whether the run completed. Shared by the
// workbench (all windows) and `gopsy capture`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildProfile, CommandPreview, RunDetail, RunManifest, RunStatus, RunSummary } from '../../../shared/build';
import { GopsyError } from '../../../shared/rpc';
import { BuildConsoleText } from '../../../core/build';
import { parseGoVersion } from '../../../core/goEnv';
import { toolchainProblem } from '../../../core/compare/toolchain';
import { GO_INSTALL_HINT, GoNotFoundError, childEnv, goBinary, goNotFoundText, runGo } from '../goCommand';
import { PtyProcess } from '../ptyProcess';
import { ARTEFACTS } from '../../../shared/runFolder';
import { buildCommand, supportsBuildJson } from './command';
import { ProfileStore } from './profiles';
import { loadRunDetail } from './runDetail';
import { RUNS_DIR, RunStore, newRunId, summarize } from './runStore';
import { SOURCE_HASHES, hashProjectSources } from '../remarks/sourceHashes';
import { ToolchainDownload, formatMB, toolchainZip } from './toolchainDownload';

export interface RunListener {
  output(id: string, text: string): void;
  status(summary: RunSummary): void;
}

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

function runningManifest(
  id: string,
  project: string,
  profile: BuildProfile,
  command: RunManifest['command'],
  goVersion: string | undefined,
  startedAt = new Date().toISOString(),
): RunManifest {
  return {
    version: 1,
    id,
    project,
    profile,
    command,
    status: 'running',
    startedAt,
    artefacts: [],
    ...(goVersion ? { goVersion } : {}),
  };
}

/** The go command's work directory is listed up to this many entries (a -a std build has thousands). */
const MAX_WORK_ENTRIES = 20_000;

export class RunService {
  readonly store: RunStore;
  readonly profiles: ProfileStore;
  private readonly live = new Map<string, LiveRun>();
  private readonly listeners = new Set<RunListener>();
  /** `go version` processes fetching a GOTOOLCHAIN toolchain before a build starts. */
  private readonly fetching = new Set<ChildProcess>();

  constructor(storageDir: string) {
    this.store = new RunStore(path.join(storageDir, RUNS_DIR));
    this.profiles = new ProfileStore(path.join(storageDir, 'profiles'));
  }

  subscribe(l: RunListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** The command a profile would run; the run directory is a placeholder until the run exists. */
  async preview(project: string, profile: BuildProfile): Promise<CommandPreview> {
    const runDir = path.join(this.store.projectDir(project), '<run>');
    // With GOTOOLCHAIN the build runs that Go: its name says whether it has -json (no download to preview).
    const gotoolchain = profile.env?.GOTOOLCHAIN;
    const supportsJson = gotoolchain && /^go\d/.test(gotoolchain) ? supportsBuildJson(gotoolchain) : await this.jsonSupport();
    return buildCommand(profile, project, { goBinary: goBinary(), runDir, supportsJson });
  }

  private async jsonSupport(): Promise<boolean> {
    const v = await runGo(['version'], { timeoutMs: 30_000 }).catch(() => null);
    return supportsBuildJson(v ? parseGoVersion(v.stdout)?.version : undefined);
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
      const versionRes = await runGo(['version'], { timeoutMs: 30_000 }).catch((err: Error) => ({
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
      this.emitOutput(id, s);
    };
    // The command as it will run: the version asked for decides the flags (-json needs go1.24).
    const command = buildCommand(profile, project, { goBinary: goBinary(), runDir: dir, supportsJson: supportsBuildJson(gotoolchain) });
    const manifest = runningManifest(id, project, profile, command, undefined);
    await this.store.writeManifest(project, manifest);
    const summary = summarize(manifest);
    for (const l of this.listeners) l.status(summary);
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
          say(`gopsy: cancelled while the go command was fetching ${gotoolchain}.\r\n`);
          await writeFile(path.join(dir, ARTEFACTS.goVersion), versionRes.stdout || versionRes.stderr);
          await writeFile(path.join(dir, ARTEFACTS.console), preface.replace(/\r\n/g, '\n'));
          return this.finish(project, dir, manifest, 'cancelled', undefined);
        }
        return (await this.launch({ project, profile, id, dir, versionRes, preface, run, gotoolchain, startedAt: manifest.startedAt })).done;
      })
      // Nobody may be waiting on done (the workbench follows status events): it must not reject.
      .catch(async (err: Error) => {
        say(`gopsy: ${err.message}\r\n`);
        return this.finish(project, dir, manifest, 'failed', -1).catch(() => ({ ...manifest, status: 'failed' as const }));
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
    const { project, profile, id, dir, versionRes, run, gotoolchain } = ctx;
    let preface = ctx.preface;
    const say = (s: string) => {
      preface += s;
      this.emitOutput(id, s);
    };
    const goVersion = parseGoVersion(versionRes.stdout)?.version;
    const command = buildCommand(profile, project, { goBinary: goBinary(), runDir: dir, supportsJson: supportsBuildJson(goVersion) });
    await writeFile(path.join(dir, ARTEFACTS.goVersion), versionRes.stdout || versionRes.stderr);
    // `go env -json` runs beside the build, not before it: on a fresh private GOCACHE it takes a few
    // hundred ms (the go command lays the cache out and probes the C compiler), and the build needs
    // nothing from it. The run is finished only once its output is written.
    // Not after a failed or stopped toolchain fetch: go env would start the download again.
    const goEnvWritten =
      gotoolchain && versionRes.exitCode !== 0
        ? Promise.resolve()
        : runGo(['env', '-json'], { cwd: project, env: command.env, timeoutMs: 30_000 })
            .then((res) => writeFile(path.join(dir, ARTEFACTS.goEnv), res.stdout))
            .catch(() => {});
    // Remark markers are stale once their file's content changes, and the commands' -bench blocks are
    // told apart by their sources' lines as built: record the sources before go reads them.
    if (profile.capture.remarks || profile.capture.phases) await writeFile(path.join(dir, SOURCE_HASHES), JSON.stringify(await hashProjectSources(project)));

    const manifest = runningManifest(id, project, profile, command, goVersion, ctx.startedAt);
    await this.store.writeManifest(project, manifest);

    if (gotoolchain && versionRes.exitCode !== 0) {
      await goEnvWritten;
      say(`gopsy: ${toolchainProblem(gotoolchain, versionRes.stderr).replace(/\n/g, '\r\n')}\r\n`);
      await writeFile(path.join(dir, ARTEFACTS.console), preface.replace(/\r\n/g, '\n'));
      const failed = await this.finish(project, dir, manifest, 'failed', versionRes.exitCode);
      return { summary: summarize(failed), done: Promise.resolve(failed) };
    }

    if (versionRes.goMissing) {
      await goEnvWritten;
      say(`gopsy: ${goNotFoundText(goBinary())} Nothing was built. ${GO_INSTALL_HINT}.\r\n`);
      await writeFile(path.join(dir, ARTEFACTS.console), preface.replace(/\r\n/g, '\n'));
      const failed = await this.finish(project, dir, manifest, 'failed', undefined);
      return { summary: summarize(failed), done: Promise.resolve(failed) };
    }

    if (run.cancelled) {
      await goEnvWritten;
      say('gopsy: cancelled before the build started.\r\n');
      await writeFile(path.join(dir, ARTEFACTS.console), preface.replace(/\r\n/g, '\n'));
      const cancelled = await this.finish(project, dir, manifest, 'cancelled', undefined);
      return { summary: summarize(cancelled), done: Promise.resolve(cancelled) };
    }
    let proc: PtyProcess;
    try {
      proc = new PtyProcess({ file: command.argv[0]!, args: command.argv.slice(1), cwd: project, env: childEnv(command.env), cols: 160, rows: 40 });
    } catch (err) {
      await goEnvWritten;
      const failed = await this.finish(project, dir, manifest, 'failed', -1);
      this.emitOutput(id, `gopsy: could not start go: ${(err as Error).message}\r\n`);
      return { summary: summarize(failed), done: Promise.resolve(failed) };
    }
    run.stopCurrent = () => proc.stop();
    const done = this.capture(project, dir, manifest, proc, goEnvWritten, preface.replace(/\r\n/g, '\n'));
    const summary = summarize(manifest);
    for (const l of this.listeners) l.status(summary);
    return { summary, done };
  }

  private capture(project: string, dir: string, manifest: RunManifest, proc: PtyProcess, goEnvWritten: Promise<void>, preface = ''): Promise<RunManifest> {
    const events = createWriteStream(path.join(dir, ARTEFACTS.events));
    const consoleFile = createWriteStream(path.join(dir, ARTEFACTS.console));
    if (preface) consoleFile.write(preface);
    const text = new BuildConsoleText();
    let work: string | null = null;
    const show = (s: string) => {
      if (!s) return;
      consoleFile.write(s);
      this.emitOutput(manifest.id, s);
    };
    proc.onData((data) => {
      // The run's own files are its consumer: acknowledge at once, so a window that is not looking
      // (or no window at all) never stalls the build through flow control.
      proc.ack(data.length);
      events.write(data.replace(/\r\n/g, '\n'));
      work ??= /"Output":"WORK=([^"\\]+)/.exec(data)?.[1] ?? /^WORK=(\S+)/m.exec(data)?.[1] ?? null;
      show(text.push(data));
    });
    return new Promise<RunManifest>((resolve) => {
      proc.onExit((exit) => {
        show(text.flush());
        const status: RunStatus = exit.stopped ? 'cancelled' : exit.signal ? 'killed' : exit.exitCode === 0 ? 'succeeded' : 'failed';
        void Promise.all([endStream(events), endStream(consoleFile), goEnvWritten])
          .then(async () => {
            if (work && manifest.profile.capture.work) await listWork(work, path.join(dir, ARTEFACTS.work));
            if (work) await rm(work, { recursive: true, force: true }).catch(() => {});
            return this.finish(project, dir, manifest, status, exit.exitCode);
          })
          .then(resolve, () => resolve(manifest));
      });
    });
  }

  /** exitCode: undefined when no process of the build ran to an exit (cancelled before it started). */
  private async finish(project: string, dir: string, manifest: RunManifest, status: RunStatus, exitCode: number | undefined): Promise<RunManifest> {
    // The private cache made every package compile; it is not an artefact (and can be GBs).
    await rm(path.join(dir, ARTEFACTS.cache), { recursive: true, force: true }).catch(() => {});
    const final: RunManifest = { ...manifest, status, ...(exitCode !== undefined ? { exitCode } : {}), endedAt: new Date().toISOString(), artefacts: await listArtefacts(dir) };
    await this.store.writeManifest(project, final);
    for (const l of this.listeners) l.status(summarize(final));
    return final;
  }

  private emitOutput(id: string, text: string): void {
    for (const l of this.listeners) l.output(id, text);
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
    return (await this.store.list(project)).map((m) => {
      const s = summarize(m);
      // A run left 'running' by a gopsy that died: its build was killed with it.
      return s.status === 'running' && !this.live.has(s.id) ? { ...s, status: 'killed' as const } : s;
    });
  }

  async detail(project: string, id: string): Promise<RunDetail> {
    const manifest = await this.store.readManifest(project, id);
    if (manifest.status === 'running' && !this.live.has(id)) manifest.status = 'killed';
    return loadRunDetail(this.store.runDir(project, id), manifest);
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

  /** Ends every running build (the app quits). */
  async cancelAll(): Promise<void> {
    for (const child of this.fetching) child.kill('SIGKILL');
    await Promise.all([...this.live.keys()].map((id) => this.cancel(id).catch(() => {})));
  }
}

function endStream(s: WriteStream): Promise<void> {
  return new Promise((resolve) => s.end(resolve));
}

/** How often the size of a toolchain download so far is said in the run's output. */
const DOWNLOAD_PROGRESS_MS = 5000;

/** How long fetching a toolchain (an 80–150 MB zip through the module proxy) may take before gopsy gives up. */
const TOOLCHAIN_FETCH_MS = 15 * 60_000;

async function listArtefacts(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name === ARTEFACTS.manifest) continue;
    const st = await stat(path.join(dir, name)).catch(() => null);
    if (st?.isDirectory()) {
      const inner = await readdir(path.join(dir, name), { recursive: true }).catch(() => [] as string[]);
      if (inner.length > 0) out.push(`${name}/`);
    } else if (st && st.size > 0) out.push(name);
  }
  return out.sort();
}

async function listWork(work: string, file: string): Promise<void> {
  const entries = await readdir(work, { recursive: true }).catch(() => [] as string[]);
  const lines = entries.sort().slice(0, MAX_WORK_ENTRIES);
  if (entries.length > MAX_WORK_ENTRIES) lines.push(`… ${entries.length - MAX_WORK_ENTRIES} more`);
  await writeFile(file, lines.join('\n') + '\n');
}
