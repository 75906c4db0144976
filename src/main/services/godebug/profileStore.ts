// The user's GODEBUG profiles, saved per project in the storage directory (atomic writes), next to
// the built-in presets.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { GodebugProfile } from '../../../shared/godebug';
import { BUILTIN_PROFILES } from '../../../core/godebug';
import { GopsyError } from '../../../shared/rpc';
import { writeFileAtomic } from '../atomicFile';

const MAX_PROFILES_PER_PROJECT = 100;
const ProfilesFile = z.object({ projects: z.record(z.string(), z.array(GodebugProfile)).default({}) });
type ProfilesFile = z.infer<typeof ProfilesFile>;

export class ProfileStore {
  readonly file: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(storageDir: string) {
    this.file = path.join(storageDir, 'godebug-profiles.json');
  }

  private async read(): Promise<ProfilesFile> {
    try {
      const r = ProfilesFile.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      // A damaged file must not stop the feature; it is replaced on the next save.
      return r.success ? r.data : { projects: {} };
    } catch {
      return { projects: {} };
    }
  }

  async list(project: string | null): Promise<GodebugProfile[]> {
    const user = project ? ((await this.read()).projects[project] ?? []) : [];
    return [...BUILTIN_PROFILES, ...user.map((p) => ({ ...p, builtin: false }))];
  }

  async save(project: string, profile: GodebugProfile): Promise<GodebugProfile[]> {
    if (BUILTIN_PROFILES.some((b) => b.id === profile.id)) {
      throw new GopsyError('builtin-profile', `"${profile.id}" is a built-in profile; save yours under another name.`);
    }
    return this.update(project, (list) => {
      const next = [...list.filter((p) => p.id !== profile.id), { ...profile, builtin: false }];
      if (next.length > MAX_PROFILES_PER_PROJECT) throw new GopsyError('too-many-profiles', `At most ${MAX_PROFILES_PER_PROJECT} profiles per project.`);
      return next;
    });
  }

  async remove(project: string, id: string): Promise<GodebugProfile[]> {
    return this.update(project, (list) => list.filter((p) => p.id !== id));
  }

  private async update(project: string, change: (list: GodebugProfile[]) => GodebugProfile[]): Promise<GodebugProfile[]> {
    // Serialise read-modify-write so two saves never lose one another.
    const run = this.writing.then(async () => {
      const data = await this.read();
      data.projects[project] = change(data.projects[project] ?? []);
      await writeFileAtomic(this.file, JSON.stringify(data, null, 2));
    });
    this.writing = run.catch(() => {});
    await run;
    return this.list(project);
  }
}
