// Reads a run directory's artefacts and parses them (src/core/build) into what the Build view shows.
// A missing, truncated or damaged artefact becomes a problem message; it never fails the whole run.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ArtefactProblem, BuildAction, CompileError, RunDetail, RunManifest, ToolCommand } from '../../../shared/build';
import {
  analyseBuild,
  buildTimeline,
  failedPackages,
  outputByPackage,
  parseActionGraph,
  parseBuildJson,
  BuildTraceReader,
  parseCompileBench,
  parseCompileErrors,
  parseLogoptFile,
  parseXLog,
  nameMainCompiles,
  workerCount,
  type BuildEvent,
  type BuildTraceResult,
  type TraceSpan,
} from '../../../core/build';
import { compilerProfile } from '../../../core/build/pprofFlame';
import { formatMiB } from '../../../shared/format';
import { readSourceHashes, readSourceLines } from '../remarks/sourceHashes';
import { ARTEFACTS } from '../../../shared/runFolder';
import { mainPackageLines } from './mainLines';

/** Artefacts larger than this are not parsed in the backend's main thread. */
const MAX_PARSE_BYTES = 512 * 1024 * 1024;

/** The artefact's size, or null (with the problem said) when it is missing or too large to parse. */
async function artefactSize(dir: string, name: string, problems: ArtefactProblem[], expected: boolean): Promise<number | null> {
  const st = await stat(path.join(dir, name)).catch(() => null);
  if (!st) {
    if (expected) problems.push({ artefact: name, message: `${name} was not written (the build may have stopped before the go command wrote it).` });
    return null;
  }
  if (st.size > MAX_PARSE_BYTES) {
    problems.push({ artefact: name, message: `${name} is ${formatMiB(st.size)}, too large to show.` });
    return null;
  }
  return st.size;
}

async function readArtefact(dir: string, name: string, problems: ArtefactProblem[], expected: boolean): Promise<string | null> {
  if ((await artefactSize(dir, name, problems, expected)) === null) return null;
  return readFile(path.join(dir, name), 'utf8');
}

/**
 * A big build's -debug-trace (one line per event, most of them not actions) is parsed as it is read, a
 * chunk at a time: the reader waits for the parser, and what stays is the spans.
 */
export async function readBuildTrace(dir: string, problems: ArtefactProblem[]): Promise<BuildTraceResult | null> {
  if ((await artefactSize(dir, ARTEFACTS.trace, problems, true)) === null) return null;
  const reader = new BuildTraceReader();
  try {
    for await (const chunk of createReadStream(path.join(dir, ARTEFACTS.trace), { encoding: 'utf8', highWaterMark: 64 * 1024 })) reader.push(chunk as string);
  } catch (err) {
    problems.push({ artefact: ARTEFACTS.trace, message: `${ARTEFACTS.trace} could not be read: ${(err as Error).message}` });
    return null;
  }
  return reader.end();
}

export async function loadRunDetail(dir: string, manifest: RunManifest): Promise<RunDetail> {
  const problems: ArtefactProblem[] = [];
  const cap = manifest.profile.capture;
  const finished = manifest.status !== 'running';
  const detail: RunDetail = {
    manifest,
    timeline: null,
    analysis: null,
    phases: [],
    commands: [],
    errors: [],
    cachedPackages: [],
    failedPackages: [],
    remarksCount: 0,
    workListing: [],
    compilerProfile: null,
    problems,
  };
  if (!finished) return detail; // artefacts are written by the go command at its end

  const eventsText = (await readArtefact(dir, ARTEFACTS.events, problems, false)) ?? '';
  const { events, text } = parseBuildJson(eventsText);
  detail.failedPackages = failedPackages(events);
  detail.errors = compileErrors(events, text);

  let actions: BuildAction[] = [];
  if (cap.actionGraph) {
    const agText = await readArtefact(dir, ARTEFACTS.actionGraph, problems, true);
    if (agText !== null) {
      const ag = parseActionGraph(agText);
      if (ag.error) problems.push({ artefact: ARTEFACTS.actionGraph, message: ag.error });
      actions = ag.actions;
      detail.cachedPackages = [...new Set(actions.filter((a) => a.cacheHit).map((a) => a.package))].sort();
    }
  }
  let spans: TraceSpan[] = [];
  if (cap.trace) {
    const tr = await readBuildTrace(dir, problems);
    if (tr?.error) problems.push({ artefact: ARTEFACTS.trace, message: tr.error });
    spans = tr?.spans ?? [];
  }
  detail.timeline = buildTimeline(actions, spans);
  detail.analysis = analyseBuild(actions, workerCount(actions, spans));

  if (cap.phases) {
    // A build served wholly from the cache writes no -bench file: that is not a problem.
    const benchText = await readArtefact(dir, ARTEFACTS.bench, problems, false);
    if (benchText !== null) {
      const bench = parseCompileBench(benchText);
      if (bench.badLines > 0) problems.push({ artefact: ARTEFACTS.bench, message: `${bench.badLines} lines of ${ARTEFACTS.bench} could not be read.` });
      // -bench names every command's compile `main`; the action graph tells which command each was.
      const lines = await mainPackageLines(actions, manifest.project, await readSourceHashes(dir), (f) => readFile(f, 'utf8').catch(() => null), await readSourceLines(dir));
      const named = nameMainCompiles(bench.packages, cap.actionGraph ? actions : null, lines);
      if (named.note) problems.push({ artefact: ARTEFACTS.bench, message: named.note });
      detail.phases = named.phases.sort((a, b) => b.totalNs - a.totalNs);
    }
  }
  if (cap.commands) detail.commands = withDurations(parseXLog(xLines(events, text)), actions);
  if (cap.remarks) detail.remarksCount = await countRemarks(path.join(dir, ARTEFACTS.remarks), problems);
  if (cap.work) {
    const listing = await readArtefact(dir, ARTEFACTS.work, problems, false);
    detail.workListing = listing ? listing.split('\n').filter(Boolean) : [];
  }
  if (cap.cpuProfilePackage) detail.compilerProfile = await loadCompilerProfile(dir, cap.cpuProfilePackage, problems);
  return detail;
}

async function loadCompilerProfile(dir: string, pkg: string, problems: ArtefactProblem[]) {
  const name = ARTEFACTS.cpuProfile;
  const bytes = await readFile(path.join(dir, name)).catch(() => null);
  if (!bytes) {
    // The compiler writes it only if it compiled the package (a -gcflags pattern that matched nothing,
    // or a build that failed earlier, leaves none).
    problems.push({ artefact: name, message: `No compiler profile: "${pkg}" was not compiled in this run (is it a package of the build?).` });
    return null;
  }
  try {
    // pprof files are gzipped; accept a plain one too.
    const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    return compilerProfile(raw, pkg);
  } catch (err) {
    problems.push({ artefact: name, message: `${name} could not be read: ${(err as Error).message}` });
    return null;
  }
}

function compileErrors(events: BuildEvent[], text: string[]): CompileError[] {
  const errors: CompileError[] = [];
  for (const [pkg, out] of outputByPackage(events)) {
    // -x lines are build-output too; compile errors are the lines shaped `file.go:L:C: msg`.
    errors.push(...parseCompileErrors(out, pkg || undefined));
  }
  errors.push(...parseCompileErrors(text.join('\n')));
  return errors;
}

/** -x lines: from -json events, or (older toolchains) the plain text the pty carried. */
function xLines(events: BuildEvent[], text: string[]) {
  const fromEvents = events.filter((e) => e.action === 'build-output' && e.output !== undefined).map((e) => ({ importPath: e.importPath, line: e.output! }));
  return fromEvents.length > 0 ? fromEvents : text.map((line) => ({ line }));
}

/** Durations from the action graph: a compile is its package's build action, a link the link action. */
function withDurations(rows: ToolCommand[], actions: BuildAction[]): ToolCommand[] {
  const byKey = new Map<string, number>();
  for (const a of actions) if (a.cmdMs !== undefined) byKey.set(`${a.mode} ${a.package}`, a.cmdMs);
  return rows.map((r) => {
    const mode = r.tool === 'compile' ? 'build' : r.tool === 'link' ? 'link' : null;
    const ms = mode ? byKey.get(`${mode} ${r.package}`) : undefined;
    return ms !== undefined ? { ...r, durationMs: ms } : r;
  });
}

async function countRemarks(dir: string, problems: ArtefactProblem[]): Promise<number> {
  let count = 0;
  const files = (await readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  for (const f of files) {
    const parsed = parseLogoptFile(await readFile(path.join(dir, f), 'utf8').catch(() => ''));
    if (parsed.error) problems.push({ artefact: `${ARTEFACTS.remarks}/${f}`, message: parsed.error });
    count += parsed.remarks.length;
  }
  return count;
}
