// The build analysis on real captures: the sample's build (standard library from the cache) and
// `go build -a -p 2 net/http` (scripts/fixtures-build-analysis.mjs), every package compiled by 2 workers.
import { describe, expect, test } from 'vitest';
import { analyseBuild, buildTimeline, criticalPath, HIDDEN_MODES, maxConcurrency, parseActionGraph, parseBuildTrace, verdict, workerCount } from '../../../src/core/build';
import type { BuildAction } from '../../../src/shared/build';
import { buildFixture } from './fixtures';

const own = (a: BuildAction) => (a.startMs !== undefined && a.doneMs !== undefined ? a.doneMs - a.startMs : 0);

/**
 * The longest chain ending in each action, by plain relaxation until nothing changes (a different
 * method from the analysis's depth-first pass, so that the two check each other).
 */
function longestByRelaxation(actions: BuildAction[]): number {
  const byId = new Map(actions.map((a) => [a.id, a]));
  const best = new Map(actions.map((a) => [a.id, own(a)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of actions) {
      const via = Math.max(0, ...a.deps.filter((d) => byId.has(d)).map((d) => best.get(d)!));
      if (via + own(a) > best.get(a.id)! + 1e-9) {
        best.set(a.id, via + own(a));
        changed = true;
      }
    }
  }
  return Math.max(...best.values());
}

/** True when `to` depends on `from` directly or through hidden bookkeeping actions only. */
function dependsOn(byId: Map<number, BuildAction>, to: number, from: number): boolean {
  const seen = new Set<number>();
  const stack = [...byId.get(to)!.deps];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (d === from) return true;
    if (seen.has(d)) continue;
    seen.add(d);
    const a = byId.get(d);
    if (a && HIDDEN_MODES.has(a.mode)) stack.push(...a.deps);
  }
  return false;
}

const captures = [
  { name: 'sample build (standard library cached)', graph: 'pass.actiongraph.json', trace: 'pass.trace.json' },
  { name: 'go build -a -p 2 net/http', graph: 'nethttp-p2.actiongraph.json', trace: 'nethttp-p2.trace.json' },
];

describe.each(captures)('critical path by dependencies: $name', ({ graph }) => {
  const { actions, error } = parseActionGraph(buildFixture(graph));
  const byId = new Map(actions.map((a) => [a.id, a]));
  const path = criticalPath(actions);

  test('the fixture is a real, complete action graph', () => {
    expect(error).toBeUndefined();
    expect(actions.filter((a) => a.mode === 'build').length).toBeGreaterThan(20);
  });

  test('is the longest chain of the actions’ own durations (waits for a worker are not on it)', () => {
    // The path's own durations add up to its length, and no chain in the graph is longer.
    const sum = path.ids.reduce((s, id) => s + own(byId.get(id)!), 0);
    expect(path.ms).toBeCloseTo(sum, 0);
    expect(path.ms).toBeCloseTo(longestByRelaxation(actions), 3);
  });

  test('each step depends on the one before and started after it ended', () => {
    expect(path.ids.length).toBeGreaterThan(3);
    for (let i = 1; i < path.ids.length; i++) {
      const prev = byId.get(path.ids[i - 1]!)!;
      const next = byId.get(path.ids[i]!)!;
      expect(dependsOn(byId, next.id, prev.id), `${next.mode} ${next.package} depends on ${prev.mode} ${prev.package}`).toBe(true);
      expect(next.startMs!).toBeGreaterThanOrEqual(prev.doneMs!);
    }
    expect(path.ids.every((id) => !HIDDEN_MODES.has(byId.get(id)!.mode))).toBe(true);
  });
});

describe('analyseBuild on go build -a -p 2 net/http', () => {
  const { actions } = parseActionGraph(buildFixture('nethttp-p2.actiongraph.json'));
  const trace = parseBuildTrace(buildFixture('nethttp-p2.trace.json'));
  const workers = workerCount(actions, trace.spans);
  const a = analyseBuild(actions, workers)!;

  test('two workers, from the trace’s worker ids, and never more than two actions at once', () => {
    expect(trace.error).toBeUndefined();
    expect(workers).toEqual({ count: 2, source: 'trace' });
    expect(maxConcurrency(actions)).toBe(2);
    // Without the trace, the count comes from the actions' times, and says so.
    expect(workerCount(actions, [])).toEqual({ count: 2, source: 'concurrency' });
  });

  test('the timeline puts every action on the worker the trace says ran it, `collect cgo` (no package) included', () => {
    expect(actions.some((x) => x.mode === 'collect cgo' && x.package === '')).toBe(true);
    const tl = buildTimeline(actions, trace.spans)!;
    expect(tl.laneSource).toBe('trace');
    expect(tl.lanes).toBe(2);
    // A worker runs one action at a time: bars on one lane never overlap.
    for (let lane = 0; lane < tl.lanes; lane++) {
      const bars = tl.bars.filter((b) => b.lane === lane).sort((x, y) => x.start - y.start);
      for (let i = 1; i < bars.length; i++) expect(bars[i]!.start).toBeGreaterThanOrEqual(bars[i - 1]!.end - 1e-6);
    }
  });

  test('worker time adds up: busy + idle = workers × wall time', () => {
    expect(a.busyMs + a.idleWorkerMs).toBeCloseTo(2 * a.wallMs, 0);
    expect(a.allBusyMs).toBeLessThanOrEqual(a.wallMs);
    expect(a.criticalPathMs).toBeLessThanOrEqual(a.wallMs + 1e-6);
    // With every package compiled on 2 workers, the build cannot be shorter than half its work.
    expect(a.wallMs).toBeGreaterThanOrEqual(a.busyMs / 2 - 1e-6);
  });

  test('per-package times add up to the actions’ own time; net/http’s compile is there and not cached', () => {
    const sum = a.packages.reduce((s, p) => s + p.compileMs + p.linkMs + p.otherMs, 0);
    expect(sum).toBeCloseTo(a.busyMs, 3);
    const nh = a.packages.find((p) => p.package === 'net/http')!;
    expect(nh.cacheHit).toBe(false);
    expect(nh.compileMs).toBeGreaterThan(0);
    expect(a.actions.every((r) => r.durationMs >= 0 && (r.queuedMs ?? 0) >= 0)).toBe(true);
  });

  test('each wait is a stretch with a worker idle, inside the build, waiting on actions that ran then', () => {
    expect(a.waits.length).toBeGreaterThan(0);
    const byId = new Map(a.actions.map((r) => [r.actionId, r]));
    for (const w of a.waits) {
      expect(w.startMs).toBeGreaterThanOrEqual(0);
      expect(w.startMs + w.durationMs).toBeLessThanOrEqual(a.wallMs + 1e-6);
      expect(w.running).toBeLessThan(a.workers);
      for (const id of w.waitingOn) {
        const r = byId.get(id)!;
        expect(r.startMs).toBeLessThan(w.startMs + w.durationMs);
        expect(r.startMs + r.durationMs).toBeGreaterThan(w.startMs);
      }
    }
    // The waits are idle worker time, so they cannot add up to more of it.
    expect(a.waits.reduce((s, w) => s + w.durationMs * (a.workers - w.running), 0)).toBeLessThanOrEqual(a.idleWorkerMs + 1e-3);
  });

  test('the verdict quotes the chain and the wall time it measured', () => {
    const s = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(0)} s` : `${(v / 1000).toFixed(1)} s`);
    expect(a.verdict.text).toContain(`the dependency chain takes ${s(a.criticalPathMs)} of the ${s(a.wallMs)} wall time`);
  });
});

describe('analyseBuild on the sample build (standard library cached)', () => {
  const { actions } = parseActionGraph(buildFixture('pass.actiongraph.json'));
  const a = analyseBuild(actions, workerCount(actions, parseBuildTrace(buildFixture('pass.trace.json')).spans))!;

  test('the sample’s own packages form a chain that takes most of the build: limited by dependencies, not workers', () => {
    expect(a.criticalPathMs).toBeGreaterThanOrEqual(0.8 * a.wallMs);
    expect(a.verdict.kind).toBe('dependencies');
    expect(a.verdict.text).toMatch(/^The build was limited by its dependency chain: .*more cores would not help/);
  });

  test('a graph with no timed action gives no analysis', () => {
    expect(analyseBuild([], { count: 2, source: 'concurrency' })).toBeNull();
  });
});

describe('verdict', () => {
  test('a CPU-bound build (the gopls case): limited by the workers, in words with the numbers', () => {
    const v = verdict({ wallMs: 151_000, workers: 2, workersSource: 'trace', criticalPathMs: 41_000, allBusyMs: 140_000, idleWorkerMs: 12_000, queuedMs: 151_000 * 60 });
    expect(v.kind).toBe('workers');
    expect(v.text).toBe(
      'The build was limited by 2 workers: the dependency chain takes 41 s of the 151 s wall time, and both were busy for 93% of it, with 60 actions on average ready and waiting for a worker; more cores would help.',
    );
  });

  test('a worker count guessed from the times says so', () => {
    const v = verdict({ wallMs: 10_000, workers: 3, workersSource: 'concurrency', criticalPathMs: 9_500, allBusyMs: 1_000, idleWorkerMs: 15_000 });
    expect(v.kind).toBe('dependencies');
    expect(v.text).toContain('no trace gave the worker count');
  });
});
