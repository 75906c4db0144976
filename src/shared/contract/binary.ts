// Link-stage and module forensics: analyse a Go binary (build info, size breakdown, symbols,
// disassembly), build the project's main package for it, diff two binaries, and the module panel.
import { z } from 'zod';
import { RUN_ID } from '../runFolder';
import { Empty, RelPath } from '../types';
import {
  BuildInfo,
  DisassembledFunction,
  DynamicLibrary,
  EnvProvenance,
  LibrarySearch,
  LinkProblem,
  ModGraphEdge,
  ModuleErrorExplanation,
  SizeNode,
} from './binaryTypes';
import { FileBytes, FileBytesDiff, SizeDelta } from './binaryBytes';
import { AppearedWhy } from './binaryWhy';

const BinaryId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'not a binary id');

export const BinarySummary = z.object({
  id: BinaryId,
  name: z.string(),
  /** Where the binary is: project-relative, or in gopsy's storage. */
  location: z.string(),
  fileSize: z.number(),
});
export type BinarySummary = z.infer<typeof BinarySummary>;

/** A binary a build run kept in its out/ directory. */
export const RunBinary = z.object({
  runId: z.string(),
  startedAt: z.string(),
  profileName: z.string(),
  name: z.string(),
  fileSize: z.number(),
});
export type RunBinary = z.infer<typeof RunBinary>;

export const PackageSizeRow = z.object({ package: z.string(), module: z.string(), size: z.number(), symbols: z.number() });

export const BinaryAnalysis = BinarySummary.extend({
  buildInfo: BuildInfo.nullable(),
  /** Why build info is missing (not a Go binary, stripped...). */
  buildInfoProblem: z.string().optional(),
  tree: SizeNode,
  /** Sum of nm's symbol sizes with bytes in the file; the file also holds headers, pclntab, DWARF and symbol tables. */
  symbolTotal: z.number(),
  packages: z.array(PackageSizeRow),
  /** Symbols in .bss/.noptrbss: memory the program gets when it starts, no bytes in the file (not in tree or symbolTotal). */
  memoryOnlyTotal: z.number(),
  memoryOnlyPackages: z.array(PackageSizeRow),
  /** Why memory-only symbols could not be told apart (not an ELF file): then the totals may include them. */
  sectionsProblem: z.string().optional(),
  /** Every byte of the file attributed to a package or, per section, left unattributed. */
  bytes: FileBytes.optional(),
  /** The size tree of the whole file: packages with their pclntab and type data, plus the unattributed parts. */
  fileTree: SizeNode.optional(),
});
export type BinaryAnalysis = z.infer<typeof BinaryAnalysis>;

export const SymbolRow = z.object({
  name: z.string(),
  size: z.number(),
  type: z.string(),
  address: z.number(),
  package: z.string(),
  /** In .bss/.noptrbss: the size is memory at run time, not bytes in the file. */
  memoryOnly: z.boolean().optional(),
});
export type SymbolRow = z.infer<typeof SymbolRow>;

export const BuildForAnalysis = z.object({
  ok: z.boolean(),
  /** The go command as a user would type it. */
  commandLine: z.string(),
  exitCode: z.number(),
  output: z.string(),
  /** Wall time of the link action, from the go command's action graph. */
  linkMs: z.number().optional(),
  linkVerbose: z.object({ buildMode: z.string().optional(), symbols: z.number().optional(), reachable: z.number().optional() }),
  problems: z.array(LinkProblem),
  explanations: z.array(ModuleErrorExplanation),
  analysis: BinaryAnalysis.optional(),
});
export type BuildForAnalysis = z.infer<typeof BuildForAnalysis>;

export const SizeDiffResult = z.object({
  totalBefore: z.number(),
  totalAfter: z.number(),
  packages: z.array(SizeDelta),
  /** `why`: for a symbol that appeared (the biggest ones), why the after-binary has it (its run's -dumpdep graph). */
  symbols: z.array(SizeDelta.extend({ package: z.string(), why: AppearedWhy.optional() })),
  /** Why appeared symbols have no reason (the after-binary has no recorded graph…). */
  whyNote: z.string().optional(),
  /** The whole files compared: sections, packages' attributed bytes, unattributed parts. */
  file: FileBytesDiff.optional(),
});

export type SizeDiffResult = z.infer<typeof SizeDiffResult>;

export const DynamicDeps = z.object({
  /** False when ldd could not be used (not Linux, not installed, failed); `message` says why. */
  available: z.boolean(),
  message: z.string().optional(),
  static: z.boolean(),
  libraries: z.array(DynamicLibrary),
});
export type DynamicDeps = z.infer<typeof DynamicDeps>;

export const LoaderTrace = z.object({
  /** What ran, as a user would type it. */
  commandLine: z.string(),
  exitCode: z.number(),
  signal: z.string().optional(),
  /** The program was still running at the time limit and was killed. */
  timedOut: z.boolean(),
  searches: z.array(LibrarySearch),
  loaderError: z.string().optional(),
  /** The program's own output (stdout, then stderr without the loader's lines), cut at 20,000 characters. */
  output: z.string(),
});
export type LoaderTrace = z.infer<typeof LoaderTrace>;

export const ModulePanel = z.object({
  env: z.array(EnvProvenance),
  goEnvFile: z.string().optional(),
});
export type ModulePanel = z.infer<typeof ModulePanel>;

export const ModVerifyResponse = z.object({
  ok: z.boolean(),
  exitCode: z.number(),
  output: z.string(),
  problems: z.array(ModuleErrorExplanation),
});
export type ModVerifyResponse = z.infer<typeof ModVerifyResponse>;

export const binaryMethods = {
  /** Builds the project's package (a main package) into gopsy's storage with -ldflags=-v and analyses it. */
  'binary.build': {
    params: z.object({
      package: RelPath.optional(),
      /** Build tags, e.g. gopsy_linkfail; validated to the characters a tag may hold. */
      tags: z.array(z.string().regex(/^[A-Za-z0-9_.]{1,64}$/, 'not a build tag')).max(20).optional(),
    }),
    result: BuildForAnalysis,
  },
  /** Analyses a binary file inside the project. */
  'binary.open': { params: z.object({ path: RelPath }), result: BinaryAnalysis },
  'binary.list': { params: Empty, result: z.array(BinarySummary) },
  /** Binaries kept by the project's succeeded build runs (build.runs), newest run first. */
  'binary.runBinaries': { params: Empty, result: z.array(RunBinary) },
  /** Analyses a binary a run kept: `<run>/out/<name>`. */
  'binary.openRun': {
    params: z.object({
      runId: z.string().regex(RUN_ID, 'not a run id'),
      name: z.string().regex(/^[\w.+-]{1,200}$/, 'not a file name').refine((s) => s !== '.' && s !== '..'),
    }),
    result: BinaryAnalysis,
  },
  'binary.symbols': {
    params: z.object({
      id: BinaryId,
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(1000),
      sort: z.enum(['size', 'name', 'package']),
      filter: z.string().max(500).optional(),
    }),
    result: z.object({ total: z.number(), rows: z.array(SymbolRow) }),
  },
  'binary.disassemble': {
    params: z.object({ id: BinaryId, symbol: z.string().min(1).max(2000) }),
    result: DisassembledFunction.nullable(),
  },
  'binary.diff': { params: z.object({ before: BinaryId, after: BinaryId }), result: SizeDiffResult },
  /** `ldd BIN`: the shared libraries the binary needs, missing ones flagged. */
  'binary.dynamicDeps': { params: z.object({ id: BinaryId }), result: DynamicDeps },
  /**
   * EXECUTES the binary once (no arguments, killed after 10 s) with LD_DEBUG=libs to record the loader's
   * search. The view asks the user first. `libraryPath` becomes LD_LIBRARY_PATH for that run.
   */
  'binary.traceLoader': {
    params: z.object({
      id: BinaryId,
      /** The user agreed to run the program: a call without it is refused before anything runs. */
      confirmed: z.literal(true),
      libraryPath: z
        .string()
        .max(4000)
        .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20), 'control characters are not allowed')
        .optional(),
    }),
    result: LoaderTrace,
  },
  'modules.panel': { params: Empty, result: ModulePanel },
  /** Runs `go mod verify` (only when the user asks). */
  'modules.verify': { params: Empty, result: ModVerifyResponse },
  'modules.graph': {
    params: Empty,
    result: z.object({ ok: z.boolean(), error: z.string().optional(), edges: z.array(ModGraphEdge), selected: z.array(z.object({ path: z.string(), version: z.string() })) }),
  },
  /** "Why is this package in my build?": the import chain from the main package (or `from`) to `target`. */
  'modules.importChain': {
    params: z.object({ target: z.string().min(1).max(500), from: RelPath.optional() }),
    result: z.object({ root: z.string(), chain: z.array(z.string()).nullable(), error: z.string().optional() }),
  },
  /** Recognises module and linker errors in pasted text. */
  'modules.explain': {
    params: z.object({ text: z.string().max(1_000_000) }),
    result: z.object({ modules: z.array(ModuleErrorExplanation), link: z.array(LinkProblem) }),
  },
} as const;
