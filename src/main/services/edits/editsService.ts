// The editor's saves and their "before": for each project, the text every file had before its first
// save (kept in gopsy's storage by BeforeStore, so it survives a restart, and in memory), which "what
// changed" builds as the old version. Saving a file back to that text forgets it; resetBaseline forgets all.
import type { SaveResult, WhatChanged, WhatChangedProgress } from '../../../shared/contract/edits';
import { saveProjectFile, type SaveRequest } from './saveFile';
import { whatChanged } from './whatChanged';
import { BeforeStore } from './beforeStore';
import { NamedJobs } from '../namedJobs';

export class EditsService {
  private readonly before = new Map<string, Promise<Map<string, string>>>();
  /** Befores over the storage bound, kept in memory only (per project). */
  private readonly memoryOnly = new Map<string, Set<string>>();
  private readonly jobs = new NamedJobs();
  private readonly store: BeforeStore;

  constructor(private readonly storageDir: string) {
    this.store = new BeforeStore(storageDir);
  }

  private baseline(root: string): Promise<Map<string, string>> {
    let m = this.before.get(root);
    if (!m) this.before.set(root, (m = this.store.load(root)));
    return m;
  }

  async save(root: string, req: SaveRequest): Promise<SaveResult> {
    const m = await this.baseline(root);
    const { result, previous } = await saveProjectFile(root, req);
    if (result.ok && previous !== null) {
      const rel = result.file.path;
      const was = m.get(rel);
      const spilled = this.memoryOnly.get(root) ?? new Set<string>();
      this.memoryOnly.set(root, spilled);
      if (was === undefined && previous !== req.text) {
        m.set(rel, previous);
        // The file is saved already: a before that cannot be stored stays in memory, never fails the save.
        const kept = await this.store.put(root, rel, previous, m).catch(() => false);
        if (!kept) spilled.add(rel);
      } else if (was !== undefined && was === req.text) {
        m.delete(rel);
        spilled.delete(rel);
        await this.store.remove(root, rel).catch(() => undefined);
      }
    }
    return result;
  }

  /** Project-relative paths saved whose text differs from before. */
  async edited(root: string): Promise<string[]> {
    return [...(await this.baseline(root)).keys()].sort();
  }

  async resetBaseline(root: string): Promise<void> {
    this.before.set(root, Promise.resolve(new Map()));
    this.memoryOnly.delete(root);
    await this.store.clear(root);
  }

  /** job: a name to cancel the run by (a run under the same name is cancelled first). */
  async whatChanged(root: string, path: string, line: number, job?: string, onProgress?: (p: WhatChangedProgress) => void): Promise<WhatChanged> {
    const ctl = job ? this.jobs.start(job) : new AbortController();
    try {
      const before = new Map(await this.baseline(root));
      const res = await whatChanged({ root, storageDir: this.storageDir, path, line, before, signal: ctl.signal, onProgress });
      const spilled = [...(this.memoryOnly.get(root) ?? [])].filter((p) => before.has(p)).sort();
      if (spilled.length) res.notes.push(`The before of ${spilled.join(', ')} is over gopsy's storage bound for edits and is kept in memory only: it is lost when gopsy restarts.`);
      return res;
    } finally {
      if (job) this.jobs.end(job, ctl);
    }
  }

  /** Ends the run's go process tree; false when no run has that name. */
  cancel(job: string): boolean {
    return this.jobs.cancel(job);
  }

  /** Cancels every run whose name starts with prefix (a window that closed). */
  cancelAll(prefix: string): void {
    this.jobs.cancelAll(prefix);
  }
}
