import { describe, expect, test } from 'vitest';
import { buildTimeline, criticalPath, parseActionGraph, parseBuildTrace, parseGoTime } from '../../../src/core/build';
import { buildFixture } from './fixtures';

describe('parseActionGraph (real -debug-actiongraph output)', () => {
  const { actions, error } = parseActionGraph(buildFixture('pass.actiongraph.json'));

  test('reads every action with its mode, package and times', () => {
    expect(error).toBeUndefined();
    expect(actions.length).toBe(140);
    const link = actions.find((a) => a.mode === 'link')!;
    expect(link.package).toBe('example.com/inventory');
    expect(link.cmd?.[0]).toMatch(/\/link -o /);
    expect(link.cmdMs).toBeGreaterThan(0);
    expect(link.doneMs!).toBeGreaterThanOrEqual(link.startMs!);
  });

  test('compiles of the sample ran; the standard library came from the warmed cache', () => {
    const store = actions.find((a) => a.mode === 'build' && a.package === 'example.com/inventory/store')!;
    expect(store.cacheHit).toBe(false);
    expect(store.cmd?.[0]).toContain('-bench=@RUN@/bench.txt');
    const fmt = actions.find((a) => a.mode === 'build' && a.package === 'fmt')!;
    expect(fmt.cacheHit).toBe(true);
    expect(fmt.cmd).toBeNull();
  });

  test('a rebuild with identical flags is all cache hits', () => {
    const cached = parseActionGraph(buildFixture('cached.actiongraph.json')).actions;
    const builds = cached.filter((a) => a.mode === 'build');
    expect(builds.length).toBeGreaterThan(60);
    expect(builds.every((a) => a.cacheHit)).toBe(true);
  });

  test('keeps nanosecond fractions that Date.parse would drop', () => {
    // 691 ns apart: Date.parse would say 0; a double near 1.8e12 ms still resolves ~0.1 µs.
    const delta = parseGoTime('2026-11-26T22:51:10.850591039Z')! - parseGoTime('2026-11-26T22:51:10.850590348Z')!;
    expect(delta).toBeGreaterThan(0.0005);
    expect(delta).toBeLessThan(0.0009);
    expect(parseGoTime('not a time')).toBeUndefined();
  });

  test('bad input gives a message, never a throw', () => {
    const full = buildFixture('pass.actiongraph.json');
    expect(parseActionGraph(full.slice(0, full.length / 2)).error).toMatch(/not valid JSON/);
    expect(parseActionGraph('').error).toMatch(/empty/);
    expect(parseActionGraph('{"ID":1}').error).toMatch(/not a JSON array/);
    expect(parseActionGraph('[1, "x", {"Mode":"build"}]').error).toMatch(/no recognisable actions/);
  });
});

describe('parseBuildTrace (real -debug-trace output)', () => {
  const text = buildFixture('pass.trace.json');
  const trace = parseBuildTrace(text);

  test('pairs the B/E events of each executed action with its worker', () => {
    expect(trace.error).toBeUndefined();
    expect(trace.truncated).toBe(false);
    const store = trace.spans.find((s) => s.action === 'build example.com/inventory/store')!;
    expect(store.endUs).toBeGreaterThan(store.startUs);
    expect(trace.spans.some((s) => s.action === 'link example.com/inventory')).toBe(true);
    expect(new Set(trace.spans.map((s) => s.tid)).size).toBeGreaterThan(0);
  });

  test('a trace cut off mid-build (no closing bracket, half a line) still yields the finished actions', () => {
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    const t = parseBuildTrace(cut);
    expect(t.truncated).toBe(true);
    expect(t.error).toMatch(/ends early/);
    expect(t.spans.length).toBeGreaterThan(0);
    expect(t.spans.length).toBeLessThan(trace.spans.length);
  });

  test('garbage is refused with a message', () => {
    expect(parseBuildTrace('').error).toMatch(/empty/);
    expect(parseBuildTrace('hello').error).toMatch(/not a Chrome trace/);
    expect(parseBuildTrace('[\nnot json\n]').error).toMatch(/no readable events/);
  });
});

describe('buildTimeline', () => {
  const { actions } = parseActionGraph(buildFixture('pass.actiongraph.json'));
  const { spans } = parseBuildTrace(buildFixture('pass.trace.json'));

  test('lays actions on the trace workers and marks the critical path ending in the link', () => {
    const tl = buildTimeline(actions, spans)!;
    expect(tl.laneSource).toBe('trace');
    expect(tl.lanes).toBeGreaterThanOrEqual(1);
    expect(tl.bars.every((b) => b.lane < tl.lanes && b.end >= b.start && b.start >= 0)).toBe(true);
    const crit = tl.bars.filter((b) => b.critical);
    expect(crit.map((b) => b.mode)).toContain('link');
    expect(tl.bars.some((b) => b.cacheHit && b.package === 'fmt')).toBe(true);
  });

  test('without a trace, lanes are packed so that bars on one lane never overlap', () => {
    const tl = buildTimeline(actions)!;
    expect(tl.laneSource).toBe('actiongraph');
    for (let lane = 0; lane < tl.lanes; lane++) {
      const bars = tl.bars.filter((b) => b.lane === lane).sort((a, b) => a.start - b.start);
      for (let i = 1; i < bars.length; i++) expect(bars[i]!.start).toBeGreaterThanOrEqual(bars[i - 1]!.end);
    }
  });

  test('the critical path is a dependency chain ending in the link', () => {
    const path = criticalPath(actions);
    const link = actions.find((a) => a.mode === 'link')!;
    expect(path.ids.at(-1)).toBe(link.id);
    expect(path.ids.length).toBeGreaterThan(2);
    expect(buildTimeline([])).toBeNull();
  });
});
