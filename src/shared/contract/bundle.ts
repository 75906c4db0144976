// Sessions and bundles: the live session's notes and layout (autosaved), saving a session to a
// .gopsy bundle after a preview, and opening bundles read-only.
import { z } from 'zod';
import { isRunId } from '../runLayout';
import { Empty, RelPath } from '../types';
import { RunDetail, RunSummary } from '../build';
import { bundleGodebugEvents, bundleGodebugMethods } from './bundleGodebug';

/** A session bundle's file name ends in .gopsy (in any case): what the workbench and the backend accept as a bundle. */
export function isBundleName(name: string): boolean {
  return /\.gopsy$/i.test(name);
}

/** Where a note is attached. Only free and source notes have a UI today; the others are reserved for the SSA, remarks and timeline views. */
export const NoteAnchor = z.discriminatedUnion('type', [
  z.object({ type: z.literal('free') }),
  z.object({ type: z.literal('source'), path: RelPath, line: z.number().int().min(1) }),
  z.object({ type: z.literal('ssa'), func: z.string().max(1024), phase: z.string().max(256), value: z.string().max(256).optional() }),
  z.object({ type: z.literal('remark'), path: RelPath, line: z.number().int().min(1), remark: z.string().max(4096) }),
  z.object({ type: z.literal('action'), run: z.string().max(256), action: z.string().max(1024) }),
]);
export type NoteAnchor = z.infer<typeof NoteAnchor>;

export const Note = z.object({
  id: z.string().min(1).max(64),
  text: z.string().max(100_000),
  anchor: NoteAnchor,
  createdAt: z.string().max(64),
  updatedAt: z.string().max(64),
});
export type Note = z.infer<typeof Note>;

export const Bookmark = z.object({ id: z.string().min(1).max(64), label: z.string().max(1000), anchor: NoteAnchor });
export type Bookmark = z.infer<typeof Bookmark>;

export const NotesFile = z.object({ notes: z.array(Note).max(10_000), bookmarks: z.array(Bookmark).max(10_000) });
export type NotesFile = z.infer<typeof NotesFile>;

/** View layout as the renderer keeps it (active view, panel sizes): small, opaque to the backend. */
export const Layout = z.record(z.string().max(128), z.union([z.string().max(4096), z.number(), z.boolean(), z.null()]));
export type Layout = z.infer<typeof Layout>;

export const SessionInfo = z.object({
  id: z.string(),
  name: z.string(),
  projectRoot: z.string(),
  notes: NotesFile,
  layout: Layout,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const KindTotal = z.object({ kind: z.string(), count: z.number(), bytes: z.number() });
export const RedactionSummary = z.object({ where: z.string(), name: z.string(), count: z.number() });

export const SaveOptions = z.object({
  includeSources: z.boolean(),
  /** Project-relative source paths to leave out. */
  excludeSources: z.array(RelPath).max(100_000).default([]),
  /** Collected items (a build run "runs/<id>", a GODEBUG capture "events/<file>", the debugger state) to leave out. */
  excludeItems: z.array(z.string().max(4096)).max(100_000).optional(),
  layout: Layout.optional(),
});

export const SavePreview = z.object({
  kinds: z.array(KindTotal),
  totalBytes: z.number(),
  sources: z.array(z.object({ path: z.string(), size: z.number() })),
  redactions: z.array(RedactionSummary),
  /** What the session collected by itself (build runs, GODEBUG captures, the debugger state), each of which can be left out. */
  items: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string(), included: z.boolean(), files: z.number(), bytes: z.number() })).default([]),
  defaultFileName: z.string(),
});
export type SavePreview = z.infer<typeof SavePreview>;

export const SaveResult = z.object({ path: z.string(), bytes: z.number(), entries: z.number() });
export type SaveResult = z.infer<typeof SaveResult>;

export const BundleEntryInfo = z.object({ path: z.string(), size: z.number(), kind: z.string(), sha256: z.string() });
export type BundleEntryInfo = z.infer<typeof BundleEntryInfo>;

export const BundleSummary = z.object({
  id: z.string(),
  file: z.string(),
  fileSize: z.number(),
  formatVersion: z.number(),
  writer: z.string(),
  createdAt: z.string(),
  project: z.object({ name: z.string(), modulePath: z.string().optional(), goVersion: z.string().optional() }),
  toolchain: z.object({ goVersion: z.string().optional(), goos: z.string().optional(), goarch: z.string().optional(), env: z.record(z.string(), z.string()) }).nullable(),
  kinds: z.array(KindTotal),
  redactions: z.array(RedactionSummary),
  entries: z.array(BundleEntryInfo),
  /** The session's notes, when the bundle has a readable notes.json. */
  notes: NotesFile.nullable(),
});
export type BundleSummary = z.infer<typeof BundleSummary>;

export const EntryText = z.object({ path: z.string(), kind: z.string(), text: z.string(), size: z.number() });
export type EntryText = z.infer<typeof EntryText>;

/** A recorded build run an opened bundle offers to run again ("Re-run here"). */
export const RerunCandidate = z.object({
  runId: z.string(),
  profileName: z.string(),
  status: z.string(),
  startedAt: z.string(),
  goVersion: z.string().optional(),
  /** The go command as recorded (redacted values stay redacted). */
  shellLine: z.string(),
  env: z.record(z.string(), z.string()),
  packages: z.array(z.string()),
  /** The recorded settings that shape the command ("env:GOFLAGS", "gcflags", "ldflags"); redacted ones must be supplied or dropped. */
  settings: z.array(z.object({ key: z.string(), value: z.string(), redacted: z.boolean() })),
  /** Things the user must know before confirming (a flag that names a program to execute). */
  warnings: z.array(z.string()),
});
export type RerunCandidate = z.infer<typeof RerunCandidate>;

export const RerunInfo = z.object({
  runs: z.array(RerunCandidate),
  /** The module the bundle was recorded on. */
  modulePath: z.string().optional(),
  /** The project open here, and whether its module is the bundle's (then it is offered first). */
  current: z.object({ root: z.string(), modulePath: z.string().optional(), matches: z.boolean() }).nullable(),
});
export type RerunInfo = z.infer<typeof RerunInfo>;

/** A value the user supplied for a redacted setting, or null to drop the setting. */
export const RerunValue = z.string().max(4000).nullable();
export type RerunValue = z.infer<typeof RerunValue>;

/** A build run a bundle carries (runs/<run>/), as the Build view lists it. */
export const BundleRun = RunSummary.extend({ run: z.string() });
export type BundleRun = z.infer<typeof BundleRun>;
/** One bundle run opened for replay: what the Build view shows for a run, and its console transcript. */
export const BundleRunDetail = z.object({ detail: RunDetail, console: z.string().nullable(), consoleTruncated: z.boolean() });
export type BundleRunDetail = z.infer<typeof BundleRunDetail>;
/** The name of a run folder inside a bundle (runs/<run>/). */
export const BundleRunName = z.string().refine(isRunId, 'not a run id');

const AbsPath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'path contains a NUL byte');

export const bundleMethods = {
  /** The live session of the open project (created on first use); null without a project. */
  'session.current': { params: Empty, result: SessionInfo.nullable() },
  /** Autosave of notes and bookmarks (the renderer debounces); written atomically. */
  'session.saveNotes': { params: NotesFile, result: z.null() },
  'session.saveLayout': { params: z.object({ layout: Layout }), result: z.null() },
  /** What a save would put in the bundle: sizes, counts, sources, redactions. Nothing is written. */
  'session.preview': { params: SaveOptions, result: SavePreview },
  /** Saves to `path` (absolute, on the backend's machine) or, without one, to a file the host's native dialog asks for; null when cancelled. */
  'session.save': { params: SaveOptions.extend({ path: AbsPath.optional() }), result: SaveResult.nullable() },
  /** Opens a bundle read-only (from `path`, or the host's native dialog); null when cancelled. */
  'bundle.open': { params: z.object({ path: AbsPath.optional() }), result: BundleSummary.nullable() },
  /** The bundle opened last, if any. */
  'bundle.current': { params: Empty, result: BundleSummary.nullable() },
  /** One entry as plain text (never markup), verified against its sha256. */
  'bundle.readEntry': { params: z.object({ id: z.string().max(64), path: z.string().min(1).max(4096) }), result: EntryText },
  'bundle.close': { params: z.object({ id: z.string().max(64) }), result: z.null() },
  /**
   * A bundle dropped onto the browser window: its bytes are sent in chunks (base64, at most 1 MiB
   * each, in order) into gopsy's storage, then it opens like bundle.open. Only .gopsy names, at most 1 GiB.
   */
  'bundle.uploadBegin': { params: z.object({ name: z.string().min(1).max(255), size: z.number().int().min(1) }), result: z.object({ uploadId: z.string() }) },
  'bundle.uploadChunk': {
    params: z.object({ uploadId: z.string().max(64), offset: z.number().int().min(0), data: z.string().max(1_400_000) }),
    result: z.object({ received: z.number() }),
  },
  'bundle.uploadFinish': { params: z.object({ uploadId: z.string().max(64) }), result: BundleSummary },
  'bundle.uploadAbort': { params: z.object({ uploadId: z.string().max(64) }), result: z.null() },
  /** What "Re-run here" would run: the bundle's recorded build runs, their commands and redacted settings. Runs nothing. */
  'bundle.rerunInfo': { params: z.object({ id: z.string().max(64) }), result: RerunInfo },
  /**
   * Runs one recorded build again after the user confirmed it: only that profile's go command, as a
   * normal build run of the project in `folder` (absolute; opened if it is not the current project)
   * or of the current project. The folder's module must be the bundle's.
   */
  'bundle.rerun': {
    params: z.object({
      id: z.string().max(64),
      runId: z.string().max(64),
      folder: AbsPath.optional(),
      values: z.record(z.string().max(64), RerunValue).default({}),
      /** The user ticked that the run may execute the programs / write the files its warnings name. */
      acceptRisks: z.boolean().default(false),
    }),
    result: RunSummary,
  },
  ...bundleGodebugMethods,
  /** Replay: the build runs the bundle carries (nothing runs). */
  'bundle.runs': { params: z.object({ id: z.string().max(64) }), result: z.array(BundleRun) },
  /** Replay: one bundle run's timeline, phases, commands, errors, compiler profile and console, read from its verified entries. */
  'bundle.run': { params: z.object({ id: z.string().max(64), run: BundleRunName }), result: BundleRunDetail },
} as const;

export const bundleEvents = {
  'bundle.opened': BundleSummary,
  /** The host's menu asked for File ▸ Save Session: the renderer shows the preview. */
  'session.saveRequested': z.object({}),
  /** bundle.closed: a bundle closed (by the user, or the oldest of too many); views replaying it let go of it. */
  ...bundleGodebugEvents,
} as const;
