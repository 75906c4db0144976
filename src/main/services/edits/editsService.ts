// The editor's saves and their "before": for each project, the text every file had before this
// session first saved it (kept in memory: the backend outlives window reloads), which "what changed"
// builds as the old version. Saving a file back to that text forgets it; resetBaseline forgets all.
import type { SaveResult, WhatChanged } from '../../../shared/contract/edits';
import { saveProjectFile, type SaveRequest } from './saveFile';
import { whatChanged } from './whatChanged';

export class EditsService {
  private readonly before = new Map<string, Map<string, string>>();

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

  whatChanged(root: string, path: string, line: number): Promise<WhatChanged> {
    return whatChanged({ root, storageDir: this.storageDir, path, line, before: new Map(this.baseline(root)) });
  }
}
