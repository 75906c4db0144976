// Every file of the project, for quick open: a walk of the folder that skips hidden folders (.git,
// .tools) and node_modules, does not follow symlinked folders, and stops at a limit.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Quick open lists at most this many files. */
export const MAX_PROJECT_FILES = 50_000;
const SKIPPED = new Set(['node_modules', 'vendor']);

export async function listProjectFiles(root: string, limit = MAX_PROJECT_FILES): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  const queue = [''];
  while (queue.length) {
    const rel = queue.shift()!;
    const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) queue.push(child);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (files.length >= limit) return { files, truncated: true };
        files.push(child);
      }
    }
  }
  return { files, truncated: false };
}
