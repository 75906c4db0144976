// The SSA browser's backend: lists functions, captures one (capture.ts), and answers the view's
// paged questions from the parsed data (ssaStore.ts, core/ssa/analysis.ts). Builds report progress and
// can be cancelled (goBuild.ts); a listing or capture made for the same sources is given again, not
// rebuilt (sourceState.ts says when the sources are the same).
import { NamedJobs } from '../namedJobs';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../atomicFile';
import { isInside } from '../paths';
import path from 'node:path';
import type { SsaCaptureResult } from '../../../shared/contract/ssa';
import { GopsyError } from '../../../shared/rpc';
import { candidates, compilePkgPath, normaliseQuery, resolveName, type CompiledFunc } from '../../../core/ssa/names';
import type { BuildProgress } from '../../../core/ssa/buildProgress';
import { captureSsa, listFunctions, ssaToolPaths, type PackageRef } from './capture';
import { cancelledError, type BuildWatch } from './goBuild';
import { sourceState, type SourceState } from './sourceState';
import { SsaStore } from './ssaStore';
import { SSA_CAPTURE_ID, SSA_CAPTURE_MARKER, SSA_LISTINGS, ssaCaptureDir, ssaCaptureId, ssaProjectDir } from './layout';
import { boundListings, touchListing } from './keptListings';

/** How a caller follows and stops one listing or capture. */
export interface JobWatch {
  signal?: AbortSignal;
  onProgress?: (p: BuildProgress) => void;
}

/** One go build the service ran: what a test or a user can check to see what was compiled. */
export interface BuildRecord {
  kind: 'list' | 'capture';
  pkg: string;
  func?: string;
  ms: number;
  outcome: 'ok' | 'failed' | 'cancelled';
}

/** A complete capture the service keeps for a project (its folder has the marker written last). */
export interface KeptCapture {
  id: string;
  func: string;
  pkg: string;
  test: boolean;
  dir: string;
}

/** Function listings kept in memory (a gopls package lists about 1,400 functions). */
const MAX_LISTINGS_IN_MEMORY = 32;

const hashOf = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);

export class SsaService {
  readonly store = new SsaStore();
  /** Every go build run, in order (listings and captures). */
  readonly builds: BuildRecord[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listings = new Map<string, CompiledFunc[]>();
  private readonly jobs = new NamedJobs();

  constructor(private readonly storageDir: string) {}

  /** A job the caller may cancel later by its name (the view's cancel button). */
  startJob(job: string): AbortController {
    return this.jobs.start(job);
  }

  endJob(job: string, ctl: AbortController): void {
    this.jobs.end(job, ctl);
  }

  /** Ends the job's go process tree; false when no such job runs. */
  cancel(job: string): boolean {
    return this.jobs.cancel(job);
  }

  /** Cancels every job whose name starts with prefix (a window that closed). */
  cancelAll(prefix: string): void {
    this.jobs.cancelAll(prefix);
  }

  /** Builds run one at a time: they share gopsy's GOCACHE and the machine's cores. */
  private serial<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const run = () => (signal?.aborted ? Promise.reject(cancelledError('it had not started yet')) : job());
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }


  /** Reports the source check, then the build's ticks, as BuildProgress. */
  private async watched<T>(
    what: { title: string; command: string; root: string; pkgArg: string; test: boolean },
    watch: JobWatch,
    step: (state: SourceState, build: BuildWatch) => Promise<T>,
  ): Promise<T> {
    const { title, command, root, pkgArg, test } = what;
    const started = Date.now();
    const base = { title, command, compiled: 0, total: 0, running: [] as string[], lastLine: '' };
    const report = (p: Partial<BuildProgress>) => watch.onProgress?.({ ...base, step: 'build', elapsedMs: Date.now() - started, ...p });
    report({ step: 'sources' });
    const state = await sourceState(root, pkgArg, test);
    if (watch.signal?.aborted) throw cancelledError('before the build started');
    base.total = state.total;
    return step(state, { signal: watch.signal, onTick: (t) => report({ ...t, elapsedMs: Date.now() - started }) });
  }

  async functions(root: string, pkgArg: string, test = false, watch: JobWatch = {}): Promise<{ pkg: PackageRef; functions: CompiledFunc[] }> {
    this.store.warm();
    const title = `Listing the functions of ${pkgArg}`;
    const command = `go ${test ? 'test -c' : 'build'} -toolexec … -gcflags=…=-d=ssa/regalloc/time ${pkgArg}`;
    return this.watched({ title, command, root, pkgArg, test }, watch, async (state, build) => {
      const key = hashOf('list', state.key);
      const file = path.join(ssaProjectDir(this.storageDir, root), SSA_LISTINGS, `${key}.json`);
      const fromDisk = () =>
        readFile(file, 'utf8').then(
          async (t) => (await touchListing(file), JSON.parse(t) as CompiledFunc[]),
          () => undefined,
        );
      const known = async () => this.listings.get(key) ?? (await fromDisk());
      // Checked again once this job's turn comes: a listing queued behind the same one finds it made.
      const functions = (await known()) ?? (await this.serial(async () => (await known()) ?? this.recorded({ kind: 'list', pkg: state.pkg.importPath }, async () => {
        const made = await listFunctions(root, state.pkg, await ssaToolPaths(this.storageDir), test, build);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFileAtomic(file, JSON.stringify(made));
        await boundListings(path.dirname(file));
        return made;
      }), build.signal));
      // Newest last, and a bound: each edit makes a new source state, and the disk keeps them all anyway.
      this.listings.delete(key);
      this.listings.set(key, functions);
      if (this.listings.size > MAX_LISTINGS_IN_MEMORY) this.listings.delete(this.listings.keys().next().value!);
      return { pkg: state.pkg, functions };
    });
  }

  private async recorded<T>(rec: Omit<BuildRecord, 'ms' | 'outcome'>, run: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const done = (outcome: BuildRecord['outcome']) => this.builds.push({ ...rec, ms: Date.now() - started, outcome });
    try {
      const res = await run();
      done('ok');
      return res;
    } catch (err) {
      done(err instanceof GopsyError && err.code === 'cancelled' ? 'cancelled' : 'failed');
      throw err;
    }
  }

  async capture(root: string, pkgArg: string, func: string, test = false, watch: JobWatch = {}): Promise<SsaCaptureResult> {
    const title = `Compiling ${func}`;
    const command = `go ${test ? 'test -c' : 'build'} -toolexec … -gcflags=…=-d=ssa/all/dump=… (GOSSAFUNC for ${pkgArg} only) ${pkgArg}`;
    return this.watched({ title, command, root, pkgArg, test }, watch, async (state, build) => {
      const { pkg } = state;
      const pkgPath = compilePkgPath(pkg.importPath, pkg.name);
      const name = normaliseQuery(func, pkgPath);
      // The same function of the same sources has one capture folder: kept, it is given again.
      const id = ssaCaptureId(hashOf('capture', state.key, name));
      const outDir = ssaCaptureDir(this.storageDir, root, id);
      const marker = path.join(outDir, SSA_CAPTURE_MARKER);
      const kept = async () => (await readFile(marker, 'utf8').then((t) => JSON.parse(t) as { output: string }, () => null));
      const res = await this.serial(async () => {
        const was = await kept();
        if (was) return { kept: true as const, output: was.output };
        await rm(outDir, { recursive: true, force: true });
        const made = await this.recorded({ kind: 'capture', pkg: pkg.importPath, func: name }, async () =>
          captureSsa({ root, pkg, funcs: [name], test, outDir, tools: await ssaToolPaths(this.storageDir) }, build),
        );
        // Written last: a capture cut short (cancel, crash) has no marker and is made again.
        if (made.files.some((f) => f.endsWith('.html'))) await writeFileAtomic(marker, JSON.stringify({ func: name, pkg: pkg.importPath, test, output: made.output }));
        else await rm(outDir, { recursive: true, force: true });
        return { kept: false as const, ...made };
      }, build.signal);
      if (res.kept) {
        const formats = this.store.formats(id).length ? this.store.formats(id) : await this.store.load(id, outDir, name);
        return { ok: true, id, func: name, formats, output: res.output };
      }
      if (!res.files.some((f) => f.endsWith('.html'))) {
        if (res.exitCode !== 0) {
          return { ok: false, message: `The build failed, so there is no SSA:\n${res.output.trim().slice(0, 2000)}`, candidates: [], output: res.output };
        }
        // The compiler is silent when GOSSAFUNC matches nothing: say so, and offer what exists.
        const { functions } = await this.functions(root, pkgArg, test, watch);
        const known = resolveName(name, pkgPath, functions);
        const message = known
          ? `The compiler wrote no SSA for ${name} although the package compiles it.`
          : `No function named ${name} is compiled in ${pkg.importPath}${test ? ' (test build)' : ''}.` +
            (name.includes('[') || /^[A-Z]\w*$/.test(name) ? ' Generic functions are compiled as shaped instantiations (Map[go.shape.int]) in the package that uses them.' : '');
        return { ok: false, message, candidates: candidates(name, functions), output: res.output };
      }
      watch.onProgress?.({ title, command, step: 'read', elapsedMs: 0, compiled: 0, total: state.total, running: [], lastLine: '' });
      const formats = await this.store.load(id, outDir, name);
      return { ok: true, id, func: name, formats, output: res.output };
    });
  }

  /**
   * The project's complete captures, oldest first, for a save to carry: read from the folders capture()
   * keeps, never changed. A folder without its marker (cut short) or with a damaged one is not listed.
   */
  async captures(root: string): Promise<KeptCapture[]> {
    this.store.warm();
    const base = ssaProjectDir(this.storageDir, root);
    const names = (await readdir(base).catch(() => [] as string[])).filter((n) => SSA_CAPTURE_ID.test(n));
    const out: Array<KeptCapture & { at: number }> = [];
    for (const id of names) {
      const dir = path.join(base, id);
      const marker = await readFile(path.join(dir, SSA_CAPTURE_MARKER), 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => null);
      if (!marker || typeof marker.func !== 'string' || typeof marker.pkg !== 'string') continue;
      const at = (await stat(path.join(dir, SSA_CAPTURE_MARKER)).catch(() => null))?.mtimeMs ?? 0;
      out.push({ id, func: marker.func, pkg: marker.pkg, test: marker.test === true, dir, at });
    }
    return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).map(({ at: _at, ...c }) => c);
  }

  /** Opens a directory that already holds ssa.html or dumps (a run directory, an unpacked bundle). */
  async openDir(dir: string, func?: string): Promise<{ id: string; formats: Array<'html' | 'dumps'> }> {
    const id = `dir-${randomBytes(4).toString('hex')}`;
    const formats = await this.store.load(id, dir, func);
    return { id, formats };
  }

  /**
   * openDir for a path from the UI: relative to the project, and only inside the project or gopsy's
   * storage, so a client cannot make the backend walk arbitrary folders.
   */
  async openInProject(root: string, dir: string, func?: string): Promise<{ id: string; formats: Array<'html' | 'dumps'> }> {
    const abs = path.resolve(root, dir);
    if (!isInside(path.resolve(root), abs) && !isInside(path.resolve(this.storageDir), abs)) {
      throw new GopsyError('outside-project', `${dir} is outside the project and gopsy's storage.`);
    }
    return this.openDir(abs, func);
  }
}

export function requireRoot(root: string | undefined): string {
  if (!root) throw new GopsyError('no-project', 'No project is open. Open a folder first.');
  return root;
}
