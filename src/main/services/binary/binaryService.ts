// Binaries under analysis: the ones a user opened from the project and the ones gopsy built into its
// storage (<storage>/binaries/<id>/<name>). Keeps each one's symbols in memory so that the views can
// ask for a page of rows or one function's disassembly instead of whole tool outputs.
import { randomBytes, createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BinaryAnalysis, BinarySummary, BuildForAnalysis, DynamicDeps, LoaderTrace, SizeDiffResult, SymbolRow } from '../../../shared/contract/binary';
import type { DisassembledFunction, NmSymbol } from '../../../shared/contract/binaryTypes';
import { GopsyError } from '../../../shared/rpc';
import { buildSizeBreakdown } from '../../../core/binary/sizeTree';
import { symbolPackage } from '../../../core/binary/symbolPackage';
import { diffSizes } from '../../../core/binary/sizeDiff';
import { parseLinkErrors, parseLinkVerbose } from '../../../core/binary/linkErrors';
import { linkTimeMs } from '../../../core/binary/linkTiming';
import { projectFileResolver } from '../../../core/binary/objdump';
import { explainModuleErrors } from '../../../core/modules/explain';
import { goBuild } from '../go/build';
import { isInside, resolveInside, toRelative } from '../paths';
import { disassemble, readBinaryFacts } from './analyseBinary';
import { dynamicDeps, traceLoader } from './dynamicDeps';
import { readFileBytes } from './fileBytes';
import { buildFileTree } from '../../../core/binary/fileTree';
import { diffFileBytes } from '../../../core/binary/fileBytesDiff';
import type { BinaryWhy } from '../../../shared/contract/binaryWhy';
import type { ReachGraph } from '../../../core/binary/reachability';
import { graphFileOf, reachGraphFor, sourcesOf, whyInBinary, withAppearedReasons } from './binaryWhy';

/** Builds for analysis in gopsy's storage: binaries/<id>/. */
export const BINARIES_DIR = 'binaries';
/** Their ids: `b-`, the time in base-36 milliseconds, 6 hex digits. */
export const BINARY_ID = /^b-([0-9a-z]+)-[0-9a-f]{6}$/;
/** The action graph a build for analysis writes beside its binary. */
export const BINARY_ACTION_GRAPH = 'actiongraph.json';

interface Entry {
  summary: BinarySummary;
  file: string;
  symbols: NmSymbol[];
  analysis: BinaryAnalysis;
  /** The linker's reachability graph the binary's run recorded (run binaries only), read on first use. */
  graphFile?: string;
  graph?: Promise<ReachGraph>;
}

/** How many analysed binaries stay in memory; the oldest is forgotten first. */
const MAX_ENTRIES = 8;

/** A build for analysis links with -v and writes the action graph: it may take longer than other builds. */
const ANALYSIS_BUILD_TIMEOUT_MS = 600_000;

export async function analyseFile(file: string, cwd: string, summary: BinarySummary): Promise<{ analysis: BinaryAnalysis; symbols: NmSymbol[] }> {
  const facts = await readBinaryFacts(file, cwd);
  const breakdown = buildSizeBreakdown(facts.symbols, facts.buildInfo, summary.name);
  const bytes = await readFileBytes(file, summary.fileSize, facts.sections, facts.symbols, facts.buildInfo);
  const analysis: BinaryAnalysis = {
    ...summary,
    buildInfo: facts.buildInfo,
    tree: breakdown.tree,
    symbolTotal: breakdown.total,
    packages: breakdown.packages,
    memoryOnlyTotal: breakdown.memoryOnlyTotal,
    memoryOnlyPackages: breakdown.memoryOnly.slice(0, 50),
    ...(facts.buildInfoProblem ? { buildInfoProblem: facts.buildInfoProblem } : {}),
    ...(facts.sectionsProblem ? { sectionsProblem: facts.sectionsProblem } : {}),
    bytes,
    fileTree: buildFileTree(bytes, breakdown.tree, summary.name),
  };
  return { analysis, symbols: facts.symbols };
}

export class BinaryService {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly storageDir: string) {}

  list(): BinarySummary[] {
    return [...this.entries.values()].map((e) => e.summary);
  }

  /** The files of the binaries loaded now (disassembly reads them again). */
  loadedFiles(): string[] {
    return [...this.entries.values()].map((e) => e.file);
  }

  /** Analyses a binary file inside the project. */
  async open(root: string, rel: string): Promise<BinaryAnalysis> {
    const file = await resolveInside(root, rel);
    const st = await stat(file);
    if (!st.isFile()) throw new GopsyError('not-a-file', `${rel} is not a file.`);
    const id = 'f-' + createHash('sha256').update(`${file}\0${st.mtimeMs}\0${st.size}`).digest('hex').slice(0, 16);
    const known = this.entries.get(id);
    if (known) return known.analysis;
    return this.add(file, root, { id, name: path.basename(file), location: toRelative(root, file), fileSize: st.size });
  }

  /** Analyses a binary a build run kept (`file` is `<run>/out/<name>`, found by the caller). */
  async openRun(root: string, runId: string, file: string): Promise<BinaryAnalysis> {
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) throw new GopsyError('no-such-binary', `Run ${runId} kept no binary named ${path.basename(file)}.`);
    const id = 'r-' + createHash('sha256').update(`${file}\0${st.mtimeMs}\0${st.size}`).digest('hex').slice(0, 16);
    const known = this.entries.get(id);
    if (known) return known.analysis;
    return this.add(file, root, { id, name: path.basename(file), location: `run ${runId}: out/${path.basename(file)}`, fileSize: st.size }, graphFileOf(file));
  }

  /** `go build -ldflags=-v -o <storage>/binaries/<id>/<name> ./pkg`, with the link step timed from the action graph. */
  async build(root: string, pkgRel = '.', tags: string[] = []): Promise<BuildForAnalysis> {
    const dir = await resolveInside(root, pkgRel);
    if (!(await stat(dir)).isDirectory()) throw new GopsyError('not-a-folder', `${pkgRel} is not a package folder.`);
    const pkgArg = toRelative(root, dir) === '.' ? '.' : `./${toRelative(root, dir)}`;
    const id = `b-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const outDir = path.join(this.storageDir, BINARIES_DIR, id);
    await mkdir(outDir, { recursive: true });
    const name = path.basename(dir);
    const out = path.join(outDir, name);
    const graph = path.join(outDir, BINARY_ACTION_GRAPH);
    const tagArgs = tags.length > 0 ? [`-tags=${tags.join(',')}`] : [];
    const args = [...tagArgs, '-ldflags=-v', `-debug-actiongraph=${graph}`, '-o', out, pkgArg];
    const res = await goBuild(args, { cwd: root, timeoutMs: ANALYSIS_BUILD_TIMEOUT_MS });
    const output = res.stderr + res.stdout;
    const linkMs = linkTimeMs(await readFile(graph, 'utf8').catch(() => ''));
    const result: BuildForAnalysis = {
      ok: res.exitCode === 0,
      commandLine: ['go build', ...tagArgs, '-ldflags=-v -o', name, pkgArg].join(' '),
      exitCode: res.exitCode,
      output,
      linkVerbose: parseLinkVerbose(output),
      problems: parseLinkErrors(output),
      explanations: explainModuleErrors(output),
      ...(linkMs !== undefined ? { linkMs } : {}),
    };
    if (result.ok) {
      const st = await stat(out);
      result.analysis = await this.add(out, root, { id, name, location: `storage: binaries/${id}/${name}`, fileSize: st.size });
    }
    return result;
  }

  symbols(id: string, offset: number, limit: number, sort: 'size' | 'name' | 'package', filter?: string): { total: number; rows: SymbolRow[] } {
    const entry = this.get(id);
    const needle = filter?.toLowerCase();
    let rows: SymbolRow[] = entry.symbols
      .filter((s) => s.type !== 'U' && (!needle || s.name.toLowerCase().includes(needle)))
      .map((s) => ({ ...s, package: symbolPackage(s.name) }));
    if (sort === 'name') rows = rows.sort((a, b) => a.name.localeCompare(b.name));
    else if (sort === 'package') rows = rows.sort((a, b) => a.package.localeCompare(b.package) || b.size - a.size);
    else rows = rows.sort((a, b) => b.size - a.size);
    return { total: rows.length, rows: rows.slice(offset, offset + limit) };
  }

  /**
   * One function's instructions. objdump names files by base name only, so an instruction inlined from
   * another file is resolved through the project's files (`projectFiles`: base name → absolute paths).
   */
  async disassemble(root: string, id: string, symbol: string, projectFiles: Map<string, string[]>): Promise<DisassembledFunction | null> {
    const entry = this.get(id);
    if (!entry.symbols.some((s) => s.name === symbol && (s.type === 'T' || s.type === 't'))) {
      throw new GopsyError('no-such-function', `${symbol} is not a function in ${entry.summary.name}.`);
    }
    const fn = await disassemble(entry.file, symbol, root, projectFileResolver(projectFiles));
    if (!fn) return null;
    // Paths inside the project go out project-relative (clickable); others (GOROOT) stay absolute.
    for (const insn of fn.instructions) if (insn.path && isInside(root, insn.path)) insn.path = toRelative(root, insn.path);
    return fn;
  }

  /** Why a symbol or package is in the binary: the chain through the run's recorded -dumpdep graph. */
  async why(root: string, id: string, target: string): Promise<Omit<BinaryWhy, 'packageImportChain'>> {
    const entry = this.get(id);
    const why = whyInBinary(await this.graph(entry), target);
    const names = [...new Set(why.chain.flatMap((s) => [s.from, s.to]))];
    return { ...why, sources: await sourcesOf(entry.file, names, entry.symbols, root) };
  }

  /** The size diff; symbols that appeared carry why the after-binary has them when its run recorded a graph. */
  async diff(before: string, after: string): Promise<SizeDiffResult> {
    const [a, b] = [this.get(before), this.get(after)];
    const file = a.analysis.bytes && b.analysis.bytes ? { file: diffFileBytes(a.analysis.bytes, b.analysis.bytes) } : {};
    const sizes = diffSizes(a.symbols, b.symbols);
    if (!sizes.symbols.some((s) => s.before === 0)) return { ...sizes, ...file };
    try {
      return { ...withAppearedReasons(sizes, await this.graph(b)), ...file };
    } catch (err) {
      return { ...sizes, ...file, whyNote: (err as Error).message };
    }
  }

  /** The entry's recorded -dumpdep graph, read once. */
  private async graph(entry: Entry): Promise<ReachGraph> {
    entry.graph ??= reachGraphFor(entry.file, entry.graphFile);
    return entry.graph.catch((err: unknown) => {
      delete entry.graph; // a graph recorded later (or a fixed file) is read next time
      throw err;
    });
  }

  dynamicDeps(id: string): Promise<DynamicDeps> {
    return dynamicDeps(this.get(id).file);
  }

  /** Runs the binary once with LD_DEBUG=libs (the caller got the user's consent), in `cwd`. */
  traceLoader(id: string, cwd: string, libraryPath?: string): Promise<LoaderTrace> {
    return traceLoader(this.get(id).file, cwd, libraryPath);
  }

  private get(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new GopsyError('no-such-binary', 'That binary is no longer loaded: open or build it again.');
    return e;
  }

  private async add(file: string, cwd: string, summary: BinarySummary, graphFile?: string): Promise<BinaryAnalysis> {
    const { analysis, symbols } = await analyseFile(file, cwd, summary);
    this.entries.set(summary.id, { summary, file, symbols, analysis, ...(graphFile ? { graphFile } : {}) });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return analysis;
  }
}
