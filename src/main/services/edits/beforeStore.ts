// The "before" of each edited file (its text before this project's first save of it), kept in gopsy's
// storage so that What changed still compares against the pre-edit state after gopsy restarts:
// edits/before/<project key>/<key of the path>.json, each {path, text}, written atomically (a crash
// leaves the previous file or the new one). Bounded: files and bytes per project (a before over the
// bound stays in memory only, and What changed says so), and projects (the least recently written go).
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomicFile';
import { projectKey } from '../runs/runStore';

export const BEFORE_DIR = path.join('edits', 'before');
export const MAX_BEFORE_FILES = 200;
export const MAX_BEFORE_BYTES = 32 * 1024 * 1024;
export const MAX_BEFORE_PROJECTS = 32;

const Entry = z.object({ path: z.string().min(1).max(4096), text: z.string() });
const FILE = /^[0-9a-f]{24}\.json$/;

const fileKey = (rel: string) => `${createHash('sha256').update(rel).digest('hex').slice(0, 24)}.json`;

export class BeforeStore {
  constructor(private readonly storageDir: string) {}

  private dir(root: string): string {
    return path.join(this.storageDir, BEFORE_DIR, projectKey(root));
  }

  /** The kept befores of a project (path → text); unreadable or foreign files are skipped. */
  async load(root: string): Promise<Map<string, string>> {
    const dir = this.dir(root);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => FILE.test(n));
    const out = new Map<string, string>();
    for (const name of names) {
      const parsed = Entry.safeParse(await readFile(path.join(dir, name), 'utf8').then((t) => JSON.parse(t) as unknown).catch(() => null));
      if (parsed.success && fileKey(parsed.data.path) === name) out.set(parsed.data.path, parsed.data.text);
    }
    return out;
  }

  /** Keeps one before; false when the project's bound is reached (then it lives in memory only). */
  async put(root: string, rel: string, text: string, kept: ReadonlyMap<string, string>): Promise<boolean> {
    const others = [...kept].filter(([p]) => p !== rel);
    const bytes = others.reduce((n, [, t]) => n + Buffer.byteLength(t), Buffer.byteLength(text));
    if (others.length + 1 > MAX_BEFORE_FILES || bytes > MAX_BEFORE_BYTES) return false;
    await writeFileAtomic(path.join(this.dir(root), fileKey(rel)), JSON.stringify({ path: rel, text }), 0o600, 'the text before the edit');
    await this.boundProjects(root);
    return true;
  }

  async remove(root: string, rel: string): Promise<void> {
    await rm(path.join(this.dir(root), fileKey(rel)), { force: true });
  }

  async clear(root: string): Promise<void> {
    await rm(this.dir(root), { recursive: true, force: true });
  }

  /** Removes the least recently written projects' befores beyond MAX_BEFORE_PROJECTS (never root's). */
  private async boundProjects(root: string): Promise<void> {
    const base = path.join(this.storageDir, BEFORE_DIR);
    const keys = (await readdir(base).catch(() => [] as string[])).filter((k) => /^[0-9a-f]{16}$/.test(k) && k !== projectKey(root));
    if (keys.length < MAX_BEFORE_PROJECTS) return;
    const dated = await Promise.all(keys.map(async (k) => ({ k, at: (await stat(path.join(base, k)).catch(() => null))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => a.at - b.at);
    for (const { k } of dated.slice(0, keys.length - (MAX_BEFORE_PROJECTS - 1))) await rm(path.join(base, k), { recursive: true, force: true });
  }
}
