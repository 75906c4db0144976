// The instructions of a range of a file's lines with the compiler's remarks on them (binary.linesAsm,
// `gopsy asm`). Prefers the newest binary a build run kept that holds the file's code; a _test.go file
// gets its package's test binary; anything else is compiled with -S.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LinesAsm } from '../../../shared/contract/linesAsm';
import type { ProjectTree } from '../../../shared/types';
import type { Remark } from '../../../shared/remarks';
import { GopsyError, errorMessage } from '../../../shared/rpc';
import { enclosingFunc, funcRanges, selectLines, type FuncRange } from '../../../core/binary/linesAsm';
import { projectFileResolver } from '../../../core/binary/objdump';
import type { RunService } from '../runs/runService';
import type { RemarksService } from '../remarks/remarksService';
import { isStale, readSourceHashes } from '../remarks/sourceHashes';
import { isInside, resolveInside, toRelative } from '../paths';
import { runBinaries } from './runBinaries';
import { compileListing, ListingCache, projectSymbols, type Listing } from './linesAsmSources';

export interface LinesAsmRequest {
  path: string;
  from: number;
  to: number;
  widen?: boolean;
  runId?: string;
  compile?: boolean;
}

/** Kept binaries looked into for the file's code, newest first: older ones are rarely what is wanted. */
const KEPT_BINARIES_TRIED = 6;

export class LinesAsmService {
  private readonly listings: ListingCache;

  constructor(
    storageDir: string,
    private readonly runs: RunService,
    private readonly remarks: RemarksService,
  ) {
    this.listings = new ListingCache(storageDir);
  }

  async linesAsm(root: string, tree: ProjectTree, req: LinesAsmRequest): Promise<LinesAsm> {
    const file = await resolveInside(root, req.path);
    const rel = toRelative(root, file);
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    const ranges = funcRanges(text);
    const around = enclosingFunc(ranges, req.from);
    let { from, to } = req;
    if (req.widen && around && req.to <= around.end) ({ start: from, end: to } = around);
    to = Math.min(to, lines.length);
    if (from > to) throw new GopsyError('no-such-lines', `${rel} has ${lines.length} lines.`);
    const pkg = tree.packages.find((p) => p.files.some((f) => f.path === rel));
    if (!pkg) throw new GopsyError('not-in-package', `${rel} is not a file of a package of this project (excluded by build tags?).`);

    const notes: string[] = [];
    const listing = await this.listing(root, tree, { rel, file, text }, pkg, req, notes);
    const display = (f: string) => (path.isAbsolute(f) && isInside(root, f) ? toRelative(root, f) : f);
    const calleeAt = await this.calleeNames(root, file, listing.functions, ranges);
    const blocks = selectLines(listing.functions, { file, from, to, ranges, display, lines, calleeAt });
    if (blocks.length === 0) {
      notes.push(`No instructions come from lines ${from}–${to}: declarations, comments and code the compiler removed generate none.`);
    }
    const { remarks, remarksNote } = await this.remarksFor(root, rel, from, to);
    return {
      path: rel,
      from,
      to,
      ...(around && around.start <= from && to <= around.end ? { function: around.name } : {}),
      source: lines.slice(from - 1, to),
      origin: listing.origin,
      blocks,
      remarks,
      ...(remarksNote ? { remarksNote } : {}),
      notes,
    };
  }

  private async listing(root: string, tree: ProjectTree, { rel, file, text }: { rel: string; file: string; text: string }, pkg: ProjectTree['packages'][number], req: LinesAsmRequest, notes: string[]): Promise<Listing> {
    const byBase = new Map<string, string[]>();
    for (const p of tree.packages) for (const f of p.files) byBase.set(f.name, [...(byBase.get(f.name) ?? []), path.join(root, f.path)]);
    const resolve = projectFileResolver(byBase);
    const pattern = projectSymbols(tree.packages.map((p) => p.importPath));
    const holdsFile = (fns: Listing['functions']) => fns.some((fn) => fn.file === file || fn.instructions.some((i) => i.path === file));

    if (!req.compile) {
      for (const kept of await this.keptBinaries(root, req.runId)) {
        const functions = await this.listings.objdump(kept.file, pattern, resolve, root);
        if (!holdsFile(functions)) continue;
        if (await isStale(root, rel, kept.startedAt, await readSourceHashes(kept.runDir))) {
          notes.push(`${rel} changed after run ${kept.runId} built ${kept.name}: these are the instructions of the file as it was then.`);
        }
        return { functions, origin: { kind: 'binary', runId: kept.runId, binary: kept.name, commandLine: kept.commandLine } };
      }
      if (req.runId) notes.push(`Run ${req.runId} kept no binary with code from ${rel}.`);
    }
    if (rel.endsWith('_test.go')) {
      const test = await this.listings.testBinary(root, pkg.dir);
      const functions = await this.listings.objdump(test.file, pattern, resolve, root);
      return { functions, origin: { kind: 'binary', binary: path.basename(test.file), commandLine: test.commandLine } };
    }
    const compiled = await compileListing(root, pkg.dir, pkg.importPath);
    const lines = text.split('\n');
    const generic = funcRanges(text).some((r) => r.start <= req.to && req.from <= r.end && /^func\s+\w+\[/.test(lines[r.start - 1]!));
    if (pkg.name !== 'main' && generic) {
      notes.push('A generic function is compiled in the packages that instantiate it: build a binary (a run that keeps it) to see every instance.');
    }
    return compiled;
  }

  /**
   * Names of the functions around the lines inlined into the selected file's functions, from the
   * project's sources (code inlined from GOROOT or modules is placed by position only).
   */
  private async calleeNames(root: string, file: string, fns: Listing['functions'], ranges: FuncRange[]): Promise<(f: string, line: number) => string | undefined> {
    const rangesOf = new Map<string, FuncRange[]>([[file, ranges]]);
    for (const fn of fns) {
      if (fn.file !== file) continue;
      for (const i of fn.instructions) {
        if (!i.path || rangesOf.has(i.path) || !isInside(root, i.path)) continue;
        rangesOf.set(i.path, funcRanges(await readFile(i.path, 'utf8').catch(() => '')));
      }
    }
    return (f, line) => {
      const r = rangesOf.get(f);
      return r ? enclosingFunc(r, line)?.name : undefined;
    };
  }

  /** The binaries of the project's succeeded runs, newest first (only `runId`'s when given). */
  private async keptBinaries(root: string, runId?: string) {
    const out: Array<{ runId: string; runDir: string; startedAt: string; name: string; file: string; commandLine: string }> = [];
    for (const r of await this.runs.list(root)) {
      if (r.status !== 'succeeded' || (runId && r.id !== runId)) continue;
      const runDir = this.runs.store.runDir(root, r.id);
      for (const b of await runBinaries(runDir)) out.push({ runId: r.id, runDir, startedAt: r.startedAt, name: b.name, file: b.file, commandLine: r.commandLine });
      if (out.length >= KEPT_BINARIES_TRIED) break;
    }
    return out.slice(0, KEPT_BINARIES_TRIED);
  }

  private async remarksFor(root: string, rel: string, from: number, to: number): Promise<{ remarks: Remark[]; remarksNote?: string }> {
    try {
      const summary = await this.remarks.load(root);
      if (!summary) return { remarks: [], remarksNote: 'No run captured the compiler\'s remarks: run the "Optimisation details" profile to see them here.' };
      const { remarks, stale } = await this.remarks.forFile(root, summary.runId, rel);
      const mine = remarks.filter((r) => r.line >= from && r.line <= to).sort((a, b) => a.line - b.line || a.column - b.column);
      return { remarks: mine, remarksNote: `Remarks of run ${summary.runId}${stale ? `; ${rel} changed since` : ''}.` };
    } catch (err) {
      return { remarks: [], remarksNote: `The remarks could not be read: ${errorMessage(err)}` };
    }
  }
}
