// Records a build run: its manifest (running, then final with the artefacts listed), the go command's
// output into the run's files (events, console transcript) and to the listeners, and the work directory
// listing. What starts the run (the command, the toolchain) is in runService.ts.
import { createWriteStream, type WriteStream } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildProfile, RunManifest, RunStatus, RunSummary } from '../../../shared/build';
import { BuildConsoleText, CompileCostLineSplitter, DumpDepLineSplitter, HashLineSplitter, PrefixLineSplitter, TEST_CACHE_PREFIX } from '../../../core/build';
import { recordsReachability } from './command';
import type { PtyProcess } from '../ptyProcess';
import { ARTEFACTS } from '../../../shared/runFolder';
import { summarize, type RunStore } from './runStore';

export interface RunListener {
  output(id: string, text: string): void;
  status(summary: RunSummary): void;
}

/** The go command's work directory is listed up to this many entries (a -a std build has thousands). */
const MAX_WORK_ENTRIES = 20_000;

export function runningManifest(
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

/** The console transcript as written to the run's folder (the terminal's CRLF as LF). */
const transcript = (text: string) => text.replace(/\r\n/g, '\n');

export class RunRecorder {
  constructor(
    private readonly store: RunStore,
    private readonly listeners: ReadonlySet<RunListener>,
  ) {}

  output(id: string, text: string): void {
    for (const l of this.listeners) l.output(id, text);
  }

  status(summary: RunSummary): void {
    for (const l of this.listeners) l.status(summary);
  }

  /**
   * A run that ends before its go command runs (cancelled, no go, no toolchain): `message` ends its
   * output, and the console transcript is what it said (`preface`) and the message.
   */
  async endEarly(project: string, dir: string, manifest: RunManifest, preface: string, message: string, status: RunStatus, exitCode: number | undefined): Promise<RunManifest> {
    this.output(manifest.id, message);
    await writeFile(path.join(dir, ARTEFACTS.console), transcript(preface + message));
    return this.finish(project, dir, manifest, status, exitCode);
  }

  /** The go command's output into the run's files and to the listeners; resolves with the final manifest. */
  capture(project: string, dir: string, manifest: RunManifest, proc: PtyProcess, goEnvWritten: Promise<void>, preface = ''): Promise<RunManifest> {
    const events = createWriteStream(path.join(dir, ARTEFACTS.events));
    const consoleFile = createWriteStream(path.join(dir, ARTEFACTS.console));
    if (preface) consoleFile.write(transcript(preface));
    const text = new BuildConsoleText();
    // GODEBUG=gocachehash=1 lines come through the same pty: they go to their own file, not the console.
    const hash = manifest.profile.capture.rebuildReasons ? { file: createWriteStream(path.join(dir, ARTEFACTS.cacheHash)), lines: new HashLineSplitter() } : null;
    // -d=ssa/all/time lines (megabytes) go to their own file too; the console gets a note per package.
    const cost = manifest.profile.capture.compileCost ? { file: createWriteStream(path.join(dir, ARTEFACTS.compileCost)), lines: new CompileCostLineSplitter(ARTEFACTS.compileCost) } : null;
    // A 'run-tests' run's GODEBUG=gocachetest=1 lines (a few per package) go to their own file as well.
    const tests = manifest.profile.target === 'run-tests' ? { file: createWriteStream(path.join(dir, ARTEFACTS.testCache)), lines: new PrefixLineSplitter([TEST_CACHE_PREFIX]) } : null;
    // -dumpdep lines (one per symbol the linker kept) go to dumpdep.txt; the console gets a note per binary.
    const deps = recordsReachability(manifest.profile) ? { file: createWriteStream(path.join(dir, ARTEFACTS.linkDeps)), lines: new DumpDepLineSplitter(ARTEFACTS.linkDeps) } : null;
    let work: string | null = null;
    const show = (s: string) => {
      if (!s) return;
      consoleFile.write(s);
      this.output(manifest.id, s);
    };
    /** Output past the hash lines: the -dumpdep and pass lines apart, the rest to the events and the console. */
    const output = (data: string, end = false) => {
      if (tests) {
        const parts = tests.lines.push(data);
        if (end) parts.other += tests.lines.flush().other; // an unfinished last line is the terminal's, not a testcache line
        if (parts.matched) tests.file.write(parts.matched);
        data = parts.other;
      }
      const dep = splitOff(deps, 'dep', data, end);
      const passes = splitOff(cost, 'cost', dep.other, end);
      data = passes.other;
      const note = dep.note + passes.note;
      if (data) {
        events.write(data.replace(/\r\n/g, '\n'));
        work ??= /"Output":"WORK=([^"\\]+)/.exec(data)?.[1] ?? /^WORK=(\S+)/m.exec(data)?.[1] ?? null;
        show(text.push(data));
      }
      show(note);
    };
    proc.onData((chunk) => {
      // The run's own files are its consumer: acknowledge at once, so a window that is not looking
      // (or no window at all) never stalls the build through flow control.
      proc.ack(chunk.length);
      let data = chunk;
      if (hash) {
        const parts = hash.lines.push(chunk);
        if (parts.hash) hash.file.write(parts.hash);
        data = parts.other;
        if (!data) return;
      }
      output(data);
    });
    return new Promise<RunManifest>((resolve) => {
      proc.onExit((exit) => {
        output(hash?.lines.flush().other ?? '', true);
        show(text.flush());
        const status: RunStatus = exit.stopped ? 'cancelled' : exit.signal ? 'killed' : exit.exitCode === 0 ? 'succeeded' : 'failed';
        void Promise.all([endStream(events), endStream(consoleFile), ...(hash ? [endStream(hash.file)] : []), ...(cost ? [endStream(cost.file)] : []), ...(tests ? [endStream(tests.file)] : []), ...(deps ? [endStream(deps.file)] : []), goEnvWritten])
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
  async finish(project: string, dir: string, manifest: RunManifest, status: RunStatus, exitCode: number | undefined): Promise<RunManifest> {
    // The private cache made every package compile; it is not an artefact (and can be GBs).
    await rm(path.join(dir, ARTEFACTS.cache), { recursive: true, force: true }).catch(() => {});
    const final: RunManifest = { ...manifest, status, ...(exitCode !== undefined ? { exitCode } : {}), endedAt: new Date().toISOString(), artefacts: await listArtefacts(dir) };
    await this.store.writeManifest(project, final);
    this.status(summarize(final));
    return final;
  }
}

/** A splitter of the output (push, then flush at the end) whose parts are its own lines (`K`), the rest and a note. */
interface LineSplitter<K extends string> {
  push(chunk: string): Record<K | 'other' | 'note', string>;
  flush(): Record<K | 'other' | 'note', string>;
}

/** Passes `data` through a splitter (if the run has it): its lines to its file; the rest and its note back. */
function splitOff<K extends string>(part: { file: WriteStream; lines: LineSplitter<K> } | null, key: K, data: string, end: boolean): { other: string; note: string } {
  if (!part) return { other: data, note: '' };
  const parts = part.lines.push(data);
  if (end) {
    const last = part.lines.flush();
    parts[key] += last[key];
    parts.other += last.other;
    parts.note += last.note;
  }
  if (parts[key]) part.file.write(parts[key]);
  return { other: parts.other, note: parts.note };
}

function endStream(s: WriteStream): Promise<void> {
  return new Promise((resolve) => s.end(resolve));
}

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
