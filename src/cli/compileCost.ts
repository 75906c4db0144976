// `gopsy compile-cost RUN [--top N] [--json]`: which functions of the project took the compiler's SSA
// passes longest, from the -d=ssa/all/time lines a run recorded (the "Build timing" profile) in its
// compile-cost.txt, or in its console for runs recorded before the lines had a file of their own. A
// function that dominates its package gets the shape its source shows (huge switch, literal…).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { shapeKey, type FunctionCompileCost } from '../core/build';
import type { CompileShape } from '../shared/contract/compileCost';
import { ARTEFACTS } from '../shared/runFolder';
import { functionShapes, readCompileCost, runCompileCostFile } from '../main/services/runs/compileCost';
import { ArgReader, UsageError, type CliCommand } from './command';
import { InputError } from './runInput';

/** The JSON shape promised in docs/build-capture.md: a contract for scripts. */
export function compileCostJson(f: FunctionCompileCost, shape?: CompileShape) {
  return {
    package: f.package,
    function: f.function,
    position: f.position,
    totalNs: f.totalNs,
    passes: f.passes.map((p) => ({ name: p.name, ns: p.ns })),
    ...(shape ? { shape: { kind: shape.kind, pass: shape.pass, share: shape.share, lines: shape.lines, detail: shape.detail } } : {}),
  };
}

/** Where the printed positions are relative to: --source, else a run directory's project (its manifest). */
async function sourceRoot(target: string, isDir: boolean, given: string | undefined): Promise<string | null> {
  if (given !== undefined) return given;
  if (!isDir) return null;
  const manifest = await readFile(path.join(target, ARTEFACTS.manifest), 'utf8').catch(() => null);
  try {
    const project = manifest ? (JSON.parse(manifest) as { project?: unknown }).project : undefined;
    return typeof project === 'string' ? project : null;
  } catch {
    return null;
  }
}

const ms = (ns: number) => `${(ns / 1e6).toFixed(2)} ms`;

export const compileCostCommand: CliCommand = {
  summary: 'the functions whose SSA passes took the compiler longest in a build run',
  usage: `gopsy compile-cost RUN [--top N] [--source DIR] [--json]
  RUN     a run directory recorded with compile cost on (the built-in "Build timing" profile:
          -gcflags=./...=-d=ssa/all/time), or a saved -d=ssa/all/time output
  --top   only the N slowest functions (default 20 for text, all for --json)
  --source  the directory the positions are relative to (default: a run's project), read to
          name the shape of a function that dominates its package (a huge switch, composite
          literal, if/else-if chain or function)
  --json  an array of {package, function, position, totalNs, passes: [{name, ns}], shape?:
          {kind, pass, share, lines, detail}}, slowest first
  Exit status 1 when RUN holds no pass times.`,
  async run(argv) {
    const r = new ArgReader(argv, ['--top', '--source'], ['--json']);
    const target = r.positional[0];
    if (!target || r.positional.length > 1) throw new UsageError('give one RUN directory or output file');
    const topArg = r.get('--top');
    if (topArg !== undefined && !/^[1-9]\d*$/.test(topArg)) throw new UsageError('--top takes a positive whole number');
    const st = await stat(target).catch(() => null);
    if (!st) throw new InputError(`${target} does not exist.`);
    const file = st.isDirectory() ? await runCompileCostFile(target) : target;
    if (file === null) throw new InputError(`${target} is not a run directory (it has no ${ARTEFACTS.console}).`);
    const cost = await readCompileCost(file);
    if (cost.functions.length === 0) {
      throw new InputError(
        `${target} holds no SSA pass times: record them with a profile that has "Compile cost" ticked (-d=ssa/all/time on the project's packages)${st.isDirectory() ? '' : ' or save the output of go build -gcflags=./...=-d=ssa/all/time'}.`,
      );
    }
    const json = r.has('--json');
    const top = topArg !== undefined ? Number(topArg) : json ? Infinity : 20;
    const rows = cost.functions.slice(0, top);
    const root = await sourceRoot(target, st.isDirectory(), r.get('--source'));
    const shapes = root ? await functionShapes(cost.functions, root) : new Map<string, CompileShape>();
    if (cost.badLines > 0) process.stderr.write(`gopsy compile-cost: warning: ${cost.badLines} pass lines could not be read\n`);
    if (json) {
      process.stdout.write(JSON.stringify(rows.map((f) => compileCostJson(f, shapes.get(shapeKey(f)))), null, 1) + '\n');
      return 0;
    }
    for (const f of rows) {
      const passes = [...f.passes].sort((a, b) => b.ns - a.ns).slice(0, 3).map((p) => `${p.name} ${ms(p.ns)}`);
      process.stdout.write(`${ms(f.totalNs).padStart(10)}  ${f.package} ${f.function}  (${f.position}; ${passes.join(', ')})\n`);
      const shape = shapes.get(shapeKey(f));
      if (shape) process.stdout.write(`${''.padStart(10)}  ! dominates its package: ${shape.detail}\n`);
    }
    const total = cost.functions.reduce((n, f) => n + f.totalNs, 0);
    process.stdout.write(`${cost.functions.length} functions, ${ms(total)} in SSA passes in all${rows.length < cost.functions.length ? `; the ${rows.length} slowest shown` : ''}\n`);
    return 0;
  },
};
