// Unsaved changes kept across a reload: one draft per project and file in the renderer's local storage,
// with the version of the file it was made from, so a restored draft whose file changed on disk meanwhile
// is shown as a conflict rather than silently saved over the new version.

export interface Draft {
  text: string;
  /** The hash of the file version the edits started from (FileContent.hash). */
  baseHash: string;
  /** When it was last written (ms since the epoch). */
  at: number;
}

/** The part of the Web Storage API drafts need (a Map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'gopsy:draft:';

export const draftKey = (root: string, path: string) => `${PREFIX}${root}\u0000${path}`;

const browserStorage = (): DraftStorage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

export class Drafts {
  constructor(private readonly storage: DraftStorage | null = browserStorage()) {}

  load(root: string, path: string): Draft | null {
    try {
      const raw = this.storage?.getItem(draftKey(root, path));
      if (!raw) return null;
      const d = JSON.parse(raw) as Partial<Draft>;
      return typeof d.text === 'string' && typeof d.baseHash === 'string' ? { text: d.text, baseHash: d.baseHash, at: Number(d.at) || 0 } : null;
    } catch {
      return null;
    }
  }

  /** False when the storage refused it (full, disabled): the user is told the draft is not kept. */
  save(root: string, path: string, draft: Draft): boolean {
    try {
      if (!this.storage) return false;
      this.storage.setItem(draftKey(root, path), JSON.stringify(draft));
      return true;
    } catch {
      return false;
    }
  }

  clear(root: string, path: string): void {
    try {
      this.storage?.removeItem(draftKey(root, path));
    } catch {
      /* nothing kept, nothing to clear */
    }
  }
}

/** What the editor shows for a file just read, given the draft kept for it. */
export type Restored =
  | { kind: 'clean' }
  /** The draft applies to the version on disk: shown, with a notice. */
  | { kind: 'restored'; draft: Draft }
  /** The file changed on disk since the draft was made: shown, and the next save is a conflict. */
  | { kind: 'restoredStale'; draft: Draft };

export function restore(draft: Draft | null, file: { text: string; hash?: string }): Restored {
  if (!draft || draft.text === file.text) return { kind: 'clean' };
  return draft.baseHash === file.hash ? { kind: 'restored', draft } : { kind: 'restoredStale', draft };
}
