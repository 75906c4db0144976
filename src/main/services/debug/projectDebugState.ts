// What the debugger keeps per project across restarts: breakpoints and debug configurations, in one
// JSON file under gopsy's storage, written atomically. Each project gets its own file (hash of its root).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BreakpointSpec, DebugConfig } from '../../../shared/api';
import { writeFileAtomic } from '../atomicFile';
import { projectKey } from '../runs/runStore';

const Stored = z.object({
  root: z.string(),
  breakpoints: z.record(z.string(), z.array(BreakpointSpec)).default({}),
  configs: z.array(DebugConfig).default([]),
});
type Stored = z.infer<typeof Stored>;

/** Writes to the same file are chained so two windows never interleave a read-modify-write. */
const queues = new Map<string, Promise<unknown>>();

export class DebugStore {
  readonly file: string;

  constructor(storageDir: string, private readonly root: string) {
    this.file = path.join(storageDir, 'debug', `${projectKey(root)}.json`);
  }

  async read(): Promise<Stored> {
    try {
      const parsed = Stored.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (parsed.success && parsed.data.root === this.root) return parsed.data;
    } catch {
      /* missing or unreadable: start empty rather than fail the debugger */
    }
    return { root: this.root, breakpoints: {}, configs: [] };
  }

  update(change: (s: Stored) => void): Promise<Stored> {
    const prev = queues.get(this.file) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(async () => {
      const s = await this.read();
      change(s);
      await writeFileAtomic(this.file, JSON.stringify(s, null, 2));
      return s;
    });
    queues.set(this.file, next);
    return next;
  }
}
