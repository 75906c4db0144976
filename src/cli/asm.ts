// `gopsy asm FILE:LINE[-LINE] [--run RUN] [--json]`: the machine instructions generated for source lines
// of a Go file, with the compiler's remarks on them: what the Instructions view beside the editor shows.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LinesAsmService } from '../main/services/binary/linesAsmService';
import { RemarksService } from '../main/services/remarks/remarksService';
import { RunService } from '../main/services/runs/runService';
import { inspectFolder, Workspace } from '../main/services/workspace';
import { defaultStorageDir } from '../main/services/settings';
import { lineRuns } from '../core/binary/linesAsm';
import type { LinesAsm } from '../shared/contract/linesAsm';
import { RUN_ID } from '../shared/runFolder';
import { ArgReader, UsageError, type CliCommand } from './command';

const PLACE = /^(.+\.go):(\d+)(?:-(\d+))?$/;

/** The module root of a file: the nearest folder above it with a go.mod (or go.work). */
async function projectOf(file: string): Promise<string> {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    for (const name of ['go.work', 'go.mod'])
      if (await stat(path.join(dir, name)).catch(() => null)) return dir;
    if (path.dirname(dir) === dir)
      throw new UsageError(`${file} is not inside a Go module (no go.mod above it)`);
  }
}

function text(r: LinesAsm): string {
  const out: string[] = [];
  const o = r.origin;
  out.push(`${r.path}:${r.from}${r.to > r.from ? `-${r.to}` : ''}${r.function ? ` (${r.function})` : ''}`);
  out.push(
    o.kind === 'compile'
      ? `from: ${o.commandLine}`
      : `from: ${o.binary}${o.runId ? ` kept by run ${o.runId}` : ''} (${o.commandLine})`,
  );
  if (r.remarksNote) out.push(r.remarksNote);
  for (const n of r.notes) out.push(`note: ${n}`);
  const addr = (n: number) => (o.kind === 'binary' ? `0x${n.toString(16)}` : String(n).padStart(5, '0'));
  for (const b of r.blocks) {
    out.push(
      '',
      `${b.function}${b.kind === 'inlinedInto' ? `  (the lines inlined into it, ${b.file})` : ''}`,
    );
    const said = new Set<number>();
    for (const run of lineRuns(b.instructions)) {
      out.push(`  ${String(run.line).padStart(5)}  ${(r.source[run.line - r.from] ?? '').trim()}`);
      if (b.kind === 'own' && !said.has(run.line)) {
        said.add(run.line);
        for (const m of r.remarks.filter((x) => x.line === run.line))
          out.push(`         ; ${m.kind}: ${m.message}`);
      }
      for (const i of run.instructions) {
        const from = i.inlinedFrom ? `   ; inlined from ${i.inlinedFrom.file}:${i.inlinedFrom.line}` : '';
        out.push(`         ${addr(i.address)}  ${i.text}${from}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

export const asmCommand: CliCommand = {
  summary: 'the machine instructions of source lines, with the compiler remarks on them',
  usage: `gopsy asm FILE:LINE[-LINE] [--run RUN] [--compile] [--json] [--storage DIR]
  FILE:LINE   a Go file and a line (the whole function around it) or a range of lines (exactly those)
  --run RUN   read the binary that run kept (default: the newest run that kept one holding FILE's code;
              a _test.go file gets its package's test binary, anything else the compiler's -S listing)
  --compile   always compile the package with -gcflags=-S instead of reading a binary
  --json      print the answer as JSON: {path, from, to, function, origin, blocks: [{function, kind,
              instructions: [{address, text, line, inlinedFrom, jump}]}], remarks, notes}
  --storage   where gopsy keeps its runs (default: ~/.config/gopsy, as the workbench)`,
  async run(argv) {
    const r = new ArgReader(argv, ['--run', '--storage'], ['--json', '--compile']);
    const m = r.positional.length === 1 ? PLACE.exec(r.positional[0]!) : null;
    if (!m) throw new UsageError('name one place: FILE.go:LINE or FILE.go:FROM-TO');
    const runId = r.get('--run');
    if (runId !== undefined && !RUN_ID.test(runId)) throw new UsageError(`${runId} is not a run id`);
    const file = path.resolve(m[1]!);
    const from = Number(m[2]);
    const to = m[3] ? Number(m[3]) : from;
    if (from < 1 || to < from)
      throw new UsageError('lines are counted from 1, and FROM-TO must not end before it starts');
    // The services the workbench uses, on the same storage (its runs), without opening a window's project.
    const storage = r.get('--storage') ? path.resolve(r.get('--storage')!) : defaultStorageDir();
    const runs = new RunService(storage);
    const service = new LinesAsmService(storage, runs, new RemarksService(runs));
    const ws = new Workspace(await inspectFolder(await projectOf(file)));
    const rel = path.relative(ws.root, await realpath(file));
    const answer = await service.linesAsm(ws.root, await ws.tree(), {
      path: rel,
      from,
      to,
      widen: !m[3],
      ...(runId ? { runId } : {}),
      ...(r.has('--compile') ? { compile: true } : {}),
    });
    process.stdout.write(r.has('--json') ? JSON.stringify(answer, null, 2) + '\n' : text(answer));
    return 0;
  },
};
