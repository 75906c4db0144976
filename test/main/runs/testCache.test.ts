// "Why did this test run again?" end to end with the real toolchain: a small module whose test reads an
// env var (os.Getenv) and a file, run with the built-in "Run tests" profile (go test, shared GOCACHE,
// GODEBUG=gocachetest=1,gocachehash=1) once, again (cached), after the env var changed, after the file
// changed, after the test source changed, and with -count=1; the reasons asked for over the contract
// (a connected backend) and through the built `gopsy explain`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Backend } from '../../../src/main/services/backend';
import { BUILT_IN_PROFILES } from '../../../src/main/services/runs/profiles';
import type { BuildProfile } from '../../../src/shared/api';
import type { TestCacheResult } from '../../../src/shared/contract/testCache';
import type { RpcClient } from '../../../src/shared/rpc';
import { connectedBackend, makeTemp, removeTemp, runToEnd } from '../../support/backend';

const REPO = path.resolve(__dirname, '../../..');
const BIN = path.join(REPO, 'bin/gopsy.js');
const GREET = 'example.com/greet';
const OTHER = 'example.com/greet/other';
/** The variable the test reads: not GOPSY_*, which gopsy keeps from the go command. */
const VAR = 'GREETING_LANG';

/** A module of two packages: greet's test reads GREETING_LANG and testdata/input.txt, other's reads nothing. */
const MODULE = path.join(REPO, 'test/fixtures/testcache/greet');

let project: string;
let storage: string;
let backend: Backend;
let api: RpcClient;
const ids = { first: '', again: '', env: '', file: '', binary: '', count: '' };

const runTests = (): BuildProfile => structuredClone(BUILT_IN_PROFILES.find((p) => p.name === 'Run tests')!);

/** Sets a file's time a minute back: go test does not cache a result that read a file modified in the last 2 s. */
async function age(file: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await utimes(file, past, past);
}

async function run(profile: BuildProfile): Promise<string> {
  const done = await runToEnd(api, profile);
  const consoleText = await readFile(path.join(backend.runs.store.runDir(project, done.id), 'console.txt'), 'utf8').catch(() => '');
  expect(done.status, `exit ${done.exitCode}:\n${consoleText.slice(-2000)}`).toBe('succeeded');
  return done.id;
}

const pkg = (r: TestCacheResult, name: string) => r.packages.find((p) => p.package === name)!;
const reasons = (r: TestCacheResult, name: string) => pkg(r, name).reasons.map((x) => `${x.kind}: ${x.detail}`);

function gopsy(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: REPO, timeout: 120_000 }, (error, out, err) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, out, err });
    });
  });
}

const saved = process.env[VAR];

beforeAll(async () => {
  project = path.join(await makeTemp('testcache-project'), 'greet');
  await cp(MODULE, project, { recursive: true });
  await age(path.join(project, 'testdata/input.txt'));
  storage = await makeTemp('testcache-storage');
  ({ backend, api } = await connectedBackend(storage, project));
  // A value of this run only, so the first run is never a cache hit of an earlier test session.
  process.env[VAR] = `en-${path.basename(project)}`;
  ids.first = await run(runTests());
  ids.again = await run(runTests());
  process.env[VAR] = 'fr';
  ids.env = await run(runTests());
  await writeFile(path.join(project, 'testdata/input.txt'), 'first line\nsecond line\n');
  await age(path.join(project, 'testdata/input.txt'));
  ids.file = await run(runTests());
  const testFile = path.join(project, 'greet_test.go');
  await writeFile(testFile, (await readFile(testFile, 'utf8')).replace('"empty greeting"', '"no greeting"'));
  ids.binary = await run(runTests());
  ids.count = await run({ ...runTests(), testFlags: ['-count=1'] });
}, 900_000);

afterAll(async () => {
  if (saved === undefined) delete process.env[VAR];
  else process.env[VAR] = saved;
  await backend?.shutdown();
  await removeTemp(project && path.dirname(project));
  await removeTemp(storage);
});

describe('build.testCache over the contract', () => {
  test('the run ran go test with GODEBUG=gocachetest=1; its testcache lines went to testcache.txt, not the console', async () => {
    const detail = await api.call('build.run', { id: ids.again });
    expect(detail.manifest.command.argv[1]).toBe('test');
    expect(detail.manifest.command.argv).not.toContain('-c');
    expect(detail.manifest.command.env.GODEBUG).toMatch(/(^|,)gocachetest=1,gocachehash=1$/);
    expect(detail.manifest.artefacts).toEqual(expect.arrayContaining(['testcache.txt', 'cachehash.txt', 'console.txt']));
    const dir = backend.runs.store.runDir(project, ids.again);
    const lines = (await readFile(path.join(dir, 'testcache.txt'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith('testcache: '))).toBe(true);
    const consoleText = await readFile(path.join(dir, 'console.txt'), 'utf8');
    expect(consoleText).not.toMatch(/^(testcache: |HASH)/m);
    expect(consoleText).toMatch(/^ok\s+example\.com\/greet\s+\(cached\)$/m);
  });

  test('the first run has nothing to compare with; the same run again came from the test cache', async () => {
    const first = await api.call('build.testCache', { id: ids.first });
    expect(first.against).toBeNull();
    expect(pkg(first, GREET).cached).toBe(false);
    expect(pkg(first, GREET).reasons[0]!.kind).toBe('new');
    const again = await api.call('build.testCache', { id: ids.again });
    expect(again.against).toBe(ids.first);
    expect(again.packages.map((p) => [p.package, p.cached]).sort()).toEqual([
      [GREET, true],
      [OTHER, true],
    ]);
    expect(pkg(again, GREET).reasons).toEqual([]);
    expect(pkg(again, GREET).lines.some((l) => l.startsWith(`testcache: ${GREET}: test ID `))).toBe(true);
  });

  test('an env var the test read changed: its name, old and new value; the package that did not read it stayed cached', async () => {
    const r = await api.call('build.testCache', { id: ids.env });
    expect(r.against).toBe(ids.again);
    expect(reasons(r, GREET)).toEqual([`env: ${VAR} changed ("en-${path.basename(project)}" → "fr")`]);
    expect(pkg(r, OTHER).cached).toBe(true);
  });

  test('a file the test opened changed', async () => {
    const r = await api.call('build.testCache', { id: ids.file });
    expect(reasons(r, GREET)).toEqual(['file: testdata/input.txt changed']);
    expect(pkg(r, OTHER).cached).toBe(true);
  });

  test('the test source changed: the test binary changed, and why (the rebuild explanation of its link)', async () => {
    const r = await api.call('build.testCache', { id: ids.binary });
    expect(pkg(r, GREET).reasons.length).toBeGreaterThan(0);
    expect(pkg(r, GREET).reasons.every((x) => x.kind === 'binary')).toBe(true);
    expect(reasons(r, GREET)).toContain('binary: the test binary changed: greet_test.go changed');
    expect(pkg(r, OTHER).cached).toBe(true);
  });

  test('-count=1 turns off test caching for every package; a chosen run to compare with is used', async () => {
    const r = await api.call('build.testCache', { id: ids.count, against: ids.again });
    expect(r.against).toBe(ids.again);
    for (const name of [GREET, OTHER]) expect(reasons(r, name)).toEqual(['flag: -count=1 turns off test caching']);
    expect(pkg(r, OTHER).lines).toContain('testcache: caching disabled for test argument: -test.count=1');
  });

  test('a build run has no test cache record: a clear error', async () => {
    const build = await run({ ...BUILT_IN_PROFILES.find((p) => p.name === 'Diagnose failure')!, packages: ['./other'] });
    await expect(api.call('build.testCache', { id: build })).rejects.toMatchObject({ code: 'no-test-cache' });
  }, 300_000);
});

describe('gopsy explain on test runs (the built CLI)', () => {
  beforeAll(() => {
    if (!existsSync(path.join(REPO, 'out/main/cli.js'))) throw new Error('run npx electron-vite build first (these tests run the built CLI)');
  });

  test('--json: a test row per package with mode "test", cached and reasons {kind, detail}', async () => {
    const r = await gopsy(['explain', ids.env, '--json', '--storage', storage]);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Array<{ package: string; mode: string; cached: boolean; reasons: Array<{ kind: string; detail: string }> }>;
    const tests = rows.filter((x) => x.mode === 'test');
    expect(tests.find((x) => x.package === GREET)).toMatchObject({ cached: false, reasons: [{ kind: 'env', detail: `${VAR} changed ("en-${path.basename(project)}" → "fr")` }] });
    expect(tests.find((x) => x.package === OTHER)).toMatchObject({ cached: true, reasons: [] });
    // The rebuild rows are there too (the run recorded its cache-key inputs).
    expect(rows.some((x) => x.mode === 'build')).toBe(true);
  });

  test('text, with --against: the packages that ran and why', async () => {
    const r = await gopsy(['explain', ids.count, '--against', ids.again, '--storage', storage]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`test ${GREET}: ran\n    -count=1 turns off test caching\n`);
    expect(r.out).toContain('2 test packages: 0 from the test cache, 2 ran');
  });

  test('a first test run: every package is new, and no error for the missing earlier build', async () => {
    const r = await gopsy(['explain', ids.first, '--json', '--storage', storage]);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(r.out) as Array<{ mode: string; reasons: Array<{ kind: string }> }>;
    expect(rows.filter((x) => x.mode === 'test').map((x) => x.reasons[0]!.kind)).toEqual(['new', 'new']);
  });

  test('gopsy capture --profile "Run tests" --test-flag -count=1: a run directory explained against another', async () => {
    const out = path.join(storage, 'captured');
    const r = await gopsy(['capture', project, '--out', out, '--profile', 'Run tests', '--pkg', './other', '--test-flag', '-count=1', '--quiet']);
    expect(r.code, r.err + r.out).toBe(0);
    expect(await readFile(path.join(out, 'testcache.txt'), 'utf8')).toContain('testcache: caching disabled for test argument: -test.count=1\n');
    const e = await gopsy(['explain', out, '--against', out, '--json']);
    expect(e.code, e.err).toBe(0);
    const rows = (JSON.parse(e.out) as Array<{ package: string; mode: string; reasons: Array<{ kind: string; detail: string }> }>).filter((x) => x.mode === 'test');
    expect(rows).toEqual([expect.objectContaining({ package: OTHER, cached: false, reasons: [{ kind: 'flag', detail: '-count=1 turns off test caching' }] })]);
    const misuse = await gopsy(['capture', project, '--out', path.join(storage, 'not-made'), '--test-flag', '-count=1']);
    expect(misuse.code).not.toBe(0);
    expect(misuse.err).toContain('--test-flag needs --profile "Run tests"');
  });
});
