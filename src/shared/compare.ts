// Domain types of the run comparison: two builds (two runs of the project, or runs inside bundles)
// compared on build timing, optimisation remarks, per-function SSA and binary size. src/core/compare
// computes them; the contract (contract/compare.ts), the Compare view and `gopsy diff` carry them.
import { z } from 'zod';
import { RUN_ID } from './runFolder';
import { FileBytesDiff, SizeDelta } from './contract/binaryBytes';

/** Why a section has nothing to compare: said plainly per side. */
export const Availability = z.object({
  a: z.boolean(),
  b: z.boolean(),
  /** Plain sentences: what is missing on which side and how to capture it. */
  notes: z.array(z.string()),
});
export type Availability = z.infer<typeof Availability>;

export const TimingRow = z.object({
  /** A package import path, or a compiler phase (fe:parse, be:compilefuncs...). */
  name: z.string(),
  /** Nanoseconds; null when that side did not compile it (cache hit, not in the build). */
  aNs: z.number().nullable(),
  bNs: z.number().nullable(),
  /** b − a, ns (null unless both sides have it). */
  deltaNs: z.number().nullable(),
  /** b / a (null unless both sides have it and a > 0). */
  ratio: z.number().nullable(),
});
export type TimingRow = z.infer<typeof TimingRow>;

export const TimingDiff = Availability.extend({
  /** Sum of the per-package compile totals (the -bench `total` lines) over the packages both sides compiled, ns. */
  totalA: z.number(),
  totalB: z.number(),
  /** Wall time of the whole go command (from the run's start/end), ms, when known. */
  wallA: z.number().nullable(),
  wallB: z.number().nullable(),
  packages: z.array(TimingRow),
  /** Each phase summed over the packages both sides compiled. */
  phases: z.array(TimingRow),
  /** Per package, per phase. */
  packagePhases: z.array(z.object({ package: z.string(), phases: z.array(TimingRow) })),
});
export type TimingDiff = z.infer<typeof TimingDiff>;

export const SourceLoc = z.object({
  /** As the toolchain printed it (absolute for logopt). */
  file: z.string(),
  /** Project-relative, when the file is inside the project. */
  path: z.string().optional(),
  line: z.number(),
  column: z.number(),
});
export type SourceLoc = z.infer<typeof SourceLoc>;

export const REMARK_CHANGES = ['heapNew', 'heapGone', 'inlineStarted', 'inlineStopped', 'boundsNew', 'boundsGone'] as const;
export const RemarkChangeKind = z.enum(REMARK_CHANGES);
export type RemarkChangeKind = z.infer<typeof RemarkChangeKind>;

export const RemarkChange = z.object({
  change: RemarkChangeKind,
  package: z.string().optional(),
  function: z.string().optional(),
  /** The compiler's message (plain text) on the side that has it; for inlining, side B's. */
  message: z.string(),
  /** cannotInline reasons and inline costs where the compiler gave them. */
  detailA: z.string().optional(),
  detailB: z.string().optional(),
  a: SourceLoc.optional(),
  b: SourceLoc.optional(),
});
export type RemarkChange = z.infer<typeof RemarkChange>;

export const RemarksDiff = Availability.extend({
  counts: z.record(RemarkChangeKind, z.number()),
  /** The same, for remarks in the project's own files (a change has a project-relative path). */
  projectCounts: z.record(RemarkChangeKind, z.number()),
  /** Remarks per kind on each side. */
  kindsA: z.record(z.string(), z.number()),
  kindsB: z.record(z.string(), z.number()),
  /** Remarks that matched on both sides (same function, kind and message shape), possibly at another line. */
  matched: z.number(),
  /** Of those, how many moved to another line. */
  moved: z.number(),
  changes: z.array(RemarkChange),
});
export type RemarksDiff = z.infer<typeof RemarksDiff>;

export const SsaPassDiff = z.object({
  /** The pass name (the last pass of a merged ssa.html column). */
  pass: z.string(),
  inA: z.boolean(),
  inB: z.boolean(),
  valuesA: z.number(),
  valuesB: z.number(),
  blocksA: z.number(),
  blocksB: z.number(),
  /** The phase text is the same (ignoring value and block IDs is not attempted: IDs are part of it). */
  same: z.boolean(),
  /** Lines of the phase text (values and block ends, as in text dumps) only in A / only in B. */
  onlyA: z.number(),
  onlyB: z.number(),
  /** The first of those lines (IDs blanked), for a glance at what differs. */
  sampleOnlyA: z.array(z.string()),
  sampleOnlyB: z.array(z.string()),
  /** The existing phase diff by ID (src/core/ssa/analysis diffPhases), A → B. */
  addedValues: z.number(),
  removedValues: z.number(),
  changedValues: z.number(),
});
export type SsaPassDiff = z.infer<typeof SsaPassDiff>;

export const SsaFunctionDiff = z.object({
  /** As the compiler names it ("(*Store).Items,1"). */
  function: z.string(),
  /** The first line of the function's source, when the ssa.html has its sources column. */
  source: SourceLoc.optional(),
  passes: z.array(SsaPassDiff),
  /** Generated instructions (genssa rows with a PC) per side, and those only on one side (text without PC). */
  genssaA: z.number(),
  genssaB: z.number(),
  genssaOnlyA: z.array(z.string()),
  genssaOnlyB: z.array(z.string()),
});
export type SsaFunctionDiff = z.infer<typeof SsaFunctionDiff>;

export const SsaDiff = Availability.extend({
  functions: z.array(SsaFunctionDiff),
  /** Functions with SSA on one side only. */
  onlyA: z.array(z.string()),
  onlyB: z.array(z.string()),
  caveat: z.string(),
});
export type SsaDiff = z.infer<typeof SsaDiff>;

export const SizeDeltaRow = SizeDelta;
export const BinarySizeDiff = Availability.extend({
  binaryA: z.string().optional(),
  binaryB: z.string().optional(),
  fileSizeA: z.number().optional(),
  fileSizeB: z.number().optional(),
  totalBefore: z.number(),
  totalAfter: z.number(),
  packages: z.array(SizeDeltaRow),
  symbols: z.array(SizeDeltaRow.extend({ package: z.string() })),
  /** The whole files compared (sections, packages' file bytes, unattributed) when both sides could be attributed. */
  file: FileBytesDiff.optional(),
});
export type BinarySizeDiff = z.infer<typeof BinarySizeDiff>;

export const CompareSide = z.object({
  /** "run 20261127-013000-abc123" or "bundle.gopsy ▸ run …". */
  label: z.string(),
  runId: z.string(),
  origin: z.enum(['project', 'bundle', 'directory']),
  goVersion: z.string().optional(),
  profileName: z.string().optional(),
  commandLine: z.string().optional(),
  status: z.string().optional(),
  startedAt: z.string().optional(),
  /** GOTOOLCHAIN as the run set it. */
  gotoolchain: z.string().optional(),
});
export type CompareSide = z.infer<typeof CompareSide>;

export const RunComparison = z.object({
  a: CompareSide,
  b: CompareSide,
  timing: TimingDiff,
  remarks: RemarksDiff,
  ssa: SsaDiff,
  binary: BinarySizeDiff,
  /** Problems reading one side's artefacts (unreadable files...), for the user. */
  warnings: z.array(z.string()),
});
export type RunComparison = z.infer<typeof RunComparison>;

/** A run to compare: one of the open project's runs, or one inside an opened bundle. */
export const RunRef = z.union([
  z.object({ run: z.string().regex(RUN_ID, 'not a run id') }).strict(),
  z.object({ bundle: z.string().min(1).max(64), run: z.string().min(1).max(256) }).strict(),
]);
export type RunRef = z.infer<typeof RunRef>;

/** A toolchain name GOTOOLCHAIN takes: go1.24.0, go1.25rc1, go1.20 (releases before 1.21 had no .0). */
export const GO_VERSION = /^go1\.\d+(\.\d+|rc\d+|beta\d+)?$/;
export const GoVersion = z.string().max(40).regex(GO_VERSION, 'a Go version such as go1.24.0 (go, then major.minor.patch, or an rc/beta)');
