// `gopsy ssa RUN --func NAME [--json]`: prints a function's passes from a directory holding ssa.html
// and/or text dumps. `gopsy ssa capture [DIR] --func NAME [--pkg P] --out DIR` captures them (until
// `gopsy capture` of the run store exists).
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SsaFunction } from '../shared/ssa';
import { captureSsa, describePackage, listFunctions, ssaToolPaths, type PackageRef, type SsaToolPaths } from '../main/services/ssa/capture';
import type { BuildWatch } from '../main/services/ssa/goBuild';
import { SsaStore } from '../main/services/ssa/ssaStore';
import { defaultStorageDir } from '../main/services/settings';
import { candidates, compilePkgPath, normaliseQuery, resolveName } from '../core/ssa/names';
import { COUNTS_MEANING, phaseCounts } from '../core/ssa/phaseCounts';
import { ArgReader, UsageError, type CliCommand } from './command';
import { ARTEFACTS } from '../shared/runFolder';
import { InputError, openRun, runOperand, type OpenedRun } from './runInput';

/** The JSON shape promised in the docs: these field names are a contract for scripts. */
export function ssaJson(fn: SsaFunction) {
  return {
    function: fn.name,
    format: fn.format,
    partial: fn.partial,
    warnings: fn.warnings,
    phases: fn.phases.map((p) => ({
      name: p.name,
      passes: p.passes,
      timings: p.timings,
      ...(p.unchanged ? { unchanged: true } : {}),
      ...(p.partial ? { partial: true } : {}),
      blocks: p.blocks.map((b) => ({
        id: b.id,
        kind: b.kind,
        preds: b.preds,
        succs: b.succs.map((s) => s.id),
        ...(b.branch ? { likely: b.branch } : {}),
        controls: b.controls,
        line: b.line,
        dead: b.dead,
        values: b.values.map((v) => ({
          id: v.id,
          op: v.op,
          type: v.type,
          args: v.args,
          aux: v.aux,
          line: v.line,
          ...(v.reg ? { reg: v.reg } : {}),
          dead: v.dead,
        })),
      })),
    })),
  };
}

async function show(argv: string[]): Promise<number> {
  const r = new ArgReader(argv, ['--func', '--format'], ['--json']);
  const dir = r.positional[0];
  if (!dir || r.positional.length > 1) throw new UsageError('give one RUN directory or bundle');
  const format = r.get('--format');
  if (format && format !== 'html' && format !== 'dumps') throw new UsageError('--format is html or dumps');
  // A run (directory with a manifest, or a bundle) keeps its SSA under ssa/; any other folder is read as it is.
  const op = await runOperand(dir);
  if (!op) throw new InputError(`${dir} is neither a directory of SSA files, a run directory nor a .gopsy bundle.`);
  let run: OpenedRun | null = null;
  const store = new SsaStore();
  const func = r.get('--func');
  let fn: SsaFunction;
  try {
    if (op.kind === 'bundle' || existsSync(path.join(op.dir, ARTEFACTS.manifest))) run = await openRun(dir, 'ssa');
    const folder = run ? path.join(await run.localRun(ARTEFACTS.ssa), ARTEFACTS.ssa) : path.resolve(dir);
    await store.load('cli', folder, func);
    fn = await store.full('cli', format as SsaFunction['format'] | undefined);
  } finally {
    await run?.close();
  }
  if (func && !fn.name.replace(/,[01]$/, '').endsWith(func.replace(/,[01]$/, ''))) {
    process.stderr.write(`gopsy ssa: ${dir} holds ${fn.name || 'no function'}, not ${func}\n`);
    return 1;
  }
  if (r.has('--json')) {
    process.stdout.write(JSON.stringify(ssaJson(fn)) + '\n');
  } else {
    process.stdout.write(`${fn.name} (${fn.format}${fn.partial ? ', PARTIAL' : ''})\n`);
    process.stdout.write(`  counts: ${COUNTS_MEANING}\n`);
    for (const w of fn.warnings) process.stdout.write(`  note: ${w}\n`);
    for (const p of fn.phases) {
      const c = phaseCounts(p);
      const dead = c.deadBlocks || c.deadValues ? `  +${c.deadBlocks} dead blocks +${c.deadValues} dead values` : '';
      const ns = p.timings.filter((t): t is number => t !== null).reduce((a, b) => a + b, 0);
      const flags = [p.unchanged ? 'unchanged' : '', p.partial ? 'partial' : ''].filter(Boolean).join(', ');
      process.stdout.write(`${p.name.padEnd(40)} ${String(c.blocks).padStart(5)} blocks ${String(c.values).padStart(7)} values${dead}${ns ? `  ${ns} ns` : ''}${flags ? `  (${flags})` : ''}\n`);
    }
  }
  return fn.phases.length > 0 ? 0 : 1;
}

async function capture(argv: string[]): Promise<number> {
  const r = new ArgReader(argv, ['--func', '--pkg', '--out', '--storage'], ['--test']);
  const root = path.resolve(r.positional[0] ?? '.');
  const func = r.get('--func');
  const out = r.get('--out');
  if (!func || !out) throw new UsageError('--func and --out are required');
  if (!(await stat(root).catch(() => null))?.isDirectory()) throw new InputError(`${root} is not a folder.`);
  const pkg = await describePackage(root, r.get('--pkg') ?? '.');
  const tools = await ssaToolPaths(r.get('--storage') ?? defaultStorageDir());
  const pkgPath = compilePkgPath(pkg.importPath, pkg.name);
  const name = normaliseQuery(func, pkgPath);
  // The build runs in its own process group: Ctrl-C reaches only gopsy, which ends the build's whole tree.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const watch = { signal: stop.signal };
  try {
    return await captureAndSay(root, pkg, pkgPath, name, r.has('--test'), path.resolve(out), tools, watch);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function captureAndSay(
  root: string,
  pkg: PackageRef,
  pkgPath: string,
  name: string,
  test: boolean,
  outDir: string,
  tools: SsaToolPaths,
  watch: BuildWatch,
): Promise<number> {
  const res = await captureSsa({ root, pkg, funcs: [name], test, outDir, tools }, watch);
  if (res.files.some((f) => f.endsWith('.html'))) {
    process.stdout.write(`gopsy: SSA of ${pkgPath}.${name} written to ${res.dir} (${res.files.length} files)\n`);
    return 0;
  }
  if (res.exitCode !== 0) {
    process.stderr.write(`gopsy ssa capture: the build failed:\n${res.output}`);
    return 1;
  }
  const funcs = await listFunctions(root, pkg, tools, test, watch);
  const known = resolveName(name, pkgPath, funcs);
  process.stderr.write(
    known
      ? `gopsy ssa capture: the compiler wrote no SSA for ${name}\n`
      : `gopsy ssa capture: no function named ${name} is compiled in ${pkg.importPath}.\n` +
          `Candidates:\n${candidates(name, funcs).map((c) => `  ${c}\n`).join('') || '  (none)\n'}`,
  );
  return 1;
}

export const ssaCommand: CliCommand = {
  summary: "print a function's SSA passes from a run directory (or capture them)",
  usage: [
    'gopsy ssa RUN --func NAME [--json] [--format html|dumps]',
    '       RUN is a directory holding ssa.html and/or <func>_<NN>__<pass>.dump files, a run directory or a',
    '       .gopsy bundle whose run captured SSA (its ssa/ folder; a bundle\'s newest such run, or FILE.gopsy#RUNID)',
    '  gopsy ssa capture [DIR] --func NAME [--pkg P] [--test] --out OUTDIR [--storage DIR]',
    '       builds package P of the Go project DIR and writes the SSA of NAME (its exact compiler name) to OUTDIR',
  ].join('\n'),
  run: (argv) => (argv[0] === 'capture' ? capture(argv.slice(1)) : show(argv)),
};
