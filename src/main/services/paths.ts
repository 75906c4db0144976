// Keeps every file access inside the places gopsy may touch: the open project and its own storage.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { GopsyError } from '../../shared/rpc';

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Resolves a project-relative path (or an absolute one the toolchain printed) to a real path
 * inside root, following symlinks, and refuses anything that lands outside.
 */
export async function resolveInside(root: string, p: string): Promise<string> {
  if (p.includes('\0')) throw new GopsyError('bad-path', 'The path contains a NUL byte.');
  const realRoot = await realpath(root);
  const joined = path.resolve(realRoot, p);
  if (!isInside(realRoot, joined)) throw new GopsyError('outside-project', `${p} is outside the project folder.`);
  let real: string;
  try {
    real = await realpath(joined);
  } catch {
    throw new GopsyError('not-found', `${p} does not exist in the project.`);
  }
  if (!isInside(realRoot, real)) {
    throw new GopsyError('outside-project', `${p} leads outside the project folder (through a link).`);
  }
  return real;
}

/** The project-relative form of an absolute path inside root, with '/' separators. */
export function toRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/') || '.';
}
