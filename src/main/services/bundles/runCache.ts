// A bundle's build run replayed from disk: its runs/<id>/ entries are extracted once, every byte checked
// against the manifest's sha256 as it streams, into <storage>/bundle-runs/<content key>/<id>/, so the
// Build and Remarks views read it with the code they use for the project's own runs. A run is
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
import { isRunId, runManifestEntry, runPrefix } from '../../../core/bundle/runLayout';

/** Folders left by a gopsy that did not close its bundles (it crashed) are swept after this long. */
const STALE_MS = 24 * 3600 * 1000;

/** Run-relative folders the replay views never read: the kept binaries (out/) and a private GOCACHE. */
const SKIPPED = ['out/', 'cache/'];

export function checkRunName(run: string): string {
  if (!isRunId(run)) throw new GopsyError('bad-run', `Not a run id: ${JSON.stringify(run.slice(0, 200))}`);
  return run;
}

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
    const prefix = runPrefix(run);
    if (!reader.has(runManifestEntry(run))) throw new GopsyError('no-run', `${path.basename(reader.file)} has no build run ${run}.`);
    const key = contentKey(reader);
    let ids = this.users.get(key);
    if (!ids) this.users.set(key, (ids = new Set()));
    ids.add(bundleId);
    const dir = path.join(this.root, key, run);
    const memo = `${key}/${run}`;
    let job = this.extracting.get(memo);
    if (job?.done && !(await isDir(dir))) job = undefined; // removed underneath (closed and reopened): extract again
    if (!job) {
      const j: { dir: Promise<string>; done: boolean } = (job = { dir: this.extract(reader, prefix, path.join(this.root, key), dir, run), done: false });
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

  private async extract(reader: BundleReader, prefix: string, keyDir: string, dir: string, run: string): Promise<string> {
    if (!this.swept) await this.sweep();
    if (await isDir(dir)) return dir; // complete: only a fully verified run is ever renamed into place
    await mkdir(keyDir, { recursive: true, mode: 0o700 });
    const temp = path.join(keyDir, `.partial-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(temp, { mode: 0o700 });
      for (const e of reader.entries) {
        if (!e.path.startsWith(prefix)) continue;
        const rel = e.path.slice(prefix.length);
        if (SKIPPED.some((s) => rel.startsWith(s))) continue;
        // The reader refused unsafe names already; this keeps every write inside the folder regardless.
        const dest = path.resolve(temp, rel);
        if (dest === temp || !isInside(temp, dest)) throw new BundleError(`${e.path} names a place outside its run.`);
        await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
        await pipeline(await reader.openEntry(e.path), createWriteStream(dest, { flags: 'wx', mode: 0o600 }));
      }
      await rename(temp, dir).catch(async (err: NodeJS.ErrnoException) => {
        // Another window extracted the same run meanwhile: theirs is as good as ours.
        if (!(await isDir(dir))) throw err;
        await rm(temp, { recursive: true, force: true });
      });
      return dir;
    } catch (err) {
      await rm(temp, { recursive: true, force: true });
      const why = (err as Error).message;
      throw new BundleError(`Cannot replay build run ${run} of ${path.basename(reader.file)}: ${why} Nothing of the run was kept.`);
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
