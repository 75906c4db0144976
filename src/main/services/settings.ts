// gopsy's own small settings file (recent folders, window state) in its storage directory.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { z } from 'zod';
import { writeFileAtomic } from './atomicFile';

const MAX_RECENT = 10;

const SettingsFile = z.object({
  recentFolders: z.array(z.string()).default([]),
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
  private writing: Promise<void> = Promise.resolve();
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
    const s = await this.read();
    const recent = [folder, ...s.recentFolders.filter((f) => f !== folder)].slice(0, MAX_RECENT);
    await this.write({ ...s, recentFolders: recent });
    return recent;
  }

  private async write(next: Settings): Promise<void> {
    this.cache = next;
    // Serialise writes so an older snapshot never lands after a newer one.
    this.writing = this.writing.then(() => writeFileAtomic(this.file, JSON.stringify(next, null, 2)));
    await this.writing;
  }
}
