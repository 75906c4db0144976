// Saves a project file from the editor: atomically (temp file and rename, the file's mode kept), only
// over the version the editor loaded (a file changed on disk meanwhile is a conflict, never silently
// overwritten), and never onto a file the editor shows read-only. A failed write leaves the file as it was.
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../atomicFile';
import { resolveInside, toRelative } from '../paths';
import { contentHash, readOnlyReason } from '../workspace';
import { GopsyError } from '../../../shared/rpc';
import type { SaveResult } from '../../../shared/contract/edits';

export interface SaveRequest {
  path: string;
  text: string;
  baseHash: string;
  overwrite?: boolean;
}

/** The save and, when it wrote, the text the file had before (the "before" of what changed). */
export async function saveProjectFile(root: string, req: SaveRequest): Promise<{ result: SaveResult; previous: string | null; abs: string }> {
  const abs = await resolveInside(root, req.path);
  const st = await stat(abs);
  if (!st.isFile()) throw new GopsyError('not-a-file', `${req.path} is not a file.`);
  const rel = toRelative(root, abs);
  const disk = await readFile(abs);
  const diskHash = contentHash(disk);
  const why = await readOnlyReason(abs, st.size, st.mode);
  if (why) throw new GopsyError('read-only', `${rel} was not saved: ${why.replace(/^read-only: /, '')}. Your changes are kept in the editor.`);
  if (diskHash !== req.baseHash && !req.overwrite) {
    return { result: { ok: false, conflict: true, disk: { path: rel, text: disk.toString('utf8'), size: disk.length, hash: diskHash } }, previous: null, abs };
  }
  const bytes = Buffer.from(req.text, 'utf8');
  try {
    await writeFileAtomic(abs, bytes, st.mode & 0o7777, rel);
  } catch (err) {
    if (err instanceof GopsyError) throw new GopsyError(err.code, `${err.message} Your changes are kept in the editor.`);
    throw err;
  }
  return { result: { ok: true, file: { path: rel, text: req.text, size: bytes.length, hash: contentHash(bytes) } }, previous: disk.toString('utf8'), abs };
}
