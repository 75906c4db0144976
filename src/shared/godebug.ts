// Domain types of the GODEBUG feature: the settings catalog of a toolchain, validation findings,
// profiles and the events parsed from what the runtime prints. Shared by core, services and views.
import { z } from 'zod';

/** Where a setting comes from in the toolchain's sources. */
export const SettingSource = z.enum(['runtime', 'table', 'direct', 'removed']);
export type SettingSource = z.infer<typeof SettingSource>;

export const CatalogSetting = z.object({
  name: z.string(),
  source: SettingSource,
  /** The package that reads it (table entries, direct reads); 'runtime' for runtime debug vars. */
  package: z.string(),
  /** Runtime debug vars: the default when unset. */
  defaultValue: z.string().optional(),
  /** Table: the Go 1.x minor version whose default changed, and the value restoring the old behaviour. */
  changed: z.number().int().optional(),
  old: z.string().optional(),
  opaque: z.boolean().optional(),
  immutable: z.boolean().optional(),
  /** Removed settings: the Go 1.x minor version that removed it. */
  removedIn: z.number().int().optional(),
  /** Values the source text shows it recognises (direct reads: 'http2debug=1', '=2'). */
  values: z.array(z.string()).optional(),
  description: z.string().optional(),
});
export type CatalogSetting = z.infer<typeof CatalogSetting>;

export const CompileDebugKey = z.object({ name: z.string(), help: z.string() });
export type CompileDebugKey = z.infer<typeof CompileDebugKey>;

export const GodebugCatalog = z.object({
  /** The toolchain the catalog was read from, e.g. go1.26.8. */
  goVersion: z.string(),
  goroot: z.string(),
  settings: z.array(CatalogSetting),
  compileDebug: z.array(CompileDebugKey),
  /** Source files that were missing or unreadable (older toolchains lack internal/godebugs). */
  notes: z.array(z.string()),
});
export type GodebugCatalog = z.infer<typeof GodebugCatalog>;

export const FindingSeverity = z.enum(['error', 'warning', 'info']);
export const Finding = z.object({
  severity: FindingSeverity,
  /** Which variable: GODEBUG or GOCOMPILEDEBUG. */
  variable: z.enum(['GODEBUG', 'GOCOMPILEDEBUG']),
  key: z.string(),
  value: z.string().optional(),
  code: z.enum(['unknown', 'bad-value', 'removed', 'syntax', 'duplicate', 'fatal', 'newer-toolchain']),
  message: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/** GODEBUG / GOCOMPILEDEBUG values travel as plain text with this charset only (no spaces, quotes or $). */
export const ENV_VALUE_RE = /^[A-Za-z0-9_.,=/:+@#-]*$/;
export const EnvValue = z.string().max(2000).regex(ENV_VALUE_RE, 'only letters, digits and _.,=/:+@#- are allowed');

export const GodebugProfile = z.object({
  id: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1).max(80),
  godebug: EnvValue,
  gocompiledebug: EnvValue.optional(),
  /** Also apply to the go command itself (builds), not only to the program it runs. */
  applyToGoCommand: z.boolean().optional(),
  builtin: z.boolean().optional(),
  description: z.string().max(500).optional(),
});
export type GodebugProfile = z.infer<typeof GodebugProfile>;

// ---- trace events: one per line of a session's output, in order (seq = line number, from 0) ----

const base = { seq: z.number().int().nonnegative() };

export const GcEvent = z.object({
  ...base,
  kind: z.literal('gc'),
  n: z.number(),
  atSec: z.number(),
  cpuPercent: z.number(),
  /** STW sweep termination, concurrent mark, STW mark termination (ms wall clock). */
  clockMs: z.array(z.number()),
  /** sweep term, assist, background, idle, mark term (ms CPU). */
  cpuMs: z.array(z.number()),
  heapStartMB: z.number(),
  heapEndMB: z.number(),
  liveMB: z.number(),
  goalMB: z.number(),
  stacksMB: z.number().optional(),
  globalsMB: z.number().optional(),
  procs: z.number(),
  forced: z.boolean(),
  /** A parenthesised note after the percentage, e.g. "checking for goroutine leaks". */
  note: z.string().optional(),
});
export type GcEvent = z.infer<typeof GcEvent>;

export const PacerEvent = z.object({ ...base, kind: z.literal('pacer'), text: z.string() });

export const ScavEvent = z.object({
  ...base,
  kind: z.literal('scav'),
  /** Current layout: background and eager work; go1.19: one work figure and "total". */
  bgKiB: z.number().optional(),
  eagerKiB: z.number().optional(),
  workKiB: z.number().optional(),
  retainedKiB: z.number(),
  utilPercent: z.number(),
  forced: z.boolean(),
});
export type ScavEvent = z.infer<typeof ScavEvent>;

export const SchedEvent = z.object({
  ...base,
  kind: z.literal('sched'),
  atMs: z.number(),
  gomaxprocs: z.number(),
  idleprocs: z.number(),
  threads: z.number(),
  spinningthreads: z.number(),
  idlethreads: z.number(),
  runqueue: z.number(),
  needspinning: z.number().optional(),
  /** Per-P local run queue lengths (schedtrace without scheddetail). */
  localRunqueues: z.array(z.number()).optional(),
  /** Every key=value of the line, as printed (scheddetail adds gcwaiting, stopwait, ...). */
  fields: z.record(z.string(), z.string()),
});
export type SchedEvent = z.infer<typeof SchedEvent>;

export const SchedDetailEvent = z.object({
  ...base,
  kind: z.literal('sched-detail'),
  entity: z.enum(['P', 'M', 'G']),
  id: z.number(),
  fields: z.record(z.string(), z.string()),
});
export type SchedDetailEvent = z.infer<typeof SchedDetailEvent>;

export const InitEvent = z.object({
  ...base,
  kind: z.literal('init'),
  pkg: z.string(),
  atMs: z.number(),
  clockMs: z.number(),
  bytes: z.number(),
  allocs: z.number(),
});
export type InitEvent = z.infer<typeof InitEvent>;

export const Http2Event = z.object({
  ...base,
  kind: z.literal('http2'),
  /** The log.Printf timestamp, as printed. */
  time: z.string().optional(),
  /** Who logged it: a Framer (with its pointer), the Transport (client), the server, or hpack. */
  actor: z.enum(['framer', 'transport', 'server', 'hpack', 'other']),
  /** Framer pointer or the client conn pointer, when printed: the connection the frame belongs to. */
  conn: z.string().optional(),
  direction: z.enum(['read', 'wrote']).optional(),
  frameType: z.string().optional(),
  flags: z.array(z.string()).optional(),
  stream: z.number().optional(),
  length: z.number().optional(),
  /** The rest of the message after the prefix. */
  message: z.string(),
});
export type Http2Event = z.infer<typeof Http2Event>;

export const OutputEvent = z.object({ ...base, kind: z.literal('output'), text: z.string() });

export const TraceEvent = z.discriminatedUnion('kind', [
  GcEvent,
  PacerEvent,
  ScavEvent,
  SchedEvent,
  SchedDetailEvent,
  InitEvent,
  Http2Event,
  OutputEvent,
]);
export type TraceEvent = z.infer<typeof TraceEvent>;
export type TraceKind = TraceEvent['kind'];
export const TRACE_KINDS: TraceKind[] = ['gc', 'pacer', 'scav', 'sched', 'sched-detail', 'init', 'http2', 'output'];

/** What console.open takes to apply a profile: the values only, validated by charset. */
export const ConsoleGodebug = z
  .object({
    GODEBUG: EnvValue.optional(),
    GOCOMPILEDEBUG: EnvValue.optional(),
    applyToGoCommand: z.boolean().optional(),
  })
  .strict();
export type ConsoleGodebug = z.infer<typeof ConsoleGodebug>;

export const ProjectGodebugDefaults = z.object({
  /** The go line of go.mod: it picks the default of every setting whose default changed since. */
  goVersion: z.string().optional(),
  lines: z.array(
    z.object({
      file: z.string(),
      line: z.number(),
      key: z.string(),
      value: z.string(),
      /** go:debug-ignored: a directive outside package main, which the go command does not apply. */
      kind: z.enum(['godebug', 'go:debug', 'go:debug-ignored']),
    }),
  ),
  /** What `go list` says each main package gets built in (DefaultGODEBUG). */
  defaultGodebug: z.array(z.object({ package: z.string(), value: z.string() })),
  findings: z.array(Finding),
  problem: z.string().optional(),
});
export type ProjectGodebugDefaults = z.infer<typeof ProjectGodebugDefaults>;

/**
 * The first line of a recorded GODEBUG capture (events/<start>-<console>.jsonl in a session or a
 * bundle); one TraceEvent per line follows. Bounded: a bundle is a file someone sent.
 */
export const CAPTURE_TYPE = 'godebug-capture';
export const CaptureHeader = z.object({
  type: z.literal(CAPTURE_TYPE),
  consoleId: z.string().max(256),
  title: z.string().max(1000),
  commandLine: z.string().max(20_000),
  godebug: z.string().max(2000),
  startedAt: z.string().max(64),
  endedAt: z.string().max(64),
  /** Saved while the program still ran: what it had printed by endedAt. */
  running: z.boolean().optional(),
  truncated: z.boolean(),
  count: z.number().int().nonnegative(),
});
export type CaptureHeader = z.infer<typeof CaptureHeader>;
