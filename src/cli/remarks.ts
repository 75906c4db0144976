// `gopsy remarks RUN [--kind K]... [--json]`: prints the compiler remarks of a run directory (its
// logopt/ files) or of a saved -m / -m=2 / check_bce log.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { countByKind, withFlow, type LazyRemark } from '../core/remarks';
import { REMARK_KINDS, type RemarkKind } from '../shared/remarks';
import { loadRemarks } from '../main/services/remarks/loadRemarks';
import { ArgReader, UsageError, type CliCommand } from './command';

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

/** The project a run built, from its manifest, so source files resolve for function names. */
function projectOf(dir: string): string | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { project?: unknown };
    return typeof m.project === 'string' ? m.project : undefined;
  } catch {
    return undefined;
  }
}

export const remarksCommand: CliCommand = {
  summary: 'escape analysis, inlining, bounds and nil checks of a build run',
  usage: `gopsy remarks RUN [--kind K]... [--json]
  RUN     a run directory (with logopt/ from the "Optimisation details" profile) or a saved -m/-m=2 log
  --kind  only these kinds: ${REMARK_KINDS.join(', ')}
  --json  an array of {kind, code, file, line, column, function, message, flow, ...}`,
  async run(argv) {
    const r = new ArgReader(argv, ['--kind'], ['--json']);
    const target = r.positional[0];
    if (!target || r.positional.length > 1) throw new UsageError('give one RUN directory or log file');
    if (!existsSync(target)) throw new UsageError(`${target} does not exist`);
    const kinds = r.all('--kind').flatMap((k) => k.split(','));
    const bad = kinds.filter((k) => !(REMARK_KINDS as readonly string[]).includes(k));
    if (bad.length > 0) throw new UsageError(`unknown kind ${bad.join(', ')}`);
    const dir = path.resolve(target);
    const loaded = await loadRemarks(dir, projectOf(dir));
    const rows = (kinds.length > 0 ? loaded.remarks.filter((x) => kinds.includes(x.kind as RemarkKind)) : loaded.remarks).map(withFlow);
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
