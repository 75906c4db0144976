// Runs the compiler so that it really writes SSA dumps for one function, and lists the functions a
// package compiles. Kept behind two functions so the shared run store can take them over later.
//
// Why a toolexec wrapper: GOSSAFUNC and GOSSADIR are hashed into the action ID of *every* package, so
// setting them for the go command recompiles the whole standard library for each new function name.
// The wrapper sets them only for the compile of the target package (-p PKG), so dependencies stay
// cached in gopsy's private GOCACHE; a nonce -d flag on the target package alone forces its compile
// (a cache hit would replay "dumped SSA" without writing the file).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GopsyError } from '../../../shared/rpc';
import { compilePkgPath, gossafunc, parseFuncTimes, type CompiledFunc } from '../../../core/ssa/names';
import { goList } from '../go/list';
import { runGoBuild, type BuildWatch } from './goBuild';
import { SSA_DIR, SSA_GOCACHE, SSA_TEMP, SSA_WRAPPER } from './layout';

const WRAPPER = `#!/bin/sh
# gopsy: set GOSSAFUNC/GOSSADIR only for the compile of the package being inspected, and note the start
# and end of every tool run with its -p package in $GOPSY_SSA_LOG (the progress shown while it builds).
tool="$1"; shift
pkg=""; prev=""
for a in "$@"; do [ "$prev" = "-p" ] && pkg="$a"; prev="$a"; done
name="\${tool##*/}"
if [ -n "$GOPSY_SSA_PKG" ] && [ "$pkg" = "$GOPSY_SSA_PKG" ]; then
  [ -n "$GOPSY_SSA_FUNC" ] && export GOSSAFUNC="$GOPSY_SSA_FUNC"
  export GOSSADIR="$GOPSY_SSA_DIR"
fi
if [ -z "$pkg" ] || [ -z "$GOPSY_SSA_LOG" ]; then exec "$tool" "$@"; fi
printf 'start %s %s\\n' "$name" "$pkg" >> "$GOPSY_SSA_LOG"
"$tool" "$@"
rc=$?
printf 'end %s %s\\n' "$name" "$pkg" >> "$GOPSY_SSA_LOG"
exit $rc
`;

export interface PackageRef {
  importPath: string;
  /** "main" for commands. */
  name: string;
  dir: string;
}

export interface SsaToolPaths {
  /** gopsy's own GOCACHE for SSA builds (kept between captures). */
  cacheDir: string;
  wrapper: string;
}

export async function ssaToolPaths(storageDir: string): Promise<SsaToolPaths> {
  const base = path.join(storageDir, SSA_DIR);
  await mkdir(base, { recursive: true });
  const wrapper = path.join(base, SSA_WRAPPER);
  await writeFile(wrapper, WRAPPER, { mode: 0o700 });
  return { cacheDir: path.join(base, SSA_GOCACHE), wrapper };
}

export async function describePackage(root: string, pkg: string): Promise<PackageRef> {
  const format = '{{.ImportPath}}\t{{.Name}}\t{{.Dir}}\t{{if .Error}}{{.Error}}{{end}}';
  const res = await goList({ format, patterns: [pkg] }, { cwd: root, timeoutMs: 60_000 });
  const [importPath, name, dir, err] = res.stdout.trim().split('\t');
  if (res.exitCode !== 0 || !importPath || !name || err) {
    throw new GopsyError('bad-package', `go list ${pkg} failed: ${(err || res.stderr).trim().slice(0, 500)}`);
  }
  return { importPath, name, dir: dir ?? '' };
}

interface BuildOpts {
  root: string;
  pkg: PackageRef;
  test?: boolean;
  tools: SsaToolPaths;
  gcflags: string[];
  env: Record<string, string>;
  outDir: string;
  /** A go build -overlay file (the package built with other file contents: edits/whatChanged.ts). */
  overlay?: string;
}

async function buildOnce(o: BuildOpts, watch?: BuildWatch): Promise<{ output: string; exitCode: number }> {
  const nonce = `-d=ssa/prove/dump=gopsy_nonce_${randomBytes(6).toString('hex')}`;
  // The go command splits -gcflags on spaces unless quoted (shaped generic names have spaces).
  const quote = (f: string) => (f.includes(' ') ? `'${f}'` : f);
  const gcflags = `-gcflags=${o.pkg.importPath}=${[...o.gcflags, nonce].map(quote).join(' ')}`;
  const out = o.test ? ['test', '-c', '-o', path.join(o.outDir, 'pkg.test')] : ['build', '-o', os.devNull];
  const toolexec = o.tools.wrapper.includes(' ') ? `'${o.tools.wrapper}'` : o.tools.wrapper;
  const logDir = await makeTemp(o.tools);
  try {
    const overlay = o.overlay ? ['-overlay', o.overlay] : [];
    return await runGoBuild([...out, ...overlay, '-toolexec', toolexec, gcflags, o.pkg.importPath], {
      cwd: o.root,
      timeoutMs: 15 * 60_000,
      env: { GOCACHE: o.tools.cacheDir, GOFLAGS: '', ...o.env },
      toolLog: path.join(logDir, 'tools.log'),
      watch,
    });
  } finally {
    await rm(logDir, { recursive: true, force: true });
  }
}

/** The functions the compiler compiles for a package, with their exact names and positions. */
export async function listFunctions(root: string, pkg: PackageRef, tools: SsaToolPaths, test = false, watch?: BuildWatch): Promise<CompiledFunc[]> {
  const outDir = await makeTemp(tools);
  const res = await buildOnce({ root, pkg, test, tools, gcflags: ['-d=ssa/regalloc/time'], env: { GOPSY_SSA_PKG: compilePkgPath(pkg.importPath, pkg.name), GOPSY_SSA_DIR: outDir }, outDir }, watch).finally(
    () => rm(outDir, { recursive: true, force: true }),
  );
  const funcs = parseFuncTimes(res.output);
  if (res.exitCode !== 0 && funcs.length === 0) {
    throw new GopsyError('build-failed', `The package does not build, so it has no SSA:\n${res.output.trim().slice(0, 2000)}`);
  }
  return funcs;
}

async function makeTemp(tools: SsaToolPaths): Promise<string> {
  const dir = path.join(path.dirname(tools.wrapper), SSA_TEMP, randomBytes(6).toString('hex'));
  await mkdir(dir, { recursive: true });
  return dir;
}

export interface CaptureRequest {
  root: string;
  pkg: PackageRef;
  /** f.Name of each function; the first gets ssa.html, all get text dumps. */
  funcs: string[];
  test?: boolean;
  /** Where the files go (a capture directory under the storage). */
  outDir: string;
  tools: SsaToolPaths;
  /** More compiler flags for the package (-m=2 for remarks in the same compile). */
  gcflags?: string[];
  overlay?: string;
}

export interface CaptureResult {
  dir: string;
  files: string[];
  /** The go command's output (errors, "dumped SSA for ..."). */
  output: string;
  exitCode: number;
}

/** Runs the real build with GOSSAFUNC (first function) and -d=ssa/all/dump (all of them). */
export async function captureSsa(req: CaptureRequest, watch?: BuildWatch): Promise<CaptureResult> {
  await mkdir(req.outDir, { recursive: true });
  const pkgPath = compilePkgPath(req.pkg.importPath, req.pkg.name);
  const res = await buildOnce({
    root: req.root,
    pkg: req.pkg,
    test: req.test,
    tools: req.tools,
    outDir: req.outDir,
    // -d splits its value on commas, so a name with a comma (Map[int,string]) cannot get text dumps.
    gcflags: [...(req.gcflags ?? []), ...req.funcs.filter((f) => !f.includes(',')).map((f) => `-d=ssa/all/dump=${f}`)],
    ...(req.overlay ? { overlay: req.overlay } : {}),
    env: { GOPSY_SSA_PKG: pkgPath, GOPSY_SSA_FUNC: gossafunc(pkgPath, req.funcs[0] ?? ''), GOPSY_SSA_DIR: req.outDir },
  }, watch);
  const files = (await walk(req.outDir)).filter((f) => f.endsWith('.html') || f.endsWith('.dump'));
  return { dir: req.outDir, files, output: res.output, exitCode: res.exitCode };
}

export async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}
