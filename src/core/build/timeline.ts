// Builds the timeline the Build view draws: one bar per action that did something, on the worker lane
// that ran it (from -debug-trace) or, without a trace, on lanes packed from the action times; the bars
// of the critical path (by dependencies, see buildAnalysis) are marked.
import type { BuildAction, Timeline, TimelineBar } from '../../shared/build';
import { criticalPath, maxConcurrency, timedActions, type WorkerCount } from './buildAnalysis';
import type { TraceSpan } from './chromeTrace';

export function buildTimeline(actions: BuildAction[], spans: TraceSpan[] = []): Timeline | null {
  const shown = timedActions(actions);
  if (shown.length === 0) return null;
  const t0 = Math.min(...shown.map((a) => a.startMs!));
  const critical = new Set(criticalPath(actions).ids);
  const workerOf = traceWorkers(spans);
  const tids = shown.map(workerOf);
  const useTrace = spans.length > 0 && tids.every((t) => t !== undefined);
  const bars: TimelineBar[] = shown.map((a, i) => {
    const bar: TimelineBar = {
      actionId: a.id,
      lane: useTrace ? tids[i]! : 0,
      mode: a.mode,
      package: a.package,
      start: a.startMs! - t0,
      end: Math.max(a.doneMs! - t0, a.startMs! - t0),
      cacheHit: a.cacheHit,
      critical: critical.has(a.id),
    };
    if (a.cmd && a.cmd.length > 0) bar.command = a.cmd.join('\n');
    return bar;
  });
  const lanes = useTrace ? packTraceLanes(bars) : packLanes(bars);
  return { bars, lanes, totalMs: Math.max(...bars.map((b) => b.end)), laneSource: useTrace ? 'trace' : 'actiongraph' };
}

/**
 * The worker that ran an action: the trace names it `mode package` (`collect cgo` with no package, and
 * several actions can share a name), so among the spans of that name the one that began nearest the
 * action's start is taken (both clocks are the go command's wall clock).
 */
function traceWorkers(spans: TraceSpan[]): (a: BuildAction) => number | undefined {
  const byName = new Map<string, TraceSpan[]>();
  for (const s of spans) {
    const list = byName.get(s.action);
    if (list) list.push(s);
    else byName.set(s.action, [s]);
  }
  return (a) => {
    let best: TraceSpan | undefined;
    for (const s of byName.get(`${a.mode} ${a.package}`.trim()) ?? []) {
      if (!best || Math.abs(s.startUs / 1000 - a.startMs!) < Math.abs(best.startUs / 1000 - a.startMs!)) best = s;
    }
    return best?.tid;
  };
}

/** Renumbers the trace's worker ids 0..n-1 in order of first use. */
function packTraceLanes(bars: TimelineBar[]): number {
  const ids = [...new Set([...bars].sort((a, b) => a.start - b.start).map((b) => b.lane))];
  const index = new Map(ids.map((id, i) => [id, i]));
  for (const b of bars) b.lane = index.get(b.lane)!;
  return ids.length;
}

/** Greedy interval packing: each bar goes on the first lane free at its start. */
function packLanes(bars: TimelineBar[]): number {
  const laneEnds: number[] = [];
  for (const b of [...bars].sort((x, y) => x.start - y.start || x.end - y.end)) {
    let lane = laneEnds.findIndex((end) => end <= b.start);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = b.end;
    b.lane = lane;
  }
  return laneEnds.length;
}

/** The go command's worker count: its worker ids in the trace, else the most actions that ran at once. */
export function workerCount(actions: BuildAction[], spans: TraceSpan[]): WorkerCount {
  const tids = new Set(spans.map((s) => s.tid));
  return tids.size > 0 ? { count: tids.size, source: 'trace' } : { count: maxConcurrency(actions), source: 'concurrency' };
}
