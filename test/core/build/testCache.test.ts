import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  explainTestCache,
  parseTestCache,
  type TestCacheRecord,
  type TestCacheRun,
} from '../../../src/core/build/testCache';

// Real go1.26.8 `go test .` runs of test/fixtures/testcache/src (scripts/fixtures-testcache.mjs), each
// after one change from the run before it, from an empty private GOCACHE. hashed/: GODEBUG=gocachetest=1,gocachehash=1;
// plain/: GODEBUG=gocachetest=1 only.
const dir = path.join(__dirname, '..', '..', 'fixtures', 'testcache');
const text = (mode: 'hashed' | 'plain', name: string) =>
  mode === 'hashed'
    ? gunzipSync(readFileSync(path.join(dir, mode, `${name}.txt.gz`))).toString('utf8')
    : readFileSync(path.join(dir, mode, `${name}.txt`), 'utf8');
const parsed = new Map<string, TestCacheRun>();
const run = (mode: 'hashed' | 'plain', name: string) => {
  const key = `${mode}/${name}`;
  if (!parsed.has(key)) parsed.set(key, parseTestCache(text(mode, name)));
  return parsed.get(key)!;
};
const PKG = 'example.org/demo';
/** The one package's record, and the explanation's problems. */
const explain = (later: TestCacheRun, earlier?: TestCacheRun) => {
  const r = explainTestCache(later, earlier);
  expect(r.records.map((x) => x.package)).toEqual([PKG]);
  return { record: r.records[0]!, problems: r.problems };
};
const reasons = (r: TestCacheRecord) => r.reasons.map((x) => `${x.kind}: ${x.detail}`);

describe('why the test ran again, on real GODEBUG=gocachetest=1,gocachehash=1 runs', () => {
  test('first run: no result of this binary and flags in the cache', () => {
    const { record, problems } = explain(run('hashed', 'first'));
    expect(record.cached).toBe(false);
    expect(record.reason?.kind).toBe('new');
    expect(record.testID).toMatch(/^[0-9a-f]{64}$/);
    expect(problems).toEqual([]);
  });

  test('the same again: (cached), no reason, the same test ID', () => {
    const { record, problems } = explain(run('hashed', 'again'), run('hashed', 'first'));
    expect(record).toMatchObject({ cached: true, reason: null, reasons: [] });
    expect(record.testID).toBe(explain(run('hashed', 'first')).record.testID);
    expect(problems).toEqual([]);
  });

  test('the env var the test reads changed: named, with both values', () => {
    const { record } = explain(run('hashed', 'env-changed'), run('hashed', 'again'));
    expect(record.cached).toBe(false);
    expect(reasons(record)).toEqual(['env: GOPSY_DEMO changed ("one" → "two")']);
  });

  test('a secret-looking env var changed: named, its values hidden everywhere', () => {
    const later = run('hashed', 'secret-changed');
    const { record } = explain(later, run('hashed', 'env-changed'));
    expect(reasons(record)).toEqual(['env: GOPSY_API_TOKEN (changed; value hidden)']);
    // The go command prints the value (HASH[getenv] lines); gopsy keeps it nowhere.
    expect(text('hashed', 'secret-changed')).toContain('demo-token-not-a-secret');
    const kept = JSON.stringify([later, explainTestCache(later, run('hashed', 'env-changed'))]);
    expect(kept).not.toContain('demo-token-not-a-secret');
    expect(later.packages[0]!.inputs?.find((i) => i.name === 'GOPSY_DEMO')?.value).toBe('two');
  });

  test('the file the test opens changed: named relative to the package', () => {
    const { record } = explain(run('hashed', 'file-changed'), run('hashed', 'secret-changed'));
    expect(reasons(record)).toEqual(['file: testdata/input.txt changed']);
  });

  test('the test source changed: the test binary changed', () => {
    const { record } = explain(run('hashed', 'binary-changed'), run('hashed', 'file-changed'));
    expect(reasons(record)).toEqual([
      'binary: the test binary changed (its sources or dependencies changed: see Why rebuilt)',
    ]);
  });

  test('a cacheable flag added: the flags are named', () => {
    const { record } = explain(run('hashed', 'run-flag'), run('hashed', 'binary-changed'));
    expect(reasons(record)).toEqual(['flag: the test flags changed: -run=TestGreet added']);
    expect(run('hashed', 'run-flag').packages[0]!.args).toEqual(['-timeout=10m0s', '-run=TestGreet']);
  });

  test('-count=1 turns caching off', () => {
    const { record } = explain(run('hashed', 'count-1'), run('hashed', 'run-flag'));
    expect(record.cached).toBe(false);
    expect(reasons(record)).toEqual(['flag: -count=1 turns off test caching']);
  });

  test('an uncacheable flag (-cpuprofile)', () => {
    const { record } = explain(run('hashed', 'cpuprofile'), run('hashed', 'count-1'));
    expect(record.reason?.kind).toBe('uncacheable');
    expect(record.reason?.detail).toMatch(
      /^-cpuprofile is not a cacheable flag: go test runs the test every time/,
    );
  });

  test('a file modified just before the run: the go command refuses to cache on it, which is not a damaged dump', () => {
    const { record, problems } = explain(run('hashed', 'file-too-new'), run('hashed', 'cpuprofile'));
    expect(reasons(record)).toEqual([
      'file: testdata/input.txt was modified less than 2 s before the run: the go command does not cache a result that read it',
    ]);
    expect(problems).toEqual([]);
  });

  test('go test -json: the summary is read from the events; -json adds -test.v=test2json, another test ID', () => {
    const later = run('hashed', 'json');
    expect(later.packages[0]!.result).toBe('ok');
    const { record } = explain(later, run('hashed', 'file-too-new'));
    expect(reasons(record)).toEqual(['flag: the test flags changed: -v=test2json added (go test -json)']);
  });

  test('without an earlier run a changed binary is only "new": never guessed', () => {
    expect(explain(run('hashed', 'binary-changed')).record.reason?.kind).toBe('new');
  });
});

describe('GODEBUG=gocachetest=1 alone (no input names printed)', () => {
  test('first, again, then an env var changed: the change is said, not named', () => {
    expect(explain(run('plain', 'first')).record.reason?.kind).toBe('new');
    expect(explain(run('plain', 'again'), run('plain', 'first')).record.cached).toBe(true);
    const { record } = explain(run('plain', 'env-changed'), run('plain', 'again'));
    expect(record.reason?.kind).toBe('other');
    expect(record.reason?.detail).toMatch(/^an environment variable or file the test read changed/);
  });

  test('after a failing run the same binary and flags find nothing: the earlier failure is the reason', () => {
    const failed = run('plain', 'fail');
    expect(failed.packages[0]!.result).toBe('fail');
    const { record } = explain(run('plain', 'fail-again'), failed);
    expect(record.cached).toBe(false);
    expect(reasons(record)).toEqual(['other: the earlier run failed: go test caches only passing results']);
  });

  test('the real lines it is based on', () => {
    expect(text('plain', 'env-changed')).toMatch(
      /^testcache: example\.org\/demo: test output not found: cache entry not found: /m,
    );
    expect(text('plain', 'first')).toMatch(/^testcache: example\.org\/demo: input list not found: /m);
  });
});

describe('damaged or unknown output', () => {
  test('a dump cut in the middle of a line: a problem and no reason guessed', () => {
    const full = text('plain', 'env-changed');
    const cut = full.slice(0, full.indexOf('=> input ID') + 20);
    const { record, problems } = explain(parseTestCache(cut), run('plain', 'again'));
    expect(record.cached).toBe(false);
    expect(record.reason?.kind).toBe('other');
    expect(record.reason?.detail).toMatch(/damaged/);
    expect(problems.some((p) => p.startsWith(`${PKG}: `))).toBe(true);
  });

  test('a hash dump cut inside the inputs block: the env var is not named from half a list', () => {
    const full = text('hashed', 'env-changed');
    // Each GOPSY_DEMO input line cut short: those blocks are dropped, their sums never reached.
    const garbled = full.replace(
      /HASH\[testInputs\]: "env GOPSY_DEMO [0-9a-f]+\\n"/g,
      'HASH[testInputs]: "env GOPSY_DEM',
    );
    expect(garbled).not.toBe(full);
    const { record, problems } = explain(parseTestCache(garbled), run('hashed', 'again'));
    expect(record.reasons.some((r) => r.kind === 'env')).toBe(false);
    expect(problems.some((p) => p.includes('HASH[testInputs]'))).toBe(true);
  });

  test('a garbled testcache line of a package is named, never read as a reason', () => {
    const garbled = text('plain', 'again').replace(/test ID [0-9a-f]{6}/, 'test ID zz');
    expect(garbled).not.toBe(text('plain', 'again'));
    const { record, problems } = explain(parseTestCache(garbled));
    expect(record.reason?.kind).toBe('other');
    expect(problems.join('\n')).toMatch(/unrecognised line: testcache: example\.org\/demo: test ID zz/);
  });

  test('output without gocachetest lines: the format is said not recognised', () => {
    const r = explainTestCache(parseTestCache('ok  \texample.org/demo\t0.004s\n'));
    expect(r.problems[0]).toMatch(/^Format not recognised/);
    expect(r.records[0]?.reason?.detail).toMatch(/did not say why/);
  });

  // Seen on go1.26.8: `go test` without package arguments, and `go test x_test.go` outside any module.
  test('local directory mode: no package argument, never cached', () => {
    const r = explainTestCache(
      parseTestCache(
        'testcache: caching disabled in local directory mode\ntestcache: caching disabled in local directory mode\nPASS\nok  \texample.org/demo\t0.002s\n',
      ),
    );
    expect(r.records.map((x) => [x.package, x.cached, x.reason?.kind])).toEqual([
      ['example.org/demo', false, 'uncacheable'],
    ]);
  });

  test('a package outside any module: never cached, for that package only', () => {
    const line =
      'testcache: caching disabled for package outside of module root, GOPATH, or GOROOT: command-line-arguments\n';
    // Beside it, a cached package (its lines in the shape of the real ones, made-up IDs).
    const [t, i, o] = ['1'.repeat(64), '2'.repeat(64), '3'.repeat(64)];
    const cachedPkg = `testcache: example.org/demo: test ID 6162 => ${t}\ntestcache: example.org/demo: test ID ${t} => input ID ${i} => ${o}\nok  \texample.org/demo\t(cached)\n`;
    const r = explainTestCache(
      parseTestCache(`${line}${line}ok  \tcommand-line-arguments\t0.002s\n${cachedPkg}`),
    );
    expect(r.records.map((x) => [x.package, x.cached, x.reason?.kind])).toEqual([
      ['command-line-arguments', false, 'uncacheable'],
      ['example.org/demo', true, undefined],
    ]);
    expect(r.problems).toEqual([]);
  });
});
