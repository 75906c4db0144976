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
  const laneOf = traceLanes(spans);
  const useTrace = laneOf.size > 0 && shown.every((a) => laneOf.has(`${a.mode} ${a.package}`));
  const bars: TimelineBar[] = shown.map((a) => {
    const bar: TimelineBar = {
      actionId: a.id,
      lane: useTrace ? laneOf.get(`${a.mode} ${a.package}`)! : 0,
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

/** Worker ids from the trace, keyed by `mode package`. */
function traceLanes(spans: TraceSpan[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of spans) m.set(s.action, s.tid);
  return m;
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
