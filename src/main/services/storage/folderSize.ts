// Bytes and file count of a folder in gopsy's storage (plain files, links not followed), remembered
// per folder while its own mtime and its manifest's stay the same: a finished run does not change.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface FolderSize {
  bytes: number;
  files: number;
}

export async function measureFolder(dir: string): Promise<FolderSize> {
  const out: FolderSize = { bytes: 0, files: 0 };
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const st = await lstat(p).catch(() => null);
        if (st) {
          out.bytes += st.size;
          out.files++;
        }
      }
    }
  };
  const st = await lstat(dir).catch(() => null);
  if (st?.isFile()) return { bytes: st.size, files: 1 };
  if (st?.isDirectory()) await walk(dir);
  return out;
}

/** At most this many folders are remembered (a storage with thousands of runs still lists). */
const REMEMBERED = 5000;

export class FolderSizes {
  private readonly known = new Map<string, { stamp: string; size: FolderSize }>();

  /** `stamp` says whether the folder may have changed (a finished run's manifest mtime); none: measure again. */
  async of(dir: string, stamp?: string): Promise<FolderSize> {
    const hit = stamp ? this.known.get(dir) : undefined;
    if (hit && hit.stamp === stamp) return hit.size;
    const size = await measureFolder(dir);
    if (stamp) {
      this.known.delete(dir);
      this.known.set(dir, { stamp, size });
      if (this.known.size > REMEMBERED) this.known.delete(this.known.keys().next().value!);
    }
    return size;
  }

  forget(dir: string): void {
    this.known.delete(dir);
  }
}
