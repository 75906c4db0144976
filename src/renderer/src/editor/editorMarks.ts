// What features show in the source editor: Monaco markers (squiggles, problems) and line
// decorations (gutter glyphs, whole-line classes, inline hints), each set kept per owner
// ('build', 'remarks', ...) so features never overwrite each other. The editor subscribes.
import { useSyncExternalStore } from 'react';

export type MarkSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface EditorMark {
  /** Project-relative path. */
  path: string;
  line: number;
  /** 1-based byte columns as the toolchain prints them (converted by the editor). */
  byteColumn?: number;
  endByteColumn?: number;
  severity: MarkSeverity;
  /** Plain text; never rendered as markup. */
  message: string;
  source?: string;
}

export interface EditorLineMark {
  path: string;
  line: number;
  /** Whole-line class. */
  className?: string;
  /** Class of the glyph in the gutter. */
  glyphClassName?: string;
  /** Plain text shown on hover of the glyph. */
  hover?: string;
  /** Short text shown after the end of the line (an inline hint). */
  after?: string;
  afterClassName?: string;
}

interface OwnerMarks {
  marks: EditorMark[];
  lines: EditorLineMark[];
}

class EditorMarkStore {
  private readonly owners = new Map<string, OwnerMarks>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  set(owner: string, marks: EditorMark[], lines: EditorLineMark[] = []): void {
    this.owners.set(owner, { marks, lines });
    this.changed();
  }

  clear(owner: string): void {
    // Kept as an empty set so the editor also clears what it had applied for this owner.
    if (this.owners.has(owner)) this.set(owner, [], []);
  }

  /** Every owner's marks for one file. */
  forFile(path: string): { owner: string; marks: EditorMark[]; lines: EditorLineMark[] }[] {
    return [...this.owners].map(([owner, m]) => ({
      owner,
      marks: m.marks.filter((x) => x.path === path),
      lines: m.lines.filter((x) => x.path === path),
    }));
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    this.listeners.forEach((l) => l());
  }
}

export const editorMarks = new EditorMarkStore();

/** Re-renders the caller when any feature's marks change. */
export function useEditorMarksVersion(): number {
  return useSyncExternalStore(editorMarks.subscribe, editorMarks.getVersion);
}
