// "Why is this in my binary?" for a binary on disk: its run's recorded -dumpdep graph (dumpdep.txt beside
// out/), read line by line, the chain from src/core, the source line of each function on the chain (go
// tool addr2line at the symbol's address) and, for a package, the import chain from the main package.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { NmSymbol } from '../../../shared/contract/binaryTypes';
import { NO_GRAPH_HINT, type BinaryWhy } from '../../../shared/contract/binaryWhy';
import { GopsyError } from '../../../shared/rpc';
import { ARTEFACTS } from '../../../shared/runFolder';
import { graphForBinary, ReachGraphReader, type ReachGraph } from '../../../core/binary/reachability';
import { whyInGraph } from '../../../core/binary/whyInBinary';
import { appearedReasons } from '../../../core/binary/appearedWhy';
import type { SizeDiff } from '../../../core/binary/sizeDiff';
import type { AppearedWhy } from '../../../shared/contract/binaryWhy';
import { goToolAddr2line } from '../go/tool';
import { isInside, toRelative } from '../paths';

/** Where a run keeps the graph of a binary it kept: `<run>/out/<name>` → `<run>/dumpdep.txt`. */
export const graphFileOf = (binaryFile: string) => path.join(path.dirname(path.dirname(binaryFile)), ARTEFACTS.linkDeps);

/** Streams a dumpdep.txt into graphs (one per binary the run linked). */
export async function readReachGraphs(file: string): Promise<ReachGraph[]> {
  const reader = new ReachGraphReader();
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) reader.line(line);
  return reader.graphs();
}

/** The graph recorded for `binaryFile` (a run's out/<name>); a GopsyError that says how to get one otherwise. */
export async function reachGraphFor(binaryFile: string, graphFile: string | undefined): Promise<ReachGraph> {
  const st = graphFile ? await stat(graphFile).catch(() => null) : null;
  if (!graphFile || !st?.isFile() || st.size === 0) {
    throw new GopsyError('no-reachability-graph', `No reachability graph was recorded for ${path.basename(binaryFile)}. ${NO_GRAPH_HINT}`);
  }
  const graph = graphForBinary(await readReachGraphs(graphFile), path.basename(binaryFile));
  if (!graph) throw new GopsyError('no-reachability-graph', `The run's ${ARTEFACTS.linkDeps} has no graph for ${path.basename(binaryFile)}. ${NO_GRAPH_HINT}`);
  return graph;
}

/** The source line of each function symbol in `names`, by its address (project-relative inside `root`). */
export async function sourcesOf(binaryFile: string, names: string[], symbols: NmSymbol[], root: string | undefined): Promise<NonNullable<BinaryWhy['sources']>> {
  const wanted = new Set(names);
  const fns = symbols.filter((s) => (s.type === 'T' || s.type === 't') && wanted.has(s.name));
  if (fns.length === 0) return {};
  const res = await goToolAddr2line(binaryFile, fns.map((s) => s.address), { cwd: path.dirname(binaryFile) }).catch(() => null);
  const lines = res?.exitCode === 0 ? res.stdout.split('\n') : [];
  const out: NonNullable<BinaryWhy['sources']> = {};
  fns.forEach((s, i) => {
    const m = /^(.*):(\d+)$/.exec(lines[i * 2 + 1] ?? '');
    if (!m || m[1] === '?' || Number(m[2]) === 0) return;
    const file = m[1]!;
    out[s.name] = { path: root && isInside(root, file) ? toRelative(root, file) : file, line: Number(m[2]) };
  });
  return out;
}

/** Why `target` is in the binary, or a GopsyError saying it is not (or that there is no graph). */
export function whyInBinary(graph: ReachGraph, target: string): Omit<BinaryWhy, 'packageImportChain' | 'sources'> {
  const answer = whyInGraph(graph, target);
  if (!answer.ok) throw new GopsyError('not-in-binary', answer.message);
  return answer.why;
}

export type SizeDiffWithWhy = Omit<SizeDiff, 'symbols'> & { symbols: Array<SizeDiff['symbols'][number] & { why?: AppearedWhy }>; whyNote?: string };

/** A size diff whose appeared symbols (the biggest first, up to the core's limit) carry why they are there. */
export function withAppearedReasons(diff: SizeDiff, graph: ReachGraph): SizeDiffWithWhy {
  const reasons = appearedReasons(graph, diff.symbols);
  return { ...diff, symbols: diff.symbols.map((s) => (reasons.has(s.name) ? { ...s, why: reasons.get(s.name)! } : s)) };
}
