// Captures the "why did this test run again?" fixtures (test/fixtures/testcache/) from the real
// toolchain on a temp copy of test/fixtures/testcache/src, whose test reads the env vars GOPSY_DEMO and
// GOPSY_API_TOKEN and the file testdata/input.txt. Each sequence starts from an empty private GOCACHE
// and keeps one GODEBUG value throughout (GODEBUG is itself an input of every test result):
//   hashed/  GODEBUG=gocachetest=1,gocachehash=1 (the inputs' names and values are printed too):
//            first run, the same again, GOPSY_DEMO changed, GOPSY_API_TOKEN changed, input.txt changed,
//            the test source changed, -run changed, -count=1, -cpuprofile, input.txt modified just now,
//            and one go test -json run;
//   plain/   GODEBUG=gocachetest=1 only: first run, the same again, GOPSY_DEMO changed, then a failing
//            test added and run twice.
// Each file holds the run's stdout then its stderr, as printed. The temp folder is replaced by @TMP@
// so fixtures do not depend on where they were made; the hashed runs are gzipped (a test binary's
// link prints ~650 kB of cache-key inputs). hashed/first keeps everything; in the other hashed runs
// the cache-key blocks of the standard library, the module index, the link and vet are left out
// (whole lines only: the test cache's own blocks and the sample's packages stay as printed).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(repo, 'test/fixtures/testcache/src');
const out = path.join(repo, 'test/fixtures/testcache');
/** A made-up value: the fixtures show that gopsy hides it, so it must never be a real secret. */
const FAKE_TOKEN = 'demo-token-not-a-secret';

export function captureTestCacheFixtures() {
  for (const f of ['hashed', 'plain']) rmSync(path.join(out, f), { recursive: true, force: true });
  const temp = mkdtempSync(path.join(os.tmpdir(), 'gopsy-testcache-fixtures-'));
  try {
    captureHashed(temp);
    capturePlain(temp);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Sets a file's mtime a minute back: the go command does not cache a result that read a file modified in the last 2 s. */
function age(file) {
  const past = new Date(Date.now() - 60_000);
  utimesSync(file, past, past);
}

function setup(temp, name) {
  const project = path.join(temp, name);
  cpSync(src, project, { recursive: true });
  age(path.join(project, 'testdata/input.txt'));
  const env = {
    ...process.env,
    GOFLAGS: '',
    GOTOOLCHAIN: 'local',
    GOCACHE: path.join(temp, `cache-${name}`),
    GOPSY_DEMO: 'one',
    GOPSY_API_TOKEN: FAKE_TOKEN,
  };
  delete env.GODEBUG;
  const capture =
    (dir, gzip) =>
    (fixture, args, extraEnv = {}, expectOk = true) => {
      const res = spawnSync('go', args, {
        cwd: project,
        encoding: 'utf8',
        env: { ...env, ...extraEnv },
        maxBuffer: 256 * 1024 * 1024,
      });
      if ((res.status === 0) !== expectOk)
        throw new Error(
          `go ${args.join(' ')} ${expectOk ? 'failed' : 'passed'}:\n${res.stdout}\n${res.stderr}`,
        );
      let text = (res.stdout + res.stderr).split(temp).join('@TMP@');
      if (gzip && fixture !== 'first') text = text.split('\n').filter(keepLine).join('\n');
      const file = path.join(out, dir, `${fixture}.txt${gzip ? '.gz' : ''}`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, gzip ? gzipSync(text, { level: 9 }) : text);
      console.log(
        `wrote test/fixtures/testcache/${dir}/${fixture}.txt${gzip ? '.gz' : ''} (${text.length} chars)`,
      );
    };
  return { project, capture };
}

/** Whether a line of a hashed run is about the test cache or the sample's own packages. */
function keepLine(line) {
  if (!line.startsWith('HASH')) return true;
  const m = /^HASH\[(.+?)\](?::|$)/.exec(line);
  if (!m) return false; // HASH /file: and HASH subkey lines
  return /^(testResult|testInputs|getenv|open|stat)$/.test(m[1]) || m[1].startsWith('build example.org/demo');
}

function edit(project, rel, change) {
  const file = path.join(project, rel);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${rel} changed nothing`);
  writeFileSync(file, after);
  return file;
}

function captureHashed(temp) {
  const { project, capture } = setup(temp, 'hashed');
  const run = capture('hashed', true);
  // Each run changes one thing from the run before it: a changed variable keeps its new value after.
  const vars = { GODEBUG: 'gocachetest=1,gocachehash=1' };
  const go = (fixture, flags = [], change = {}) => {
    Object.assign(vars, change);
    run(fixture, ['test', ...flags, '.'], vars);
  };
  go('first');
  go('again');
  go('env-changed', [], { GOPSY_DEMO: 'two' });
  go('secret-changed', [], { GOPSY_API_TOKEN: `${FAKE_TOKEN}-rotated` });
  age(edit(project, 'testdata/input.txt', (s) => s + 'second line\n'));
  go('file-changed');
  edit(project, 'demo_test.go', (s) => s.replace('t.Fatal("empty greeting")', 't.Fatal("no greeting")'));
  go('binary-changed');
  go('run-flag', ['-run=TestGreet']);
  go('count-1', ['-count=1']);
  go('cpuprofile', [`-cpuprofile=${path.join(temp, 'cpu.out')}`]);
  // Modified just now: the go command refuses to record a file newer than 2 s as an input.
  edit(project, 'testdata/input.txt', (s) => s + 'third line\n');
  go('file-too-new');
  age(path.join(project, 'testdata/input.txt'));
  go('json', ['-json']);
}

function capturePlain(temp) {
  const { project, capture } = setup(temp, 'plain');
  const run = capture('plain', false);
  const env = { GODEBUG: 'gocachetest=1' };
  run('first', ['test', '.'], env);
  run('again', ['test', '.'], env);
  run('env-changed', ['test', '.'], { ...env, GOPSY_DEMO: 'two' });
  // A failing test, twice: go test caches only passing results, so the second run finds nothing either.
  writeFileSync(
    path.join(project, 'fail_test.go'),
    'package demo\n\nimport "testing"\n\nfunc TestFails(t *testing.T) { t.Fatal("fails on purpose") }\n',
  );
  run('fail', ['test', '.'], env, false);
  run('fail-again', ['test', '.'], env, false);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  captureTestCacheFixtures();
