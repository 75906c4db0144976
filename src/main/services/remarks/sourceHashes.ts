// Which project files changed since a run: the run records a hash of every project .go file when it
// starts (before the compiler reads them), and a file is stale when its content no longer hashes the
// same. A touch without a change is not stale; an edit within the same second as the run is.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compilerLines } from '../../../core/build';

export const SOURCE_HASHES = 'sources.json';
/** Lines of every project .go file as the compiler counts them, recorded with the hashes. */
export const SOURCE_LINES = 'source-lines.json';

/** Folders the go command does not build from (and node_modules, which can be huge). */
const SKIP = new Set(['testdata', 'vendor', 'node_modules']);

const hashOf = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * sha256 and compiler line count of every .go file of the project, by project-relative path ('/'
 * separated): what a run records when it starts, before the compiler reads them.
 */
export async function recordProjectSources(project: string): Promise<{ hashes: Record<string, string>; lines: Record<string, number> }> {
  const hashes: Record<string, string> = {};
  const lines: Record<string, number> = {};
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('_')) continue; // the go command ignores these too
      const full = path.join(dir, e.name);
      if (e.isDirectory() && !SKIP.has(e.name)) await walk(full);
      else if (e.isFile() && e.name.endsWith('.go')) {
        const data = await readFile(full).catch(() => null);
        if (!data) continue;
        const rel = path.relative(project, full).split(path.sep).join('/');
        hashes[rel] = hashOf(data);
        lines[rel] = compilerLines(data.toString('utf8'));
      }
    }
  };
  await walk(project);
  return { hashes, lines };
}

/**
 * Whether a project file no longer matches the run: by content when the run recorded its hash,
 * else (older runs, files the run did not see) by modification time after the run started.
 */
export async function isStale(
  project: string,
  rel: string,
  startedAt: string,
  hashes: Record<string, string> | null,
): Promise<boolean> {
  const file = path.join(project, rel);
  const recorded = hashes?.[rel.split(path.sep).join('/')];
  if (recorded !== undefined) {
    const data = await readFile(file).catch(() => null);
    return !data || hashOf(data) !== recorded;
  }
  const st = await stat(file).catch(() => null);
  return !st || st.mtimeMs > Date.parse(startedAt);
}

/** The hashes a run recorded, or null when it has none (or they do not read as such). */
export async function readSourceHashes(runDir: string): Promise<Record<string, string> | null> {
  return parseSourceHashes(await readFile(path.join(runDir, SOURCE_HASHES), 'utf8').catch(() => ''));
}

/** The hashes in a sources.json text, or null when it does not read as such. */
export function parseSourceHashes(text: string): Record<string, string> | null {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const entries = Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string');
    return Object.fromEntries(entries);
  } catch {
    return null;
  }
}

/** The line counts a run recorded (SOURCE_LINES), or null when it has none. */
export function parseSourceLines(text: string): Record<string, number> | null {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => Number.isInteger(e[1]) && (e[1] as number) > 0));
  } catch {
    return null;
  }
}

/** The line counts of a run folder's SOURCE_LINES, or null. */
export async function readSourceLines(runDir: string): Promise<Record<string, number> | null> {
  return parseSourceLines(await readFile(path.join(runDir, SOURCE_LINES), 'utf8').catch(() => ''));
}
