// Reads a .gopsy bundle lazily and defensively: the zip's central directory and manifest.json first
// (so a large bundle shows its summary at once), then entries on demand, each checked against the
// manifest's size and sha256 as it streams. Nothing here writes to disk.
import path from 'node:path';
import { Readable } from 'node:stream';
import { stat } from 'node:fs/promises';
import yauzl from 'yauzl';
import { GopsyError } from '../../../shared/rpc';
import { DEFAULT_LIMITS, type BundleLimits } from '../../../core/bundle/limits';
import { entryNameProblem } from '../../../core/bundle/entryName';
import { MANIFEST_NAME, checkManifest, type BundleManifest, type ManifestEntry } from '../../../core/bundle/manifest';
import { HashCounter } from './verifyStream';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

/** A bundle that cannot be opened or read; the message says why, for the user. */
export class BundleError extends GopsyError {
  constructor(message: string) {
    super('bad-bundle', message);
  }
}

interface ZipItem {
  entry: yauzl.Entry;
  meta: ManifestEntry;
}

export class BundleReader {
  private constructor(
    readonly file: string,
    readonly fileSize: number,
    readonly manifest: BundleManifest,
    private readonly zip: yauzl.ZipFile,
    private readonly items: Map<string, ZipItem>,
  ) {}

  /** Opens a bundle: reads the central directory and manifest.json, checks both, reads nothing else. */
  static async open(file: string, limits: BundleLimits = DEFAULT_LIMITS): Promise<BundleReader> {
    const name = path.basename(file);
    const fail = (problem: string): never => {
      throw new BundleError(`Cannot open ${name}: ${problem}`);
    };
    let size = 0;
    try {
      const st = await stat(file);
      if (!st.isFile()) fail('it is not a file.');
      size = st.size;
    } catch (err) {
      if (err instanceof BundleError) throw err;
      fail('the file does not exist or cannot be read.');
    }
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true });
    } catch (err) {
      return fail(`it is not a readable zip file (${(err as Error).message}).`);
    }
    try {
      if (zip.entryCount > limits.maxEntries) fail(`it has ${zip.entryCount} entries, more than the ${limits.maxEntries} gopsy accepts.`);
      const entries = await readCentralDirectory(zip, limits, fail);
      const manifestEntry = entries.get(MANIFEST_NAME);
      if (!manifestEntry) fail('it has no manifest.json, so it is not a gopsy bundle.');
      const manifest = await readManifest(zip, manifestEntry!, limits, fail);
      const items = crossCheck(entries, manifest, fail);
      return new BundleReader(file, size, manifest, zip, items);
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  get entries(): ManifestEntry[] {
    return this.manifest.entries;
  }

  has(entryPath: string): boolean {
    return this.items.has(entryPath);
  }

  /** A stream of one entry's bytes that errors if they do not match the manifest. */
  async openEntry(entryPath: string): Promise<Readable> {
    const item = this.items.get(entryPath);
    if (!item) throw new BundleError(`${entryPath} is not in this bundle.`);
    const raw = await this.zip.openReadStreamPromise(item.entry);
    const check = new HashCounter(item.meta);
    raw.on('error', (err) => check.destroy(new BundleError(`${entryPath} cannot be read: ${err.message}`)));
    // A reader that stops early (a header line is enough) must not leave the inflating stream behind.
    check.on('close', () => raw.destroy());
    return raw.pipe(check);
  }

  /** One entry's bytes, verified; refuses entries larger than maxBytes before reading them. */
  async readEntry(entryPath: string, maxBytes: number): Promise<Buffer> {
    const item = this.items.get(entryPath);
    if (!item) throw new BundleError(`${entryPath} is not in this bundle.`);
    if (item.meta.size > maxBytes) throw new BundleError(`${entryPath} is ${item.meta.size} bytes, more than the ${maxBytes} gopsy reads at once.`);
    const chunks: Buffer[] = [];
    try {
      for await (const c of await this.openEntry(entryPath)) chunks.push(c as Buffer);
    } catch (err) {
      throw err instanceof GopsyError ? err : new BundleError((err as Error).message);
    }
    return Buffer.concat(chunks);
  }

  /** Reads every entry and checks size and sha256; the problems found (empty: intact). */
  async verifyAll(onEntry?: (entry: ManifestEntry) => void): Promise<string[]> {
    const problems: string[] = [];
    for (const e of this.manifest.entries) {
      onEntry?.(e);
      try {
        const s = await this.openEntry(e.path);
        for await (const _chunk of s) void _chunk;
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
    return problems;
  }

  close(): void {
    this.zip.close();
  }
}

async function readCentralDirectory(
  zip: yauzl.ZipFile,
  limits: BundleLimits,
  fail: (problem: string) => never,
): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const check = (e: yauzl.Entry) => {
      const n = JSON.stringify(e.fileName);
      const problem = entryNameProblem(e.fileName);
      if (problem) fail(`the entry ${n} is unsafe: ${problem}.`);
      if (entries.has(e.fileName)) fail(`the entry ${n} appears more than once.`);
      const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) fail(`the entry ${n} is a symbolic link; bundles hold only plain files.`);
      if (mode !== 0 && mode !== S_IFREG) fail(`the entry ${n} is not a plain file.`);
      if (e.isEncrypted()) fail(`the entry ${n} is encrypted.`);
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) fail(`the entry ${n} uses compression method ${e.compressionMethod}; bundles use deflate or none.`);
      if (e.uncompressedSize > limits.maxEntryBytes) {
        fail(`the entry ${n} claims ${e.uncompressedSize} bytes, more than the ${limits.maxEntryBytes} gopsy accepts per entry.`);
      }
      if (e.uncompressedSize >= limits.ratioFloorBytes && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio) {
        const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
        fail(`the entry ${n} expands ${ratio}:1, beyond the ${limits.maxRatio}:1 gopsy accepts (a zip bomb?).`);
      }
      total += e.uncompressedSize;
      if (total > limits.maxTotalBytes) fail(`its entries add up to more than the ${limits.maxTotalBytes} bytes gopsy accepts.`);
      entries.set(e.fileName, e);
    };
    zip.on('entry', (e: yauzl.Entry) => {
      try {
        check(e);
        zip.readEntry();
      } catch (err) {
        reject(err as Error);
      }
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (err: Error) => {
      // yauzl's own name checks (.., absolute, backslash) and structural errors land here.
      try {
        fail(`the zip is damaged or unsafe (${err.message}).`);
      } catch (e) {
        reject(e as Error);
      }
    });
    zip.readEntry();
  });
}

async function readManifest(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: BundleLimits,
  fail: (problem: string) => never,
): Promise<BundleManifest> {
  if (entry.uncompressedSize > limits.maxManifestBytes) fail(`manifest.json is larger than ${limits.maxManifestBytes} bytes.`);
  const chunks: Buffer[] = [];
  try {
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
  } catch (err) {
    fail(`manifest.json cannot be read (${(err as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    fail(`manifest.json is not valid JSON (${(err as Error).message}).`);
  }
  const checked = checkManifest(json);
  if (!checked.ok) fail(checked.problem);
  return (checked as { manifest: BundleManifest }).manifest;
}

/** The zip and the manifest must list the same files with the same sizes. */
function crossCheck(entries: Map<string, yauzl.Entry>, manifest: BundleManifest, fail: (problem: string) => never): Map<string, ZipItem> {
  const items = new Map<string, ZipItem>();
  for (const meta of manifest.entries) {
    const n = JSON.stringify(meta.path);
    if (meta.path === MANIFEST_NAME) fail('manifest.json lists itself.');
    if (items.has(meta.path)) fail(`manifest.json lists ${n} more than once.`);
    const entry = entries.get(meta.path);
    if (!entry) fail(`manifest.json lists ${n}, which is not in the zip.`);
    if (entry!.uncompressedSize !== meta.size) {
      fail(`${n} is ${entry!.uncompressedSize} bytes in the zip but ${meta.size} in manifest.json.`);
    }
    items.set(meta.path, { entry: entry!, meta });
  }
  for (const name of entries.keys()) {
    if (name !== MANIFEST_NAME && !items.has(name)) fail(`the zip holds ${JSON.stringify(name)}, which manifest.json does not list.`);
  }
  return items;
}
