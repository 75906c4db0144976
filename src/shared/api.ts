// The one contract between the renderer and the backend: every request (params → result) and every
// pushed event, as zod schemas. Both transports (Electron MessagePort, WebSocket) carry exactly these.
import { z } from 'zod';

/** A path relative to the open project's root, with forward slashes; the backend checks containment. */
export const RelPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte');

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

export const FileContent = z.object({ path: RelPath, text: z.string(), size: z.number() });
export type FileContent = z.infer<typeof FileContent>;

/** Console commands come from this list, never as shell strings. */
export const ConsolePreset = z.enum(['shell', 'build', 'test', 'run', 'vet']);
export type ConsolePreset = z.infer<typeof ConsolePreset>;

export const TermSize = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };

export const ConsoleInfo = z.object({
  id: z.string(),
  preset: ConsolePreset,
  title: z.string(),
  /** The command as the user would type it, for display and copying. */
  commandLine: z.string(),
  pid: z.number(),
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

const ConsoleId = z.object({ id: z.string().min(1).max(64) });
const Empty = z.object({}).strict();

export const methods = {
  'host.info': { params: Empty, result: HostInfo },
  'workspace.current': { params: Empty, result: WorkspaceState.nullable() },
  'workspace.open': { params: z.object({ path: z.string().min(1).max(4096) }), result: WorkspaceState },
  /** Shows the host's native folder picker; null when cancelled or when the host has none. */
  'workspace.pick': { params: Empty, result: WorkspaceState.nullable() },
  'workspace.recent': { params: Empty, result: z.array(z.string()) },
  'workspace.tree': { params: Empty, result: ProjectTree },
  'workspace.readFile': { params: z.object({ path: RelPath }), result: FileContent },
  /** Maps a location printed by the toolchain (relative to the console's cwd, or absolute) into the project. */
  'workspace.resolveLocation': { params: z.object({ path: RelPath }), result: z.object({ path: RelPath }).nullable() },
  'toolchain.info': { params: z.object({ refresh: z.boolean().optional() }), result: ToolchainInfo },
  'console.open': { params: z.object({ preset: ConsolePreset, ...TermSize }), result: ConsoleInfo },
  'console.input': { params: ConsoleId.extend({ data: z.string().max(1_000_000) }), result: z.null() },
  'console.resize': { params: ConsoleId.extend(TermSize), result: z.null() },
  /** Acknowledges characters the terminal has parsed (flow control). */
  'console.ack': { params: ConsoleId.extend({ chars: z.number().int().min(0).max(100_000_000) }), result: z.null() },
  /** Ends the console's whole process tree; the tab stays with its output. */
  'console.stop': { params: ConsoleId, result: z.null() },
  /** Stops it if running and forgets it. */
  'console.close': { params: ConsoleId, result: z.null() },
} as const;

export const events = {
  'console.data': z.object({ id: z.string(), data: z.string() }),
  'console.exit': ConsoleExit,
  'workspace.changed': WorkspaceState,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type Result<M extends MethodName> = z.infer<Methods[M]['result']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** The whole API as the renderer sees it. */
export interface GopsyApi {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
