// Reads one side of a comparison from a run's files (directory or bundle) and parses what the pure
// comparison needs: -bench lines, logopt remarks (attributed to functions from the sources), the
// GOSSADIR ssa.html files, and the kept binary's symbols. What is missing becomes a sentence.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseActionGraph, parseCompileBench } from '../../../core/build';
import { attributeFunctions, remarksFromLogopt } from '../../../core/remarks';
import { parseSsaHtml } from '../../../core/ssa/parseSsaHtml';
import { nameMainCompiles } from '../../../core/build';
import { missingBinary, missingRemarks, missingSsa, missingTiming, sideOf, type ComparedRun, type NamedSsa } from '../../../core/compare';
import type { BinarySide } from '../../../core/compare';
import type { Remark } from '../../../shared/remarks';
import { formatMiB } from '../../../shared/format';
import { toProjectPath } from '../../../core/locations';
import { readBinaryFacts } from '../binary/analyseBinary';
import { readFileBytes } from '../binary/fileBytes';
import { ARTEFACTS } from '../../../shared/runFolder';
import { SOURCE_HASHES, SOURCE_LINES, parseSourceHashes, parseSourceLines } from '../remarks/sourceHashes';
import type { RunFiles } from '../runs/runFiles';
import { mainPackageLines } from '../runs/mainLines';

const MAX_TEXT = 256 << 20;
/** ssa.html of one function reaches tens of MB for large functions; beyond this it is left out. */
const MAX_SSA_HTML = 96 << 20;

export interface LoadOptions {
  /** Where a bundle's binary is copied for `go tool nm` (inside gopsy's storage). */
  tempDir: string;
}

export async function loadComparedRun(files: RunFiles, opts: LoadOptions): Promise<ComparedRun> {
  const manifest = await files.manifest();
  const list = await files.list();
  const has = (rel: string) => list.some((f) => f.path === rel);
  const warnings: string[] = [];
  const text = async (rel: string) => (await files.read(rel, MAX_TEXT)).toString('utf8');

  let phases: ComparedRun['phases'] = null;
  if (manifest.profile.capture.phases && has(ARTEFACTS.bench)) {
    const bench = parseCompileBench(await text(ARTEFACTS.bench));
    if (bench.badLines > 0) warnings.push(`${bench.badLines} lines of ${ARTEFACTS.bench} could not be read.`);
    // Every command's compile is labelled `main`: the action graph says which import path each one was.
    const graph = has(ARTEFACTS.actionGraph) ? parseActionGraph(await text(ARTEFACTS.actionGraph)).actions : null;
    const lines = graph ? await mainPackageLines(graph, manifest.project, await readHashes(files), (f) => files.source(f, manifest.project), await readLines(files)) : undefined;
    const named = nameMainCompiles(bench.packages, graph, lines);
    if (named.note) warnings.push(named.note);
    phases = named.phases;
  }

  let remarks: Remark[] | null = null;
  const logopt = list.filter((f) => f.path.startsWith(`${ARTEFACTS.remarks}/`) && f.path.endsWith('.json'));
  if (manifest.profile.capture.remarks && logopt.length > 0) {
    remarks = [];
    for (const f of logopt) {
      const parsed = remarksFromLogopt(await text(f.path), f.path);
      remarks.push(...parsed.remarks);
      warnings.push(...parsed.warnings);
    }
    await attribute(remarks, files, manifest.project, list.some((f) => f.path === SOURCE_HASHES), warnings);
  }

  let ssa: NamedSsa[] | null = null;
  const htmls = list.filter((f) => f.path.startsWith(`${ARTEFACTS.ssa}/`) && f.path.endsWith('.html'));
  if (htmls.length > 0) {
    ssa = [];
    for (const f of htmls) {
      if (f.size > MAX_SSA_HTML) {
        warnings.push(`${f.path} is ${formatMiB(f.size)}, too large to compare.`);
        continue;
      }
      ssa.push({ key: f.path.slice(ARTEFACTS.ssa.length + 1, -'.html'.length), fn: parseSsaHtml(await text(f.path)) });
    }
  }

  const binary = await loadBinary(files, list, opts.tempDir, warnings);
  const wallMs = manifest.endedAt ? Date.parse(manifest.endedAt) - Date.parse(manifest.startedAt) : null;
  const missing: ComparedRun['missing'] = {};
  const t = missingTiming(manifest, phases !== null && phases.length > 0);
  if (t) missing.timing = t;
  const r = missingRemarks(manifest, remarks !== null);
  if (r) missing.remarks = r;
  const s = missingSsa(manifest, (ssa?.length ?? 0) > 0);
  if (s) missing.ssa = s;
  const b = binary.name === null ? missingBinary(manifest, false) : binary.symbols === null ? 'its binary could not be read (see the warnings).' : undefined;
  if (b) missing.binary = b;
  return {
    side: sideOf(manifest, files.origin, files.label),
    phases,
    remarks,
    ssa,
    binary,
    wallMs: Number.isFinite(wallMs) ? wallMs : null,
    missing,
    warnings,
  };
}

async function loadBinary(files: RunFiles, list: Awaited<ReturnType<RunFiles['list']>>, tempDir: string, warnings: string[]): Promise<BinarySide> {
  const out = list.filter((f) => f.path.startsWith(`${ARTEFACTS.output}/`) && !f.path.slice(ARTEFACTS.output.length + 1).includes('/') && f.executable);
  const first = out[0];
  if (!first) return { name: null, symbols: null };
  const name = first.path.slice(ARTEFACTS.output.length + 1);
  if (out.length > 1) warnings.push(`the run kept ${out.length} binaries; ${name} is compared.`);
  let local: string | null = null;
  try {
    local = await files.localFile(first.path, tempDir);
    const facts = await readBinaryFacts(local, path.dirname(local));
    // The whole file attributed as the Binary view does; only a file whose sections could be read compares by them.
    const bytes = await readFileBytes(local, first.size, facts.sections, facts.symbols, facts.buildInfo).catch((err: Error) => {
      warnings.push(`${name}: its bytes could not be attributed (${err.message}); nm's sizes are compared.`);
      return null;
    });
    return { name, fileSize: first.size, symbols: facts.symbols, bytes: bytes && bytes.sections.length > 0 ? bytes : null };
  } catch (err) {
    warnings.push(`${name}: ${(err as Error).message}`);
    return { name, fileSize: first.size, symbols: null };
  } finally {
    if (local && files.origin === 'bundle') await rm(local, { force: true }).catch(() => {});
  }
}

/**
 * logopt names no function: it is read from the source each remark sits in (as the Remarks view does).
 * That source is today's (the project's, or the one a bundle carries): when the run recorded the
 * sources' hashes and a file no longer matches, its remarks may land in the wrong function, and a
 * warning says which file.
 */
async function attribute(remarks: Remark[], files: RunFiles, project: string, hasHashes: boolean, warnings: string[]): Promise<void> {
  const hashes = hasHashes ? await readHashes(files) : null;
  const byFile = new Map<string, Remark[]>();
  for (const r of remarks) {
    if (r.file.startsWith('<') || !path.isAbsolute(r.file)) continue;
    const list = byFile.get(r.file) ?? [];
    list.push(r);
    byFile.set(r.file, list);
  }
  for (const [file, list] of byFile) {
    const source = await files.source(file, project);
    if (source !== null) attributeFunctions(list, source);
    const rel = toProjectPath(project, file);
    if (rel) for (const r of list) r.path = rel;
    const recorded = rel ? hashes?.[rel] : undefined;
    if (source !== null && recorded !== undefined && createHash('sha256').update(source).digest('hex') !== recorded) {
      warnings.push(`${rel} changed since this run: its ${list.length} remarks are placed in functions by the text it has now, so some may be in the wrong function.`);
    }
  }
}

/** The sources' line counts the run recorded when it started (project-relative paths). */
async function readLines(files: RunFiles): Promise<Record<string, number> | null> {
  const bytes = await files.read(SOURCE_LINES, 16 << 20).catch(() => null);
  return bytes ? parseSourceLines(bytes.toString('utf8')) : null;
}

/** The sources' hashes the run recorded when it started (project-relative paths). */
async function readHashes(files: RunFiles): Promise<Record<string, string> | null> {
  const bytes = await files.read(SOURCE_HASHES, 16 << 20).catch(() => null);
  return bytes ? parseSourceHashes(bytes.toString('utf8')) : null;
}
