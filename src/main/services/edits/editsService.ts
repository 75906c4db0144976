// The editor's saves and their "before": for each project, the text every file had before this
// session first saved it (kept in memory: the backend outlives window reloads), which "what changed"
// builds as the old version. Saving a file back to that text forgets it; resetBaseline forgets all.
import type { SaveResult, WhatChanged, WhatChangedProgress } from '../../../shared/contract/edits';
import { saveProjectFile, type SaveRequest } from './saveFile';
import { whatChanged } from './whatChanged';

export class EditsService {
  private readonly before = new Map<string, Map<string, string>>();
  private readonly jobs = new Map<string, AbortController>();

  constructor(private readonly storageDir: string) {}

  private baseline(root: string): Map<string, string> {
    let m = this.before.get(root);
    if (!m) this.before.set(root, (m = new Map()));
    return m;
  }

  async save(root: string, req: SaveRequest): Promise<SaveResult> {
    const { result, previous } = await saveProjectFile(root, req);
    if (result.ok && previous !== null) {
      const m = this.baseline(root);
      const was = m.get(result.file.path);
      if (was === undefined) {
        if (previous !== req.text) m.set(result.file.path, previous);
      } else if (was === req.text) m.delete(result.file.path);
    }
    return result;
  }

  /** Project-relative paths saved this session whose text differs from before. */
  edited(root: string): string[] {
    return [...this.baseline(root).keys()].sort();
  }

  resetBaseline(root: string): void {
    this.before.delete(root);
  }

  /** job: a name to cancel the run by (a run under the same name is cancelled first). */
  async whatChanged(root: string, path: string, line: number, job?: string, onProgress?: (p: WhatChangedProgress) => void): Promise<WhatChanged> {
    const ctl = new AbortController();
    if (job) {
      this.jobs.get(job)?.abort();
      this.jobs.set(job, ctl);
    }
    try {
      return await whatChanged({ root, storageDir: this.storageDir, path, line, before: new Map(this.baseline(root)), signal: ctl.signal, onProgress });
    } finally {
      if (job && this.jobs.get(job) === ctl) this.jobs.delete(job);
    }
  }

  /** Ends the run's go process tree; false when no run has that name. */
  cancel(job: string): boolean {
    const ctl = this.jobs.get(job);
    ctl?.abort();
    return !!ctl;
  }

  /** Cancels every run whose name starts with prefix (a window that closed). */
  cancelAll(prefix: string): void {
    for (const [job, ctl] of this.jobs) if (job.startsWith(prefix)) ctl.abort();
  }
}
