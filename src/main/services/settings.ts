// gopsy's own small settings file (recent folders, window state) in its storage directory.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { z } from 'zod';
import { writeFileAtomic } from './atomicFile';
import { DEFAULT_STORAGE_LIMITS, StorageLimits } from '../../shared/contract/storage';

const MAX_RECENT = 10;

const SettingsFile = z.object({
  recentFolders: z.array(z.string()).default([]),
  /** Storage limits applied after each run; absent until a user changes them (the defaults apply). */
  storageLimits: StorageLimits.optional().catch(undefined),
});
export type Settings = z.infer<typeof SettingsFile>;

/** Where gopsy keeps its files when no host says otherwise: $XDG_CONFIG_HOME/gopsy or ~/.config/gopsy. */
export function defaultStorageDir(): string {
  if (process.env.GOPSY_STORAGE_DIR) return path.resolve(process.env.GOPSY_STORAGE_DIR);
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'gopsy');
}

export class SettingsStore {
  private cache: Settings | null = null;
  /** The tail of the update queue; never rejects, so one failed write does not block later ones. */
  private queue: Promise<unknown> = Promise.resolve();
  readonly file: string;

  constructor(readonly storageDir: string) {
    this.file = path.join(storageDir, 'settings.json');
  }

  async read(): Promise<Settings> {
    if (this.cache) return this.cache;
    let parsed: Settings = { recentFolders: [] };
    try {
      const raw: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      const r = SettingsFile.safeParse(raw);
      // A damaged settings file must not stop the app; it is replaced on the next write.
      if (r.success) parsed = r.data;
    } catch {
      /* missing or unreadable: start from defaults */
    }
    this.cache = parsed;
    return parsed;
  }

  async addRecentFolder(folder: string): Promise<string[]> {
    const next = await this.update((s) => ({
      ...s,
      recentFolders: [folder, ...s.recentFolders.filter((f) => f !== folder)].slice(0, MAX_RECENT),
    }));
    return next.recentFolders;
  }

  async storageLimits(): Promise<StorageLimits> {
    return (await this.read()).storageLimits ?? DEFAULT_STORAGE_LIMITS;
  }

  async setStorageLimits(limits: StorageLimits): Promise<StorageLimits> {
    return (await this.update((s) => ({ ...s, storageLimits: limits }))).storageLimits!;
  }

  /**
   * Runs read-modify-write updates one at a time: concurrent ones each saw the same old snapshot and
   * all but the last were lost. The new state is kept in memory even when saving it fails.
   */
  private update(change: (current: Settings) => Settings): Promise<Settings> {
    const run = this.queue.then(async () => {
      const next = change(await this.read());
      this.cache = next;
      await writeFileAtomic(this.file, JSON.stringify(next, null, 2));
      return next;
    });
    this.queue = run.catch(() => {});
    return run;
  }
}
