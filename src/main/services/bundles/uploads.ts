// Bundles dropped onto the browser window: their bytes arrive over the authenticated connection in
// chunks and are written into gopsy's own storage (received/), never anywhere else, with caps on the
// size, the chunk and the uploads in flight. A finished upload is fsynced and renamed before it opens.
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isBundleName } from '../../../shared/contract/bundle';
import { GopsyError } from '../../../shared/rpc';
import { writeAll } from './zipWriter';

/** Larger bundles are opened from their path (Open Session…) instead of being copied over the socket. */
export const MAX_UPLOAD_BYTES = 1 * 2 ** 30;
/** Bytes per chunk (base64 in a JSON frame stays well under the socket's 4 MiB message cap). */
export const MAX_UPLOAD_CHUNK = 1 * 2 ** 20;
const MAX_IN_FLIGHT = 4;
/** Received bundles kept in storage; older ones are removed as new ones arrive. */
const KEEP_RECEIVED = 8;

interface Upload {
  id: string;
  name: string;
  size: number;
  received: number;
  tmp: string;
  fh: FileHandle;
  /** Chunks are written one after another, in order. */
  queue: Promise<unknown>;
}

/** Where dropped bundles are received in gopsy's storage. */
export const RECEIVED_DIR = 'received';
/** A received bundle's file name: `<upload id>-<sanitised name>.gopsy`. */
export const RECEIVED_NAME = /^[\w.-]+\.gopsy$/i;

export class BundleUploads {
  private readonly uploads = new Map<string, Upload>();
  readonly dir: string;

  constructor(storageDir: string) {
    this.dir = path.join(storageDir, RECEIVED_DIR);
  }

  async begin(name: string, size: number): Promise<string> {
    if (!isBundleName(name)) throw new GopsyError('not-a-bundle', `${name} is not a .gopsy session bundle; only .gopsy files can be opened by dropping them here.`);
    if (size > MAX_UPLOAD_BYTES) {
      throw new GopsyError('too-large', `${name} is ${size} bytes, more than the ${MAX_UPLOAD_BYTES} a dropped bundle may have; open it with Open Session… from its path instead.`);
    }
    if (this.uploads.size >= MAX_IN_FLIGHT) throw new GopsyError('busy', 'Too many bundles are being received at once; wait for one to finish.');
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(8).toString('hex');
    const tmp = path.join(this.dir, `.${id}.partial`);
    const fh = await open(tmp, 'wx', 0o600);
    this.uploads.set(id, { id, name, size, received: 0, tmp, fh, queue: Promise.resolve() });
    return id;
  }

  private get(id: string): Upload {
    const u = this.uploads.get(id);
    if (!u) throw new GopsyError('no-upload', 'That upload is not in progress (it finished, failed or was cancelled).');
    return u;
  }

  async chunk(id: string, offset: number, base64: string): Promise<number> {
    const u = this.get(id);
    const data = Buffer.from(base64, 'base64');
    const fail = async (message: string): Promise<never> => {
      await this.abort(id);
      throw new GopsyError('bad-upload', message);
    };
    if (data.length === 0 || data.length > MAX_UPLOAD_CHUNK) return fail(`A chunk must hold 1 to ${MAX_UPLOAD_CHUNK} bytes.`);
    const run = u.queue.then(async () => {
      if (offset !== u.received) return fail(`Chunk at ${offset} arrived, ${u.received} was expected; the upload was cancelled.`);
      if (u.received + data.length > u.size) return fail(`${u.name} sent more than the ${u.size} bytes it announced; the upload was cancelled.`);
      await writeAll(u.fh, data, offset);
      u.received += data.length;
      return u.received;
    });
    u.queue = run.catch(() => {});
    return run;
  }

  /** The complete file, durable under its final name in storage. */
  async finish(id: string): Promise<string> {
    const u = this.get(id);
    await u.queue;
    if (u.received !== u.size) {
      await this.abort(id);
      throw new GopsyError('bad-upload', `${u.name} arrived incomplete (${u.received} of ${u.size} bytes).`);
    }
    this.uploads.delete(id);
    const safe = u.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(-100);
    const file = path.join(this.dir, `${id}-${safe}`);
    try {
      await u.fh.sync();
      await u.fh.close();
      await rename(u.tmp, file);
    } catch (err) {
      // Nothing half-done stays behind: the handle closed, the partial file gone.
      await u.fh.close().catch(() => {});
      await rm(u.tmp, { force: true }).catch(() => {});
      throw err;
    }
    // Old uploads are pruned best-effort: the file is complete whatever happens to them.
    await this.prune(file).catch(() => {});
    return file;
  }

  async abort(id: string): Promise<void> {
    const u = this.uploads.get(id);
    if (!u) return;
    this.uploads.delete(id);
    await u.fh.close().catch(() => {});
    await rm(u.tmp, { force: true });
  }

  async abortAll(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.abort(id)));
  }

  /** Keeps the most recent received bundles (an open one stays readable: its descriptor is open). */
  private async prune(keep: string): Promise<void> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.'));
    const dated = await Promise.all(names.map(async (n) => ({ f: path.join(this.dir, n), t: (await stat(path.join(this.dir, n)).catch(() => null))?.mtimeMs ?? 0 })));
    const old = dated.filter((d) => d.f !== keep).sort((a, b) => b.t - a.t).slice(KEEP_RECEIVED - 1);
    await Promise.all(old.map((d) => rm(d.f, { force: true })));
  }
}
