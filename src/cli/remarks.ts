// `gopsy remarks RUN [--kind K]... [--json]`: prints the compiler remarks of a run (its logopt/ files;
// a run directory or a bundle, see runInput) or of a saved -m / -m=2 / check_bce log.
import path from 'node:path';
import { countByKind, withFlow, type LazyRemark } from '../core/remarks';
import { REMARK_KINDS, type Remark } from '../shared/remarks';
import { loadRemarks, type LoadedRemarks } from '../main/services/remarks/loadRemarks';
import { ARTEFACTS } from '../shared/runFolder';
import { ArgReader, UsageError, type CliCommand } from './command';
import { InputError, openRun, runOperand } from './runInput';

/** The JSON shape promised in docs/remarks.md: these field names are a contract for scripts. */
export function remarkJson(lazy: LazyRemark) {
  const r = withFlow(lazy);
  return {
    kind: r.kind,
    code: r.code,
    file: r.file,
    line: r.line,
    column: r.column,
    function: r.function ?? null,
    message: r.message,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.cost !== undefined ? { cost: r.cost } : {}),
    ...(r.budget !== undefined ? { budget: r.budget } : {}),
    flow: r.flow,
  };
}

/** The remarks of a run (directory or bundle) or of a saved -m log; refuses an input that has none. */
/** The remarks of `kinds` (all when empty) with their flows read: a bundle's run files exist only inside load. */
async function load(target: string, kinds: string[]): Promise<LoadedRemarks & { rows: Remark[] }> {
  const rowsOf = (loaded: LoadedRemarks) => ({
    ...loaded,
    rows: (kinds.length > 0 ? loaded.remarks.filter((x) => kinds.includes(x.kind)) : loaded.remarks).map(withFlow),
  });
  if (!(await runOperand(target))) {
    const loaded = await loadRemarks(path.resolve(target));
    if (loaded.remarks.length === 0) throw new InputError(`${target} holds no compiler remarks (-m, -m=2 or -d=ssa/check_bce lines).`);
    return rowsOf(loaded);
  }
  const run = await openRun(target, 'remarks');
  try {
    const project = run.manifest.project;
    // A bundle's run reads the sources the bundle carries; a run directory the project on disk.
    const readSource =
      run.files.origin === 'bundle'
        ? async (file: string) => {
            const text = await run.files.source(file, project);
            if (text === null) throw new Error(`${file} is not in the bundle`);
            return text;
          }
        : undefined;
    const loaded = await loadRemarks(await run.localRun(ARTEFACTS.remarks), project, readSource);
    if (loaded.remarks.length === 0) throw new InputError(`${run.label}: its ${run.dataFiles.length} logopt files hold no remarks.`);
    return rowsOf({ ...loaded, origin: `${loaded.origin}, ${run.label}` });
  } finally {
    await run.close();
  }
}

export const remarksCommand: CliCommand = {
  summary: 'escape analysis, inlining, bounds and nil checks of a build run',
  usage: `gopsy remarks RUN [--kind K]... [--json]
  RUN     a run directory (with logopt/ from the "Optimisation details" profile), a .gopsy bundle (its
          newest run with remarks) or FILE.gopsy#RUNID, or a saved -m/-m=2 log
  Exit status 1 when RUN holds no remarks.
  --kind  only these kinds: ${REMARK_KINDS.join(', ')}
  --json  an array of {kind, code, file, line, column, function, message, flow, ...}`,
  async run(argv) {
    const r = new ArgReader(argv, ['--kind'], ['--json']);
    const target = r.positional[0];
    if (!target || r.positional.length > 1) throw new UsageError('give one RUN directory, bundle or log file');
    const kinds = r.all('--kind').flatMap((k) => k.split(','));
    const bad = kinds.filter((k) => !(REMARK_KINDS as readonly string[]).includes(k));
    if (bad.length > 0) throw new UsageError(`unknown kind ${bad.join(', ')}`);
    const loaded = await load(target, kinds);
    const rows = loaded.rows;
    for (const w of loaded.warnings) process.stderr.write(`gopsy remarks: warning: ${w}\n`);
    if (r.has('--json')) {
      process.stdout.write(JSON.stringify(rows.map(remarkJson), null, 1) + '\n');
      return 0;
    }
    for (const x of rows) {
      process.stdout.write(`${x.file}:${x.line}:${x.column}: ${x.kind}${x.function ? ` in ${x.function}` : ''}: ${x.message}\n`);
      for (const s of x.flow) process.stdout.write(`    ${s.message} (${path.basename(s.file)}:${s.line}:${s.column})\n`);
    }
    const counts = Object.entries(countByKind(rows)).map(([k, n]) => `${k} ${n}`);
    process.stdout.write(`${rows.length} remarks (${loaded.origin}): ${counts.join(', ')}\n`);
    return 0;
  },
};
