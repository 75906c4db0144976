// `gopsy binary PATH [--json]`: build info, size by package and the biggest symbols of a Go binary.
// PATH is the binary, a run directory (its binary is under out/), or a directory holding exactly one
// executable. `gopsy binary diff A B` compares the sizes of two of them.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { analyseFile } from '../main/services/binary/binaryService';
import { executablesIn, runBinaries } from '../main/services/binary/runBinaries';
import { ARTEFACTS } from '../main/services/runs/command';
import { ArgReader, UsageError, type CliCommand } from './command';
import { binaryDiff } from './binaryDiff';

export async function findBinary(p: string): Promise<string> {
  const st = await stat(p).catch(() => null);
  if (!st) throw new UsageError(`${p} does not exist`);
  if (st.isFile()) return p;
  // A run directory: its manifest beside out/, which holds what the build kept.
  const isRun = !!(await stat(path.join(p, ARTEFACTS.manifest)).catch(() => null));
  const candidates = isRun ? await runBinaries(p) : await executablesIn(p);
  if (candidates.length !== 1) {
    const where = isRun ? `the run ${p} kept ${candidates.length} binaries under out/` : `${p} holds ${candidates.length} executable files`;
    const hint = isRun && candidates.length === 0 ? ' (capture with --keep-binary, or the "Build the binary" profile)' : '; name the binary itself';
    throw new UsageError(where + hint);
  }
  return candidates[0]!.file;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export const binaryCommand: CliCommand = {
  summary: 'build info, size by package and top symbols of a Go binary',
  usage: `gopsy binary PATH [--json] [--top N]
gopsy binary diff BEFORE AFTER [--json] [--top N]
  PATH      a Go binary, a run directory (the binary it kept under out/), or a directory that holds
            exactly one executable
  diff      which packages and symbols grew or shrank from BEFORE to AFTER (each a PATH as above)
  --json    print the analysis as JSON (build info, size tree, packages, top symbols)
  --top N   how many packages and symbols to list (default 20)`,
  async run(argv) {
    const r = new ArgReader(argv, ['--top'], ['--json']);
    const top = Number(r.get('--top') ?? 20);
    if (!Number.isInteger(top) || top < 1 || top > 100_000) throw new UsageError('--top takes a positive number');
    if (r.positional[0] === 'diff') {
      if (r.positional.length !== 3) throw new UsageError('diff takes two binaries: BEFORE AFTER');
      const [before, after] = await Promise.all(r.positional.slice(1).map(async (p) => path.resolve(await findBinary(p))));
      return binaryDiff(before!, after!, top, r.has('--json'));
    }
    if (r.positional.length !== 1) throw new UsageError('name one binary');
    const file = path.resolve(await findBinary(r.positional[0]!));
    const st = await stat(file);
    let result;
    try {
      result = await analyseFile(file, path.dirname(file), { id: 'cli', name: path.basename(file), location: file, fileSize: st.size });
    } catch (err) {
      process.stderr.write(`gopsy binary: ${(err as Error).message}\n`);
      return 1;
    }
    const { analysis, symbols } = result;
    const topSymbols = symbols.filter((s) => s.type !== 'U' && !s.memoryOnly).slice(0, top);
    if (r.has('--json')) {
      const { tree, packages, ...rest } = analysis;
      process.stdout.write(JSON.stringify({ ...rest, packages: packages.slice(0, top), tree, topSymbols }, null, 2) + '\n');
      return 0;
    }
    const info = analysis.buildInfo;
    const lines = [
      `${file}`,
      `  file size     ${kb(st.size)}`,
      `  symbol total  ${kb(analysis.symbolTotal)} (nm sizes of symbols with bytes in the file; the rest is headers, pclntab, DWARF, symbol tables)`,
      `  memory only   ${kb(analysis.memoryOnlyTotal)} (.bss and .noptrbss: zeroed memory at run time, no bytes in the file)`,
    ];
    if (analysis.sectionsProblem) lines.push(`  note          sizes may include .bss: ${analysis.sectionsProblem}`);
    if (info) {
      lines.push(`  go            ${info.goVersion}`, `  path          ${info.path ?? ''}`);
      if (info.main) lines.push(`  main module   ${info.main.path} ${info.main.version}`);
      for (const d of info.deps) lines.push(`  dep           ${d.path} ${d.version}${d.replace ? ` => ${d.replace.path} ${d.replace.version ?? ''}` : ''}`);
      for (const s of info.settings) if (s.key !== 'DefaultGODEBUG') lines.push(`  build         ${s.key}=${s.value}`);
    } else {
      lines.push(`  build info    none: ${analysis.buildInfoProblem ?? ''}`);
    }
    lines.push('', 'Size by package:');
    for (const p of analysis.packages.slice(0, top)) lines.push(`  ${kb(p.size).padStart(12)}  ${p.package}  (${p.module})`);
    if (analysis.memoryOnlyPackages.length > 0) {
      lines.push('', 'Memory only (.bss), by package:');
      for (const p of analysis.memoryOnlyPackages.slice(0, top)) lines.push(`  ${kb(p.size).padStart(12)}  ${p.package}  (${p.module})`);
    }
    lines.push('', 'Top symbols in the file:');
    for (const s of topSymbols) lines.push(`  ${kb(s.size).padStart(12)}  ${s.type}  ${s.name}`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
