// Editing project files and seeing what the compiler does differently: save (atomic, never over a
// version changed on disk meanwhile), the saved event views mark themselves stale on, and "what
// changed" for one function: its package built as it was before the edits and as it is now.
import { z } from 'zod';
import { FileContent, RelPath } from '../types';
import type { RemarksDiff, SsaDiff } from '../compare';

/** Project files larger than this open read-only (a generated table is not edited by hand here). */
export const MAX_EDITABLE_BYTES = 2 * 1024 * 1024;

export const SaveResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), file: FileContent }),
  /** The file changed on disk since the editor read it: nothing was written; the user chooses. */
  z.object({ ok: z.literal(false), conflict: z.literal(true), disk: FileContent }),
]);
export type SaveResult = z.infer<typeof SaveResult>;

export const FileSaved = z.object({ path: RelPath, hash: z.string(), at: z.number() });
export type FileSaved = z.infer<typeof FileSaved>;

/** One side of a "what changed" build, as it ran. */
export interface WhatChangedBuild {
  label: 'before' | 'after';
  command: string;
  exitCode: number;
  /** The compiler's output when the build failed (errors), else empty. */
  errors: string;
}

export interface WhatChanged {
  path: string;
  line: number;
  /** The function as the compiler names it ("(*Store).Add"), and its package. */
  func: string;
  pkg: string;
  /** The files whose pre-edit text was built as "before" (project-relative); empty: nothing saved yet. */
  edited: string[];
  builds: WhatChangedBuild[];
  /** A = before the edits, B = now. Only the package's remarks; `function` says which are this function's. */
  remarks: RemarksDiff;
  ssa: SsaDiff;
  /** Plain sentences on what could not be compared. */
  notes: string[];
}

/** A name the What changed view gives its build, to follow its progress and cancel it. */
const Job = z.string().regex(/^[\w-]{1,64}$/, 'not a job name');

/** What a "what changed" run is doing now (event edits.progress, about twice a second while it runs). */
export interface WhatChangedProgress {
  /** Building the package as it was before the edits, as it is now, or comparing the two. */
  step: 'before' | 'after' | 'diff';
  /** Since the whole run started, and since this step started. */
  elapsedMs: number;
  stepElapsedMs: number;
  /** Packages compiled so far by this step's build (cache misses) and what compiles now. */
  compiled: number;
  running: string[];
  /** The go command's last output line. */
  lastLine: string;
}

export const editsMethods = {
  /**
   * Writes a project file atomically. baseHash: the hash of the version the editor loaded; when the disk
   * holds another one the answer is a conflict and nothing is written, unless overwrite is set.
   */
  'workspace.saveFile': {
    params: z.object({ path: RelPath, text: z.string().max(MAX_EDITABLE_BYTES), baseHash: z.string().max(128), overwrite: z.boolean().optional() }),
    result: SaveResult,
  },
  /** Builds the package of the function at path:line before the edits saved this session and now, and diffs them. */
  'edits.whatChanged': {
    params: z.object({ path: RelPath, line: z.number().int().min(1).max(10_000_000), job: Job.optional() }),
    result: z.custom<WhatChanged>(),
  },
  /** Stops the named what-changed run (its whole go process tree); its call fails with code "cancelled". */
  'edits.cancel': { params: z.object({ job: Job }), result: z.object({ cancelled: z.boolean() }) },
  /** Makes the files as they are now the "before" of the next comparison (forgets the pre-edit texts). */
  'edits.resetBaseline': { params: z.object({}).strict(), result: z.null() },
} as const;

export const editsEvents = {
  /** A project file was saved from an editor (any window): views built from it are stale. */
  'workspace.fileSaved': FileSaved,
  /** Progress of the what-changed run the view named `job`. */
  'edits.progress': z.object({ job: z.string(), progress: z.custom<WhatChangedProgress>() }),
} as const;
