// Where runs live: <storage>/runs/<project key>/<run id>/ with a manifest.json written atomically,
// so a reader sees either the previous manifest or the new one, never half of one.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { RunManifest, type RunSummary } from '../../../shared/build';
import { GopsyError } from '../../../shared/rpc';
import { writeFileAtomic } from '../atomicFile';
import { ARTEFACTS, RUN_ID } from '../../../shared/runFolder';

/** The runs folder in gopsy's storage: runs/<project key>/<run id>/. */
export const RUNS_DIR = 'runs';
/** A project's key: the first 16 hex digits of the sha256 of its root (projectKey). */
export const PROJECT_KEY = /^[0-9a-f]{16}$/;

export function projectKey(root: string): string {
  return createHash('sha256').update(root).digest('hex').slice(0, 16);
}

export function newRunId(now = new Date()): string {
  const iso = now.toISOString().replace(/[-:]/g, '');
  return `${iso.slice(0, 8)}-${iso.slice(9, 15)}-${randomBytes(3).toString('hex')}`;
}

export function summarize(m: RunManifest): RunSummary {
  const s: RunSummary = {
    id: m.id,
    status: m.status,
    startedAt: m.startedAt,
    profileName: m.profile.name,
    commandLine: m.command.shellLine,
  };
  if (m.endedAt) {
    s.endedAt = m.endedAt;
    s.durationMs = Date.parse(m.endedAt) - Date.parse(m.startedAt);
  }
  if (m.exitCode !== undefined) s.exitCode = m.exitCode;
  if (m.goVersion) s.goVersion = m.goVersion;
  if (m.profile.capture.remarks) s.remarks = true;
  if (m.profile.capture.rebuildReasons) s.rebuildReasons = true;
  return s;
}

export class RunStore {
  constructor(readonly root: string) {}

  projectDir(project: string): string {
    return path.join(this.root, projectKey(project));
  }

  runDir(project: string, id: string): string {
    if (!RUN_ID.test(id)) throw new GopsyError('bad-run', `Not a run id: ${id}`);
    return path.join(this.projectDir(project), id);
  }

  async create(project: string, id: string): Promise<string> {
    const dir = this.runDir(project, id);
    await mkdir(path.join(dir, ARTEFACTS.remarks), { recursive: true });
    return dir;
  }

  async writeManifest(project: string, m: RunManifest): Promise<void> {
    await writeFileAtomic(path.join(this.runDir(project, m.id), ARTEFACTS.manifest), JSON.stringify(m, null, 2) + '\n');
  }

  async readManifest(project: string, id: string): Promise<RunManifest> {
    const file = path.join(this.runDir(project, id), ARTEFACTS.manifest);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new GopsyError('no-run', `Run ${id} does not exist (any more).`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GopsyError('bad-run', `The manifest of run ${id} is damaged.`);
    }
    const parsed = RunManifest.safeParse(json);
    if (!parsed.success) throw new GopsyError('bad-run', `The manifest of run ${id} is not one gopsy can read.`);
    return parsed.data;
  }

  /** The project's runs, newest first; damaged ones are skipped. */
  async list(project: string): Promise<RunManifest[]> {
    const names = await readdir(this.projectDir(project)).catch(() => [] as string[]);
    const out: RunManifest[] = [];
    for (const name of names.filter((n) => RUN_ID.test(n))) {
      const m = await this.readManifest(project, name).catch(() => null);
      if (m) out.push(m);
    }
    // By start time to the millisecond: ids name the second only (two runs in one second, such as a
    // baseline and its rerun with another Go, would otherwise be ordered by their random suffix).
    return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
  }
}
