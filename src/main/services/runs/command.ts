// Turns a build profile into the exact go command: argv, the environment gopsy sets, and a shell line
// to reproduce it. Every user value is one argv item; nothing is ever run through a shell.
import os from 'node:os';
import path from 'node:path';
import type { BuildProfile, CommandPreview, RunManifest } from '../../../shared/build';
import { ARTEFACTS } from '../../../shared/runFolder';

export interface CommandOptions {
  goBinary: string;
  runDir: string;
  /** `go build -json` exists from Go 1.24; older toolchains get plain text. */
  supportsJson: boolean;
  /** The GODEBUG the go command inherits (gopsy adds its settings to it, never replaces it). */
  godebug?: string | undefined;
}

/** GODEBUG's setting that makes the go command print the inputs of every action's cache key. */
export const CACHE_HASH_GODEBUG = 'gocachehash=1';

/** GODEBUG's setting that makes `go test` print each package's test cache lookup (a 'run-tests' run). */
export const TEST_CACHE_GODEBUG = 'gocachetest=1';

/** `inherited` with `setting` added (comma-separated), unless it is already there. */
export function withGodebug(inherited: string | undefined, setting: string): string {
  const list = (inherited ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return list.includes(setting) ? list.join(',') : [...list, setting].join(',');
}

/** A value inside -gcflags is split on spaces by the go command; quote paths that contain one. */
function gcPath(p: string): string {
  return /\s/.test(p) ? `'${p}'` : p;
}

/** Splits a user -gcflags value into its package pattern (if any) and flags, as the go command does. */
export function splitPatternFlags(value: string): { pattern?: string; flags: string } {
  const v = value.trim();
  if (v === '' || v.startsWith('-')) return { flags: v };
  const eq = v.indexOf('=');
  return eq > 0 ? { pattern: v.slice(0, eq), flags: v.slice(eq + 1) } : { flags: v };
}

/** The compiler flag that prints each SSA pass's time per function (capture.compileCost). */
export const COMPILE_COST_FLAG = '-d=ssa/all/time';
/** The project's own packages, as a -gcflags pattern relative to the project root (the go command's cwd). */
const OWN_PACKAGES = './...';

/** A -gcflags package pattern that names packages of the project (relative), not the standard library. */
const isOwnPattern = (pattern: string | undefined) => pattern === undefined || pattern.startsWith('.');

/**
 * The -gcflags arguments. The go command keeps only the last matching -gcflags per package, so gopsy's
 * artefact flags are repeated inside the user's value instead of being given beside it.
 */
export function gcflagArgs(profile: BuildProfile, runDir: string): string[] {
  const ours: string[] = [];
  if (profile.capture.phases) ours.push(`-bench=${gcPath(path.join(runDir, ARTEFACTS.bench))}`);
  if (profile.capture.remarks) ours.push(`-json=0,file://${gcPath(path.join(runDir, ARTEFACTS.remarks))}`);
  const args: string[] = [];
  if (ours.length > 0) args.push(`-gcflags=all=${ours.join(' ')}`);
  // Only the project's packages are timed per pass: the standard library would print megabytes.
  const cost = profile.capture.compileCost ? [COMPILE_COST_FLAG] : [];
  if (cost.length > 0) args.push(`-gcflags=${OWN_PACKAGES}=${[...ours, ...cost].join(' ')}`);
  const cpuPkg = profile.capture.cpuProfilePackage;
  if (cpuPkg) args.push(`-gcflags=${cpuPkg}=${[...ours, ...(isOwnPattern(cpuPkg) ? cost : []), `-cpuprofile=${gcPath(path.join(runDir, ARTEFACTS.cpuProfile))}`].join(' ')}`);
  if (profile.gcflags?.trim()) {
    const user = splitPatternFlags(profile.gcflags);
    const flags = [...ours, ...(isOwnPattern(user.pattern) ? cost : []), user.flags].filter(Boolean).join(' ');
    args.push(user.pattern ? `-gcflags=${user.pattern}=${flags}` : `-gcflags=${flags}`);
  }
  return args;
}

/** The linker flag that prints its reachability graph (one `from -> to` line per symbol kept). */
export const DUMPDEP_FLAG = '-dumpdep';

/** A build that keeps its binary records the linker's reachability graph, unless the profile turns it off. */
export const recordsReachability = (profile: BuildProfile) =>
  profile.target === 'build' && !!profile.keepBinary && profile.capture.reachability !== false;

/** The -ldflags value: the user's, with -dumpdep added when the graph is recorded (the last -ldflags wins). */
function ldflagsValue(profile: BuildProfile): string | undefined {
  const user = profile.ldflags?.trim();
  if (!recordsReachability(profile)) return user || undefined;
  return user ? `${user} ${DUMPDEP_FLAG}` : DUMPDEP_FLAG;
}

export function buildCommand(profile: BuildProfile, projectRoot: string, opts: CommandOptions): CommandPreview {
  const r = (name: string) => path.join(opts.runDir, name);
  const argv = [opts.goBinary, profile.target === 'build' ? 'build' : 'test'];
  // test -c writes its binaries into the run directory. A build writes to the null device: with a
  // directory, `go build -o DIR/ ./...` builds only main packages (R: a broken library then passes),
  // and without -o a single main package would drop its binary into the project. A profile that asks
  // to keep the binary accepts that and gets the directory.
  // run-tests: the tests run; no -o, which would only add a copy of each test binary to the run.
  if (profile.target === 'test') argv.push('-c', '-o', r(ARTEFACTS.output) + path.sep);
  else if (profile.target === 'run-tests') argv.push(...(profile.testFlags ?? []));
  else if (profile.keepBinary) argv.push('-o', r(ARTEFACTS.output) + path.sep);
  else argv.push('-o', os.devNull);
  if (opts.supportsJson) argv.push('-json');
  if (profile.capture.commands) argv.push('-x');
  if (profile.capture.work) argv.push('-work');
  if (profile.capture.actionGraph) argv.push(`-debug-actiongraph=${r(ARTEFACTS.actionGraph)}`);
  if (profile.capture.trace) argv.push(`-debug-trace=${r(ARTEFACTS.trace)}`);
  if (profile.rebuildAll) argv.push('-a');
  if (profile.race) argv.push('-race');
  if (profile.trimpath) argv.push('-trimpath');
  if (profile.tags?.length) argv.push(`-tags=${profile.tags.join(',')}`);
  const ldflags = ldflagsValue(profile);
  if (ldflags) argv.push(`-ldflags=${ldflags}`);
  argv.push(...gcflagArgs(profile, opts.runDir));
  argv.push(...profile.packages);

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(profile.env ?? {})) if (v !== undefined) env[k] = v;
  if (profile.privateCache) env.GOCACHE = r(ARTEFACTS.cache);
  if (profile.capture.ssaFunc) {
    env.GOSSAFUNC = profile.capture.ssaFunc;
    env.GOSSADIR = r(ARTEFACTS.ssa);
  }
  let godebug = opts.godebug;
  if (profile.target === 'run-tests') godebug = withGodebug(godebug, TEST_CACHE_GODEBUG);
  if (profile.capture.rebuildReasons) godebug = withGodebug(godebug, CACHE_HASH_GODEBUG);
  if (godebug && (profile.target === 'run-tests' || profile.capture.rebuildReasons)) env.GODEBUG = godebug;
  return { argv, env, cwd: projectRoot, shellLine: shellLine(projectRoot, env, argv) };
}

/** Stands for the run directory in a command whose run has no folder of its own (a bundle's run). */
export const RUN_PLACEHOLDER = '<run>';

/**
 * The run's command as it would be with its artefacts in `runDir`: for a run that moved (gopsy capture
 * builds in a temp folder next to --out), or with RUN_PLACEHOLDER for one kept only in a bundle. The
 * command is made from the profile as when it ran, so only the run directory changes.
 */
export function relocatedCommand(m: Pick<RunManifest, 'profile' | 'command'>, runDir: string): CommandPreview {
  const goBinary = m.command.argv[0] ?? 'go';
  return buildCommand(m.profile, m.command.cwd, { goBinary, runDir, supportsJson: m.command.argv.includes('-json'), godebug: m.command.env.GODEBUG });
}

/** POSIX single-quoting: safe for any string. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

function shellLine(cwd: string, env: Record<string, string>, argv: string[]): string {
  const assigns = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
  const go = argv[0] === 'go' || argv[0]!.endsWith('/go') ? 'go' : shellQuote(argv[0]!);
  return `cd ${shellQuote(cwd)} && ${[...assigns, go, ...argv.slice(1).map(shellQuote)].join(' ')}`;
}

/** True for go1.24 and later (go build -json). Unknown versions (devel) are assumed new. */
export function supportsBuildJson(goVersion: string | undefined): boolean {
  const m = /^go(\d+)\.(\d+)/.exec(goVersion ?? '');
  if (!m) return true;
  return Number(m[1]) > 1 || Number(m[2]) >= 24;
}
