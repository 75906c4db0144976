// Writes a .gopsy bundle: entries stream through redaction and a sha256 counter into a deflating zip
// writer, manifest.json goes last (it needs the hashes), all into a temp file beside the target that
// is fsynced and renamed, so an interrupted save never leaves a broken bundle under the final name.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, MANIFEST_NAME, type BundleManifest, type ManifestEntry, type RedactionRecord } from '../../../core/bundle/manifest';
import { entryNamesProblems } from '../../../core/bundle/entryName';
import { GopsyError } from '../../../shared/rpc';
import { writeError } from '../atomicFile';
import { GOPSY_VERSION } from '../version';
import { LineRedactor } from './lineRedactor';
import { HashCounter } from './verifyStream';

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

export async function writeBundle(outFile: string, entries: PlannedEntry[], header: ManifestHeader): Promise<WriteResult> {
  const problems = entryNamesProblems([MANIFEST_NAME, ...entries.map((e) => e.path)]);
  if (problems.length) throw new GopsyError('bad-entry', `Cannot save the bundle: ${problems.slice(0, 3).join('; ')}`);
  const createdAt = new Date();
  const tmp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const zip = new yazl.ZipFile();
    const written = pipeline(zip.outputStream, createWriteStream(tmp, { flags: 'wx', mode: 0o644 }));
    const metas: ManifestEntry[] = [];
    const redactions: RedactionRecord[] = [...header.redactions];
    // One entry at a time, so a session of thousands of files never holds thousands of open files.
    for (const e of entries) {
      const source = 'file' in e.from ? createReadStream(e.from.file) : Readable.from([e.from.bytes]);
      const redactor = e.redact ? new LineRedactor() : null;
      const counter = new HashCounter();
      const stages: Transform[] = redactor ? [redactor, counter] : [counter];
      let s: NodeJS.ReadableStream = source;
      for (const st of stages) s = s.pipe(st);
      source.on('error', (err: Error) => counter.destroy(err));
      redactor?.on('error', (err: Error) => counter.destroy(err));
      zip.addReadStream(counter, e.path, { mtime: createdAt, mode: 0o100644, compress: true });
      const done = new Promise<void>((resolve, reject) => {
        counter.once('end', resolve);
        counter.once('error', (err: Error) => reject(new GopsyError('save-failed', `Cannot read ${e.path}: ${err.message}`)));
      });
      // If the zip output fails (disk full), the entry never ends: stop on that too.
      await Promise.race([done, written.then(() => done)]);
      metas.push({ path: e.path, size: counter.bytes, sha256: counter.digest, kind: e.kind });
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
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 1)), MANIFEST_NAME, { mtime: createdAt, mode: 0o100644 });
    zip.end();
    await written;
    await syncFile(tmp);
    await rename(tmp, outFile);
    await syncDir(path.dirname(outFile));
    return { file: outFile, bytes: (await stat(outFile)).size, manifest };
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw writeError(err, 'the bundle', outFile);
  }
}

/** fsync applies to the file, whichever descriptor asks: the data is on disk before the rename. */
async function syncFile(file: string): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Makes the rename itself durable (a crash right after could otherwise lose it). */
async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r').catch(() => null);
  if (!d) return;
  await d.sync().catch(() => {}); // not every filesystem lets a directory be fsynced
  await d.close();
}
