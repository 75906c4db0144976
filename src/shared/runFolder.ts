// What a build run's folder holds: the names of its artefacts, and the form of the run id that names
// the folder (made by the run store, checked wherever an id comes in).

/** Artefact paths inside a run directory. */
export const ARTEFACTS = {
  manifest: 'manifest.json',
  console: 'console.txt',
  events: 'build.jsonl',
  actionGraph: 'actiongraph.json',
  trace: 'trace.json',
  bench: 'bench.txt',
  remarks: 'logopt',
  cpuProfile: 'compile.cpuprof',
  goEnv: 'go-env.json',
  goVersion: 'go-version.txt',
  work: 'work-listing.txt',
  output: 'out',
  cache: 'cache',
  ssa: 'ssa',
  /** The go command's GODEBUG=gocachehash=1 lines (split from the console output). */
  cacheHash: 'cachehash.txt',
  /** The compiler's -d=ssa/all/time lines under `# pkg` headers (split from the console output). */
  compileCost: 'compile-cost.txt',
  /** A 'run-tests' run's GODEBUG=gocachetest=1 `testcache:` lines (split from the console output). */
  testCache: 'testcache.txt',
  /** The linker's reachability graph (-ldflags=-dumpdep) of a kept binary, `# pkg` then `from -> to` lines. */
  linkDeps: 'dumpdep.txt',
} as const;

/** A recorded run's id, `20260101-120000-abcdef` (UTC date, time, 6 hex digits): it names a directory. */
export const RUN_ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;
