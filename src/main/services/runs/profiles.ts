// Build profiles: the built-in ones and those a user saved for a project (one JSON file per project
// under the storage directory, written atomically).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BuildProfile } from '../../../shared/build';
import { writeFileAtomic } from '../atomicFile';

const ALL: BuildProfile['capture'] = { commands: true, work: false, actionGraph: true, trace: true, phases: true, remarks: true, rebuildReasons: false, compileCost: false };

export const BUILT_IN_PROFILES: BuildProfile[] = [
  {
    name: 'Diagnose failure',
    builtIn: true,
    description: 'Build with the shared cache: compile errors as records, the command log, action graph and trace, and why each package was rebuilt (GODEBUG=gocachehash=1). Fast; cached packages show as cache hits.',
    target: 'build',
    packages: ['./...'],
    capture: { commands: true, work: false, actionGraph: true, trace: true, phases: false, remarks: false, rebuildReasons: true, compileCost: false },
  },
  {
    name: 'Build timing',
    builtIn: true,
    description: "Every package compiled (private GOCACHE): a full timeline, per-package compiler phase times and the time of every SSA pass of the project's functions (compile cost).",
    target: 'build',
    packages: ['./...'],
    privateCache: true,
    capture: { ...ALL, remarks: false, compileCost: true },
  },
  {
    name: 'Optimisation details',
    builtIn: true,
    description: 'Every package compiled (private GOCACHE) with the compiler’s optimisation remarks (-json) and phase times.',
    target: 'build',
    packages: ['./...'],
    privateCache: true,
    capture: ALL,
  },
  {
    name: 'Build the binary',
    builtIn: true,
    description: 'Build the main package at the project root and keep the binary in the run (out/) for the Binary view: size, symbols, dynamic libraries, and why each symbol is in it (the linker\'s reachability graph, -ldflags=-dumpdep, in dumpdep.txt).',
    target: 'build',
    packages: ['.'],
    keepBinary: true,
    capture: { commands: true, work: false, actionGraph: true, trace: false, phases: false, remarks: false, rebuildReasons: true, compileCost: false },
  },
  {
    name: 'Run tests',
    builtIn: true,
    description: "Run the project's tests with the shared cache (go test) and record why each package's result came from the test cache or not (GODEBUG=gocachetest=1, gocachehash=1): the Test cache tab.",
    target: 'run-tests',
    packages: ['./...'],
    capture: { commands: false, work: false, actionGraph: true, trace: false, phases: false, remarks: false, rebuildReasons: true, compileCost: false },
  },
];

const SavedProfiles = z.array(BuildProfile);

export class ProfileStore {
  constructor(private readonly dir: string) {}

  private file(projectKey: string): string {
    return path.join(this.dir, `${projectKey}.json`);
  }

  async saved(projectKey: string): Promise<BuildProfile[]> {
    const text = await readFile(this.file(projectKey), 'utf8').catch(() => '[]');
    const parsed = SavedProfiles.safeParse(JSON.parse(text || '[]'));
    return parsed.success ? parsed.data : []; // a damaged file loses the saved profiles, never the app
  }

  async all(projectKey: string): Promise<BuildProfile[]> {
    return [...BUILT_IN_PROFILES, ...(await this.saved(projectKey))];
  }

  /** Saves (or replaces, by name) a profile of the project; built-in names are reserved. */
  async save(projectKey: string, profile: BuildProfile): Promise<BuildProfile[]> {
    const { builtIn: _ignored, ...own } = profile;
    if (BUILT_IN_PROFILES.some((p) => p.name === own.name)) throw new Error(`"${own.name}" is a built-in profile: save it under another name.`);
    const saved = (await this.saved(projectKey)).filter((p) => p.name !== own.name);
    saved.push(own);
    await writeFileAtomic(this.file(projectKey), JSON.stringify(saved, null, 2) + '\n');
    return this.all(projectKey);
  }

  /** Removes a saved profile by name; removing one that is not saved is not an error. */
  async remove(projectKey: string, name: string): Promise<BuildProfile[]> {
    if (BUILT_IN_PROFILES.some((p) => p.name === name)) throw new Error(`"${name}" is a built-in profile and cannot be deleted.`);
    const saved = await this.saved(projectKey);
    const kept = saved.filter((p) => p.name !== name);
    if (kept.length !== saved.length) await writeFileAtomic(this.file(projectKey), JSON.stringify(kept, null, 2) + '\n');
    return this.all(projectKey);
  }
}
