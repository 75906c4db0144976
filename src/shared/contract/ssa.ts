// The SSA browser's calls: list a package's compiled functions, capture one, then ask for what the
// view shows (phase list, one phase, a column, search, diff, value history); parsed data stays in the backend.
import { z } from 'zod';
import type { PhaseDiff, SsaAstLine, SsaFunction, SsaOtherColumn, SsaPhase, SsaProgLine, SsaSourceFile, ValueHistory } from '../ssa';

const Id = z.string().min(1).max(100);
const Format = z.enum(['html', 'dumps']).optional();
const Ref = { id: Id, format: Format };
const PhaseIndex = z.number().int().min(0).max(100_000);
/** A name the view gives a listing or capture, to follow its progress and cancel it. */
const Job = z.string().regex(/^[\w-]{1,64}$/, 'not a job name');

export interface SsaFuncInfo {
  name: string;
  file: string;
  line: number | null;
  generated: boolean;
}
export interface SsaPhaseSummary {
  index: number;
  name: string;
  passes: string[];
  timings: Array<number | null>;
  unchanged?: boolean;
  partial?: boolean;
  /** Reachable blocks and live values; dead ones (only ssa.html has them) apart: core/ssa/phaseCounts.ts. */
  blocks: number;
  values: number;
  deadBlocks: number;
  deadValues: number;
}
export interface SsaSummary {
  id: string;
  name: string;
  format: SsaFunction['format'];
  formats: Array<SsaFunction['format']>;
  /** False while the parse goes on: phases keep arriving. */
  done: boolean;
  partial: boolean;
  warnings: string[];
  error?: string;
  phases: SsaPhaseSummary[];
  counts: { sources: number; ast: number; genssa: number };
  other: SsaOtherColumn[];
}
export type SsaCaptureResult =
  | { ok: true; id: string; func: string; formats: Array<SsaFunction['format']>; output: string }
  | { ok: false; message: string; candidates: string[]; output: string };
/** What a listing or capture is doing now (event ssa.progress, about twice a second while it runs). */
export interface SsaProgress {
  /** What runs, in words ("Listing the functions of P", "Compiling F"). */
  title: string;
  /** Reading the package graph, the go build, reading the compiler's output. */
  step: 'sources' | 'build' | 'read';
  /** The command line, as a user could type it. */
  command: string;
  elapsedMs: number;
  /** Packages compiled so far in this build (cache misses), of `total` in the build graph. */
  compiled: number;
  total: number;
  /** Packages being compiled now. */
  running: string[];
  /** The last line the go command printed, if any. */
  lastLine: string;
}
export interface SsaSearchResult {
  hits: Array<{ phase: number; block: string; value?: string; text: string }>;
  truncated: boolean;
}
export interface SsaDiffResult extends PhaseDiff {
  left: string;
  right: string;
}
export type SsaHistoryResult = ValueHistory;

export const ssaMethods = {
  /** The functions the compiler compiles for a package (import path or ./dir), with exact names. */
  'ssa.functions': {
    params: z.object({ pkg: z.string().min(1).max(1000), test: z.boolean().optional(), job: Job.optional() }),
    result: z.custom<{ importPath: string; compilePath: string; functions: SsaFuncInfo[] }>(),
  },
  'ssa.capture': {
    params: z.object({ pkg: z.string().min(1).max(1000), func: z.string().min(1).max(4000), test: z.boolean().optional(), job: Job.optional() }),
    result: z.custom<SsaCaptureResult>(),
  },
  /** Stops a listing or capture (its whole go process tree); the call it belongs to fails with code "cancelled". */
  'ssa.cancel': { params: z.object({ job: Job }), result: z.object({ cancelled: z.boolean() }) },
  /**
   * Opens a folder that already holds an ssa.html and/or .dump files (a kept capture, an unpacked
   * bundle): a project-relative path, or an absolute one inside the project or gopsy's storage.
   */
  'ssa.open': {
    params: z.object({ dir: z.string().min(1).max(4096), func: z.string().max(4000).optional() }),
    result: z.custom<{ id: string; formats: Array<SsaFunction['format']> }>(),
  },
  /**
   * Opens the SSA a build run of the open bundle captured (its ssa/ folder: GOSSAFUNC + GOSSADIR), read
   * from the run's verified entries; nothing is compiled. file: which ssa.html, by its path under ssa/.
   */
  'ssa.openBundleRun': {
    params: z.object({
      bundle: z.string().max(64),
      run: z.string().min(1).max(128).regex(/^[\w.-]+$/, 'not a run id'),
      file: z.string().max(4000).optional(),
    }),
    result: z.custom<{ id: string; formats: Array<SsaFunction['format']> }>(),
  },
  /**
   * Opens an SSA capture the open bundle carries (ssa/<capture>/: the SSA view's capture, saved with the
   * session), read from its verified entries like a run's SSA; nothing is compiled. file: which ssa.html.
   */
  'ssa.openBundleCapture': {
    params: z.object({
      bundle: z.string().max(64),
      capture: z.string().min(1).max(128).regex(/^[\w.-]+$/, 'not a capture id'),
      file: z.string().max(4000).optional(),
    }),
    result: z.custom<{ id: string; formats: Array<SsaFunction['format']> }>(),
  },
  /** Waits until the first phase is read (or the parse ends), then answers; call again while !done. */
  'ssa.summary': { params: z.object(Ref), result: z.custom<SsaSummary>() },
  /** preview: the first blocks of a big first phase may come first, marked preview, while the rest is parsed. */
  'ssa.phase': { params: z.object({ ...Ref, index: PhaseIndex, preview: z.boolean().optional() }), result: z.custom<SsaPhase>() },
  'ssa.column': {
    params: z.object({ ...Ref, column: z.enum(['sources', 'ast', 'genssa']) }),
    result: z.custom<{ sources?: SsaSourceFile[]; ast?: SsaAstLine[]; genssa?: SsaProgLine[] }>(),
  },
  'ssa.search': {
    params: z.object({ ...Ref, query: z.string().max(500), phase: PhaseIndex.optional() }),
    result: z.custom<SsaSearchResult>(),
  },
  'ssa.diff': { params: z.object({ ...Ref, a: PhaseIndex, b: PhaseIndex }), result: z.custom<SsaDiffResult>() },
  'ssa.history': {
    params: z.object({ ...Ref, value: z.string().regex(/^v\d+$/), phase: PhaseIndex }),
    result: z.custom<SsaHistoryResult>(),
  },
} as const;

export const ssaEvents = {
  /** Progress of the listing or capture the view named `job`. */
  'ssa.progress': z.object({ job: z.string(), progress: z.custom<SsaProgress>() }),
} as const;
