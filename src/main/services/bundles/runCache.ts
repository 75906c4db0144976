// A bundle's build run replayed from disk: its runs/<id>/ entries are extracted once, every byte checked
// against the manifest's sha256 as it streams, into <storage>/bundle-runs/<content key>/<id>/, so the
// Build and Remarks views read it with the code they use for the project's own runs. An SSA capture the
// bundle carries (ssa/<id>/) is extracted the same way, for the SSA view. A folder is
// extracted into a temp folder and renamed into place only when every entry verified: a damaged
// bundle leaves nothing behind. The folders of a bundle go when the last open copy of it closes.
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GopsyError } from '../../../shared/rpc';
import { isInside } from '../paths';
import { BundleError, type BundleReader } from './bundleReader';
import { isRunId, runManifestEntry, runPrefix } from '../../../shared/runLayout';
import { isSsaCaptureId, ssaCapturePrefix } from '../../../core/bundle/ssaLayout';
import { SSA_CAPTURE_MARKER } from '../ssa/layout';

/** A bundle folder replayed from disk: a build run, or an SSA capture. */
interface ReplayFolder {
  /** Its folder under the bundle's key folder. */
  local: string;
  prefix: string;
  /** The entry it must have (else "has no …"). */
  required: string;
  /** "build run R", "SSA capture C": for messages. */
  what: string;
  noun: 'run' | 'capture';
  /** Folder-relative prefixes never extracted. */
  skipped: string[];
}

/** Folders left by a gopsy that did not close its bundles (it crashed) are swept after this long. */
const STALE_MS = 24 * 3600 * 1000;

/** Run-relative folders the replay views never read: the kept binaries (out/) and a private GOCACHE. */
const SKIPPED = ['out/', 'cache/'];

export function checkRunName(run: string): string {
  if (!isRunId(run)) throw new GopsyError('bad-run', `Not a run id: ${JSON.stringify(run.slice(0, 200))}`);
  return run;
}

/** Where open bundles' runs are extracted in gopsy's storage: bundle-runs/<content key>/. */
export const BUNDLE_RUNS_DIR = 'bundle-runs';
/** A bundle's content key (contentKey): 32 hex digits. */
export const BUNDLE_KEY = /^[0-9a-f]{32}$/;

const keys = new WeakMap<BundleReader, string>();

/** Identifies a bundle by what it holds: its manifest lists every entry with its sha256. */
export function contentKey(reader: BundleReader): string {
  let key = keys.get(reader);
  if (!key) keys.set(reader, (key = createHash('sha256').update(JSON.stringify(reader.manifest)).digest('hex').slice(0, 32)));
  return key;
}

export class BundleRunCache {
  private readonly extracting = new Map<string, { dir: Promise<string>; done: boolean }>();
  /** Content key → ids of the open bundles that use its folder. */
  private readonly users = new Map<string, Set<string>>();
  private swept = false;
  private readonly removing = new Set<Promise<void>>();

  /** `root` is <storage>/bundle-runs: nothing is ever written outside it. */
  constructor(readonly root: string) {}

  /** The folder holding run `run` of the open bundle `bundleId`, extracted and verified on first use. */
  async runDir(bundleId: string, reader: BundleReader, run: string): Promise<string> {
    checkRunName(run);
    return this.folderDir(bundleId, reader, { local: run, prefix: runPrefix(run), required: runManifestEntry(run), what: `build run ${run}`, noun: 'run', skipped: SKIPPED });
  }

  /**
   * The folder holding SSA capture `capture` (ssa/<capture>/) of the open bundle, extracted and verified
   * on first use like a run; it sits under @ssa/, a name no run id can take.
   */
  async ssaCaptureDir(bundleId: string, reader: BundleReader, capture: string): Promise<string> {
    if (!isSsaCaptureId(capture)) throw new GopsyError('bad-capture', `Not an SSA capture id: ${JSON.stringify(capture.slice(0, 200))}`);
    return this.folderDir(bundleId, reader, { local: `@ssa/${capture}`, prefix: ssaCapturePrefix(capture), required: `${ssaCapturePrefix(capture)}${SSA_CAPTURE_MARKER}`, what: `SSA capture ${capture}`, noun: 'capture', skipped: [] });
  }

  private async folderDir(bundleId: string, reader: BundleReader, f: ReplayFolder): Promise<string> {
    if (!reader.has(f.required)) throw new GopsyError(`no-${f.noun}`, `${path.basename(reader.file)} has no ${f.what}.`);
    const key = contentKey(reader);
    let ids = this.users.get(key);
    if (!ids) this.users.set(key, (ids = new Set()));
    ids.add(bundleId);
    const dir = path.join(this.root, key, f.local);
    const memo = `${key}/${f.local}`;
    let job = this.extracting.get(memo);
    if (job?.done && !(await isDir(dir))) job = undefined; // removed underneath (closed and reopened): extract again
    if (!job) {
      const j: { dir: Promise<string>; done: boolean } = (job = { dir: this.extract(reader, f, path.join(this.root, key), dir), done: false });
      this.extracting.set(memo, j);
      j.dir.then(
        () => (j.done = true),
        () => this.extracting.get(memo) === j && this.extracting.delete(memo),
      );
    }
    return job.dir;
  }

  /** A bundle closed: its folders go unless another open bundle has the same content. Resolves once every removal under way is done. */
  async release(bundleId: string): Promise<void> {
    for (const [key, ids] of this.users) {
      if (!ids.delete(bundleId) || ids.size > 0) continue;
      this.users.delete(key);
      for (const memo of [...this.extracting.keys()]) if (memo.startsWith(`${key}/`)) this.extracting.delete(memo);
      const p = rm(path.join(this.root, key), { recursive: true, force: true }).finally(() => this.removing.delete(p));
      this.removing.add(p);
    }
    await Promise.all([...this.removing]);
  }

  private async extract(reader: BundleReader, f: ReplayFolder, keyDir: string, dir: string): Promise<string> {
    const { prefix, skipped } = f;
    if (!this.swept) await this.sweep();
    if (await isDir(dir)) return dir; // complete: only a fully verified run is ever renamed into place
    await mkdir(keyDir, { recursive: true, mode: 0o700 });
    const temp = path.join(keyDir, `.partial-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(temp, { mode: 0o700 });
      for (const e of reader.entries) {
        if (!e.path.startsWith(prefix)) continue;
        const rel = e.path.slice(prefix.length);
        if (skipped.some((s) => rel.startsWith(s))) continue;
        // The reader refused unsafe names already; this keeps every write inside the folder regardless.
        const dest = path.resolve(temp, rel);
        if (dest === temp || !isInside(temp, dest)) throw new BundleError(`${e.path} names a place outside its folder.`);
        await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
        await pipeline(await reader.openEntry(e.path), createWriteStream(dest, { flags: 'wx', mode: 0o600 }));
      }
      await mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
      await rename(temp, dir).catch(async (err: NodeJS.ErrnoException) => {
        // Another window extracted the same run meanwhile: theirs is as good as ours.
        if (!(await isDir(dir))) throw err;
        await rm(temp, { recursive: true, force: true });
      });
      return dir;
    } catch (err) {
      await rm(temp, { recursive: true, force: true });
      const why = (err as Error).message;
      throw new BundleError(`Cannot replay ${f.what} of ${path.basename(reader.file)}: ${why} Nothing of the ${f.noun} was kept.`);
    }
  }

  /** Folders of bundles a previous gopsy left open (it crashed) and partial extractions, once they are old. */
  private async sweep(): Promise<void> {
    this.swept = true;
    const names = await readdir(this.root).catch(() => [] as string[]);
    const now = Date.now();
    for (const name of names) {
      if (this.users.has(name)) continue;
      const st = await stat(path.join(this.root, name)).catch(() => null);
      if (st && now - st.mtimeMs > STALE_MS) await rm(path.join(this.root, name), { recursive: true, force: true });
    }
  }
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isDirectory() ?? false;
}
