// Domain types of build capture: profiles, runs and the parsed artefacts the Build view shows.
// The parsers in src/core/build produce these; the contract (contract/build.ts) carries them.
import { z } from 'zod';

/** An environment variable a profile may set; anything else is refused (commands come from structured params). */
export const PROFILE_ENV_KEYS = ['GOOS', 'GOARCH', 'GOAMD64', 'CGO_ENABLED', 'GOFLAGS', 'GOTOOLCHAIN'] as const;
export const ProfileEnvKey = z.enum(PROFILE_ENV_KEYS);

/** One argv item with no control characters (a newline would forge a second -x line in the log). */
const ArgValue = z
  .string()
  .max(4000)
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f)), 'control characters are not allowed');

/** A package pattern as `go build` takes it: ./..., ./store, net/http, std. Never an option. */
export const PackagePattern = z
  .string()
  .min(1)
  .max(500)
  .regex(/^[\w./@~+-]+$/, 'a package pattern is letters, digits and . / @ ~ + - _')
  .refine((s) => !s.startsWith('-'), 'a package pattern cannot start with -');

/**
 * A flag for a 'run-tests' profile, as `go test` takes it: `-count=1`, `-run=TestX`, `-short`, `-v`…
 * Only test flags the go command knows (`go help testflag`); `-exec` and the like are refused.
 */
export const TestFlag = ArgValue.pipe(
  z.string().regex(/^-(count|run|skip|short|v|timeout|cpu|parallel|failfast|benchtime|shuffle)(=.*)?$/, 'a test flag: -count, -run, -skip, -short, -v, -timeout, -cpu, -parallel, -failfast, -benchtime or -shuffle'),
);

export const CaptureSet = z.object({
  /** -x: the toolchain command log. */
  commands: z.boolean(),
  /** -work: keep the go command's work directory and list it. */
  work: z.boolean(),
  /** -debug-actiongraph=FILE */
  actionGraph: z.boolean(),
  /** -debug-trace=FILE */
  trace: z.boolean(),
  /** -gcflags=all=-bench=FILE (per-package compiler phase times). */
  phases: z.boolean(),
  /** -gcflags=all=-json=0,file://DIR (optimisation remarks). */
  remarks: z.boolean(),
  /**
   * GODEBUG=gocachehash=1: every input of each action's cache key, kept in cachehash.txt, so "why was
   * this rebuilt?" can be answered against another run. Off in profiles saved before it existed.
   */
  rebuildReasons: z.boolean().default(false),
  /**
   * -gcflags=./...=-d=ssa/all/time: the time of every SSA pass for every function of the project's own
   * packages (the compiler prints it; it is read from the console transcript). Off in older profiles.
   */
  compileCost: z.boolean().default(false),
  /**
   * -ldflags=-dumpdep when the binary is kept: the linker's reachability graph in dumpdep.txt, so "why is
   * this in my binary?" can be answered. On unless set to false.
   */
  reachability: z.boolean().optional(),
  /** -gcflags=<pkg>=-cpuprofile=FILE for one package (a profile of the compiler itself). */
  cpuProfilePackage: z
    .string()
    .max(500)
    .regex(/^(?!-)[\w./~+-]*$/, 'one package path, e.g. ./store or net/http (letters, digits and . / ~ + - _, not starting with -)')
    .optional(),
  /**
   * GOSSAFUNC for the build, with GOSSADIR=<run>/ssa: the compiler writes that function's ssa.html into
   * the run (package-qualify it: an unqualified name matches in every package). Needs the package to
   * compile (a private GOCACHE or -a), since a cache hit writes no file.
   */
  ssaFunc: z
    .string()
    .max(500)
    .regex(/^[\w./()*[\],~-]+$/, 'a function as the compiler names it, e.g. example.com/m/store.(*Store).Add (no spaces, no + or :)')
    .optional(),
});
export type CaptureSet = z.infer<typeof CaptureSet>;

export const BuildProfile = z.object({
  name: z.string().min(1).max(80),
  builtIn: z.boolean().optional(),
  description: z.string().max(500).optional(),
  /** build: `go build`; test: `go test -c` (the test binaries only); run-tests: `go test`, the tests run. */
  target: z.enum(['build', 'test', 'run-tests']),
  /** run-tests: flags given to `go test` before the packages (e.g. -count=1). */
  testFlags: z.array(TestFlag).max(20).optional(),
  packages: z.array(PackagePattern).min(1).max(50),
  /** The -gcflags value: one argv item, e.g. `-m=2` or `./store=-N -l`. */
  gcflags: ArgValue.optional(),
  ldflags: ArgValue.optional(),
  tags: z.array(z.string().regex(/^[\w.]+$/)).max(50).optional(),
  race: z.boolean().optional(),
  trimpath: z.boolean().optional(),
  /** -a: rebuild everything (complete per-package artefacts, as a private cache gives). */
  rebuildAll: z.boolean().optional(),
  /** A private GOCACHE inside the run directory, removed after the run. */
  privateCache: z.boolean().optional(),
  /**
   * build target: keep the linked binary in the run directory (`-o <run>/out/`) for the Binary view.
   * With a directory as -o the go command builds only the main packages among `packages` (and what
   * they import), so a profile that checks every package should leave this off.
   */
  keepBinary: z.boolean().optional(),
  env: z.partialRecord(ProfileEnvKey, ArgValue).optional(),
  capture: CaptureSet,
});
export type BuildProfile = z.infer<typeof BuildProfile>;

/** What will run: shown before it runs and copyable. */
export const CommandPreview = z.object({
  argv: z.array(z.string()),
  /** Only the variables gopsy sets (the rest is inherited). */
  env: z.record(z.string(), z.string()),
  /** A POSIX shell line that reproduces it outside gopsy (paths point at the run directory). */
  shellLine: z.string(),
  cwd: z.string(),
});
export type CommandPreview = z.infer<typeof CommandPreview>;

export const RunStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'killed']);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunManifest = z.object({
  version: z.literal(1),
  id: z.string(),
  project: z.string(),
  profile: BuildProfile,
  command: CommandPreview,
  goVersion: z.string().optional(),
  status: RunStatus,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  exitCode: z.number().optional(),
  /** Artefact files present in the run directory, relative to it. */
  artefacts: z.array(z.string()),
});
export type RunManifest = z.infer<typeof RunManifest>;

export const RunSummary = RunManifest.pick({ id: true, status: true, startedAt: true, endedAt: true, exitCode: true, goVersion: true }).extend({
  profileName: z.string(),
  commandLine: z.string(),
  durationMs: z.number().optional(),
  /** The run's profile captured the compiler's optimisation remarks (-json). */
  remarks: z.boolean().optional(),
  /** The run's profile recorded why its actions ran (GODEBUG=gocachehash=1): it can be explained. */
  rebuildReasons: z.boolean().optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** One action of the go command's action graph (-debug-actiongraph). Times are ms since the epoch. */
export const BuildAction = z.object({
  id: z.number(),
  mode: z.string(),
  package: z.string(),
  deps: z.array(z.number()),
  readyMs: z.number().optional(),
  startMs: z.number().optional(),
  doneMs: z.number().optional(),
  cmd: z.array(z.string()).nullable(),
  /** Wall time of the tool the action ran (CmdReal), when it ran one. */
  cmdMs: z.number().optional(),
  /** A build action that ran no compiler: its result came from GOCACHE. */
  cacheHit: z.boolean(),
  failed: z.boolean(),
});
export type BuildAction = z.infer<typeof BuildAction>;

export const TimelineBar = z.object({
  actionId: z.number(),
  lane: z.number(),
  mode: z.string(),
  package: z.string(),
  /** ms from the first action's start. */
  start: z.number(),
  end: z.number(),
  cacheHit: z.boolean(),
  critical: z.boolean(),
  command: z.string().optional(),
});
export type TimelineBar = z.infer<typeof TimelineBar>;

export const Timeline = z.object({
  bars: z.array(TimelineBar),
  lanes: z.number(),
  totalMs: z.number(),
  /** 'trace': lanes are the go command's workers (-debug-trace); 'actiongraph': lanes are packed from times. */
  laneSource: z.enum(['trace', 'actiongraph']),
});
export type Timeline = z.infer<typeof Timeline>;

/** One action as the Build view's tables list it. Times in ms from the build's first action. */
export const SlowAction = z.object({
  actionId: z.number(),
  package: z.string(),
  mode: z.string(),
  startMs: z.number(),
  /** Its own duration: TimeDone − TimeStart. */
  durationMs: z.number(),
  /** Ready (every dependency done) but waiting for a free worker: TimeStart − TimeReady. */
  queuedMs: z.number().optional(),
  cacheHit: z.boolean(),
  failed: z.boolean(),
});
export type SlowAction = z.infer<typeof SlowAction>;

/** One package's time over its actions (compile = the 'build' action, link = link and link-install). */
export const PackageTime = z.object({
  package: z.string(),
  compileMs: z.number(),
  linkMs: z.number(),
  /** Cache checks, vet, cgo and the rest. */
  otherMs: z.number(),
  totalMs: z.number(),
  cacheHit: z.boolean(),
  actions: z.number(),
});
export type PackageTime = z.infer<typeof PackageTime>;

/** A stretch where fewer actions ran than there were workers and nothing else was ready to start. */
export const BuildWait = z.object({
  startMs: z.number(),
  durationMs: z.number(),
  /** How many actions ran during it, on average over its time (fewer than the workers). */
  running: z.number(),
  /** The actions running then (the longest first, at most 3): what the build waited on. */
  waitingOn: z.array(z.number()),
});
export type BuildWait = z.infer<typeof BuildWait>;

export const BuildAnalysis = z.object({
  /** First action's start to last action's end. */
  wallMs: z.number(),
  workers: z.number(),
  /** 'trace': the go command's worker ids (-debug-trace); 'concurrency': the most actions that ran at once. */
  workersSource: z.enum(['trace', 'concurrency']),
  /** The sum of every action's own duration. */
  busyMs: z.number(),
  /** The longest chain of dependencies by the actions' own durations, first action first. */
  criticalPath: z.array(z.number()),
  criticalPathMs: z.number(),
  /** Wall time with every worker busy. */
  allBusyMs: z.number(),
  /** Worker time left idle (idle workers × time). */
  idleWorkerMs: z.number(),
  /** Time actions spent ready but waiting for a free worker, summed. */
  queuedMs: z.number(),
  actions: z.array(SlowAction),
  packages: z.array(PackageTime),
  /** Longest first. */
  waits: z.array(BuildWait),
  verdict: z.object({ kind: z.enum(['workers', 'dependencies', 'mixed']), text: z.string() }),
});
export type BuildAnalysis = z.infer<typeof BuildAnalysis>;

export const CompilePhase = z.object({ phase: z.string(), ns: z.number(), percent: z.number() });
export const PackagePhases = z.object({
  package: z.string(),
  totalNs: z.number(),
  phases: z.array(CompilePhase),
  /** Source lines parsed and functions compiled, where the compiler reported them. */
  lines: z.number().optional(),
  funcs: z.number().optional(),
});
export type PackagePhases = z.infer<typeof PackagePhases>;

export const ToolCommand = z.object({
  /** compile, asm, pack, link, cgo, gcc, buildid, cp, mkdir... */
  tool: z.string(),
  package: z.string(),
  line: z.string(),
  /** Steps the go command did in-process (`# internal`). */
  internal: z.boolean(),
  durationMs: z.number().optional(),
});
export type ToolCommand = z.infer<typeof ToolCommand>;

export const CompileError = z.object({
  package: z.string().optional(),
  /** As printed: relative to the go command's cwd, or absolute. */
  path: z.string(),
  line: z.number(),
  /** 1-based byte column. */
  column: z.number().optional(),
  message: z.string(),
});
export type CompileError = z.infer<typeof CompileError>;

/** One frame of the compiler's flame graph: total includes the children, self does not (nanoseconds). */
export interface FlameNode {
  name: string;
  self: number;
  total: number;
  children: FlameNode[];
}
export const FlameNode: z.ZodType<FlameNode> = z.lazy(() =>
  z.object({ name: z.string(), self: z.number(), total: z.number(), children: z.array(FlameNode) }),
);

export const TopFunction = z.object({ name: z.string(), flat: z.number(), cum: z.number() });
export type TopFunction = z.infer<typeof TopFunction>;

/** The compiler's CPU profile for one package (-gcflags=PKG=-cpuprofile), aggregated. */
export const CompilerProfile = z.object({
  package: z.string(),
  /** Sum of the samples' CPU time, ns. */
  totalNs: z.number(),
  samples: z.number(),
  /** Root is "(all)"; frames below 0.1% of the total are left out (their time stays in the parent's total). */
  root: FlameNode,
  /** The functions with the most flat time first (at most 50). */
  top: z.array(TopFunction),
});
export type CompilerProfile = z.infer<typeof CompilerProfile>;

/** A problem reading one artefact: shown in the view instead of the data. */
export const ArtefactProblem = z.object({ artefact: z.string(), message: z.string() });
export type ArtefactProblem = z.infer<typeof ArtefactProblem>;

export const RunDetail = z.object({
  manifest: RunManifest,
  timeline: Timeline.nullable(),
  /** What held the build up; null without an action graph. */
  analysis: BuildAnalysis.nullable(),
  phases: z.array(PackagePhases),
  commands: z.array(ToolCommand),
  errors: z.array(CompileError),
  /** Packages whose compile was served from the cache (no phases or remarks for them in this run). */
  cachedPackages: z.array(z.string()),
  failedPackages: z.array(z.string()),
  remarksCount: z.number(),
  workListing: z.array(z.string()),
  /** Present when the profile asked for the compiler's CPU profile and the package compiled. */
  compilerProfile: CompilerProfile.nullable(),
  problems: z.array(ArtefactProblem),
});
export type RunDetail = z.infer<typeof RunDetail>;
