// Which project files a bundle carries by default: the module's .go files and its go.mod, go.sum
// (and go.work files), skipping what is not the module's own code (vendor, testdata, nested
// modules, hidden and _ folders) and never following links.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { entryNameProblem } from '../../../core/bundle/entryName';

const MODULE_FILES = new Set(['go.mod', 'go.sum', 'go.work', 'go.work.sum']);
const SKIP_DIRS = new Set(['vendor', 'testdata', 'node_modules']);
export const MAX_SOURCE_FILES = 50_000;
export const MAX_SOURCE_BYTES = 20 * 2 ** 20;

export interface SourceFile {
  /** Project-relative, with '/'. */
  path: string;
  abs: string;
  size: number;
}

export async function listProjectSources(root: string): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    const dir = path.join(root, rel);
    const names = (await readdir(dir).catch(() => [] as string[])).sort();
    if (rel && names.includes('go.mod')) return; // another module: not this one's sources
    for (const name of names) {
      if (out.length >= MAX_SOURCE_FILES) return;
      const r = rel ? `${rel}/${name}` : name;
      if (entryNameProblem(`sources/${r}`)) continue;
      const st = await lstat(path.join(root, r)).catch(() => null);
      if (!st) continue;
      if (st.isDirectory()) {
        if (!name.startsWith('.') && !name.startsWith('_') && !SKIP_DIRS.has(name)) await walk(r);
      } else if (st.isFile() && st.size <= MAX_SOURCE_BYTES && (name.endsWith('.go') || (!rel && MODULE_FILES.has(name)))) {
        out.push({ path: r, abs: path.join(root, r), size: st.size });
      }
    }
  };
  await walk('');
  return out;
}
