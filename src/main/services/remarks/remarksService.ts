// Remarks of the project's build runs: loads and indexes a run once (cached by run id), answers
// pages, files and the special views, and says which files changed on disk since the run (stale).
// A run an opened bundle carries is replayed the same way: its paths relate to the project root the
// run recorded, its functions come from the bundle's sources, and nothing in it is ever stale.
import path from 'node:path';
import { toProjectPath } from '../../../core/locations';
import { RemarkIndex } from '../../../core/remarks';
import type { Remark, RemarksSummary } from '../../../shared/remarks';
import type { RunManifest } from '../../../shared/build';
import { GopsyError } from '../../../shared/rpc';
import type { RunService } from '../runs/runService';
import { BUILT_IN_PROFILES } from '../runs/profiles';
import { loadRemarks, type LoadedRemarks } from './loadRemarks';
import { isStale, readSourceHashes } from './sourceHashes';

/** A bundle's run, extracted and verified (see bundles/runCache.ts). */
export interface ReplayRef {
  /** Names the run among every loaded one (the bundle and the run). */
  key: string;
  open(): Promise<{ dir: string; manifest: RunManifest; readSource: (file: string) => Promise<string> }>;
}

interface LoadedRun {
  manifest: RunManifest;
  /** The root the remark paths are relative to: the open project, or the one a bundle's run recorded. */
  project: string;
  /** A bundle's run: its sources are the saved ones, never stale. */
  replay: boolean;
  loaded: LoadedRemarks;
  index: RemarkIndex;
  /** Content hashes of the project's .go files when the run started (null for runs without them). */
  hashes: Record<string, string> | null;
}

/**
 * Runs kept loaded: the one the Remarks view shows and the one before. A large module's run is about
 * 100 MB of remark objects (250k remarks on gopls), so a handful would be most of the backend.
 */
const CACHED_RUNS = 2;

export class RemarksService {
  private readonly cache = new Map<string, Promise<LoadedRun>>();

  constructor(private readonly runs: RunService) {}

  /** The given run, or the newest one that captured remarks; null when there is none. */
  async load(project: string, runId?: string): Promise<RemarksSummary | null> {
    const id = runId ?? (await this.runs.store.list(project)).find((m) => m.profile.capture.remarks && m.status !== 'running')?.id;
    if (!id) return null;
    return this.summary(await this.run(project, id));
  }

  /** A bundle's run, replayed read-only. */
  async loadReplay(ref: ReplayRef): Promise<RemarksSummary> {
    return this.summary(await this.replayed(ref));
  }

  async replayIndex(ref: ReplayRef): Promise<RemarkIndex> {
    return (await this.replayed(ref)).index;
  }

  async replayForFile(ref: ReplayRef, rel: string): Promise<{ remarks: Remark[]; stale: boolean }> {
    return { remarks: (await this.replayed(ref)).index.forPath(rel), stale: false };
  }

  /** Runs the built-in "Optimisation details" profile, waits for it, loads its remarks. */
  async capture(project: string): Promise<RemarksSummary> {
    const profile = BUILT_IN_PROFILES.find((p) => p.name === 'Optimisation details')!;
    const { summary, done } = await this.runs.start(project, profile);
    await done;
    return this.summary(await this.run(project, summary.id));
  }

  async index(project: string, runId: string): Promise<RemarkIndex> {
    return (await this.run(project, runId)).index;
  }

  async forFile(project: string, runId: string, rel: string): Promise<{ remarks: Remark[]; stale: boolean }> {
    const run = await this.run(project, runId);
    const remarks = run.index.forPath(rel);
    return { remarks, stale: await isStale(project, rel, run.manifest.startedAt, run.hashes) };
  }

  /** A run was deleted from storage: what was loaded from it goes too. */
  forget(runId: string): void {
    for (const key of [...this.cache.keys()]) if (!key.startsWith('replay\n') && key.endsWith(`\n${runId}`)) this.cache.delete(key);
  }

  private run(project: string, id: string): Promise<LoadedRun> {
    return this.cached(`${project}\n${id}`, () => this.read(project, id));
  }

  private replayed(ref: ReplayRef): Promise<LoadedRun> {
    return this.cached(`replay\n${ref.key}`, async () => {
      const { dir, manifest, readSource } = await ref.open();
      if (!manifest.profile.capture.remarks) throw new GopsyError('no-remarks', `Run ${manifest.id} did not capture optimisation remarks.`);
      return { ...this.indexed(manifest.project, manifest, await loadRemarks(dir, manifest.project, readSource)), hashes: null, replay: true };
    });
  }

  private cached(key: string, read: () => Promise<LoadedRun>): Promise<LoadedRun> {
    let p = this.cache.get(key);
    if (!p) {
      p = read();
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
      while (this.cache.size > CACHED_RUNS) this.cache.delete(this.cache.keys().next().value!);
    }
    return p;
  }

  private async read(project: string, id: string): Promise<LoadedRun> {
    const manifest = await this.runs.store.readManifest(project, id);
    if (!manifest.profile.capture.remarks) throw new GopsyError('no-remarks', `Run ${id} did not capture optimisation remarks.`);
    const dir = this.runs.store.runDir(project, id);
    const [loaded, hashes] = await Promise.all([loadRemarks(dir, project), readSourceHashes(dir)]);
    return { ...this.indexed(project, manifest, loaded), hashes, replay: false };
  }

  private indexed(project: string, manifest: RunManifest, loaded: LoadedRemarks) {
    const relOf = new Map<string, string | null>(); // per file, not per remark (a std build has 100k+)
    for (const r of loaded.remarks) {
      // <autogenerated> and logopt's "__unnamed__" name no file; logopt paths are always absolute.
      if (r.file.startsWith('<') || (r.source === 'json' && !path.isAbsolute(r.file))) continue;
      let rel = relOf.get(r.file);
      if (rel === undefined) relOf.set(r.file, (rel = toProjectPath(project, path.resolve(project, r.file))));
      if (rel) r.path = rel;
    }
    return { manifest, project, loaded, index: new RemarkIndex(loaded.remarks) };
  }

  private async summary(run: LoadedRun): Promise<RemarksSummary> {
    const { project } = run;
    const files = new Map<string, number>();
    for (const r of run.index.all) if (r.path) files.set(r.path, (files.get(r.path) ?? 0) + 1);
    const rows = await Promise.all(
      [...files].sort().map(async ([p, count]) => ({ path: p, count, stale: !run.replay && (await isStale(project, p, run.manifest.startedAt, run.hashes)) })),
    );
    return {
      runId: run.manifest.id,
      ...(run.manifest.goVersion ? { goVersion: run.manifest.goVersion } : {}),
      origin: run.loaded.origin,
      total: run.index.all.length,
      counts: run.index.counts as Record<string, number>,
      files: rows,
      skipped: run.loaded.skipped,
      warnings: run.loaded.warnings,
    };
  }
}
