// The source lines of each main package a build compiled, counted from its files as they were at the
// build: what tells apart the -bench blocks of commands whose compiles ended at the same moment
// (core/build/mainPackages.ts). The run records every file's lines when it starts; for runs made
// before that, a file is counted from disk only while it still hashes as the run recorded it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { compileGoFiles, compilerLines, compilesMain } from '../../../core/build';
import type { BuildAction } from '../../../shared/build';
import { isInside } from '../paths';

/**
 * Import path → lines, for the main compiles whose every file is in the project and either counted by
 * the run (`recordedLines`) or readable (`read` gives null otherwise) and unchanged since the run
 * (`recorded`: the project-relative sha256 the run wrote).
 */
export async function mainPackageLines(
  actions: readonly BuildAction[],
  project: string,
  recorded: Record<string, string> | null,
  read: (abs: string) => Promise<string | null>,
  recordedLines: Record<string, number> | null = null,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!recorded && !recordedLines) return out;
  for (const a of actions.filter(compilesMain)) {
    const files = compileGoFiles(a);
    let lines = 0;
    for (const f of files) {
      const rel = path.relative(project, f).split(path.sep).join('/');
      const counted = isInside(project, f) ? recordedLines?.[rel] : undefined;
      if (counted !== undefined) {
        lines += counted;
        continue;
      }
      const text = isInside(project, f) && recorded?.[rel] ? await read(f) : null;
      if (text === null || createHash('sha256').update(text).digest('hex') !== recorded?.[rel]) {
        lines = -1;
        break;
      }
      lines += compilerLines(text);
    }
    if (files.length > 0 && lines > 0) out.set(a.package, lines);
  }
  return out;
}
