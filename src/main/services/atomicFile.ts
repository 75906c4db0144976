// Writes files so that a crash never leaves a half-written file under the final name, and says in
// plain words why a write failed (full disk, read-only folder), since the user has to act on it.
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { GopsyError } from '../../shared/rpc';

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the folder is on a read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'the path is too long',
};

/**
 * A GopsyError that says what could not be written, where, and why; other errors pass through.
 * `what` is e.g. "the bundle" or "the notes".
 */
export function writeError(err: unknown, what: string, file: string): unknown {
  if (err instanceof GopsyError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const reason = code ? REASONS[code] : undefined;
  if (!reason) return err;
  return new GopsyError('write-failed', `Could not save ${what} to ${file}: ${reason} (${code}). Nothing was overwritten.`);
}

/** `data` may be pieces of text made as they are written (a large file never whole in memory). */
export async function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<string>, mode = 0o600, what = path.basename(file)): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, data, { mode });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw writeError(err, what, file);
  }
}
