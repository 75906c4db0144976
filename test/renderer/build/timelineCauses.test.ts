import { describe, expect, test } from 'vitest';
import { parseCacheHash } from '../../../src/core/build/cacheHash';
import { explainRebuild } from '../../../src/core/build/explainRebuild';
import type { TimelineBar } from '../../../src/shared/build';
import { barCauses, barClick, barKey, barOpensCompileCost, CAUSE_COLOURS, isCompile } from '../../../src/renderer/src/panels/build/timelineCauses';
import { MODE_COLOURS, modeColour } from '../../../src/renderer/src/panels/build/format';
import type { Explained } from '../../../src/renderer/src/panels/build/whyRebuiltModel';
import { cacheHashFixture } from '../../core/build/fixtures';

// Explanations of real go1.26.8 builds of test/fixtures/explain/src (scripts/fixtures-explain.mjs); the
// timeline's bars are named as the action graph names the same actions (mode and package), one per
// action, a cache hit when its action ID did not change, plus a cache check the hash lines never name.
const run = (toolchain: 'go1.26' | 'go1.24', name: string) => parseCacheHash(cacheHashFixture(toolchain, name));
const explained = (earlier: ReturnType<typeof run>, later: ReturnType<typeof run>): Explained => {
  const r = explainRebuild(earlier, later);
  if (!r.ok) throw new Error(r.error);
  return r;
};
function barsOf(x: Explained): TimelineBar[] {
  const bars = x.actions.map((a, i) => ({ actionId: i + 1, lane: 0, mode: a.mode, package: a.package, start: i, end: i + 1, cacheHit: a.status === 'same', critical: false }));
  bars.push({ actionId: 999, lane: 0, mode: 'build check cache', package: 'example.org/x', start: 0, end: 0.1, cacheHit: false, critical: false });
  return bars;
}

describe('the timeline marks each action that ran by its main root cause', () => {
  test('one edited file: the ledger package and everything above it are marked "file"; cache hits keep their look', () => {
    const x = explained(run('go1.26', 'first'), run('go1.26', 'edit-ledger'));
    const bars = barsOf(x);
    const c = barCauses(bars, x);
    expect(c.legend).toEqual([{ mark: 'file', bars: 4 }]);
    const marked = bars.filter((b) => c.marks.has(b.actionId)).map(barKey).sort();
    expect(marked).toEqual(x.actions.filter((a) => a.status !== 'same').map((a) => a.key).sort());
    expect(marked).toContain('build example.org/x/ledger');
    // Every bar the explanation names keeps its verdict (for the click); the cache check has none.
    expect(c.verdicts.size).toBe(x.actions.length);
    expect(c.verdicts.has(999)).toBe(false);
  });

  test('a changed flag, a changed env var, new vet actions and another toolchain each get their colour', () => {
    const flag = explained(run('go1.26', 'edit-ledger'), run('go1.26', 'gcflags'));
    // -gcflags made all 33 run and is the first root cause: every bar is "flag", even the ledger's.
    expect(barCauses(barsOf(flag), flag).legend).toEqual([{ mark: 'flag', bars: 33 }]);
    const env = explained(run('go1.26', 'first'), run('go1.26', 'goamd64'));
    expect(barCauses(barsOf(env), env).legend.map((l) => l.mark)).toEqual(['env']);
    const vet = explained(run('go1.26', 'first'), run('go1.26', 'vet-edit-ledger'));
    expect(barCauses(barsOf(vet), vet).legend).toEqual([
      { mark: 'file', bars: 2 },
      { mark: 'new', bars: 2 },
    ]);
    const toolchain = explained(run('go1.24', 'first'), run('go1.26', 'first'));
    expect(barCauses(barsOf(toolchain), toolchain).legend[0]!.mark).toBe('toolchain');
    expect(new Set(Object.values(CAUSE_COLOURS)).size).toBe(Object.keys(CAUSE_COLOURS).length);
    // No cause looks like a mode's own colour (a compile, a link, a cache hit).
    for (const c of Object.values(CAUSE_COLOURS)) expect(Object.values(MODE_COLOURS).concat(modeColour('build', true))).not.toContain(c);
  });

  test('a click: a rebuilt bar opens its reasons; a compile of a run with pass times offers its functions, a double click opens them', () => {
    const x = explained(run('go1.26', 'first'), run('go1.26', 'edit-ledger'));
    const bars = barsOf(x);
    const c = barCauses(bars, x);
    const ledger = bars.find((b) => barKey(b) === 'build example.org/x/ledger')!;
    const click = barClick(ledger, c, true);
    expect(click.kind).toBe('reasons');
    expect(click.kind === 'reasons' && click.verdict.reasons.map((r) => r.detail)).toEqual(['ledger/ledger.go changed']);
    // Without rebuild reasons (a Build timing run), the same compile offers its package's functions; a double click opens them.
    expect(barClick(ledger, null, true)).toEqual({ kind: 'compile', package: 'example.org/x/ledger' });
    expect(barOpensCompileCost(ledger, true)).toBe('example.org/x/ledger');
    expect(barOpensCompileCost(ledger, false)).toBeNull();
    // A cache hit compiled nothing: no functions to show; a link is no compile.
    const cached = bars.find((b) => b.cacheHit && b.mode === 'build')!;
    expect(isCompile(cached)).toBe(false);
    expect(barClick(cached, null, true)).toEqual({ kind: 'select' });
    expect(barOpensCompileCost(cached, true)).toBeNull();
    const link = bars.find((b) => b.mode === 'link')!;
    expect(barClick(link, null, true)).toEqual({ kind: 'select' });
    expect(barClick(ledger, null, false)).toEqual({ kind: 'select' });
  });
});
