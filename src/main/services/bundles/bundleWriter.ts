// Writes a .gopsy bundle: entries stream through redaction into the zip writer (which hashes and
// deflates them in blocks on both cores), manifest.json goes last (it needs the hashes), all into a
// temp file beside the target that is fsynced and renamed, so an interrupted save never leaves a
// broken bundle under the final name. It never writes a bundle that gopsy's own reader would refuse:
// the reader's caps (DEFAULT_LIMITS) hold for what is written, and an entry that deflates beyond the
// reader's ratio cap (a console of one repeated line) is written again, stored.
import { createReadStream } from 'node:fs';
import { link, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_NAME, type BundleManifest, type ManifestEntry, type RedactionRecord } from '../../../core/bundle/manifest';
import { entryNamesProblems } from '../../../core/bundle/entryName';
import { DEFAULT_LIMITS } from '../../../core/bundle/limits';
import { GopsyError } from '../../../shared/rpc';
import { writeError } from '../atomicFile';
import { GOPSY_VERSION } from '../version';
import { LineRedactor } from './lineRedactor';
import { BLOCK, EntryTooLarge, ZipWriter } from './zipWriter';

export interface PlannedEntry {
  path: string;
  kind: string;
  /** A file on disk (streamed) or bytes already in memory. */
  from: { file: string } | { bytes: Buffer };
  /** Text whose secrets are redacted on the way in. */
  redact: boolean;
}

export type ManifestHeader = Pick<BundleManifest, 'project' | 'toolchain'> & { redactions: RedactionRecord[] };

export interface WriteResult {
  file: string;
  bytes: number;
  manifest: BundleManifest;
}

export interface WriteOptions {
  /** Stops the save between entries (a second Ctrl-C, a window closing): nothing is left behind. */
  signal?: AbortSignal;
  /** Fail instead of replacing a file that exists at outFile when the bundle is complete. */
  noReplace?: boolean;
}

export async function writeBundle(outFile: string, entries: PlannedEntry[], header: ManifestHeader, options: WriteOptions = {}): Promise<WriteResult> {
  const problems = entryNamesProblems([MANIFEST_NAME, ...entries.map((e) => e.path)]);
  if (problems.length) throw new GopsyError('bad-entry', `Cannot save the bundle: ${problems.slice(0, 3).join('; ')}`);
  const limits = DEFAULT_LIMITS;
  if (entries.length + 1 > limits.maxEntries) {
    throw new GopsyError('too-large', `Cannot save the bundle: ${entries.length} files, more than the ${limits.maxEntries} a bundle may hold. Exclude some sources or runs.`);
  }
  const createdAt = new Date();
  const tmp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${randomBytes(6).toString('hex')}.partial`);
  let fh: FileHandle | null = null;
  try {
    fh = await open(tmp, 'wx', 0o644);
    const zip = new ZipWriter(fh);
    const opts = { mtime: createdAt, mode: 0o100644, maxSize: limits.maxEntryBytes };
    let total = 0;
    const metas: ManifestEntry[] = [];
    const redactions: RedactionRecord[] = [...header.redactions];
    // One entry at a time (its blocks deflate in parallel), so a session of thousands of files never
    // holds thousands of open files.
    for (const e of entries) {
      if (options.signal?.aborted) throw new GopsyError('cancelled', `Saving ${path.basename(outFile)} was stopped; nothing was written.`);
      let redactor = e.redact ? new LineRedactor() : null;
      const add = async (method: 'deflate' | 'store') => {
        try {
          return await zip.add(e.path, chunksOf(e, redactor), { ...opts, method });
        } catch (err) {
          if (zip.writeFailed) throw err;
          if (err instanceof EntryTooLarge) throw new GopsyError('too-large', `Cannot save the bundle: ${err.message} Leave it out of the bundle.`);
          throw new GopsyError('save-failed', `Cannot read ${e.path}: ${(err as Error).message}`);
        }
      };
      let res = await add('deflate');
      if (res.size >= limits.ratioFloorBytes && res.size / Math.max(1, res.compressedSize) > limits.maxRatio) {
        await zip.discardLast();
        redactor = e.redact ? new LineRedactor() : null;
        res = await add('store');
      }
      total += res.size;
      if (total > limits.maxTotalBytes) {
        throw new GopsyError('too-large', `Cannot save the bundle: its files add up to more than the ${limits.maxTotalBytes / 2 ** 30} GiB a bundle may hold.`);
      }
      metas.push({ path: e.path, size: res.size, sha256: res.sha256, kind: e.kind });
      for (const h of redactor?.hits ?? []) redactions.push({ where: e.path, name: h.name, count: h.count });
    }
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      writer: { name: 'gopsy', version: GOPSY_VERSION },
      createdAt: createdAt.toISOString(),
      project: header.project,
      toolchain: header.toolchain,
      redactions,
      entries: metas,
    };
    await zip.add(MANIFEST_NAME, [Buffer.from(JSON.stringify(manifest, null, 1))], opts);
    await zip.end();
    await fh.sync(); // the data is on disk before the rename
    await fh.close();
    fh = null;
    if (options.noReplace) await placeNoReplace(tmp, outFile);
    else await rename(tmp, outFile);
    await syncDir(path.dirname(outFile));
    return { file: outFile, bytes: (await stat(outFile)).size, manifest };
  } catch (err) {
    await fh?.close().catch(() => {});
    await rm(tmp, { force: true }).catch(() => {});
    throw writeError(err, 'the bundle', outFile);
  }
}

/** An entry's bytes: read in deflate-sized blocks, through the redactor when it is text that may hold secrets. */
function chunksOf(e: PlannedEntry, redactor: LineRedactor | null): AsyncIterable<Buffer> | Iterable<Buffer> {
  if ('bytes' in e.from && !redactor) return [e.from.bytes];
  const source = 'file' in e.from ? createReadStream(e.from.file, { highWaterMark: BLOCK }) : Readable.from([e.from.bytes]);
  if (!redactor) return source;
  source.on('error', (err: Error) => redactor.destroy(err));
  // A consumer that stops early (a failed write) destroys the redactor; the file must close with it.
  redactor.once('close', () => source.destroy());
  return source.pipe(redactor);
}

/** Puts the finished temp file at outFile unless something is there already. */
async function placeNoReplace(tmp: string, outFile: string): Promise<void> {
  const exists = () => new GopsyError('exists', `${outFile} exists (it appeared while the bundle was written); nothing was replaced.`);
  try {
    // link fails when the name exists: no window between a check and the rename.
    await link(tmp, outFile);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw exists();
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
    // A file system without hard links: check, then rename.
    if (await stat(outFile).catch(() => null)) throw exists();
    await rename(tmp, outFile);
    return;
  }
  await rm(tmp, { force: true });
}

/** Makes the rename itself durable (a crash right after could otherwise lose it). */
async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r').catch(() => null);
  if (!d) return;
  await d.sync().catch(() => {}); // not every filesystem lets a directory be fsynced
  await d.close();
}
