import { describe, expect, test } from 'vitest';
import { parseCacheHash, type CacheHashAction, type CacheHashRun } from '../../../src/core/build/cacheHash';
import { explainRebuild } from '../../../src/core/build/explainRebuild';
import type { ActionInputLine } from '../../../src/shared/contract/explain';
import {
  causeGroups,
  comparedWith,
  didRun,
  earlierRuns,
  explainErrorText,
  queryActions,
  reasonText,
  rootKey,
  runIdTime,
  sideBySide,
  summarySentence,
  type ActionQuery,
  type Explained,
} from '../../../src/renderer/src/panels/build/whyRebuiltModel';
import { cacheHashFixture } from '../../core/build/fixtures';

// Explanations come from the real core on real go1.26.8 builds of test/fixtures/explain/src (a first
// build, then one change each), as the backend computes them.
const run = (name: string) => parseCacheHash(cacheHashFixture('go1.26', name));
const explained = (earlier: CacheHashRun, later: CacheHashRun): Explained => {
  const r = explainRebuild(earlier, later);
  if (!r.ok) throw new Error(r.error);
  return r;
};
/** The later run cut off after 60 % of its lines, as a build killed while it printed leaves it. */
const cutShort = (name: string) => {
  const lines = cacheHashFixture('go1.26', name).split('\n');
  return parseCacheHash(lines.slice(0, Math.floor(lines.length * 0.6)).join('\n'));
};
const all: ActionQuery = { text: '', cause: null, sort: null };
const keys = (x: Explained, q: Partial<ActionQuery> = {}) => queryActions(x, { ...all, ...q }).map((a) => a.key);

describe('the answer in one sentence', () => {
  test('the same build again: everything from the cache', () => {
    expect(summarySentence(explained(run('first'), run('again')))).toBe('Everything came from the cache (33 of 33 actions unchanged).');
  });

  test('one edited file: the actions that ran and the one root cause', () => {
    expect(summarySentence(explained(run('first'), run('edit-ledger')))).toBe('4 of 33 actions ran, 29 from the cache; 1 root cause: ledger/ledger.go changed → 4 actions.');
  });

  test('two changes at once: both root causes, most actions first', () => {
    expect(summarySentence(explained(run('edit-ledger'), run('gcflags')))).toBe(
      '33 of 33 actions ran, 0 from the cache; 2 root causes: -gcflags changed from (none) to -N → 33 actions; ledger/ledger.go changed → 4 actions.',
    );
  });

  test('new actions (vet) are a cause of their own', () => {
    expect(summarySentence(explained(run('first'), run('vet-edit-ledger')))).toBe(
      '4 of 4 actions ran, 0 from the cache; 2 root causes: ledger/ledger.go changed → 2 actions; not in the earlier build (vet actions new to this build) → 2 actions.',
    );
  });

  test('a record cut short: its action could not be compared, and the sentence says so', () => {
    const x = explained(run('first'), cutShort('edit-ledger'));
    expect(summarySentence(x)).toBe('2 of 7 actions ran, 5 from the cache; 1 root cause: ledger/ledger.go changed → 1 action; 1 action could not be compared.');
    expect(x.problems).toEqual(['later run: build internal/chacha8rand: its hash has no sum (the output ends before it)']);
    // The unknown action is listed with the ones that ran, never hidden.
    expect(queryActions(x, all).map((a) => [a.key, a.status])).toEqual([
      ['build example.org/x/ledger', 'changed'],
      ['build internal/chacha8rand', 'unknown'],
    ]);
  });

  test('more causes than the sentence names are counted', () => {
    const x = explained(run('edit-ledger'), run('gcflags'));
    const extra = ['a.go changed', 'b.go changed'].map((detail) => ({ kind: 'file' as const, detail, actions: 1 }));
    expect(summarySentence({ ...x, summary: [...x.summary, ...extra] })).toBe(
      '33 of 33 actions ran, 0 from the cache; 4 root causes: -gcflags changed from (none) to -N → 33 actions; ledger/ledger.go changed → 4 actions; a.go changed → 1 action; and 1 more.',
    );
  });
});

describe('which run it is compared with', () => {
  test('a run id is the UTC time the run started', () => {
    expect(runIdTime('20261206-101500-ab12cd')).toBe(Date.UTC(2026, 11, 6, 10, 15, 0));
    expect(runIdTime('not-a-run')).toBeNull();
  });

  test('the sentence gives how much earlier', () => {
    expect(comparedWith('20261206-102900-000001', '20261206-101500-ab12cd')).toBe('compared with run 20261206-101500-ab12cd, 14 min earlier');
    expect(comparedWith('20261208-101500-000001', '20261206-101500-ab12cd')).toBe('compared with run 20261206-101500-ab12cd, 2 days earlier');
    expect(comparedWith('20261206-101530-000001', '20261206-101500-ab12cd')).toBe('compared with run 20261206-101500-ab12cd, 30 s earlier');
  });

  test('the picker offers the finished runs started before this one, newest first', () => {
    const runs = [
      { id: '20261206-110000-aaaaaa', status: 'succeeded', profileName: 'Later' },
      { id: '20261206-100000-bbbbbb', status: 'running', profileName: 'Running' },
      { id: '20261206-090000-cccccc', status: 'failed', profileName: 'Old' },
      { id: '20261206-101500-dddddd', status: 'succeeded', profileName: 'Recent' },
      { id: '20261206-103000-eeeeee', status: 'succeeded', profileName: 'This' },
    ];
    expect(earlierRuns(runs, '20261206-103000-eeeeee')).toEqual([
      { id: '20261206-101500-dddddd', label: '20261206-101500-dddddd · Recent · succeeded · 15 min earlier' },
      { id: '20261206-090000-cccccc', label: '20261206-090000-cccccc · Old · failed · 2 h earlier' },
    ]);
  });
});

describe('root causes, reasons and the list of actions that ran', () => {
  const x = explained(run('edit-ledger'), run('gcflags'));
  const [gcflags, ledger] = causeGroups(x);

  test('causes are grouped with their action counts, and each filters the list', () => {
    expect(causeGroups(x).map((g) => [g.kind, g.detail, g.actions])).toEqual([
      ['flag', '-gcflags changed from (none) to -N', 33],
      ['file', 'ledger/ledger.go changed', 4],
    ]);
    expect(keys(x, { cause: ledger!.key })).toEqual(['build example.org/x/ledger', 'build example.org/x/report', 'build example.org/x', 'link example.org/x']);
    expect(keys(x, { cause: gcflags!.key })).toHaveLength(33);
    // Every action a cause counts is in its filtered list.
    for (const g of causeGroups(x)) expect(queryActions(x, { ...all, cause: g.key }).length).toBe(g.actions);
  });

  test('a changed dependency shows its chain down to the root cause', () => {
    const e = explained(run('first'), run('edit-ledger'));
    const text = (key: string) => {
      const a = e.actions.find((v) => v.key === key)!;
      return a.reasons.map((r) => reasonText(a.package, r));
    };
    expect(text('build example.org/x/ledger')).toEqual(['ledger/ledger.go changed']);
    expect(text('build example.org/x/report')).toEqual(['example.org/x/report ← example.org/x/ledger: ledger/ledger.go changed']);
    expect(text('link example.org/x')).toEqual(['example.org/x ← example.org/x/ledger: ledger/ledger.go changed']);
    // A link of the package that changed itself: the core's sentence, not a chain of one.
    const m = explained(run('first'), run('edit-main'));
    const link = m.actions.find((v) => v.key === 'link example.org/x')!;
    expect(link.reasons.map((r) => reasonText(link.package, r))).toEqual(['dependency example.org/x changed, because main.go changed']);
  });

  test('a dependency with two root causes names the first and counts the rest', () => {
    const report = x.actions.find((v) => v.key === 'build example.org/x/report')!;
    expect(report.reasons.map((r) => reasonText(report.package, r))).toEqual([
      '-gcflags changed from (none) to -N',
      'example.org/x/report ← example.org/x/ledger: -gcflags changed from (none) to -N (and 1 more cause)',
    ]);
  });

  test('the filter matches package, mode and reason words, all of them, in any case', () => {
    const e = explained(run('first'), run('edit-ledger'));
    expect(keys(e, { text: 'REPORT' })).toEqual(['build example.org/x/report']);
    expect(keys(e, { text: 'link ledger.go' })).toEqual(['link example.org/x']);
    expect(keys(e, { text: 'ledger.go' })).toHaveLength(4);
    expect(keys(e, { text: 'gcflags' })).toEqual([]);
    expect(keys(x, { text: 'internal/abi', cause: ledger!.key })).toEqual([]);
  });

  test('only actions that ran are listed; sorting by package or mode, either way', () => {
    const e = explained(run('first'), run('edit-ledger'));
    expect(queryActions(e, all).every(didRun)).toBe(true);
    expect(keys(e, { sort: { key: 'package', dir: 'asc' } })).toEqual([
      'build example.org/x',
      'link example.org/x',
      'build example.org/x/ledger',
      'build example.org/x/report',
    ]);
    expect(keys(e, { sort: { key: 'package', dir: 'desc' } })).toEqual([
      'build example.org/x/report',
      'build example.org/x/ledger',
      'link example.org/x',
      'build example.org/x',
    ]);
    expect(keys(e, { sort: { key: 'mode', dir: 'desc' } })[0]).toBe('link example.org/x');
  });

  test('root keys tell causes of different kinds apart', () => {
    expect(rootKey({ kind: 'file', detail: 'x' })).not.toBe(rootKey({ kind: 'flag', detail: 'x' }));
  });
});

/** One action's inputs side by side, paired by slot as build.explainAction pairs them. */
function inputLines(earlier: CacheHashAction, later: CacheHashAction): ActionInputLine[] {
  const before = new Map(earlier.inputs.map((i) => [i.slot, i]));
  const after = new Map(later.inputs.map((i) => [i.slot, i]));
  const slots = [...new Set([...after.keys(), ...before.keys()])];
  return slots.map((slot) => {
    const b = before.get(slot);
    const a = after.get(slot);
    return { slot, kind: (a ?? b)!.kind, earlier: b?.text ?? null, later: a?.text ?? null, changed: b?.text !== a?.text };
  });
}

describe('an action’s inputs side by side', () => {
  const action = (name: string, key: string) => run(name).actions.find((a) => a.key === key)!;

  test('an edited file: one changed line among the unchanged ones, all or only the changed', () => {
    const lines = inputLines(action('first', 'build example.org/x/ledger'), action('edit-ledger', 'build example.org/x/ledger'));
    const every = sideBySide(lines, false);
    expect(every.rows).toHaveLength(lines.length);
    expect(every.hidden).toBe(0);
    expect(every.changed).toBe(1);
    const only = sideBySide(lines, true);
    expect(only.rows.map((r) => r.slot)).toEqual(['file ledger.go']);
    expect(only.rows[0]!.earlier).not.toBe(only.rows[0]!.later);
    expect(only.hidden).toBe(lines.length - 1);
  });

  test('a flag: the compile line differs; a line only one run has is null on the other side', () => {
    const lines = inputLines(action('first', 'build example.org/x/ledger'), action('gcflags', 'build example.org/x/ledger'));
    const only = sideBySide(lines, true);
    expect(only.rows.map((r) => r.slot)).toContain('compile');
    expect(only.rows.find((r) => r.slot === 'compile')!.later).toContain('-N');
  });

  test('a line only the later run has (a file added, made by leaving it out of the earlier record) is a changed row', () => {
    const earlier = action('first', 'build example.org/x/ledger');
    const lines = inputLines({ ...earlier, inputs: earlier.inputs.filter((i) => i.slot !== 'file ledger.go') }, action('first', 'build example.org/x/ledger'));
    expect(sideBySide(lines, true).rows).toEqual([{ slot: 'file ledger.go', kind: 'file', earlier: null, later: expect.stringMatching(/^file ledger\.go /), changed: true }]);
  });
});

describe('errors in plain words', () => {
  test('a run without recorded inputs says how to record them', () => {
    const t = explainErrorText('no-hash-inputs', 'run 1 has no cachehash.txt');
    expect(t.title).toMatch(/did not record/);
    expect(t.advice).toMatch(/capture\.rebuildReasons/);
    expect(t.advice).toMatch(/GODEBUG=gocachehash=1/);
  });

  test('no earlier run, and any other error as the backend says it', () => {
    expect(explainErrorText('no-earlier-run', 'x').title).toMatch(/no earlier run/);
    expect(explainErrorText('internal', 'build.explain failed: disk full')).toEqual({ title: 'build.explain failed: disk full' });
  });
});
