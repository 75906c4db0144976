// What held a build up, from its action graph: the critical path by dependencies (the longest chain of
// actions' own durations), where workers sat idle or every worker was busy, and a verdict in words.
import type { BuildAction, BuildAnalysis, BuildWait, PackageTime, SlowAction } from '../../shared/build';

/** Bookkeeping actions that take no time worth a bar or a row (passed through, never shown). */
export const HIDDEN_MODES = new Set(['go build', 'go test', 'nop', 'built-in package', 'test print (nop)']);

/** Idle stretches shorter than this are scheduling noise, not a wait worth a row. */
const MIN_WAIT_MS = 1;

const ownMs = (a: BuildAction): number =>
  a.startMs !== undefined && a.doneMs !== undefined ? Math.max(0, a.doneMs - a.startMs) : 0;

export interface CriticalPath {
  /** Action ids from the first action of the chain to the last (hidden bookkeeping actions left out). */
  ids: number[];
  /** The sum of the chain's own durations. */
  ms: number;
}

/**
 * The longest chain through the dependency graph, weighted by each action's own duration (TimeDone −
 * TimeStart): the least wall time the build could take with unlimited workers. Time an action spent
 * waiting for a free worker is not on it, since a waiting action is not work the chain needs.
 */
export function criticalPath(actions: BuildAction[]): CriticalPath {
  const byId = new Map(actions.map((a) => [a.id, a]));
  const longest = new Map<number, number>(); // chain length ending with (and including) the action
  const via = new Map<number, number>(); // the dependency that chain comes through
  // Iterative post-order DFS: deep chains must not overflow the stack. A cycle (never in a real graph)
  // is cut where it closes.
  const state = new Map<number, 'open' | 'done'>();
  for (const root of actions) {
    if (state.has(root.id)) continue;
    const stack: Array<{ id: number; next: number }> = [{ id: root.id, next: 0 }];
    state.set(root.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const a = byId.get(top.id)!;
      if (top.next < a.deps.length) {
        const d = a.deps[top.next++]!;
        if (byId.has(d) && !state.has(d)) {
          state.set(d, 'open');
          stack.push({ id: d, next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(a.id, 'done');
      let best = 0;
      let bestDep: number | undefined;
      for (const d of a.deps) {
        const l = state.get(d) === 'done' ? longest.get(d) : undefined;
        if (l !== undefined && (bestDep === undefined || l > best)) {
          best = l;
          bestDep = d;
        }
      }
      longest.set(a.id, best + ownMs(a));
      if (bestDep !== undefined) via.set(a.id, bestDep);
    }
  }
  let end: number | undefined;
  for (const [id, l] of longest) if (end === undefined || l > longest.get(end)!) end = id;
  if (end === undefined) return { ids: [], ms: 0 };
  const chain: number[] = [];
  for (let cur: number | undefined = end; cur !== undefined; cur = via.get(cur)) chain.push(cur);
  const ids = chain.reverse().filter((id) => !HIDDEN_MODES.has(byId.get(id)!.mode));
  return { ids, ms: longest.get(end)! };
}

/** Actions that did something and have times: the ones a timeline draws and the analysis counts. */
export function timedActions(actions: BuildAction[]): BuildAction[] {
  return actions.filter((a) => !HIDDEN_MODES.has(a.mode) && a.startMs !== undefined && a.doneMs !== undefined);
}

/** The most actions running at one instant (an action ending at t and one starting at t do not overlap). */
export function maxConcurrency(actions: BuildAction[]): number {
  const edges: Array<[number, number]> = [];
  for (const a of timedActions(actions)) edges.push([a.startMs!, 1], [a.doneMs!, -1]);
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let running = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (running += d));
  return most;
}

export interface WorkerCount {
  count: number;
  /** 'trace': the go command's worker ids in -debug-trace; 'concurrency': the most actions that ran at once. */
  source: 'trace' | 'concurrency';
}

/**
 * Summarises a build: `workers` from the trace when it has them, else the most actions that ran at once
 * (the same number in a build that kept its workers busy; a lower bound otherwise).
 */
export function analyseBuild(actions: BuildAction[], workers: WorkerCount): BuildAnalysis | null {
  const timed = timedActions(actions);
  if (timed.length === 0) return null;
  const t0 = Math.min(...timed.map((a) => a.startMs!));
  const wallMs = Math.max(...timed.map((a) => a.doneMs!)) - t0;
  const path = criticalPath(actions);
  const w = Math.max(1, workers.count);
  const { allBusyMs, waits, idleWorkerMs } = occupancy(timed, w, t0);
  const slowest: SlowAction[] = timed.map((a) => {
    const row: SlowAction = {
      actionId: a.id,
      package: a.package,
      mode: a.mode,
      startMs: a.startMs! - t0,
      durationMs: ownMs(a),
      cacheHit: a.cacheHit,
      failed: a.failed,
    };
    // Ready (every dependency done) but not started: it waited for a free worker.
    if (a.readyMs !== undefined) row.queuedMs = Math.max(0, a.startMs! - a.readyMs);
    return row;
  });
  const analysis: BuildAnalysis = {
    wallMs,
    workers: w,
    workersSource: workers.source,
    busyMs: timed.reduce((s, a) => s + ownMs(a), 0),
    criticalPath: path.ids,
    criticalPathMs: path.ms,
    allBusyMs,
    idleWorkerMs,
    queuedMs: slowest.reduce((s, r) => s + (r.queuedMs ?? 0), 0),
    actions: slowest,
    packages: packageTimes(timed),
    waits,
    verdict: { kind: 'dependencies', text: '' },
  };
  analysis.verdict = verdict(analysis);
  return analysis;
}

/** Per package: compile, link and the rest (cache checks, vet, ...), summed over its actions. */
function packageTimes(timed: BuildAction[]): PackageTime[] {
  const byPkg = new Map<string, PackageTime>();
  for (const a of timed) {
    const key = a.package || '(no package)';
    let p = byPkg.get(key);
    if (!p) byPkg.set(key, (p = { package: key, compileMs: 0, linkMs: 0, otherMs: 0, totalMs: 0, cacheHit: false, actions: 0 }));
    const d = ownMs(a);
    if (a.mode === 'build') {
      p.compileMs += d;
      p.cacheHit ||= a.cacheHit;
    } else if (a.mode.startsWith('link')) p.linkMs += d;
    else p.otherMs += d;
    p.totalMs += d;
    p.actions++;
  }
  return [...byPkg.values()];
}

/**
 * Walks the build's time line: how long every worker was busy, how much worker time sat idle, and the
 * stretches where fewer actions ran than there were workers while nothing was ready to start (the build
 * waited for dependencies: the actions then running are what it waited on).
 */
function occupancy(timed: BuildAction[], workers: number, t0: number) {
  type Edge = { t: number; kind: 0 | 1 | 2; a: BuildAction }; // 0 done, 1 ready, 2 start: at a tie, a worker frees before it is taken
  const edges: Edge[] = [];
  for (const a of timed) {
    edges.push({ t: a.doneMs!, kind: 0, a }, { t: a.startMs!, kind: 2, a });
    if (a.readyMs !== undefined && a.readyMs < a.startMs!) edges.push({ t: a.readyMs, kind: 1, a });
  }
  edges.sort((x, y) => x.t - y.t || x.kind - y.kind);
  const running = new Set<BuildAction>();
  let queued = 0;
  let allBusyMs = 0;
  let idleWorkerMs = 0;
  const waits: BuildWait[] = [];
  let open: { start: number; on: Map<number, BuildAction>; runningMs: number } | null = null;
  const close = (t: number) => {
    if (open && t - open.start >= MIN_WAIT_MS) {
      // What it waited on: the actions running during the wait, longest first.
      const on = [...open.on.values()].sort((x, y) => ownMs(y) - ownMs(x)).slice(0, 3);
      const durationMs = t - open.start;
      waits.push({ startMs: open.start - t0, durationMs, running: open.runningMs / durationMs, waitingOn: on.map((a) => a.id) });
    }
    open = null;
  };
  let prev = edges[0]?.t ?? t0;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const dt = e.t - prev;
    if (dt > 0) {
      if (running.size >= workers) allBusyMs += dt;
      else idleWorkerMs += (workers - running.size) * dt;
      if (open) open.runningMs += running.size * dt;
    }
    prev = e.t;
    if (e.kind === 0) running.delete(e.a);
    else if (e.kind === 1) queued++;
    else {
      running.add(e.a);
      if (e.a.readyMs !== undefined && e.a.readyMs < e.a.startMs!) queued--;
    }
    // Only look at the state once every edge at this instant is applied.
    if (edges[i + 1]?.t === e.t) continue;
    const idle = running.size < workers && queued <= 0;
    if (idle && !open) open = { start: e.t, on: new Map(), runningMs: 0 };
    else if (!idle && open) close(e.t);
    if (open) for (const a of running) open.on.set(a.id, a);
  }
  close(prev);
  waits.sort((x, y) => y.durationMs - x.durationMs);
  return { allBusyMs, idleWorkerMs, waits };
}

const secs = (msValue: number): string =>
  msValue >= 10_000 ? `${(msValue / 1000).toFixed(0)} s` : msValue >= 1000 ? `${(msValue / 1000).toFixed(1)} s` : `${msValue.toFixed(0)} ms`;

/** What limited the build, in words, with the numbers that say so. */
export function verdict(
  a: Pick<BuildAnalysis, 'wallMs' | 'workers' | 'workersSource' | 'criticalPathMs' | 'allBusyMs' | 'idleWorkerMs'> & { queuedMs?: number },
): BuildAnalysis['verdict'] {
  const w = `${a.workers} worker${a.workers === 1 ? '' : 's'}`;
  const chain = `the dependency chain takes ${secs(a.criticalPathMs)} of the ${secs(a.wallMs)} wall time`;
  const busyPct = a.wallMs > 0 ? Math.round((100 * a.allBusyMs) / a.wallMs) : 0;
  const idle = secs(a.idleWorkerMs);
  const guessed = a.workersSource === 'concurrency' ? ` (${w}: the most actions that ran at once; no trace gave the worker count)` : '';
  if (a.criticalPathMs < 0.6 * a.wallMs && a.allBusyMs >= 0.6 * a.wallMs) {
    return {
      kind: 'workers',
      text: `The build was limited by ${w}: ${chain}, and ${a.workers === 1 ? 'it was' : a.workers === 2 ? 'both were' : `all ${a.workers} were`} busy for ${busyPct}% of it${queue(a)}; more cores would help.${guessed}`,
    };
  }
  if (a.criticalPathMs >= 0.8 * a.wallMs) {
    return {
      kind: 'dependencies',
      text: `The build was limited by its dependency chain: ${chain}; more cores would not help, a shorter chain would (workers sat idle for ${idle} of worker time).${guessed}`,
    };
  }
  return {
    kind: 'mixed',
    text: `The build was partly limited by ${w} (all busy for ${busyPct}% of the wall time) and partly by waiting on dependencies (${idle} of idle worker time); ${chain}.${guessed}`,
  };
}

/** `, with 60 actions on average ready and waiting for a worker` (when that is at least one). */
function queue(a: { queuedMs?: number; wallMs: number }): string {
  const avg = a.queuedMs !== undefined && a.wallMs > 0 ? a.queuedMs / a.wallMs : 0;
  return avg >= 1 ? `, with ${avg.toFixed(0)} actions on average ready and waiting for a worker` : '';
}
