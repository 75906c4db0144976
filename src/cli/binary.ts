// `gopsy binary PATH [--json]`: build info, size by package and the biggest symbols of a Go binary.
// PATH is the binary, a run (directory or bundle: the binary it kept under out/), or a directory
// holding exactly one executable. `gopsy binary diff A B` compares the sizes of two of them.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { analyseFile } from '../main/services/binary/binaryService';
import { executablesIn } from '../main/services/binary/runBinaries';
import { ARTEFACTS } from '../shared/runFolder';
import { formatKiB } from '../shared/format';
import { ArgReader, UsageError, type CliCommand } from './command';
import { binaryDiff } from './binaryDiff';
import { binaryWhyCommand } from './binaryWhy';
import { graphFileOf } from '../main/services/binary/binaryWhy';
import { InputError, openRun, runOperand } from './runInput';
import { fileBytesHead, fileBytesJson, fileBytesLines } from './binaryBytes';

export interface FoundBinary {
  file: string;
  /** The binary's own name (a bundle's copy on disk has a temp name). */
  name: string;
  /** The linker's reachability graph its run recorded (dumpdep.txt), if it is a run's binary. */
  graphFile?: string;
  /** Removes what was copied out of a bundle. */
  close(): Promise<void>;
}

export async function findBinary(p: string): Promise<FoundBinary> {
  const op = await runOperand(p);
  const isRun = op?.kind === 'bundle' || (op?.kind === 'dir' && !!(await stat(path.join(op.dir, ARTEFACTS.manifest)).catch(() => null)));
  // A run's out/<name> named directly: its graph is beside out/.
  if (!op) return { file: p, name: path.basename(p), ...(path.basename(path.dirname(path.resolve(p))) === ARTEFACTS.output ? { graphFile: graphFileOf(path.resolve(p)) } : {}), close: async () => {} };
  if (!isRun) {
    const candidates = await executablesIn(p);
    if (candidates.length !== 1) throw new InputError(`${p} holds ${candidates.length} executable files; name the binary itself.`);
    return { file: candidates[0]!.file, name: candidates[0]!.name, close: async () => {} };
  }
  const run = await openRun(p, 'binary');
  try {
    if (run.dataFiles.length !== 1) {
      throw new InputError(`${run.label} kept ${run.dataFiles.length} binaries under out/ (${run.dataFiles.map((f) => path.basename(f.path)).join(', ')}); name one of them.`);
    }
    // A bundle's binary is copied out (checked against its sha256) for go tool nm.
    const file = await run.localFile(run.dataFiles[0]!.path);
    const graphFile = await run.localFile(ARTEFACTS.linkDeps).catch(() => undefined);
    return { file, name: path.basename(run.dataFiles[0]!.path), ...(graphFile ? { graphFile } : {}), close: () => run.close() };
  } catch (err) {
    await run.close();
    throw err;
  }
}

export const binaryCommand: CliCommand = {
  summary: 'build info, size by package and top symbols of a Go binary',
  usage: `gopsy binary PATH [--json] [--top N]
gopsy binary diff BEFORE AFTER [--json] [--top N]
gopsy binary why PATH SYMBOL_OR_PACKAGE [--json]
  PATH      a Go binary, a run directory or a .gopsy bundle (the binary the run kept under out/; a
            bundle's newest run that kept one, or FILE.gopsy#RUNID), or a directory that holds exactly
            one executable
  diff      which packages and symbols grew or shrank from BEFORE to AFTER (each a PATH as above); a
            symbol that appeared says why AFTER has it when AFTER's run recorded the graph (below)
  why       the chain of references through which the linker kept a symbol or a package, from the
            graph a run that kept the binary recorded (-ldflags=-dumpdep, dumpdep.txt); exits 1 when
            the target is not in the binary or there is no graph
  --json    print the analysis as JSON (build info, size tree, packages, top symbols; for why:
            {target, kind, symbol, root, chain: [{from, to}], culprits})
  --top N   how many packages and symbols to list (default 20)`,
  async run(argv) {
    const r = new ArgReader(argv, ['--top'], ['--json']);
    const top = Number(r.get('--top') ?? 20);
    if (!Number.isInteger(top) || top < 1 || top > 100_000) throw new UsageError('--top takes a positive number');
    if (r.positional[0] === 'diff') {
      if (r.positional.length !== 3) throw new UsageError('diff takes two binaries: BEFORE AFTER');
      const found: FoundBinary[] = [];
      try {
        for (const p of r.positional.slice(1)) found.push(await findBinary(p));
        const named = (i: number) => (found[i]!.file === r.positional[i + 1] ? path.resolve(found[i]!.file) : `${r.positional[i + 1]} (${found[i]!.name})`);
        return await binaryDiff(path.resolve(found[0]!.file), path.resolve(found[1]!.file), top, r.has('--json'), [named(0), named(1)], found[1]!);
      } finally {
        for (const f of found) await f.close();
      }
    }
    if (r.positional[0] === 'why') {
      if (r.positional.length !== 3) throw new UsageError('why takes a binary and a symbol or package: PATH TARGET');
      const found = await findBinary(r.positional[1]!);
      try {
        return await binaryWhyCommand(found, r.positional[2]!, r.has('--json'));
      } finally {
        await found.close();
      }
    }
    if (r.positional.length !== 1) throw new UsageError('name one binary');
    const found = await findBinary(r.positional[0]!);
    let result;
    const file = path.resolve(found.file);
    try {
      const st = await stat(file);
      result = await analyseFile(file, path.dirname(file), { id: 'cli', name: found.name, location: r.positional[0]!, fileSize: st.size });
    } finally {
      await found.close();
    }
    const { analysis, symbols } = result;
    const topSymbols = symbols.filter((s) => s.type !== 'U' && !s.memoryOnly).slice(0, top);
    if (r.has('--json')) {
      const { tree, packages, bytes, fileTree: _fileTree, ...rest } = analysis;
      // `packages` holds every package's file bytes (their sum + unattributed = fileSize); nm's sums by package are `symbolPackages`.
      const file = bytes ? fileBytesJson(bytes) : { packages: [] };
      process.stdout.write(JSON.stringify({ ...rest, ...file, symbolPackages: packages.slice(0, top), tree, topSymbols }, null, 2) + '\n');
      return 0;
    }
    const info = analysis.buildInfo;
    const lines = [
      `${r.positional[0]}${found.name !== path.basename(r.positional[0]!) ? ` (${found.name})` : ''}`,
      `  file size     ${formatKiB(analysis.fileSize)}`,
      ...(analysis.bytes ? fileBytesHead(analysis.bytes) : []),
      `  symbol total  ${formatKiB(analysis.symbolTotal)} (nm sizes of symbols with bytes in the file; the rest is headers, pclntab, DWARF, symbol tables)`,
      `  memory only   ${formatKiB(analysis.memoryOnlyTotal)} (.bss and .noptrbss: zeroed memory at run time, no bytes in the file)`,
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
    if (analysis.bytes) lines.push(...fileBytesLines(analysis.bytes, top));
    lines.push('', 'Symbol size by package (go tool nm):');
    for (const p of analysis.packages.slice(0, top)) lines.push(`  ${formatKiB(p.size).padStart(12)}  ${p.package}  (${p.module})`);
    if (analysis.memoryOnlyPackages.length > 0) {
      lines.push('', 'Memory only (.bss), by package:');
      for (const p of analysis.memoryOnlyPackages.slice(0, top)) lines.push(`  ${formatKiB(p.size).padStart(12)}  ${p.package}  (${p.module})`);
    }
    lines.push('', 'Top symbols in the file:');
    for (const s of topSymbols) lines.push(`  ${formatKiB(s.size).padStart(12)}  ${s.type}  ${s.name}`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
