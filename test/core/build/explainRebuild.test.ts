import { describe, expect, test } from 'vitest';
import { parseCacheHash, type CacheHashRun } from '../../../src/core/build/cacheHash';
import { explainRebuild } from '../../../src/core/build/explainRebuild';
import type { ActionVerdict, RebuildExplanation } from '../../../src/shared/contract/explain';
import { cacheHashBlock, cacheHashFixture } from './fixtures';

// Each pair is a real first build of test/fixtures/explain/src and a build after one change
// (scripts/fixtures-explain.mjs), from an empty private GOCACHE.
const runs = new Map<string, CacheHashRun>();
const run = (toolchain: 'go1.26' | 'go1.24', name: string) => {
  const key = `${toolchain}/${name}`;
  if (!runs.has(key)) runs.set(key, parseCacheHash(cacheHashFixture(toolchain, name)));
  return runs.get(key)!;
};
const explain = (earlier: CacheHashRun, later: CacheHashRun) => {
  const r = explainRebuild(earlier, later);
  if (!r.ok) throw new Error(r.error);
  return r;
};
const changed = (r: Extract<RebuildExplanation, { ok: true }>) =>
  r.actions.filter((a) => a.status !== 'same');
const reasonsOf = (v: ActionVerdict | undefined) => v?.reasons.map((r) => `${r.kind}: ${r.detail}`);
const verdict = (r: Extract<RebuildExplanation, { ok: true }>, key: string) =>
  r.actions.find((a) => a.key === key);

describe('explainRebuild on real go1.26.8 builds', () => {
  const first = run('go1.26', 'first');

  test('the same build again: every action has the same ID (a cache hit), nothing to explain', () => {
    const r = explain(first, run('go1.26', 'again'));
    expect(r.counts).toEqual({ same: 33, changed: 0, new: 0, unknown: 0 });
    expect(r.summary).toEqual([]);
  });

  test('main.go edited: the main package and the link, nothing else', () => {
    const r = explain(first, run('go1.26', 'edit-main'));
    expect(changed(r).map((a) => a.key)).toEqual(['build example.org/x', 'link example.org/x']);
    expect(reasonsOf(verdict(r, 'build example.org/x'))).toEqual(['file: main.go changed']);
    expect(reasonsOf(verdict(r, 'link example.org/x'))).toEqual([
      'dependency: dependency example.org/x changed, because main.go changed',
    ]);
    expect(r.summary).toEqual([{ kind: 'file', detail: 'main.go changed', actions: 2 }]);
  });

  test('a dependency edited: the chain up to the link is followed to ledger.go', () => {
    const r = explain(first, run('go1.26', 'edit-ledger'));
    expect(changed(r).map((a) => a.key)).toEqual([
      'build example.org/x/ledger',
      'build example.org/x/report',
      'build example.org/x',
      'link example.org/x',
    ]);
    expect(reasonsOf(verdict(r, 'build example.org/x/ledger'))).toEqual(['file: ledger/ledger.go changed']);
    expect(reasonsOf(verdict(r, 'build example.org/x/report'))).toEqual([
      'dependency: dependency example.org/x/ledger changed, because ledger/ledger.go changed',
    ]);
    const link = verdict(r, 'link example.org/x')!;
    expect(link.reasons[0]!.via).toEqual(['example.org/x/ledger']);
    expect(link.roots).toEqual([{ kind: 'file', detail: 'ledger/ledger.go changed' }]);
    expect(r.summary).toEqual([{ kind: 'file', detail: 'ledger/ledger.go changed', actions: 4 }]);
  });

  test('a comment-only edit: ledger compiles again to the same output, so nothing above it does', () => {
    const r = explain(first, run('go1.26', 'comment-ledger'));
    expect(changed(r).map((a) => a.key)).toEqual(['build example.org/x/ledger']);
    expect(verdict(r, 'build example.org/x/report')!.status).toBe('same');
  });

  test('-gcflags=all=-N: every compile and the link, one root cause', () => {
    const r = explain(first, run('go1.26', 'gcflags'));
    expect(r.counts.changed).toBe(33);
    expect(r.summary).toEqual([{ kind: 'flag', detail: '-gcflags changed from (none) to -N', actions: 33 }]);
    // The main package's build info records the flag too; it is named once.
    expect(reasonsOf(verdict(r, 'build example.org/x'))).toEqual([
      'flag: -gcflags changed from (none) to -N',
    ]);
  });

  test('GOAMD64=v3: every compile and the link', () => {
    const r = explain(first, run('go1.26', 'goamd64'));
    expect(r.summary).toEqual([{ kind: 'env', detail: 'GOAMD64 changed from v1 to v3', actions: 33 }]);
    expect(reasonsOf(verdict(r, 'build runtime'))).toEqual(['env: GOAMD64 changed from v1 to v3']);
  });

  test('go vet after a dependency edit: the vet actions follow their compile', () => {
    const r = explain(run('go1.26', 'vet-first'), run('go1.26', 'vet-edit-ledger'));
    expect(reasonsOf(verdict(r, 'vet example.org/x/ledger'))).toEqual([
      'dependency: the compile of example.org/x/ledger changed, because ledger/ledger.go changed',
    ]);
    expect(verdict(r, 'vet example.org/x/report')!.roots).toEqual([
      { kind: 'file', detail: 'ledger/ledger.go changed' },
    ]);
  });
});

describe('explainRebuild across toolchains (GOTOOLCHAIN=go1.24.0, real)', () => {
  test('a dependency edit under go1.24.0 reads the same', () => {
    const r = explain(run('go1.24', 'first'), run('go1.24', 'edit-ledger'));
    expect(r.summary).toEqual([{ kind: 'file', detail: 'ledger/ledger.go changed', actions: 4 }]);
  });

  test('go1.24.0 then go1.26.8: the toolchain is the cause, the new standard library brings new actions', () => {
    const r = explain(run('go1.24', 'first'), run('go1.26', 'first'));
    expect(r.summary[0]).toMatchObject({
      kind: 'toolchain',
      detail: 'the Go toolchain changed from go1.24.0 to go1.26.8',
    });
    expect(r.summary.map((s) => s.kind).sort()).toEqual(['new', 'toolchain']);
    expect(reasonsOf(verdict(r, 'build example.org/x/ledger'))).toEqual([
      'toolchain: the Go toolchain changed from go1.24.0 to go1.26.8',
    ]);
    expect(r.counts.same).toBe(0);
    expect(r.counts.new).toBeGreaterThan(0);
    for (const v of r.actions.filter((a) => a.status === 'new')) expect(v.reasons[0]!.kind).toBe('new');
  });
});

describe('explainRebuild refuses or holds back', () => {
  test('two different modules: a clear error', () => {
    const other = parseCacheHash(
      cacheHashFixture('go1.26', 'first').replaceAll('example.org/x', 'example.net/other'),
    );
    const r = explainRebuild(run('go1.26', 'first'), other);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/different modules \(example\.org\/x and example\.net\/other\)/);
  });

  test('a later run cut short: the cut action is unknown and no action gets a reason the whole run would not give', () => {
    const full = explain(run('go1.26', 'first'), run('go1.26', 'edit-ledger'));
    const text = cacheHashFixture('go1.26', 'edit-ledger');
    const byKey = new Map(full.actions.map((a) => [a.key, a]));
    for (let i = 1; i <= 40; i++) {
      const cut = explain(
        run('go1.26', 'first'),
        parseCacheHash(text.slice(0, Math.floor((text.length * i) / 40))),
      );
      for (const v of cut.actions) {
        if (v.status === 'unknown') continue;
        const whole = byKey.get(v.key)!;
        expect(v.status).toBe(whole.status);
        for (const reason of v.reasons) {
          const known = whole.reasons.some((w) => w.detail === reason.detail);
          // Without its dependency's record, a reason may only say less, never something else.
          expect(known || (reason.kind === 'dependency' && /changed \(/.test(reason.detail))).toBe(true);
        }
      }
    }
    const half = explain(
      run('go1.26', 'first'),
      parseCacheHash(text.slice(0, text.indexOf('HASH[link example.org/x]: "linkflags'))),
    );
    expect(verdict(half, 'link example.org/x')!.status).toBe('unknown');
    expect(half.problems.join('\n')).toMatch(/later run: link example.org\/x: its hash has no sum/);
  });

  test('a damaged earlier record: unknown, not guessed', () => {
    const damaged = cacheHashFixture('go1.26', 'first').replace(
      'HASH[build example.org/x/report]: "GOAMD64=v1\\n"',
      'HASH[build example.org/x/report]: "GOAMD64=v2\\n"',
    );
    const r = explain(parseCacheHash(damaged), run('go1.26', 'edit-ledger'));
    expect(verdict(r, 'build example.org/x/report')).toMatchObject({ status: 'unknown', reasons: [] });
    expect(verdict(r, 'build example.org/x/ledger')!.status).toBe('changed');
  });
});

describe('explainRebuild on hand-made runs', () => {
  const pkg = (files: string[], extra = '') => [
    'go1.26.8',
    'compile\n',
    'omitdebug false standard false local false prefix ""\n',
    ...files.map(
      (f) =>
        `file ${f} ${(f + extra + 'AAAAAAAAAAAAAAAAAAAA').slice(0, 20).replace(/[^A-Za-z0-9_-]/g, 'A')}\n`,
    ),
  ];
  test('a package and its test variant share a name: paired by their files, in either order', () => {
    const key = 'build example.org/p';
    const plain = (x = '') => cacheHashBlock(key, pkg(['p.go'], x));
    const variant = (x = '') => cacheHashBlock(key, pkg(['p.go', 'p_test.go'], x));
    const earlier = parseCacheHash(`${plain()}\n${variant()}\n`);
    const later = parseCacheHash(`${variant('B')}\n${plain()}\n`);
    expect(later.actions.every((a) => a.complete)).toBe(true);
    const r = explain(earlier, later);
    expect(r.actions.map((a) => a.status)).toEqual(['changed', 'same']);
    expect(r.actions[0]!.reasons.map((x) => x.detail)).toEqual([
      'example.org/p/p.go changed',
      'example.org/p/p_test.go changed',
    ]);
  });

  test("two runs whose -gcflags differ only in gopsy's run folders: said in the user's terms", () => {
    const key = 'build example.org/p';
    const compile = (run: string, extra = '') => [
      'go1.26.8',
      `compile go1.26.8 [] ["-bench=/s/runs/0123456789abcdef/${run}/bench.txt" "-json=0,file:///s/runs/0123456789abcdef/${run}/logopt"${extra}]\n`,
      'file p.go AAAAAAAAAAAAAAAAAAAA\n',
    ];
    const earlier = parseCacheHash(cacheHashBlock(key, compile('20261206-104500-abcdef')) + '\n');
    const detail = (later: string[]) => explain(earlier, parseCacheHash(cacheHashBlock(key, later) + '\n')).actions[0]!.reasons.map((r) => `${r.kind}: ${r.detail}`);
    expect(detail(compile('20261206-104612-0a1b2c'))).toEqual([
      "flag: gopsy's per-run capture flags (-bench/-json paths) differ: this profile recompiles every package each run",
    ]);
    // Another flag beside the run folders is named as it is.
    expect(detail(compile('20261206-104612-0a1b2c', ' "-N"'))[0]).toMatch(/^flag: -gcflags changed from -bench=/);
  });
});
