// Domain types shared by the contract's parts (src/shared/contract/*).
import { z } from 'zod';

/** A path relative to the open project's root, with forward slashes; the backend checks containment. */
export const RelPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte');

/** Params of a call that takes none: extra keys are refused. */
export const Empty = z.object({}).strict();

export const HostInfo = z.object({
  host: z.enum(['electron', 'browser']),
  version: z.string(),
  /** True where the host can show a native folder picker (Electron). */
  nativeDialogs: z.boolean(),
});
export type HostInfo = z.infer<typeof HostInfo>;

export const GoModuleInfo = z.object({
  path: z.string(),
  goVersion: z.string().optional(),
  dir: z.string(),
});

export const TreeFileKind = z.enum(['go', 'test', 'ignored', 'cgo', 'other']);
export type TreeFileKind = z.infer<typeof TreeFileKind>;

export const TreeFile = z.object({ name: z.string(), path: RelPath, kind: TreeFileKind });
export type TreeFile = z.infer<typeof TreeFile>;

export const TreePackage = z.object({
  importPath: z.string(),
  name: z.string(),
  /** Directory relative to the project root ('.' for the root). */
  dir: z.string(),
  files: z.array(TreeFile),
  error: z.string().optional(),
});
export type TreePackage = z.infer<typeof TreePackage>;

export const ProjectTree = z.object({
  packages: z.array(TreePackage),
  /** Files at the root that matter to a Go build (go.mod, go.sum, go.work). */
  moduleFiles: z.array(TreeFile),
  /** Set when `go list` itself failed (no packages, broken go.mod, missing go). */
  error: z.string().optional(),
});
export type ProjectTree = z.infer<typeof ProjectTree>;

export const WorkspaceState = z.object({
  root: z.string(),
  name: z.string(),
  goMod: GoModuleInfo.optional(),
  goWork: z.string().optional(),
  /** A plain explanation when the folder is not a Go module or workspace. */
  problem: z.string().optional(),
});
export type WorkspaceState = z.infer<typeof WorkspaceState>;

/** A Go tool gopsy drives (dlv, gopls): found and running, or what is wrong and what to do. */
export const ToolBinaryInfo = z.object({
  ok: z.boolean(),
  path: z.string().optional(),
  version: z.string().optional(),
  /** What is wrong and what to do, when ok is false. */
  problem: z.string().optional(),
});
export type ToolBinaryInfo = z.infer<typeof ToolBinaryInfo>;

export const ToolchainInfo = z.object({
  ok: z.boolean(),
  goPath: z.string().optional(),
  version: z.string().optional(),
  goos: z.string().optional(),
  goarch: z.string().optional(),
  goroot: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  /** What went wrong and what to do, when ok is false. */
  problem: z.string().optional(),
});
export type ToolchainInfo = z.infer<typeof ToolchainInfo>;

export const FileContent = z.object({
  path: RelPath,
  text: z.string(),
  size: z.number(),
  /** SHA-256 of the bytes read: a save says which version it replaces (edits/saveFile.ts). */
  hash: z.string().optional(),
  /**
   * Why the editor may not change this file (outside the project, too large, not writable, not UTF-8);
   * absent: editable.
   */
  readOnly: z.string().optional(),
  /** Where a file outside the project comes from (GOROOT, the module cache): "Go stdlib go1.26.8" or module@version. Its path is absolute. */
  origin: z.string().optional(),
});
export type FileContent = z.infer<typeof FileContent>;

/** Console commands come from this list, never as shell strings. */
/** 'dlv' is Delve's own command line (`dlv debug`); debug sessions also show dlv's output under it. */
export const ConsolePreset = z.enum(['shell', 'build', 'test', 'run', 'vet', 'dlv']);
export type ConsolePreset = z.infer<typeof ConsolePreset>;

export const TermSize = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };

export const ConsoleInfo = z.object({
  id: z.string(),
  preset: ConsolePreset,
  title: z.string(),
  /** The command as the user would type it, for display and copying. */
  commandLine: z.string(),
  pid: z.number(),
  /** Set when a GODEBUG profile applies: what it sets, for which process (printed at the console's start). */
  envNote: z.string().optional(),
});
export type ConsoleInfo = z.infer<typeof ConsoleInfo>;

export const ConsoleExit = z.object({
  id: z.string(),
  exitCode: z.number(),
  signal: z.number().optional(),
  /** True when the user stopped it. */
  stopped: z.boolean(),
});
export type ConsoleExit = z.infer<typeof ConsoleExit>;

